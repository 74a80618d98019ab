/* test_validate.c - rows/validate.h: email syntax and "can this row become a
 * contact". */
#include "rows/mapping.h"
#include "rows/validate.h"
#include "unit.h"

static void accepts(const char *email)
{
	const char *why = validate_email(email);
	ck_assert_msg(why == NULL, "\"%s\" rejected: %s", email, why);
}

static void rejects(const char *email, const char *reason)
{
	const char *why = validate_email(email);
	ck_assert_msg(why != NULL, "\"%s\" accepted", email);
	ck_assert_msg(strcmp(why, reason) == 0, "\"%s\": got \"%s\", expected \"%s\"", email, why,
	              reason);
}

/* ---- validate_email ---- */

START_TEST(accepts_a_normal_address)
{
	accepts("ana.diaz@quillmetrics.io");
	accepts("bob@acme.com");
	accepts("o'brien@acme.ie");
	accepts("x_y-z@a-b.io");
}
END_TEST

START_TEST(accepts_plus_addressing)
{
	accepts("ana+newsletter@gmail.com");
}
END_TEST

START_TEST(accepts_subdomains)
{
	accepts("a.b@mail.eu.acme.co.uk");
}
END_TEST

START_TEST(accepts_utf8_addresses)
{
	accepts("jos\xC3\xA9@b\xC3\xBC" "cher.de");               /* josé@bücher.de */
	accepts("\xE7\x94\xB0\xE4\xB8\xAD@\xE4\xBE\x8B\xE3\x81\x88.jp"); /* 田中@例え.jp */
}
END_TEST

START_TEST(rejects_nothing_after_at)
{
	rejects("bob@", "has nothing after the @");
}
END_TEST

START_TEST(rejects_nothing_before_at)
{
	rejects("@acme.com", "has nothing before the @");
}
END_TEST

START_TEST(rejects_domain_without_dot)
{
	rejects("mary@gmail", "has no dot in its domain");
}
END_TEST

START_TEST(rejects_space)
{
	rejects("a b@c.com", "contains a space");
}
END_TEST

START_TEST(rejects_two_at_signs)
{
	rejects("x@@y.com", "has more than one @");
}
END_TEST

START_TEST(rejects_double_dot_in_domain)
{
	rejects("x@y..com", "has a misplaced dot");
}
END_TEST

START_TEST(rejects_one_letter_tld)
{
	rejects("x@y.c", "has a top-level domain shorter than two letters");
}
END_TEST

START_TEST(rejects_digits_in_tld)
{
	rejects("x@y.c0m", "has digits in its top-level domain");
}
END_TEST

START_TEST(rejects_leading_dot)
{
	rejects(".x@y.com", "has a misplaced dot");
	rejects("x.@y.com", "has a misplaced dot");
}
END_TEST

START_TEST(rejects_two_addresses_in_one_cell)
{
	rejects("a;b@c.com,d@e.com", "holds more than one address (one email per row)");
	rejects("a@b.com; c@d.com", "holds more than one address (one email per row)");
}
END_TEST

START_TEST(rejects_other_malformed_addresses)
{
	char long_local[80];

	rejects("no-at-sign.com", "has no @");
	rejects("a(b)@c.com", "has a character that is not allowed before the @");
	rejects("a@b_c.com", "has a character that is not allowed in its domain");
	rejects("a@-b.com", "has a malformed domain");
	rejects("a@b.com.", "has a malformed domain");
	rejects("a@.b.com", "has a malformed domain");
	rejects("a@b-.com", "has a malformed domain");
	rejects("a..b@c.com", "has a misplaced dot");
	memset(long_local, 'a', 65);
	strcpy(long_local + 65, "@x.com");
	rejects(long_local, "has more than 64 characters before the @");
	long_local[64] = '@';
	strcpy(long_local + 65, "x.com");
	accepts(long_local);                              /* exactly 64 is fine */
}
END_TEST

/* Regression: a domain may not end with a hyphen ("x@acme.com-"). */
START_TEST(rejects_trailing_hyphen_in_domain)
{
	rejects("x@acme.com-", "has a malformed domain");
}
END_TEST

/* Regression: a punycode top-level domain (.xn--p1ai for .рф) has digits
 * and is still accepted, as its UTF-8 form is. */
START_TEST(accepts_punycode_tld)
{
	accepts("ivan@\xD0\xBF\xD1\x80\xD0\xB8\xD0\xBC\xD0\xB5\xD1\x80.\xD1\x80\xD1\x84"); /* пример.рф */
	accepts("ivan@xn--e1afmkfd.xn--p1ai");
}
END_TEST

/* ---- validate_contact ---- */

/* A contact made the way the program makes one: a column map and a
 * record, through mapping_apply. Column i holds field fields[i]. */
static const enum field fields[] = { F_EMAIL, F_FIRST_NAME, F_LAST_NAME, F_ORGANIZATION_NAME };
#define NCOLS (sizeof fields / sizeof fields[0])

static struct contact c;
static struct column_map map;
static const char *cells[NCOLS];
static size_t lens[NCOLS];
static struct csv_record rec;

static void contact_setup(void)
{
	for (int f = 0; f < F_COUNT; f++)
		map.col[f] = -1;
	for (size_t i = 0; i < NCOLS; i++) {
		map.col[fields[i]] = (int)i;
		cells[i] = "";
		lens[i] = 0;
	}
	rec.nfields = NCOLS;
	rec.fields = cells;
	rec.lens = lens;
	contact_init(&c);
	mapping_apply(&map, &rec, &c);
}

static void contact_teardown(void)
{
	contact_free(&c);
}

/* Sets a cell, then (re)applies the row to the contact. */
static void set(enum field f, const char *v)
{
	for (size_t i = 0; i < NCOLS; i++)
		if (fields[i] == f) {
			cells[i] = v;
			lens[i] = strlen(v);
			mapping_apply(&map, &rec, &c);
			return;
		}
	ck_abort_msg("field %d has no column", (int)f);
}

START_TEST(email_only_is_valid)
{
	enum field f = F_EMAIL;
	char buf[512];
	set(F_EMAIL, "ana@acme.com");
	ck_assert_ptr_null(validate_contact(&c, &f, buf, sizeof buf));
	ck_assert_int_eq(f, F_COUNT);
}
END_TEST

START_TEST(name_and_company_without_email_is_valid)
{
	enum field f = F_EMAIL;
	char buf[512];
	set(F_FIRST_NAME, "Ana");
	set(F_LAST_NAME, "Diaz");
	set(F_ORGANIZATION_NAME, "Quillmetrics");
	ck_assert_ptr_null(validate_contact(&c, &f, buf, sizeof buf));
}
END_TEST

START_TEST(bad_email_names_the_address_and_the_field)
{
	enum field f = F_COUNT;
	char buf[512];
	const char *why;
	set(F_EMAIL, "bob@");
	set(F_FIRST_NAME, "Bob");
	set(F_LAST_NAME, "Stone");
	set(F_ORGANIZATION_NAME, "Acme");
	why = validate_contact(&c, &f, buf, sizeof buf);
	ck_assert_ptr_nonnull(why);
	ck_assert_str_eq(why, "email \"bob@\" has nothing after the @");
	ck_assert_int_eq(f, F_EMAIL);
}
END_TEST

static const char *why_not(void)
{
	enum field f = F_EMAIL;
	static char buf[512];
	const char *why = validate_contact(&c, &f, buf, sizeof buf);
	ck_assert_ptr_nonnull(why);
	ck_assert_int_eq(f, F_COUNT);
	return why;
}

#define TAIL " to match the contact by (Apollo needs an email, or first name + last name + company)"

START_TEST(empty_row_names_all_three_parts)
{
	ck_assert_str_eq(why_not(), "no email, and no first name, last name or company" TAIL);
}
END_TEST

START_TEST(missing_company_is_named)
{
	set(F_FIRST_NAME, "Ana");
	set(F_LAST_NAME, "Diaz");
	ck_assert_str_eq(why_not(), "no email, and no company" TAIL);
}
END_TEST

START_TEST(missing_last_name_and_company_are_named)
{
	set(F_FIRST_NAME, "Ana");
	ck_assert_str_eq(why_not(), "no email, and no last name or company" TAIL);
}
END_TEST

START_TEST(missing_first_name_is_named)
{
	set(F_LAST_NAME, "Diaz");
	set(F_ORGANIZATION_NAME, "Quillmetrics");
	ck_assert_str_eq(why_not(), "no email, and no first name" TAIL);
}
END_TEST

static Suite *validate_suite(void)
{
	Suite *s = suite_create("validate");
	TCase *email = tcase_create("validate_email");
	TCase *contact = tcase_create("validate_contact");

	tcase_add_test(email, accepts_a_normal_address);
	tcase_add_test(email, accepts_plus_addressing);
	tcase_add_test(email, accepts_subdomains);
	tcase_add_test(email, accepts_utf8_addresses);
	tcase_add_test(email, rejects_nothing_after_at);
	tcase_add_test(email, rejects_nothing_before_at);
	tcase_add_test(email, rejects_domain_without_dot);
	tcase_add_test(email, rejects_space);
	tcase_add_test(email, rejects_two_at_signs);
	tcase_add_test(email, rejects_double_dot_in_domain);
	tcase_add_test(email, rejects_one_letter_tld);
	tcase_add_test(email, rejects_digits_in_tld);
	tcase_add_test(email, rejects_leading_dot);
	tcase_add_test(email, rejects_two_addresses_in_one_cell);
	tcase_add_test(email, rejects_other_malformed_addresses);
	tcase_add_test(email, rejects_trailing_hyphen_in_domain);
	tcase_add_test(email, accepts_punycode_tld);
	suite_add_tcase(s, email);

	tcase_add_checked_fixture(contact, contact_setup, contact_teardown);
	tcase_add_test(contact, email_only_is_valid);
	tcase_add_test(contact, name_and_company_without_email_is_valid);
	tcase_add_test(contact, bad_email_names_the_address_and_the_field);
	tcase_add_test(contact, empty_row_names_all_three_parts);
	tcase_add_test(contact, missing_company_is_named);
	tcase_add_test(contact, missing_last_name_and_company_are_named);
	tcase_add_test(contact, missing_first_name_is_named);
	suite_add_tcase(s, contact);
	return s;
}

int main(void)
{
	return unit_run(validate_suite());
}
