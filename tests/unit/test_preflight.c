/* test_preflight.c - apollo/preflight.h without a network: the usage
 * stats read defensively (the scope as a JSON pair in a string or plain,
 * numbers as numbers, strings or floats, null for a window the plan does
 * not limit, left_over that disagrees with the limit less what was used),
 * the spent window found, and what the findings say of an endpoint the
 * probes did not ask about. */
#include "apollo/preflight.h"
#include "unit.h"

/* a preflight holding `usage` as the usage stats' answer */
static void with_usage(struct preflight *pf, const char *usage)
{
	preflight_init(pf, NULL, 1000, false);
	pf->r[PF_USAGE].answer = PF_OPEN;
	pf->r[PF_USAGE].json = cJSON_Parse(usage);
	ck_assert_ptr_nonnull(pf->r[PF_USAGE].json);
}

START_TEST(the_stats_name_the_scope_as_a_pair)
{
	struct preflight pf;
	struct pf_window w[RW_COUNT];

	with_usage(&pf, "{\"[\\\"api/v1/contacts\\\", \\\"bulk_create\\\"]\": {"
	                "\"day\": {\"limit\": 600, \"consumed\": 12, \"left_over\": 588},"
	                "\"hour\": {\"limit\": 200, \"consumed\": 12, \"left_over\": 188},"
	                "\"minute\": {\"limit\": 50, \"consumed\": 3, \"left_over\": 47}}}");
	ck_assert(preflight_budget(&pf, PF_CREATE_CONTACTS, w));
	ck_assert_int_eq(w[RW_MINUTE].limit, 50);
	ck_assert_int_eq(w[RW_MINUTE].left, 47);
	ck_assert_int_eq(w[RW_HOUR].left, 188);
	ck_assert_int_eq(w[RW_DAY].consumed, 12);
	ck_assert_int_eq(preflight_spent_window(w), -1);
	/* another endpoint is not listed */
	ck_assert(!preflight_budget(&pf, PF_ENROL, w));
	preflight_free(&pf);
}
END_TEST

START_TEST(numbers_in_any_form_and_nulls)
{
	struct preflight pf;
	struct pf_window w[RW_COUNT];

	/* a plain scope key; strings and floats; a day the plan leaves open */
	with_usage(&pf, "{\"deals/api/v1/opportunities/create\": {"
	                "\"day\": {\"limit\": null, \"consumed\": 4, \"left_over\": null},"
	                "\"hour\": {\"limit\": \"400\", \"consumed\": \"400\", \"left_over\": \"0\"},"
	                "\"minute\": {\"limit\": 200.0, \"consumed\": 7.0, \"left_over\": 193.0}}}");
	ck_assert(preflight_budget(&pf, PF_CREATE_DEALS, w));
	ck_assert_int_eq(w[RW_DAY].limit, -1);
	ck_assert_int_eq(w[RW_DAY].left, -1);
	ck_assert_int_eq(w[RW_HOUR].left, 0);
	ck_assert_int_eq(w[RW_MINUTE].left, 193);
	ck_assert_int_eq(preflight_spent_window(w), RW_HOUR);
	preflight_free(&pf);
}
END_TEST

START_TEST(left_over_equal_to_the_limit_is_not_believed)
{
	struct preflight pf;
	struct pf_window w[RW_COUNT];

	/* Apollo's own example: left_over equal to the limit, calls consumed */
	with_usage(&pf, "{\"[\\\"api/v1/contacts\\\", \\\"bulk_create\\\"]\": {"
	                "\"day\": {\"limit\": 600, \"consumed\": 600, \"left_over\": 600}}}");
	ck_assert(preflight_budget(&pf, PF_CREATE_CONTACTS, w));
	ck_assert_int_eq(w[RW_DAY].left, 0);
	ck_assert_int_eq(w[RW_MINUTE].limit, -1);
	ck_assert_int_eq(preflight_spent_window(w), RW_DAY);
	preflight_free(&pf);
}
END_TEST

START_TEST(odd_stats_are_no_stats)
{
	struct preflight pf;
	struct pf_window w[RW_COUNT];

	with_usage(&pf, "[1, 2]");
	ck_assert(!preflight_budget(&pf, PF_CREATE_CONTACTS, w));
	preflight_free(&pf);
	with_usage(&pf, "{\"[\\\"api/v1/contacts\\\", \\\"bulk_create\\\"]\": \"loading\"}");
	ck_assert(!preflight_budget(&pf, PF_CREATE_CONTACTS, w));
	preflight_free(&pf);
	/* a pair that is not two strings is taken as a plain name */
	with_usage(&pf, "{\"[\\\"api/v1/contacts\\\"]\": {\"day\": {\"limit\": 1}}}");
	ck_assert(!preflight_budget(&pf, PF_CREATE_CONTACTS, w));
	preflight_free(&pf);
}
END_TEST

START_TEST(what_a_master_key_opens)
{
	struct preflight pf;

	preflight_init(&pf, NULL, 1000, false);
	ck_assert_int_eq(preflight_access(&pf, PF_CREATE_TASKS), PF_NOT_ASKED);
	pf.master = 1;
	ck_assert_int_eq(preflight_access(&pf, PF_CREATE_TASKS), PF_OPEN);
	/* a probe's own answer outranks what the key is */
	pf.r[PF_CREATE_TASKS].answer = PF_SPENT;
	ck_assert_int_eq(preflight_access(&pf, PF_CREATE_TASKS), PF_SPENT);
	pf.master = 0;
	pf.key_refused = true;
	ck_assert_int_eq(preflight_access(&pf, PF_CREATE_DEALS), PF_BAD_KEY);
	ck_assert_str_eq(preflight_scope(PF_CREATE_DEALS), "deals/api/v1/opportunities/create");
	ck_assert_str_eq(preflight_endpoint(PF_ENROL), "emailer_campaigns/add_contact_ids");
	preflight_free(&pf);
}
END_TEST

static Suite *preflight_suite(void)
{
	Suite *s = suite_create("preflight");
	TCase *t = tcase_create("preflight");

	tcase_add_test(t, the_stats_name_the_scope_as_a_pair);
	tcase_add_test(t, numbers_in_any_form_and_nulls);
	tcase_add_test(t, left_over_equal_to_the_limit_is_not_believed);
	tcase_add_test(t, odd_stats_are_no_stats);
	tcase_add_test(t, what_a_master_key_opens);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return unit_run(preflight_suite());
}
