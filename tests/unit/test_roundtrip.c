/* test_roundtrip.c - rows/roundtrip.h: the _checksum cell export contacts
 * writes and update reads, in both versions. */
#include "rows/roundtrip.h"
#include "unit.h"

static const char *const vals[RT_COLUMNS] = {
	"Ana", "Lopez", "ana@ex.com", "CTO", "Ex Co", "", "Madrid",
	"+34 600", "", "", "", "", "Cold", "owner@ex.com", "Q4; Partners",
};

START_TEST(v1_files_still_read)
{
	char sum[128];
	struct roundtrip_sum s;
	roundtrip_checksum(vals, sum, sizeof sum);
	ck_assert(strncmp(sum, "v1:", 3) == 0);
	ck_assert(roundtrip_parse(sum, &s));
	ck_assert_int_eq(s.version, 1);
	/* a v1 file had no editable phones, stage, owner or lists */
	ck_assert_uint_eq(s.nfixed, ROUNDTRIP_V1_FIELDS);
	ck_assert_uint_eq(s.fixed[RT_TITLE], roundtrip_hash("CTO", 3));
	ck_assert(!roundtrip_had_list(&s, "Q4", 2));
}
END_TEST

START_TEST(v2_covers_every_editable_column_lists_and_custom_fields)
{
	static const char *const lists[] = { "Q4", "Partners" };
	static const char *const labels[] = { "Lead Source", "Renewal Date" };
	static const char *const cvals[] = { "Webinar", "2026-03-01" };
	struct dynbuf b;
	struct roundtrip_sum s;
	uint32_t h;

	dynbuf_init(&b, 1 << 16);
	roundtrip_checksum_v2(vals, lists, 2, labels, cvals, 2, &b);
	dynbuf_add(&b, "", 1);
	ck_assert(roundtrip_parse(b.data, &s));
	ck_assert_int_eq(s.version, 2);
	ck_assert_uint_eq(s.nfixed, RT_COLUMNS);
	for (size_t i = 0; i < RT_COLUMNS; i++)
		ck_assert_uint_eq(s.fixed[i], roundtrip_hash(vals[i], strlen(vals[i])));
	/* lists by name, case aside; one it was not on is not taken for one */
	ck_assert(roundtrip_had_list(&s, "q4", 2));
	ck_assert(roundtrip_had_list(&s, "Partners", 8));
	ck_assert(!roundtrip_had_list(&s, "Q5", 2));
	/* custom fields by label: the column may move */
	ck_assert(roundtrip_custom_hash(&s, "renewal date", &h));
	ck_assert_uint_eq(h, roundtrip_hash("2026-03-01", 10));
	ck_assert(!roundtrip_custom_hash(&s, "Persona", &h));
	dynbuf_free(&b);
}
END_TEST

START_TEST(accounts_have_their_own_form)
{
	static const char *const avals[AC_COLUMNS] = { "Acme", "Prospect", "a@ex.com", "Key; EMEA", "acme.com", "+1 5" };
	static const char *const lists[] = { "Key" };
	struct dynbuf b;
	struct roundtrip_sum s;

	dynbuf_init(&b, 1 << 16);
	roundtrip_checksum_accounts(avals, lists, 1, NULL, NULL, 0, &b);
	dynbuf_add(&b, "", 1);
	ck_assert(strncmp(b.data, "a1:", 3) == 0);
	ck_assert(roundtrip_parse(b.data, &s));
	ck_assert(s.accounts);
	ck_assert_uint_eq(s.nfixed, AC_COLUMNS);
	ck_assert_uint_eq(s.fixed[AC_WEBSITE], roundtrip_hash("acme.com", 8));
	ck_assert(roundtrip_had_list(&s, "KEY", 3));
	ck_assert_str_eq(roundtrip_account_columns[AC_OWNER], "Account Owner");
	dynbuf_free(&b);
}
END_TEST

START_TEST(an_edited_checksum_is_refused)
{
	static const char *const bad[] = {
		"", "v1:", "v3:00000000", "v1:0000000g000000000000000000000000000000000000000000000000",
		"v2:00", "v2:000000000000000000000000000000000000000000000000000000000000000000000000000000000"
		"0000000000000000000000000000000000000.1234",
		"v2:000000000000000000000000000000000000000000000000000000000000000000000000000000000"
		"0000000000000000000000000000000000000~123",
	};
	struct roundtrip_sum s;
	ck_assert_msg(!roundtrip_parse(bad[_i], &s), "\"%s\" read as a checksum", bad[_i]);
}
END_TEST

START_TEST(spaces_at_the_ends_do_not_count)
{
	ck_assert_uint_eq(roundtrip_hash(" CTO\t", 5), roundtrip_hash("CTO", 3));
	ck_assert_uint_ne(roundtrip_hash("cto", 3), roundtrip_hash("CTO", 3));
}
END_TEST

static Suite *roundtrip_suite(void)
{
	Suite *s = suite_create("roundtrip");
	TCase *t = tcase_create("roundtrip");
	tcase_add_test(t, v1_files_still_read);
	tcase_add_test(t, v2_covers_every_editable_column_lists_and_custom_fields);
	tcase_add_test(t, accounts_have_their_own_form);
	tcase_add_loop_test(t, an_edited_checksum_is_refused, 0, 7);
	tcase_add_test(t, spaces_at_the_ends_do_not_count);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return unit_run(roundtrip_suite());
}
