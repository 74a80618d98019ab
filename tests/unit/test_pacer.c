/* test_pacer.c - the pacer (apollo/pacer.h): every rate header in both
 * naming styles, the usage counts standing in for what is left, a
 * fractional retry-after, the hold that a 429 starts and what survives it,
 * the window lengths it measures, and its estimate of the time calls take. */
#include <math.h>

#include "apollo/pacer.h"
#include "unit.h"

#define BC "contacts/bulk_create"

static void header(struct rate_reading *r, const char *line)
{
	rate_reading_header(r, line, strlen(line));
}

START_TEST(usage_headers_in_both_styles)
{
	struct rate_reading r;
	rate_reading_clear(&r);
	header(&r, "X-Minute-Usage: 12\r\n");
	header(&r, "x-hourly-usage: 40\r\n");
	header(&r, "x-24-hour-usage: 90\r\n");
	ck_assert_int_eq(r.usage[RW_MINUTE], 12);
	ck_assert_int_eq(r.usage[RW_HOUR], 40);
	ck_assert_int_eq(r.usage[RW_DAY], 90);
	ck_assert_int_eq(r.left[RW_MINUTE], -1);
	header(&r, "x-daily-usage: 91\r\n");
	ck_assert_int_eq(r.usage[RW_DAY], 91);
	header(&r, "x-rate-limit-24-hour: 600\r\n");
	header(&r, "x-rate-limit-hourly: \r\n");   /* empty: not limited */
	ck_assert_int_eq(r.limit[RW_DAY], 600);
	ck_assert_int_eq(r.limit[RW_HOUR], -1);
	/* whole seconds from Apollo, a fraction from a fast stand-in */
	header(&r, "Retry-After: 15733\r\n");
	ck_assert(r.retry_after == 15733);
	header(&r, "retry-after: 0.25\r\n");
	ck_assert(fabs(r.retry_after - 0.25) < 1e-9);
	header(&r, "retry-after: soon\r\n");
	ck_assert(r.retry_after == -1);
}
END_TEST

/* A reply with only the limit and the usage holds the pacer as one with
 * what is left would */
START_TEST(usage_and_limit_give_what_is_left)
{
	struct pacer p;
	struct rate_reading r;
	double wake;

	pacer_init(&p);
	pacer_sent(&p, BC, 0);
	rate_reading_clear(&r);
	r.limit[RW_MINUTE] = 50;
	r.usage[RW_MINUTE] = 49;
	pacer_reply(&p, BC, &r, 0, 0.1);
	ck_assert_int_eq(p.left[RW_MINUTE], 1);
	pacer_sent(&p, BC, 0.1);
	ck_assert(!pacer_may_send(&p, BC, 0.1, &wake));   /* 1 left, 1 in flight */
	pacer_free(&p);
}
END_TEST

/* At a spent hour and minute, a 429 whose message names the minute holds
 * the endpoint until then; after it, one call goes first (the hour is still
 * spent as far as the pacer knows), not --jobs calls that would each get a
 * 429 */
START_TEST(after_a_hold_one_call_goes_first)
{
	struct pacer p;
	struct rate_reading r;
	double wake;

	pacer_init(&p);
	pacer_sent(&p, BC, 0);
	rate_reading_clear(&r);
	r.left[RW_MINUTE] = 0;
	r.left[RW_HOUR] = 0;
	pacer_reply(&p, BC, &r, 0, 0.1);
	ck_assert(pacer_may_send(&p, BC, 0.1, &wake));
	pacer_sent(&p, BC, 0.1);
	rate_reading_clear(&r);
	r.left[RW_MINUTE] = 0;
	r.left[RW_HOUR] = 0;
	r.retry_after = 0.5;
	pacer_reply(&p, BC, &r, 0.1, 0.2);
	pacer_limited(&p, BC, 0.5, rate_window_named("is 50 times per minute. Please"), 0.2);
	ck_assert(!pacer_may_send(&p, BC, 0.6, &wake));
	ck_assert(fabs(wake - 0.7) < 1e-9);
	ck_assert_int_eq(pacer_held_window(&p, BC), RW_MINUTE);
	ck_assert(pacer_may_send(&p, BC, 0.7, &wake));
	pacer_sent(&p, BC, 0.7);
	ck_assert(!pacer_may_send(&p, BC, 0.7, &wake));   /* the second waits for the first */
	ck_assert(wake == 0);
	pacer_free(&p);
}
END_TEST

/* Two calls in flight; the later-counted reply (0 left) comes first: the
 * other's older count (1 left) must not open the window again */
START_TEST(an_older_count_arriving_late_is_not_a_new_window)
{
	struct pacer p;
	struct rate_reading r;
	double wake;

	pacer_init(&p);
	pacer_sent(&p, BC, 1.0);
	pacer_sent(&p, BC, 1.0);
	rate_reading_clear(&r);
	r.left[RW_MINUTE] = 0;
	pacer_reply(&p, BC, &r, 1.0, 1.02);
	r.left[RW_MINUTE] = 1;
	pacer_reply(&p, BC, &r, 1.0, 1.03);
	ck_assert_int_eq(p.left[RW_MINUTE], 0);
	ck_assert(pacer_may_send(&p, BC, 1.03, &wake));   /* the one probe */
	pacer_sent(&p, BC, 1.03);
	ck_assert(!pacer_may_send(&p, BC, 1.03, &wake));
	/* a call sent after the last reading: its count is the new one */
	r.left[RW_MINUTE] = 49;
	pacer_reply(&p, BC, &r, 1.03, 1.05);
	ck_assert_int_eq(p.left[RW_MINUTE], 49);
	pacer_free(&p);
}
END_TEST

START_TEST(windows_named_in_messages)
{
	ck_assert_int_eq(rate_window_named("allowed for api/v1/contacts/search is 600 times per hour."), RW_HOUR);
	ck_assert_int_eq(rate_window_named("is 200 times per minute. Please upgrade"), RW_MINUTE);
	ck_assert_int_eq(rate_window_named("is 600 times per day."), RW_DAY);
	ck_assert_int_eq(rate_window_named("We are already processing the request"), -1);
	ck_assert_int_eq(rate_window_named(NULL), -1);
}
END_TEST

/* one call to BC sent at `at`, its reply with the minute's usage `used` of
 * 50 and the hour's `hour_used` of 200, 10 ms later */
static void call(struct pacer *p, double at, long used, long hour_used)
{
	struct rate_reading r;
	pacer_sent(p, BC, at);
	rate_reading_clear(&r);
	r.limit[RW_MINUTE] = 50;
	r.limit[RW_HOUR] = 200;
	r.limit[RW_DAY] = -1;
	r.usage[RW_MINUTE] = used;
	r.usage[RW_HOUR] = hour_used;
	pacer_reply(p, BC, &r, at, at + 0.01);
}

/* A fast stand-in (minute windows of 2 s): the first window measures short
 * or right from our first call; the next, from end to end, exactly, and
 * every window's length follows; Apollo's own minute leaves 60 s */
START_TEST(window_lengths_are_measured)
{
	struct pacer p;
	pacer_init(&p);
	ck_assert(p.length[RW_HOUR] == 3600);
	for (int i = 1; i <= 50; i++)
		call(&p, 0.01 * i, i, i);
	pacer_limited(&p, BC, 1.49, -1, 0.51);     /* the window began at 0.01 */
	ck_assert(fabs(p.length[RW_MINUTE] - 1.99) < 1e-6);
	ck_assert(!p.length_exact);
	for (int i = 1; i <= 50; i++)
		call(&p, 2.0 + 0.01 * (i - 1), i, 50 + i);
	pacer_limited(&p, BC, 1.51, -1, 2.49);     /* ends at 4.0: from 2.0, exactly 2 s */
	ck_assert(p.length_exact);
	ck_assert(fabs(p.length[RW_MINUTE] - 2) < 1e-6);
	ck_assert(fabs(p.length[RW_HOUR] - 120) < 1e-6);
	ck_assert(fabs(p.length[RW_DAY] - 2880) < 1e-6);
	pacer_free(&p);

	/* Apollo: whole seconds, 60 s windows */
	pacer_init(&p);
	for (int i = 1; i <= 50; i++)
		call(&p, 0.5 * i, i, i);
	pacer_limited(&p, BC, 35, -1, 25);        /* 60.0: from 0.5 */
	for (int i = 1; i <= 50; i++)
		call(&p, 60.0 + 0.5 * (i - 1), i, 50 + i);
	pacer_limited(&p, BC, 35.5, -1, 84.5);
	ck_assert(fabs(p.length[RW_MINUTE] - 60) < 1e-6);
	ck_assert(fabs(p.length[RW_HOUR] - 3600) < 1e-6);
	pacer_free(&p);
}
END_TEST

/* What calls still take: within what is left, at the run's pace; past it,
 * each spent window's end, the next windows' limits, and the hour's */
START_TEST(time_for_calls_follows_the_windows)
{
	struct pacer p;
	pacer_init(&p);
	/* no windows known: the run's own pace */
	ck_assert(pacer_time_for(&p, BC, 10, 0.5, 0) == 5);
	call(&p, 1, 1, 1);
	ck_assert(fabs(pacer_time_for(&p, BC, 10, 0.01, 1.01) - 0.1) < 1e-9);
	/* the minute and the hour began at 1 (the call counted first); 49
	 * left in this minute, then 50 a minute: 149 calls are 49 now, 50
	 * at 61 and 50 at 121, done at 121.5 */
	ck_assert(fabs(pacer_time_for(&p, BC, 149, 0.01, 1.01) - 120.49) < 1e-6);
	/* 250 calls: the hour (199 left) is spent after the fourth minute;
	 * 50 more at its end, 3601, and the last at 3661 */
	ck_assert(fabs(pacer_time_for(&p, BC, 250, 0.01, 1.01) - 3660) < 1e-6);
	/* rows: 1 call for 100 rows done; 14,900 more rows are 149 calls */
	ck_assert(fabs(pacer_eta(&p, 100, 14900, 0.01, 1.01) - 120.49) < 1e-6);
	/* a call made since those rows were done is one of the 149 */
	call(&p, 1.02, 2, 2);
	ck_assert(fabs(pacer_eta(&p, 100, 14900, 0.02, 1.03) - 120.47) < 1e-6);
	ck_assert(pacer_eta(&p, 0, 14900, 0.01, 0.01) == -1);
	pacer_free(&p);
	/* rows done (invalid ones, duplicates) before any call: no estimate,
	 * not "nothing left" */
	pacer_init(&p);
	ck_assert(pacer_eta(&p, 50, 14950, 0.01, 0.01) == -1);
	pacer_free(&p);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pacer");
	TCase *tc = tcase_create("pacer");
	tcase_add_test(tc, usage_headers_in_both_styles);
	tcase_add_test(tc, usage_and_limit_give_what_is_left);
	tcase_add_test(tc, after_a_hold_one_call_goes_first);
	tcase_add_test(tc, an_older_count_arriving_late_is_not_a_new_window);
	tcase_add_test(tc, windows_named_in_messages);
	tcase_add_test(tc, window_lengths_are_measured);
	tcase_add_test(tc, time_for_calls_follows_the_windows);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
