/* report/sequence_report.c - see report/sequence_report.h. Rates become percentages
 * with one decimal (0.5263 -> 52.6), the way a spreadsheet user reads
 * them; --rates fraction keeps Apollo's fractions. */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "apollo/api.h"
#include "apollo/reply_shape.h"
#include "common/dynbuf.h"
#include "report/sequence_report.h"

static const char *const info_cols[] = { "id", "name", "active", "archived", "num_steps", "created_at" };
static const char *const count_cols[] = {
	"unique_scheduled", "unique_delivered", "unique_bounced", "unique_hard_bounced",
	"unique_spam_blocked", "unique_opened", "unique_clicked", "unique_replied", "unique_demoed",
	"unique_unsubscribed",
};
static const char *const rate_cols[] = {
	"bounce_rate", "hard_bounce_rate", "spam_block_rate", "open_rate", "click_rate", "reply_rate",
	"demo_rate", "opt_out_rate",
};
#define N(a) (sizeof a / sizeof a[0])

/* a metric by name; the spam rate under its older name too */
static const cJSON *metric(const cJSON *seq, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(seq, name);
	if (!v && strcmp(name, "spam_block_rate") == 0)
		v = cJSON_GetObjectItemCaseSensitive(seq, "spam_blocked_rate");
	return v;
}

static bool is_loading(const cJSON *v)
{
	return cJSON_IsString(v) && strcmp(v->valuestring, "loading") == 0;
}

bool report_loading(const cJSON *sequences)
{
	const cJSON *s;
	cJSON_ArrayForEach(s, sequences) {
		for (size_t i = 0; i < N(count_cols); i++)
			if (is_loading(metric(s, count_cols[i])))
				return true;
		for (size_t i = 0; i < N(rate_cols); i++)
			if (is_loading(metric(s, rate_cols[i])))
				return true;
	}
	return false;
}

bool report_check(const cJSON *sequences, char *err, size_t errlen)
{
	struct reply_check rc;
	const cJSON *s;
	size_t i = 0;

	reply_check_init(&rc, "emailer_campaigns/search");
	cJSON_ArrayForEach(s, sequences) {
		char where[64];
		snprintf(where, sizeof where, "emailer_campaigns[%zu]", i++);
		for (size_t k = 0; k < N(count_cols) && !rc.message[0]; k++)
			reply_member(&rc, s, where, count_cols[k], "m");
		for (size_t k = 0; k < N(rate_cols) && !rc.message[0]; k++)
			reply_member(&rc, s, where, rate_cols[k], "m");
		if (!rc.message[0])
			reply_member(&rc, s, where, "spam_blocked_rate", "m");
		if (rc.message[0]) {
			snprintf(err, errlen, "%s", rc.message);
			return false;
		}
	}
	return true;
}

/* A metric's number: a JSON number, or a string that is one whole. Any
 * other text Apollo may send is no number, never a 0 (strtod's). */
static bool metric_number(const cJSON *v, double *out)
{
	char *end;
	if (cJSON_IsNumber(v))
		*out = v->valuedouble;
	else if (cJSON_IsString(v) && *v->valuestring)
		*out = strtod(v->valuestring, &end);
	else
		return false;
	return (!cJSON_IsString(v) || !*end) && isfinite(*out);
}

/* a metric's cell: a whole count, a rate, "loading", or "" when absent */
static void metric_text(const cJSON *v, bool rate, bool fraction, char *buf, size_t size)
{
	double d;
	if (is_loading(v)) {
		snprintf(buf, size, "loading");
		return;
	}
	if (!metric_number(v, &d)) {
		buf[0] = '\0';
		return;
	}
	if (!rate)
		snprintf(buf, size, "%.0f", d);
	else if (fraction)
		snprintf(buf, size, "%g", d);
	else
		snprintf(buf, size, "%.1f", round(d * 1000) / 10);
}

static void info_text(const cJSON *seq, const char *name, char *buf, size_t size)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(seq, name);
	if (cJSON_IsBool(v))
		snprintf(buf, size, "%s", cJSON_IsTrue(v) ? "true" : "false");
	else if (cJSON_IsNumber(v))
		snprintf(buf, size, "%.0f", v->valuedouble);
	else
		snprintf(buf, size, "%s", cJSON_IsString(v) ? v->valuestring : "");
}

/* An .xlsx report: the counts and rates are numbers (a "loading" stays
 * text), and the HTML page's charts are Excel's, over the same cells. */
static const char *const book_numbers[] = {
	"num_steps", "unique_scheduled", "unique_delivered", "unique_bounced", "unique_hard_bounced",
	"unique_spam_blocked", "unique_opened", "unique_clicked", "unique_replied", "unique_demoed",
	"unique_unsubscribed",
	"bounce_rate", "hard_bounce_rate", "spam_block_rate", "open_rate", "click_rate", "reply_rate",
	"demo_rate", "opt_out_rate",
	"bounce_rate_percent", "hard_bounce_rate_percent", "spam_block_rate_percent", "open_rate_percent",
	"click_rate_percent", "reply_rate_percent", "demo_rate_percent", "opt_out_rate_percent", NULL,
};
static const char *const book_funnel[] = { "unique_scheduled", "unique_delivered", "unique_opened",
	"unique_clicked", "unique_replied", NULL };
static const char *const book_rates[] = { "bounce_rate_percent", "opt_out_rate_percent",
	"bounce_rate", "opt_out_rate", NULL };
static const struct xlsx_chart book_charts[] = {
	{ .title = "Funnel: scheduled, delivered, opened, clicked, replied", .type = XLSX_CHART_COLUMN,
	  .category = "name", .series = book_funnel, .value_axis = "contacts" },
	{ .title = "Bounce and unsubscribe rates", .type = XLSX_CHART_BAR, .category = "name",
	  .series = book_rates, .value_axis = "rate" },
};
static const struct xlsx_options report_book = {
	.sheet = "Sequences",
	.about = "each sequence's numbers from Apollo: counts of contacts, and rates (percent, or "
	         "Apollo's fractions with --rates fraction)",
	.numeric = book_numbers,
	.charts = book_charts,
	.ncharts = N(book_charts),
};

static int write_csv(const cJSON *sequences, const char *path, const struct report_options *opt,
                     char *err, size_t errlen)
{
	struct csv_writer w;
	const cJSON *s;
	char buf[512];

	struct csv_writer_options wopt = opt->writer;

	if (!wopt.xlsx)
		wopt.xlsx = &report_book;
	if (csv_writer_open(&w, path, &wopt) < 0) {
		snprintf(err, errlen, "%s: %s", path, w.error);
		return -1;
	}
	for (size_t i = 0; i < N(info_cols); i++)
		csv_writer_cstr(&w, info_cols[i]);
	for (size_t i = 0; i < N(count_cols); i++)
		csv_writer_cstr(&w, count_cols[i]);
	for (size_t i = 0; i < N(rate_cols); i++) {
		snprintf(buf, sizeof buf, "%s%s", rate_cols[i], opt->fraction_rates ? "" : "_percent");
		csv_writer_cstr(&w, buf);
	}
	csv_writer_end_row(&w);
	cJSON_ArrayForEach(s, sequences) {
		for (size_t i = 0; i < N(info_cols); i++) {
			info_text(s, info_cols[i], buf, sizeof buf);
			csv_writer_cstr(&w, buf);
		}
		for (size_t i = 0; i < N(count_cols); i++) {
			metric_text(metric(s, count_cols[i]), false, false, buf, sizeof buf);
			csv_writer_cstr(&w, buf);
		}
		for (size_t i = 0; i < N(rate_cols); i++) {
			metric_text(metric(s, rate_cols[i]), true, opt->fraction_rates, buf, sizeof buf);
			csv_writer_cstr(&w, buf);
		}
		csv_writer_end_row(&w);
	}
	if (csv_writer_commit(&w) < 0) {
		snprintf(err, errlen, "%s: %s", path, w.error);
		return -1;
	}
	return 0;
}

/* JSON: the same rows as objects; numbers as numbers, "loading" kept */
static cJSON *json_value(const cJSON *v, bool rate, bool fraction)
{
	char buf[64];
	if (is_loading(v))
		return cJSON_CreateString("loading");
	metric_text(v, rate, fraction, buf, sizeof buf);
	return *buf ? cJSON_CreateNumber(strtod(buf, NULL)) : cJSON_CreateNull();
}

static int write_json(const cJSON *sequences, const char *path, const struct report_options *opt,
                      char *err, size_t errlen)
{
	cJSON *out = cJSON_CreateArray();
	const cJSON *s;
	struct csv_writer w;
	char *text;

	cJSON_ArrayForEach(s, sequences) {
		cJSON *o = cJSON_CreateObject();
		for (size_t i = 0; i < N(info_cols); i++) {
			const cJSON *v = cJSON_GetObjectItemCaseSensitive(s, info_cols[i]);
			cJSON_AddItemToObject(o, info_cols[i], v ? cJSON_Duplicate(v, 1) : cJSON_CreateNull());
		}
		for (size_t i = 0; i < N(count_cols); i++)
			cJSON_AddItemToObject(o, count_cols[i], json_value(metric(s, count_cols[i]), false, false));
		for (size_t i = 0; i < N(rate_cols); i++) {
			char name[64];
			snprintf(name, sizeof name, "%s%s", rate_cols[i], opt->fraction_rates ? "" : "_percent");
			cJSON_AddItemToObject(o, name, json_value(metric(s, rate_cols[i]), true, opt->fraction_rates));
		}
		cJSON_AddItemToArray(out, o);
	}
	text = cJSON_Print(out);
	cJSON_Delete(out);
	if (!text) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	/* the CSV writer's file handling (temporary name, rename, --force) */
	if (csv_writer_open(&w, path, &(struct csv_writer_options){ .force = opt->writer.force }) < 0) {
		snprintf(err, errlen, "%s: %s", path, w.error);
		free(text);
		return -1;
	}
	csv_writer_cells(&w, text, strlen(text));
	csv_writer_end_row(&w);
	free(text);
	if (csv_writer_commit(&w) < 0) {
		snprintf(err, errlen, "%s: %s", path, w.error);
		return -1;
	}
	return 0;
}

/* ---- HTML ---- */

static void put(struct dynbuf *b, const char *s)
{
	dynbuf_add(b, s, strlen(s));
}

static void put_escaped(struct dynbuf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': put(b, "&lt;"); break;
		case '>': put(b, "&gt;"); break;
		case '&': put(b, "&amp;"); break;
		case '"': put(b, "&quot;"); break;
		case '\'': put(b, "&#39;"); break;
		default: dynbuf_addc(b, *s);
		}
	}
}

static void putf(struct dynbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(struct dynbuf *b, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	put(b, buf);
}

static const char html_style[] =
	"body{font-family:Helvetica,Arial,sans-serif;color:#1d2330;margin:2em;max-width:60em}"
	"h1{font-size:1.6em;margin-bottom:.2em}p.when{color:#667;margin-top:0}"
	"table{border-collapse:collapse;width:100%;margin:1em 0 2em;font-size:.9em}"
	"th,td{border-bottom:1px solid #d8dce5;padding:.35em .5em;text-align:right}"
	"th:first-child,td:first-child{text-align:left}th{background:#eef1f6}"
	"section{page-break-inside:avoid;margin-bottom:2em}h2{font-size:1.15em;margin-bottom:.3em}"
	".inactive{color:#889}.loading{color:#a60}"
	"svg text{font-family:Helvetica,Arial,sans-serif;font-size:12px;fill:#1d2330}"
	"@media print{body{margin:1cm}th{background:none}}";

/* What the page shows of a metric: a number, "loading" while Apollo is
 * computing it, or "n/a" when Apollo sent none; never a made-up zero. */
enum shown { SHOWN_NUMBER, SHOWN_LOADING, SHOWN_NONE };

static enum shown html_number(const cJSON *seq, const char *name, double *out)
{
	const cJSON *v = metric(seq, name);
	*out = 0;
	if (is_loading(v))
		return SHOWN_LOADING;
	if (!metric_number(v, out)) {
		*out = 0;
		return SHOWN_NONE;
	}
	return SHOWN_NUMBER;
}

static void html_cell(struct dynbuf *b, const cJSON *seq, const char *name, bool rate)
{
	double v;
	switch (html_number(seq, name, &v)) {
	case SHOWN_LOADING:
		put(b, "<td class=\"loading\">loading</td>");
		break;
	case SHOWN_NONE:
		put(b, "<td>n/a</td>");
		break;
	default:
		if (rate)
			putf(b, "<td>%.1f%%</td>", round(v * 1000) / 10);
		else
			putf(b, "<td>%.0f</td>", v);
	}
}

static void html_table(struct dynbuf *b, const cJSON *sequences)
{
	static const char *const counts[] = { "unique_scheduled", "unique_delivered", "unique_opened",
		"unique_clicked", "unique_replied", "unique_bounced", "unique_unsubscribed" };
	static const char *const rates[] = { "open_rate", "reply_rate", "bounce_rate" };
	const cJSON *s;

	put(b, "<table><thead><tr><th>Sequence</th><th>Steps</th><th>Scheduled</th><th>Delivered</th>"
	       "<th>Opened</th><th>Clicked</th><th>Replied</th><th>Bounced</th><th>Unsubscribed</th>"
	       "<th>Open rate</th><th>Reply rate</th><th>Bounce rate</th></tr></thead><tbody>");
	cJSON_ArrayForEach(s, sequences) {
		bool active = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(s, "active")) &&
		              !cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(s, "archived"));
		put(b, active ? "<tr><td>" : "<tr class=\"inactive\"><td>");
		put_escaped(b, api_str(s, "name"));
		put(b, active ? "" : " (inactive)");
		if (api_number(cJSON_GetObjectItemCaseSensitive(s, "num_steps"), -1) >= 0)
			putf(b, "</td><td>%ld</td>", api_number(cJSON_GetObjectItemCaseSensitive(s, "num_steps"), -1));
		else
			put(b, "</td><td>n/a</td>");   /* not sent: no made-up 0 */
		for (size_t i = 0; i < N(counts); i++)
			html_cell(b, s, counts[i], false);
		for (size_t i = 0; i < N(rates); i++)
			html_cell(b, s, rates[i], true);
		put(b, "</tr>");
	}
	put(b, "</tbody></table>");
}

/* One horizontal bar: its label, a bar of `part` out of `whole` (clamped
 * to the chart), and what it stands for. A rate bar (whole 0) is a
 * fraction drawn against 100%. */
static void svg_bar(struct dynbuf *b, int y, const char *label, const cJSON *seq, const char *name,
                    double whole, const char *colour)
{
	double v, w = 0;
	enum shown shown = html_number(seq, name, &v);
	bool rate = whole <= 0;

	if (shown == SHOWN_NUMBER)
		w = rate ? 360.0 * v : whole > 0 ? 360.0 * v / whole : 0;
	if (w < 0)
		w = 0;
	if (w > 360)
		w = 360;
	if (w > 0 && w < 1)
		w = 1;
	putf(b, "<text x=\"0\" y=\"%d\">%s</text>", y + 14, label);
	if (rate)
		putf(b, "<rect x=\"110\" y=\"%d\" width=\"360\" height=\"18\" fill=\"#eef1f6\"/>", y);
	putf(b, "<rect x=\"110\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\"/>", y, w, colour);
	putf(b, "<text x=\"%.1f\" y=\"%d\">", rate ? 476.0 : 116 + w, y + 14);
	if (shown == SHOWN_LOADING)
		put(b, "loading");
	else if (shown == SHOWN_NONE)
		put(b, "n/a");
	else if (rate)
		putf(b, "%.1f%%", round(v * 1000) / 10);
	else
		putf(b, "%.0f", v);
	put(b, "</text>");
}

static void html_charts(struct dynbuf *b, const cJSON *seq)
{
	static const char *const funnel[] = { "unique_scheduled", "unique_delivered", "unique_opened",
		"unique_clicked", "unique_replied" };
	static const char *const words[] = { "Scheduled", "Delivered", "Opened", "Clicked", "Replied" };
	double top = 0;

	put(b, "<section><h2>");
	put_escaped(b, api_str(seq, "name"));
	put(b, "</h2>");
	if (html_number(seq, "unique_scheduled", &top) == SHOWN_LOADING) {
		put(b, "<p class=\"loading\">Apollo is still computing this sequence's numbers.</p></section>");
		return;
	}
	/* the funnel is scaled to its largest step (scheduled, normally) */
	for (size_t i = 0; i < N(funnel); i++) {
		double v;
		if (html_number(seq, funnel[i], &v) == SHOWN_NUMBER && v > top)
			top = v;
	}
	put(b, "<svg role=\"img\" width=\"520\" height=\"130\" viewBox=\"0 0 520 130\">"
	       "<title>Funnel: scheduled, delivered, opened, clicked, replied</title>");
	for (size_t i = 0; i < N(funnel); i++)
		svg_bar(b, (int)i * 25, words[i], seq, funnel[i], top > 0 ? top : 1, "#3b6fd8");
	put(b, "</svg><svg role=\"img\" width=\"520\" height=\"55\" viewBox=\"0 0 520 55\">"
	       "<title>Bounce and unsubscribe rates, out of 100%</title>");
	svg_bar(b, 0, "Bounced", seq, "bounce_rate", 0, "#d8573b");
	svg_bar(b, 30, "Unsubscribed", seq, "opt_out_rate", 0, "#b08a1e");
	put(b, "</svg></section>");
}

static int write_html(const cJSON *sequences, const char *path, const struct report_options *opt,
                      char *err, size_t errlen)
{
	struct dynbuf b;
	struct csv_writer w;
	const cJSON *s;
	char when[64];
	time_t now = time(NULL);
	struct tm tm;
	(void)opt;

	dynbuf_init(&b, 256u << 20);
	gmtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", &tm);
	put(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
	        "<title>Sequence report</title><style>");
	put(&b, html_style);
	putf(&b, "</style></head><body><h1>Sequence report</h1><p class=\"when\">%d sequence%s, from "
	         "Apollo on %s</p>", cJSON_GetArraySize(sequences),
	     cJSON_GetArraySize(sequences) == 1 ? "" : "s", when);
	html_table(&b, sequences);
	cJSON_ArrayForEach(s, sequences)
		html_charts(&b, s);
	put(&b, "</body></html>");
	/* the CSV writer's file handling (temporary name, rename, --force) */
	if (csv_writer_open(&w, path, &(struct csv_writer_options){ .force = opt->writer.force }) < 0) {
		snprintf(err, errlen, "%s: %s", path, w.error);
		dynbuf_free(&b);
		return -1;
	}
	csv_writer_cells(&w, b.data ? b.data : "", b.len);
	csv_writer_end_row(&w);
	dynbuf_free(&b);
	if (csv_writer_commit(&w) < 0) {
		snprintf(err, errlen, "%s: %s", path, w.error);
		return -1;
	}
	return 0;
}

int report_write(const cJSON *sequences, const char *path, const struct report_options *opt,
                 char *err, size_t errlen)
{
	switch (opt->format) {
	case REPORT_JSON:
		return write_json(sequences, path, opt, err, errlen);
	case REPORT_HTML:
		return write_html(sequences, path, opt, err, errlen);
	default:
		return write_csv(sequences, path, opt, err, errlen);
	}
}
