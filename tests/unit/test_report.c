/* test_report.c - report/sequence_report.h: rates as percentages (or Apollo's
 * fractions), "loading" kept, the spam rate read under both its names,
 * JSON and HTML (escaped, self-contained). */
#include "report/contact_rows.h"
#include "report/sequence_report.h"
#include "unit.h"

static char *report(const char *json, enum report_format format, bool fraction)
{
	cJSON *seqs = cJSON_Parse(json);
	struct report_options opt = { .format = format, .fraction_rates = fraction, .writer = { .force = true } };
	char err[256], path[300];
	FILE *f;
	char *text = calloc(1, 1 << 16);

	ck_assert_ptr_nonnull(seqs);
	snprintf(path, sizeof path, "%s/report", unit_dir);
	ck_assert_msg(report_write(seqs, path, &opt, err, sizeof err) == 0, "%s", err);
	f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	fread(text, 1, (1 << 16) - 1, f);
	fclose(f);
	cJSON_Delete(seqs);
	return text;
}

static const char seqs[] =
	"[{\"id\":\"s1\",\"name\":\"Q3 <outbound> & co\",\"active\":true,\"archived\":false,\"num_steps\":3,"
	"\"unique_scheduled\":40,\"unique_delivered\":38,\"unique_opened\":20,\"unique_clicked\":3,"
	"\"unique_replied\":4,\"unique_bounced\":2,\"open_rate\":0.526,\"bounce_rate\":0.05,"
	"\"spam_blocked_rate\":0.025,\"reply_rate\":\"0.105\"},"
	"{\"id\":\"s2\",\"name\":\"Later\",\"active\":false,\"archived\":true,\"num_steps\":1,"
	"\"unique_scheduled\":\"loading\",\"open_rate\":\"loading\",\"spam_block_rate\":0.5}]";

START_TEST(csv_rates_as_percentages)
{
	char *t = report(seqs, REPORT_CSV, false);
	ck_assert_ptr_nonnull(strstr(t, "open_rate_percent"));
	/* 0.526 -> 52.6; the older spam rate name read; a numeric string read */
	ck_assert_ptr_nonnull(strstr(t, ",2.5,52.6,"));
	ck_assert_ptr_nonnull(strstr(t, ",10.5,"));
	/* "loading" is never a zero */
	ck_assert_ptr_nonnull(strstr(t, "s2,Later,false,true,1,,loading,"));
	ck_assert_ptr_nonnull(strstr(t, ",50.0,loading,"));
	free(t);
}
END_TEST

START_TEST(csv_fractions_kept_when_asked)
{
	char *t = report(seqs, REPORT_CSV, true);
	ck_assert_ptr_nonnull(strstr(t, ",open_rate,"));
	ck_assert_ptr_nonnull(strstr(t, ",0.025,0.526,"));
	free(t);
}
END_TEST

START_TEST(loading_is_detected)
{
	cJSON *a = cJSON_Parse(seqs), *b = cJSON_Parse("[{\"id\":\"x\",\"unique_scheduled\":1}]");
	ck_assert(report_loading(a));
	ck_assert(!report_loading(b));
	cJSON_Delete(a);
	cJSON_Delete(b);
}
END_TEST

START_TEST(json_numbers_and_loading)
{
	char *t = report(seqs, REPORT_JSON, false);
	cJSON *j = cJSON_Parse(t);
	ck_assert_ptr_nonnull(j);
	ck_assert_double_eq_tol(cJSON_GetObjectItem(cJSON_GetArrayItem(j, 0), "open_rate_percent")->valuedouble,
	                        52.6, 1e-9);
	ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(j, 1), "unique_scheduled")->valuestring, "loading");
	cJSON_Delete(j);
	free(t);
}
END_TEST

START_TEST(html_is_escaped_and_self_contained)
{
	char *t = report(seqs, REPORT_HTML, false);
	ck_assert_ptr_nonnull(strstr(t, "Q3 &lt;outbound&gt; &amp; co"));
	ck_assert_ptr_null(strstr(t, "<outbound>"));
	ck_assert_ptr_null(strstr(t, "<script"));
	ck_assert_ptr_null(strstr(t, "src="));
	ck_assert_ptr_nonnull(strstr(t, "<svg"));
	ck_assert_ptr_nonnull(strstr(t, "still computing"));
	/* a missing number is n/a, never a drawn zero; no bar leaves the chart */
	ck_assert_ptr_nonnull(strstr(t, "n/a"));
	ck_assert_ptr_null(strstr(t, ">-1<"));
	free(t);
}
END_TEST

START_TEST(html_bars_stay_in_the_chart)
{
	char *t = report("[{\"id\":\"s\",\"name\":\"Odd\",\"unique_scheduled\":10,\"unique_delivered\":40,"
	                 "\"unique_opened\":\"loading\",\"bounce_rate\":2.5,\"opt_out_rate\":\"loading\"}]",
	                 REPORT_HTML, false);
	const char *p = t;
	while ((p = strstr(p, "width=\""))) {
		double w = strtod(p + 7, NULL);
		ck_assert_msg(w <= 520, "a width of %g", w);
		p += 7;
	}
	ck_assert_ptr_nonnull(strstr(t, ">loading</text>"));
	free(t);
}
END_TEST

/* text Apollo may send that is not a number: an empty cell (CSV), null
 * (JSON), n/a (HTML); never the 0 strtod would make of it */
START_TEST(text_that_is_no_number_is_no_zero)
{
	static const char odd[] = "[{\"id\":\"s\",\"name\":\"Odd\",\"unique_scheduled\":\"n/a\","
	                          "\"unique_delivered\":\"12x\",\"open_rate\":\"\",\"reply_rate\":\"0.25\"}]";
	char *t = report(odd, REPORT_CSV, false);
	cJSON *j;
	ck_assert_msg(strstr(t, "s,Odd,,,,,,,,,,,,,,,,,,,,25.0,,") != NULL, "%s", t);
	free(t);
	t = report(odd, REPORT_JSON, false);
	j = cJSON_Parse(t);
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetArrayItem(j, 0), "unique_scheduled")));
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetArrayItem(j, 0), "unique_delivered")));
	cJSON_Delete(j);
	free(t);
	t = report(odd, REPORT_HTML, false);
	/* no steps sent, no count: n/a in the table, never 0 */
	ck_assert_msg(strstr(t, "Odd (inactive)</td><td>n/a</td><td>n/a</td><td>n/a</td>") != NULL, "%s", t);
	free(t);
}
END_TEST

/* before a report is written: every metric a number (or a string of one),
 * "loading", or not there; anything else is named, never a blank cell */
START_TEST(a_metric_of_another_type_is_named)
{
	char err[700];
	cJSON *j = cJSON_Parse("[{\"id\":\"s1\",\"unique_opened\":\"loading\",\"open_rate\":0.526,"
	                       "\"reply_rate\":\"0.1\",\"bounce_rate\":null,\"unique_replied\":\"12\"},"
	                       "{\"id\":\"s2\",\"spam_blocked_rate\":0.0}]");
	ck_assert(report_check(j, err, sizeof err));
	cJSON_Delete(j);
	j = cJSON_Parse("[{\"id\":\"s1\"},{\"id\":\"s2\",\"unique_scheduled\":\"n/a\"}]");
	ck_assert(!report_check(j, err, sizeof err));
	ck_assert_str_eq(err, "emailer_campaigns/search: reply field emailer_campaigns[1].unique_scheduled is the "
	                 "string \"n/a\", expected a number or \"loading\"");
	cJSON_Delete(j);
	j = cJSON_Parse("[{\"id\":\"s1\",\"open_rate\":{\"value\":0.5}}]");
	ck_assert(!report_check(j, err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "emailer_campaigns[0].open_rate is an object"));
	cJSON_Delete(j);
}
END_TEST

/* a contact in 70 sequences is written in 70; one sent without its
 * statuses is told from one in none */
START_TEST(contact_rows_keep_every_sequence)
{
	cJSON *c = cJSON_Parse("{\"id\":\"c1\",\"contact_campaign_statuses\":[]}");
	cJSON *sts = cJSON_GetObjectItem(c, "contact_campaign_statuses"), *none = cJSON_Parse("{\"id\":\"c2\"}");
	struct contact_names names = { 0 };
	struct contact_export x;
	struct csv_writer_options wopt = { .force = true };
	char err[256], path[300], *text = calloc(1, 1 << 16), *seq;
	FILE *f;
	int n = 0;

	for (int i = 0; i < 70; i++) {
		char id[16];
		cJSON *st = cJSON_CreateObject();
		snprintf(id, sizeof id, "seq%d", i);
		cJSON_AddStringToObject(st, "emailer_campaign_id", id);
		cJSON_AddItemToArray(sts, st);
	}
	ck_assert(contact_statuses_given(c));
	ck_assert(!contact_statuses_given(none));
	snprintf(path, sizeof path, "%s/contacts.csv", unit_dir);
	ck_assert_msg(contact_export_open(&x, path, &wopt, &names, err, sizeof err) == 0, "%s", err);
	contact_export_write(&x, c);
	ck_assert_int_eq(contact_export_commit(&x, err, sizeof err), 0);
	f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	fread(text, 1, (1 << 16) - 1, f);
	fclose(f);
	ck_assert_ptr_nonnull(seq = strstr(text, "seq0; seq1;"));
	for (const char *p = seq; (p = strstr(p, "seq")); p += 3)
		n++;
	ck_assert_int_eq(n, 70);
	ck_assert_ptr_nonnull(strstr(text, "seq69"));
	free(text);
	cJSON_Delete(c);
	cJSON_Delete(none);
}
END_TEST

static Suite *report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("report");
	tcase_add_unchecked_fixture(tc, unit_tmp_setup, unit_tmp_teardown);
	tcase_add_test(tc, csv_rates_as_percentages);
	tcase_add_test(tc, csv_fractions_kept_when_asked);
	tcase_add_test(tc, loading_is_detected);
	tcase_add_test(tc, json_numbers_and_loading);
	tcase_add_test(tc, html_is_escaped_and_self_contained);
	tcase_add_test(tc, html_bars_stay_in_the_chart);
	tcase_add_test(tc, text_that_is_no_number_is_no_zero);
	tcase_add_test(tc, a_metric_of_another_type_is_named);
	tcase_add_test(tc, contact_rows_keep_every_sequence);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return unit_run(report_suite());
}
