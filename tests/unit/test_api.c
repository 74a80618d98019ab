/* test_api.c - the pieces of the API layer that need no server: which base
 * URLs are allowed, the pacer's reading of rate headers and its holds,
 * Apollo's error bodies, the query form of parameters, times for paused enrolment, when a contact was
 * put in a sequence against a run's start. */
#include "apollo/api.h"
#include "apollo/http.h"
#include "apollo/memberships.h"
#include "apollo/pacer.h"
#include "apollo/param_forms.h"
#include "apollo/settings.h"
#include "values/start_time.h"
#include "unit.h"

START_TEST(urls_https_or_loopback_only)
{
	ck_assert(api_url_allowed("https://api.apollo.io/api/v1"));
	ck_assert(api_url_allowed("http://127.0.0.1:8089/api/v1"));
	ck_assert(api_url_allowed("http://localhost:1/api/v1"));
	ck_assert(api_url_allowed("http://[::1]:80/x"));
	ck_assert(!api_url_allowed("http://api.apollo.io/api/v1"));
	ck_assert(!api_url_allowed("http://localhost.evil.example/api"));
	ck_assert(!api_url_allowed("http://127.0.0.1.evil.example/"));
	ck_assert(!api_url_allowed("ftp://127.0.0.1/"));
	ck_assert(!api_url_allowed("http://localhost:80@evil.example/api/v1"));
	ck_assert(!api_url_allowed("http://127.0.0.1@evil.example/"));
	ck_assert(!api_url_allowed("https://user:pw@api.apollo.io/api/v1"));
	ck_assert(!api_url_allowed("not a url"));
}
END_TEST

static void header(struct rate_reading *r, const char *line)
{
	rate_reading_header(r, line, strlen(line));
}

START_TEST(both_day_spellings_are_read)
{
	struct rate_reading r;
	rate_reading_clear(&r);
	header(&r, "x-minute-requests-left: 49\r\n");
	header(&r, "X-Hourly-Requests-Left: 199\r\n");
	header(&r, "x-daily-requests-left: 7\r\n");
	header(&r, "x-rate-limit-minute: \r\n");
	header(&r, "retry-after: 15\r\n");
	ck_assert_int_eq(r.left[RW_MINUTE], 49);
	ck_assert_int_eq(r.left[RW_HOUR], 199);
	ck_assert_int_eq(r.left[RW_DAY], 7);
	ck_assert_int_eq(r.limit[RW_MINUTE], -1);   /* empty: not limited */
	ck_assert_int_eq(r.retry_after, 15);
	header(&r, "x-24-hour-requests-left: 5\r\n");
	ck_assert_int_eq(r.left[RW_DAY], 5);
}
END_TEST

START_TEST(pacer_holds_what_in_flight_would_spend)
{
	struct pacer p;
	struct rate_reading r;
	double wake;

	pacer_init(&p);
	ck_assert(pacer_may_send(&p, "contacts/bulk_create", 0, &wake));  /* nothing known */
	pacer_sent(&p, "contacts/bulk_create", 0);
	rate_reading_clear(&r);
	r.left[RW_MINUTE] = 2;
	pacer_reply(&p, "contacts/bulk_create", &r, 0, 1);
	pacer_sent(&p, "contacts/bulk_create", 1);
	pacer_sent(&p, "contacts/bulk_create", 1);
	/* 2 left, 2 in flight: the next waits for a reply */
	ck_assert(!pacer_may_send(&p, "contacts/bulk_create", 1, &wake));
	ck_assert(wake == 0);
	/* another endpoint has its own windows */
	ck_assert(pacer_may_send(&p, "emailer_campaigns/add_contact_ids", 1, &wake));
	r.left[RW_MINUTE] = 0;
	pacer_reply(&p, "contacts/bulk_create", &r, 1, 2);
	pacer_reply(&p, "contacts/bulk_create", &r, 1, 2);
	/* spent and nothing in flight: one call may learn the wait */
	ck_assert(pacer_may_send(&p, "contacts/bulk_create", 2, &wake));
	pacer_limited(&p, "contacts/bulk_create", 30, -1, 2);
	ck_assert(!pacer_may_send(&p, "contacts/bulk_create", 10, &wake));
	ck_assert(wake == 32);
	ck_assert(pacer_may_send(&p, "contacts/bulk_create", 32, &wake));
	pacer_free(&p);
}
END_TEST

START_TEST(error_bodies_in_every_shape)
{
	char m[200];
	apollo_error_message("{\"error\":\"Name is required\"}", 28, m, sizeof m);
	ck_assert_str_eq(m, "Name is required");
	apollo_error_message("{\"message\":\"The maximum number\"}", 32, m, sizeof m);
	ck_assert_str_eq(m, "The maximum number");
	apollo_error_message("{\"status\":\"failed\",\"error_message\":\"too many\"}", 46, m, sizeof m);
	ck_assert_str_eq(m, "too many");
	apollo_error_message("Invalid API key.\n", 17, m, sizeof m);
	ck_assert_str_eq(m, "Invalid API key.");
	{
		const char *b = "{\"error\":\"Validation failed\",\"error_details\":{\"contact_id\":\"c9\","
		                "\"field\":\"id\",\"message\":\"Contact not found\"}}";
		apollo_error_message(b, strlen(b), m, sizeof m);
		ck_assert_str_eq(m, "Validation failed (Contact not found, field id, contact c9)");
		b = "{\"error\":\"Cannot update contact as it is deleted.\",\"deleted_contact_ids\":[\"a\",\"b\"]}";
		apollo_error_message(b, strlen(b), m, sizeof m);
		ck_assert_str_eq(m, "Cannot update contact as it is deleted. (deleted: a, b)");
	}
	apollo_error_message("", 0, m, sizeof m);
	ck_assert_str_eq(m, "(no message)");
}
END_TEST

/* numbers Apollo sends as numbers or strings; one out of long's range is
 * not a number at all (found by fuzz_api: UBSan stopped on 1e300) */
START_TEST(numbers_in_replies)
{
	cJSON *j = cJSON_Parse("{\"a\":7,\"b\":\"12\",\"c\":\"x\",\"d\":1e300,\"e\":-1e300,"
	                       "\"f\":\"\",\"g\":null}");
	ck_assert_ptr_nonnull(j);
	ck_assert_int_eq(api_number(cJSON_GetObjectItem(j, "a"), -1), 7);
	ck_assert_int_eq(api_number(cJSON_GetObjectItem(j, "b"), -1), 12);
	ck_assert_int_eq(api_number(cJSON_GetObjectItem(j, "c"), -1), -1);
	ck_assert_int_eq(api_number(cJSON_GetObjectItem(j, "d"), -1), -1);
	ck_assert_int_eq(api_number(cJSON_GetObjectItem(j, "e"), -1), -1);
	ck_assert_int_eq(api_number(cJSON_GetObjectItem(j, "f"), -1), -1);
	ck_assert_int_eq(api_number(cJSON_GetObjectItem(j, "g"), -1), -1);
	cJSON_Delete(j);
}
END_TEST

START_TEST(parameters_in_the_documented_query_form)
{
	const struct param_form *enrol = param_form_find("emailer_campaigns/add_contact_ids");
	const struct param_form *users = param_form_find("users/search");
	const struct param_form *people = param_form_find("mixed_people/api_search");
	enum param_mode m;
	char *q;

	ck_assert_ptr_null(param_form_find("contacts/bulk_create"));   /* a JSON body, documented */
	ck_assert_ptr_nonnull(enrol);
	ck_assert_str_eq(users->method, "GET");
	/* auto: the documented form unless Apollo's own client sends the body */
	ck_assert(!param_form_use_query(enrol, PARAMS_AUTO));
	ck_assert(param_form_use_query(people, PARAMS_AUTO));
	ck_assert(param_form_use_query(enrol, PARAMS_QUERY));
	ck_assert(!param_form_use_query(people, PARAMS_BODY));
	ck_assert(!param_form_use_query(NULL, PARAMS_QUERY));
	ck_assert_int_eq(param_mode_parse("query", &m), 0);
	ck_assert_int_eq(m, PARAMS_QUERY);
	ck_assert_int_eq(param_mode_parse("Query", &m), -1);

	q = param_query_string("{\"emailer_campaign_id\":\"abc\",\"contact_ids\":[\"c1\",\"c2\"],"
	                       "\"sequence_no_email\":false,\"page\":2,\"rate\":0.5,\"owner_id\":null,"
	                       "\"q_name\":\"Q4 Outbound - SaaS & co\",\"range\":{\"min\":1}}");
	ck_assert_str_eq(q, "emailer_campaign_id=abc&contact_ids%5B%5D=c1&contact_ids%5B%5D=c2"
	                    "&sequence_no_email=false&page=2&rate=0.5"
	                    "&q_name=Q4%20Outbound%20-%20SaaS%20%26%20co&range%5Bmin%5D=1");
	free(q);
	q = param_query_string(NULL);
	ck_assert_str_eq(q, "");
	free(q);
	ck_assert_ptr_null(param_query_string("[1,2]"));
}
END_TEST

START_TEST(instants_and_local_times)
{
	time_t t, n, n0;
	char buf[32];

	ck_assert(parse_instant("2026-11-26T12:00:00Z", &n0));
	ck_assert(parse_instant("2026-12-01T09:00:00Z", &t));
	format_instant(t, buf, sizeof buf);
	ck_assert_str_eq(buf, "2026-12-01T09:00:00Z");
	ck_assert(parse_instant("2026-12-01T09:00-05:00", &t));
	format_instant(t, buf, sizeof buf);
	ck_assert_str_eq(buf, "2026-12-01T14:00:00Z");
	ck_assert(parse_instant("2026-12-01 09:00", &t));
	{
		double d;
		ck_assert(parse_instant_precise("2026-11-26T12:00:00.250Z", &d));
		ck_assert(d - (double)n0 > 0.249 && d - (double)n0 < 0.251);
	}
	ck_assert(!parse_instant("12/01/2026", &t));
	ck_assert(!parse_instant("2026-13-01", &t));
	/* 2026-11-26 12:00 UTC: 09:00 in New York (UTC-5) is 14:00 UTC that day */
	ck_assert(parse_instant("2026-11-26T12:00:00Z", &n));
	if (zone_known("America/New_York")) {
		ck_assert(next_local_time("America/New_York", 9 * 60, n, &t));
		format_instant(t, buf, sizeof buf);
		ck_assert_str_eq(buf, "2026-11-26T14:00:00Z");
		/* 09:00 in Berlin has passed: the next day, 08:00 UTC */
		ck_assert(next_local_time("Europe/Berlin", 9 * 60, n, &t));
		format_instant(t, buf, sizeof buf);
		ck_assert_str_eq(buf, "2026-11-27T08:00:00Z");
	}
	ck_assert(!zone_known("Mars/Olympus"));
	ck_assert(!zone_known("America"));
	ck_assert(!zone_known("../../etc/passwd"));
}
END_TEST

START_TEST(added_since_a_run_began)
{
	struct api_membership m = { API_MEMBER_IN, "active", 0 };
	double start = 1790000000;

	/* Apollo's clock may run a little behind the one the run was timed by */
	m.added_at = start - API_ADDED_MARGIN;
	ck_assert_int_eq(api_added_since(&m, start), API_ADDED_SINCE);
	m.added_at = start + 3600;
	ck_assert_int_eq(api_added_since(&m, start), API_ADDED_SINCE);
	m.added_at = start - API_ADDED_MARGIN - 1;
	ck_assert_int_eq(api_added_since(&m, start), API_ADDED_BEFORE);
	/* a time not known on either side tells nothing */
	ck_assert_int_eq(api_added_since(&m, 0), API_ADDED_UNKNOWN);
	m.added_at = 0;
	ck_assert_int_eq(api_added_since(&m, start), API_ADDED_UNKNOWN);
	m.added_at = start;
	m.state = API_MEMBER_NOT_IN;
	ck_assert_int_eq(api_added_since(&m, start), API_ADDED_UNKNOWN);
	/* added_at as Apollo writes it, with its offset and milliseconds */
	ck_assert(parse_instant_precise("2025-07-16T22:42:57.372+00:00", &m.added_at));
	ck_assert(m.added_at > 1752705777.3 && m.added_at < 1752705777.4);
}
END_TEST

static Suite *api_suite(void)
{
	Suite *s = suite_create("api");
	TCase *tc = tcase_create("api");
	tcase_add_test(tc, urls_https_or_loopback_only);
	tcase_add_test(tc, both_day_spellings_are_read);
	tcase_add_test(tc, pacer_holds_what_in_flight_would_spend);
	tcase_add_test(tc, error_bodies_in_every_shape);
	tcase_add_test(tc, numbers_in_replies);
	tcase_add_test(tc, parameters_in_the_documented_query_form);
	tcase_add_test(tc, instants_and_local_times);
	tcase_add_test(tc, added_since_a_run_began);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(api_suite());
}
