/* test_ids.c - values/ids.h: Apollo ids, and what a spreadsheet leaves of
 * one it took for a number. */
#include "values/ids.h"
#include "unit.h"

static const char *const mangled[] = {
	"7E+23", "7E+023", "7E23", "7e+23", "7.00E+23", "6.6E+23", "6,6E+23", "6.60000000000000E+23",
	"1.23456789012345E+23", "7E+15", "7E+39",
	/* a 24-digit id with every digit after the 15th made 0 */
	"660000000000000000000000", "700000000000000000000000", "123456789012345000000000",
	"1234567890123450", "6600000000000000000000000000000000000000",
};

static const char *const not_mangled[] = {
	/* real ids: hex, digits only, digits with a 16th digit kept */
	"63bbd79078d5968148de146a", "700000000000000000000001", "123456789012345600000000",
	"660000000000000000000001", "66000000000000e000000000",
	/* numbers that are not ids, and near misses */
	"7E+5", "7E+14", "7E+40", "7E+", "E+23", "7.E+23", "77E+23", "0E+23", "7E+2300", "7.00E+23x",
	"-7E+23", "7E-23", "123456789012345", "066000000000000000000000", "66000000000000000000000000000000000000000",
	"", "abc", "12345",
};

START_TEST(recognises_what_a_spreadsheet_made_of_an_id)
{
	ck_assert_msg(apollo_id_mangled(mangled[_i]), "\"%s\" not recognised", mangled[_i]);
	ck_assert_msg(!apollo_id_valid(mangled[_i]), "\"%s\" taken for an id", mangled[_i]);
}
END_TEST

START_TEST(leaves_ids_and_other_text_alone)
{
	ck_assert_msg(!apollo_id_mangled(not_mangled[_i]), "\"%s\" taken for a mangled id", not_mangled[_i]);
}
END_TEST

START_TEST(valid_ids)
{
	ck_assert(apollo_id_valid("63bbd79078d5968148de146a"));
	ck_assert(apollo_id_valid("700000000000000000000001"));
	ck_assert(apollo_id_valid("acc_42-x"));
	ck_assert(!apollo_id_valid(""));
	ck_assert(!apollo_id_valid("not an id!"));
	ck_assert(!apollo_id_valid("7E23"));
	ck_assert(!apollo_id_valid("660000000000000000000000"));
}
END_TEST

START_TEST(only_apollo_shaped_ids_are_apollo_ids)
{
	ck_assert(apollo_id_shaped("63bbd79078d5968148de146a"));
	ck_assert(apollo_id_shaped("64A000007EEB8A1EC9332A30"));
	ck_assert(apollo_id_shaped("700000000000000000000001"));
	/* Salesforce's 18- and 15-character ids, HubSpot's record numbers */
	ck_assert(!apollo_id_shaped("0055e00000lLbL3AAK"));
	ck_assert(!apollo_id_shaped("0055e00000lLbL3"));
	ck_assert(!apollo_id_shaped("51873479021"));
	/* 24 characters, not all hex; one short, one long */
	ck_assert(!apollo_id_shaped("0055e00000lLbL3AAKAAKAAK"));
	ck_assert(!apollo_id_shaped("63bbd79078d5968148de146"));
	ck_assert(!apollo_id_shaped("63bbd79078d5968148de146a0"));
	ck_assert(!apollo_id_shaped(" 63bbd79078d5968148de146a"));
	ck_assert(!apollo_id_shaped(""));
	ck_assert(!apollo_id_shaped("7E+23"));
	ck_assert(!apollo_id_shaped("660000000000000000000000"));
}
END_TEST

START_TEST(the_reason_says_what_happened_and_what_to_do)
{
	char buf[512];
	ck_assert_ptr_null(apollo_id_mangled_reason("63bbd79078d5968148de146a", "contact", buf, sizeof buf));
	ck_assert_ptr_eq(apollo_id_mangled_reason("7E+023", "contact", buf, sizeof buf), buf);
	ck_assert_str_eq(buf, "\"7E+023\" is an Apollo contact id that a spreadsheet turned into a number; "
	                      "the id is lost: export again with -o FILE.xlsx, or format the column as Text "
	                      "before you open the CSV");
	ck_assert_ptr_nonnull(apollo_id_mangled_reason("660000000000000000000000", "account", buf, sizeof buf));
	ck_assert_msg(strstr(buf, "is an Apollo account id that a spreadsheet turned into a number and cut "
	                          "to 15 digits; the id is lost") != NULL, "%s", buf);
}
END_TEST

START_TEST(the_id_apollo_refused_is_read_from_its_words)
{
	char id[25];
	ck_assert(apollo_refused_id("Parameters misconfigured. 5f2a00000000000000000001 is not a valid ID",
	                            id, sizeof id));
	ck_assert_str_eq(id, "5f2a00000000000000000001");
	ck_assert(apollo_refused_id("contact_ids[1]: Parameters misconfigured. acc_42-x is not a valid ID",
	                            id, sizeof id));
	ck_assert_str_eq(id, "acc_42-x");
	ck_assert(apollo_refused_id("abc is not a valid ID", id, sizeof id));
	ck_assert_str_eq(id, "abc");
	/* not a refusal of an id, or no id word before the words */
	ck_assert(!apollo_refused_id("Please specify at least a name or domain.", id, sizeof id));
	ck_assert(!apollo_refused_id(NULL, id, sizeof id));
	ck_assert(!apollo_refused_id(" is not a valid ID", id, sizeof id));
	ck_assert(!apollo_refused_id("Parameters misconfigured. [x] is not a valid ID", id, sizeof id));
	/* an id longer than the buffer is not cut */
	ck_assert(!apollo_refused_id("5f2a000000000000000000012345 is not a valid ID", id, sizeof id));
}
END_TEST

static Suite *ids_suite(void)
{
	Suite *s = suite_create("ids");
	TCase *ids = unit_tcase("ids");

	tcase_add_loop_test(ids, recognises_what_a_spreadsheet_made_of_an_id, 0,
	                    (int)(sizeof mangled / sizeof mangled[0]));
	tcase_add_loop_test(ids, leaves_ids_and_other_text_alone, 0,
	                    (int)(sizeof not_mangled / sizeof not_mangled[0]));
	tcase_add_test(ids, valid_ids);
	tcase_add_test(ids, only_apollo_shaped_ids_are_apollo_ids);
	tcase_add_test(ids, the_reason_says_what_happened_and_what_to_do);
	tcase_add_test(ids, the_id_apollo_refused_is_read_from_its_words);
	suite_add_tcase(s, ids);
	return s;
}

int main(void)
{
	return unit_run(ids_suite());
}
