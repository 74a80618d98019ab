/* sequence_report.c - see sequence_report.h. Rates become percentages
 * with one decimal (0.5263 -> 52.6), the way a spreadsheet user reads
 * them; --rates fraction keeps Apollo's fractions. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apollo_api.h"
#include "sequence_report.h"

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

/* a metric's cell: a whole count, a rate, "loading", or "" when absent */
static void metric_text(const cJSON *v, bool rate, bool fraction, char *buf, size_t size)
{
	double d;
	if (is_loading(v)) {
		snprintf(buf, size, "loading");
		return;
	}
	if (cJSON_IsNumber(v))
		d = v->valuedouble;
	else if (cJSON_IsString(v) && *v->valuestring)
		d = strtod(v->valuestring, NULL);
	else {
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

static int write_csv(const cJSON *sequences, const char *path, const struct report_options *opt,
                     char *err, size_t errlen)
{
	struct csv_writer w;
	const cJSON *s;
	char buf[512];

	if (csv_writer_open(&w, path, &opt->writer) < 0) {
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

int report_write(const cJSON *sequences, const char *path, const struct report_options *opt,
                 char *err, size_t errlen)
{
	return opt->format == REPORT_JSON ? write_json(sequences, path, opt, err, errlen)
	                                  : write_csv(sequences, path, opt, err, errlen);
}
