/* test_near_names.c - common/near_names.h: the names close to a mistyped
 * one, nearest first, and none of the far ones. */
#include "common/near_names.h"
#include "unit.h"

START_TEST(distance_ignores_case_and_punctuation)
{
	ck_assert_uint_eq(name_distance("Q4 Outbound - SaaS", "q4 outbound saas"), 0);
	ck_assert_uint_eq(name_distance("EMEA Follow-up", "emea follow up"), 0);
	ck_assert_uint_eq(name_distance("  Partner   Intro!", "Partner Intro"), 0);
	ck_assert_uint_eq(name_distance("Q4 Outbund - SaaS", "Q4 Outbound - SaaS"), 1);
	ck_assert_uint_eq(name_distance("Webinar Invitees", "Webinar Invitess"), 1);
	ck_assert_uint_eq(name_distance("kitten", "sitting"), 3);
	ck_assert_uint_eq(name_distance("", "abc"), 3);
	ck_assert_uint_eq(name_distance("abc", ""), 3);
	ck_assert_uint_eq(name_distance("", ""), 0);
}
END_TEST

START_TEST(what_is_near)
{
	/* a typo, a word too many or too few, the words in another order */
	ck_assert(name_is_near("Q4 Outbund - SaaS", "Q4 Outbound - SaaS"));
	ck_assert(name_is_near("Webinar", "Webinar Invitees"));
	ck_assert(name_is_near("Follow up EMEA", "EMEA Follow-up"));
	ck_assert(name_is_near("Re-engage", "Re-engage Cold"));
	ck_assert(name_is_near("Partnr Intro", "Partner Intro"));
	ck_assert(name_is_near("outbund", "Q4 Outbound - SaaS"));
	ck_assert(name_is_near("PARTNER INTRO", "partner intro"));
}
END_TEST

START_TEST(what_is_far)
{
	ck_assert(!name_is_near("Q4 Outbound - SaaS", "Webinar Invitees"));
	ck_assert(!name_is_near("Q4 Outbound - SaaS", "Partner Intro"));
	ck_assert(!name_is_near("Zzyzx Qwerty", "Q4 Outbound - SaaS"));
	/* short words in common are not enough: "Q4", "up" */
	ck_assert(!name_is_near("Q4 Leads", "Q4 Outbound - SaaS"));
	ck_assert(!name_is_near("Wind up", "EMEA Follow-up"));
	/* a word of 4 letters must be the same word */
	ck_assert(!name_is_near("Cool Leads", "Re-engage Cold"));
	ck_assert(!name_is_near("", "Partner Intro"));
	ck_assert(!name_is_near("Partner Intro", ""));
}
END_TEST

static const char *const names[] = {
	"Webinar Invitees",      /* 0 far */
	"Q4 Outbound - SaaS EU", /* 1 d 3 */
	"Q4 Outbound - SaaS",    /* 2 d 1 */
	"Partner Intro",         /* 3 far */
	"Q3 Outbound - SaaS",    /* 4 d 2 */
	"Q1 Outbound - SaaS",    /* 5 d 2 */
	"Q4 Outbound - Fintech", /* 6 shares "outbound" */
	"Re-engage Cold",        /* 7 far */
	"Q2 Outbound - SaaS",    /* 8 d 2 */
	"Q4 Outbound - SaaS US", /* 9 d 3 */
};

START_TEST(nearest_first_at_most_max)
{
	size_t out[5], n = near_names("Q4 Outbund - SaaS", names, sizeof names / sizeof names[0], out, 5);
	const size_t want[] = { 2, 4, 5, 8, 1 };

	ck_assert_uint_eq(n, 7);
	for (size_t i = 0; i < 5; i++)
		ck_assert_msg(out[i] == want[i], "place %zu: \"%s\", expected \"%s\"", i, names[out[i]],
		              names[want[i]]);
}
END_TEST

START_TEST(none_near)
{
	size_t out[5];
	ck_assert_uint_eq(near_names("Zzyzx Qwerty", names, sizeof names / sizeof names[0], out, 5), 0);
	ck_assert_uint_eq(near_names("anything", NULL, 0, out, 5), 0);
}
END_TEST

START_TEST(fewer_than_max)
{
	size_t out[5], n = near_names("webinar invites", names, sizeof names / sizeof names[0], out, 5);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(out[0], 0);
}
END_TEST

START_TEST(by_distance_keeps_far_ones)
{
	size_t out[3];
	names_by_distance("Partner Intro", names, sizeof names / sizeof names[0], out, 3);
	ck_assert_uint_eq(out[0], 3);
	ck_assert_uint_eq(out[1], 0);
	ck_assert_uint_eq(out[2], 7);
}
END_TEST

START_TEST(long_names_are_cut_not_overrun)
{
	char a[1000], b[1000];
	memset(a, 'a', sizeof a - 1);
	a[sizeof a - 1] = '\0';
	for (size_t i = 0; i < sizeof b - 1; i++)
		b[i] = i % 2 ? ' ' : 'b';
	b[sizeof b - 1] = '\0';
	ck_assert_uint_eq(name_distance(a, a), 0);
	ck_assert(name_distance(a, b) > 0);
	ck_assert_uint_eq(name_distance(b, b), 0);
}
END_TEST

static Suite *near_names_suite(void)
{
	Suite *s = suite_create("near_names");
	TCase *t = unit_tcase("near_names");

	tcase_add_test(t, distance_ignores_case_and_punctuation);
	tcase_add_test(t, what_is_near);
	tcase_add_test(t, what_is_far);
	tcase_add_test(t, nearest_first_at_most_max);
	tcase_add_test(t, none_near);
	tcase_add_test(t, fewer_than_max);
	tcase_add_test(t, by_distance_keeps_far_ones);
	tcase_add_test(t, long_names_are_cut_not_overrun);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return unit_run(near_names_suite());
}
