/* test_account_columns.c - rows/account_columns.h: a companies file's
 * columns as Apollo, HubSpot and Salesforce exports and hand-made sheets
 * name them, and what a row's cells become; rows/account_links.h: the
 * accounts a run has learnt by those keys. */
#include "rows/account_columns.h"
#include "rows/account_links.h"
#include "unit.h"

/* a record of n cells */
static struct csv_record record(const char **cells, size_t n)
{
	static size_t lens[64];
	struct csv_record r = { .nfields = n, .fields = cells, .lens = lens };
	for (size_t i = 0; i < n; i++)
		lens[i] = strlen(cells[i]);
	return r;
}

/* Apollo's accounts export, its 43 columns in order (custom ones last) */
START_TEST(apollo_export_columns)
{
	static const char *h[] = {
		"Company Name", "Company Name for Emails", "Account Stage", "Lists", "# Employees", "Industry",
		"Account Owner", "Website", "Company Linkedin Url", "Facebook Url", "Twitter Url", "Company Street",
		"Company City", "Company State", "Company Country", "Company Postal Code", "Company Address",
		"Keywords", "Company Phone", "Technologies", "Total Funding", "Latest Funding",
		"Latest Funding Amount", "Last Raised At", "Annual Revenue", "Number of Retail Locations",
		"Apollo Account Id", "SIC Codes", "NAICS Codes", "Short Description", "Founded Year", "Logo Url",
		"Subsidiary of", "Subsidiary of (Organization ID)", "Primary Intent Topic", "Primary Intent Score",
		"Secondary Intent Topic", "Secondary Intent Score", "Prerequisite: Determine Research Guidelines",
		"Already Prospected 2717", "Qualify Account", "Qualified Prospect 6487",
		"Prerequisite: Research Target Company",
	};
	struct csv_record r = record(h, sizeof h / sizeof h[0]);
	int col[AC_COUNT];

	ck_assert_uint_eq(r.nfields, 43);
	account_columns_find(&r, col);
	ck_assert_int_eq(col[AC_NAME], 0);
	ck_assert_int_eq(col[AC_STAGE], 2);
	ck_assert_int_eq(col[AC_LISTS], 3);
	ck_assert_int_eq(col[AC_OWNER], 6);
	ck_assert_int_eq(col[AC_WEBSITE], 7);
	ck_assert_int_eq(col[AC_LINKEDIN], 8);
	ck_assert_int_eq(col[AC_STREET], 11);
	ck_assert_int_eq(col[AC_CITY], 12);
	ck_assert_int_eq(col[AC_STATE], 13);
	ck_assert_int_eq(col[AC_COUNTRY], 14);
	ck_assert_int_eq(col[AC_POSTAL], 15);
	ck_assert_int_eq(col[AC_ADDRESS], 16);
	ck_assert_int_eq(col[AC_PHONE], 18);
	ck_assert_int_eq(col[AC_ID], 26);
}
END_TEST

START_TEST(hubspot_and_salesforce_columns)
{
	static const char *hub[] = { "Record ID", "Company name", "Company Domain Name", "Phone Number",
	                             "Company owner", "City", "State/Region", "Country/Region", "Postal Code",
	                             "Street Address", "LinkedIn Company Page", "Lifecycle Stage" };
	static const char *sf[] = { "Account ID", "Account Name", "Website", "Phone", "Account Owner",
	                            "Billing Street", "Billing City", "Billing State/Province",
	                            "Billing Zip/Postal Code", "Billing Country" };
	struct csv_record r = record(hub, sizeof hub / sizeof hub[0]);
	int col[AC_COUNT];

	account_columns_find(&r, col);
	ck_assert_int_eq(col[AC_ID], -1);       /* HubSpot's record id is not Apollo's */
	ck_assert_int_eq(col[AC_NAME], 1);
	ck_assert_int_eq(col[AC_WEBSITE], 2);
	ck_assert_int_eq(col[AC_PHONE], 3);
	ck_assert_int_eq(col[AC_OWNER], 4);
	ck_assert_int_eq(col[AC_CITY], 5);
	ck_assert_int_eq(col[AC_STATE], 6);
	ck_assert_int_eq(col[AC_COUNTRY], 7);
	ck_assert_int_eq(col[AC_POSTAL], 8);
	ck_assert_int_eq(col[AC_STREET], 9);
	ck_assert_int_eq(col[AC_LINKEDIN], 10);
	r = record(sf, sizeof sf / sizeof sf[0]);
	account_columns_find(&r, col);
	ck_assert_int_eq(col[AC_ID], -1);       /* nor is Salesforce's */
	ck_assert_int_eq(col[AC_NAME], 1);
	ck_assert_int_eq(col[AC_WEBSITE], 2);
	ck_assert_int_eq(col[AC_PHONE], 3);
	ck_assert_int_eq(col[AC_OWNER], 4);
	ck_assert_int_eq(col[AC_STREET], 5);
	ck_assert_int_eq(col[AC_CITY], 6);
	ck_assert_int_eq(col[AC_STATE], 7);
	ck_assert_int_eq(col[AC_POSTAL], 8);
	ck_assert_int_eq(col[AC_COUNTRY], 9);
}
END_TEST

START_TEST(a_hand_made_sheet)
{
	static const char *h[] = { "name", "domain" };
	struct csv_record r = record(h, 2);
	int col[AC_COUNT];

	account_columns_find(&r, col);
	ck_assert_int_eq(col[AC_NAME], 0);
	ck_assert_int_eq(col[AC_WEBSITE], 1);
	ck_assert_int_eq(col[AC_PHONE], -1);
}
END_TEST

START_TEST(the_address_in_one_line)
{
	static const char *h[] = { "Company Street", "Company City", "Company Country", "Company Address" };
	static const char *parts[] = { " Hauptstr. 1 ", "Berlin", "Germany", "" };
	static const char *whole[] = { "Hauptstr. 1", "Berlin", "Germany", "Hauptstr. 1, 10115 Berlin, Germany" };
	struct csv_record hr = record(h, 4), r;
	struct dynbuf d;
	int col[AC_COUNT];

	account_columns_find(&hr, col);
	dynbuf_init(&d, 4096);
	r = record(parts, 4);
	account_address(&r, col, &d);
	ck_assert_str_eq(dynbuf_cstr(&d), "Hauptstr. 1, Berlin, Germany");
	r = record(whole, 4);
	account_address(&r, col, &d);
	ck_assert_str_eq(dynbuf_cstr(&d), "Hauptstr. 1, 10115 Berlin, Germany");
	dynbuf_free(&d);
}
END_TEST

START_TEST(lists_have_one_spelling)
{
	struct dynbuf a, b;

	dynbuf_init(&a, 4096);
	dynbuf_init(&b, 4096);
	account_lists("Tier 1, Q3 targets;Germany", &a);
	account_lists(" germany ;Q3 targets,Tier 1,,Tier 1", &b);
	ck_assert_str_eq(dynbuf_cstr(&a), "Germany;Q3 targets;Tier 1");
	ck_assert_str_eq(dynbuf_cstr(&b), "germany;Q3 targets;Tier 1");
	account_lists("  ", &a);
	ck_assert_str_eq(dynbuf_cstr(&a), "");
	dynbuf_free(&a);
	dynbuf_free(&b);
}
END_TEST

START_TEST(one_account_by_domain_else_name)
{
	struct dynbuf a, b;

	dynbuf_init(&a, 4096);
	dynbuf_init(&b, 4096);
	account_key("acme.com", "Acme", &a);
	account_key("acme.com", "ACME Corporation", &b);
	ck_assert_str_eq(dynbuf_cstr(&a), dynbuf_cstr(&b));
	account_key(NULL, "ACME, Inc.", &a);
	account_key("", "Acme Inc", &b);
	ck_assert_str_eq(dynbuf_cstr(&a), "n:acmeinc");
	ck_assert_str_eq(dynbuf_cstr(&a), dynbuf_cstr(&b));
	account_key("acmeinc", NULL, &b);        /* a domain is never a name */
	ck_assert_str_ne(dynbuf_cstr(&a), dynbuf_cstr(&b));
	account_key(NULL, " ,", &a);
	ck_assert_str_eq(dynbuf_cstr(&a), "");
	dynbuf_free(&a);
	dynbuf_free(&b);
}
END_TEST

START_TEST(links_are_learnt_once_and_never_guessed)
{
	struct account_links l;

	account_links_init(&l);
	ck_assert_ptr_null(account_links_find(&l, "d:acme.com"));
	ck_assert(account_links_put(&l, "d:acme.com", "a1"));
	ck_assert(account_links_put(&l, "n:acme", "a1"));
	ck_assert_str_eq(account_links_find(&l, "d:acme.com"), "a1");
	/* the same again changes nothing */
	ck_assert(account_links_put(&l, "n:acme", "a1"));
	ck_assert_str_eq(account_links_find(&l, "n:acme"), "a1");
	/* a second account with the name: which one a row means is not guessed */
	ck_assert(account_links_put(&l, "n:acme", "a2"));
	ck_assert_str_eq(account_links_find(&l, "n:acme"), "");
	ck_assert(account_links_put(&l, "n:acme", "a1"));
	ck_assert_str_eq(account_links_find(&l, "n:acme"), "");
	ck_assert_str_eq(account_links_find(&l, "d:acme.com"), "a1");
	/* nothing is learnt for an empty key or id */
	ck_assert(account_links_put(&l, "", "a3"));
	ck_assert(account_links_put(&l, "d:x.com", ""));
	ck_assert_ptr_null(account_links_find(&l, ""));
	ck_assert_ptr_null(account_links_find(&l, "d:x.com"));
	for (int i = 0; i < 5000; i++) {
		char key[32], id[32];
		snprintf(key, sizeof key, "d:c%d.example", i);
		snprintf(id, sizeof id, "id%d", i);
		ck_assert(account_links_put(&l, key, id));
	}
	ck_assert_str_eq(account_links_find(&l, "d:c4321.example"), "id4321");
	account_links_free(&l);
}
END_TEST

static Suite *account_columns_suite(void)
{
	Suite *s = suite_create("account_columns");
	TCase *tc = tcase_create("columns");
	tcase_add_test(tc, apollo_export_columns);
	tcase_add_test(tc, hubspot_and_salesforce_columns);
	tcase_add_test(tc, a_hand_made_sheet);
	tcase_add_test(tc, the_address_in_one_line);
	tcase_add_test(tc, lists_have_one_spelling);
	tcase_add_test(tc, one_account_by_domain_else_name);
	tcase_add_test(tc, links_are_learnt_once_and_never_guessed);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(account_columns_suite());
}
