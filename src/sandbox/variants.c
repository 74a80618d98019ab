/* variants.c - see variants.h. The reply is walked once; every rewrite
 * goes by the member's name, which is unambiguous in Apollo's replies
 * (no other object has an open_rate or a pagination). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "variants.h"

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

static const char *const variant_names[V_COUNT] = {
	[V_STRING_NUMBERS] = "string-numbers", [V_LOADING] = "loading", [V_OLD_NAMES] = "old-names",
	[V_NULL_PAGES] = "null-pages", [V_INT_RATES] = "int-rates",
};

static const char *const rate_names[] = {
	"bounce_rate", "hard_bounce_rate", "open_rate", "click_rate", "reply_rate", "spam_block_rate",
	"spam_blocked_rate", "opt_out_rate", "demo_rate",
};

static const char *const count_names[] = {
	"unique_scheduled", "unique_delivered", "unique_bounced", "unique_hard_bounced",
	"unique_spam_blocked", "unique_opened", "unique_clicked", "unique_replied", "unique_demoed",
	"unique_unsubscribed",
};

static const char *const page_names[] = { "page", "per_page", "total_entries", "total_pages" };

static bool one_of(const char *name, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(name, list[i]) == 0)
			return true;
	return false;
}

bool variants_parse(const char *list, struct variants *out, char *err, size_t errsize)
{
	char copy[256], *save = NULL;
	memset(out, 0, sizeof *out);
	if (snprintf(copy, sizeof copy, "%s", list) >= (int)sizeof copy) {
		snprintf(err, errsize, "the list is too long");
		return false;
	}
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		size_t k;
		if (strcmp(tok, "none") == 0)
			continue;
		for (k = 0; k < V_COUNT && strcmp(tok, variant_names[k]) != 0; k++)
			;
		if (k == V_COUNT) {
			snprintf(err, errsize, "no variant \"%.60s\" (string-numbers, loading, old-names, null-pages, "
			         "int-rates, or none)", tok);
			return false;
		}
		out->on[k] = true;
	}
	return true;
}

cJSON *variants_list(const struct variants *v)
{
	cJSON *a = cJSON_CreateArray();
	for (int k = 0; k < V_COUNT; k++)
		if (v->on[k])
			cJSON_AddItemToArray(a, cJSON_CreateString(variant_names[k]));
	return a;
}

void variants_day_headers(const struct variants *v, const char *names[3])
{
	bool old = v->on[V_OLD_NAMES];
	names[0] = old ? "x-rate-limit-daily" : "x-rate-limit-24-hour";
	names[1] = old ? "x-daily-usage" : "x-24-hour-usage";
	names[2] = old ? "x-daily-requests-left" : "x-24-hour-requests-left";
}

/* parent's member it becomes `with`, under the same name */
static void replace(cJSON *parent, cJSON *it, cJSON *with)
{
	cJSON_ReplaceItemInObjectCaseSensitive(parent, it->string, with);
}

/* a whole number as text, for the string forms */
static cJSON *number_string(double n)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%.15g", n);
	return cJSON_CreateString(buf);
}

/* a rate as Apollo writes it: always with a decimal point */
static void rate_text(double r, char *buf, size_t size)
{
	if (r == floor(r))
		snprintf(buf, size, "%.1f", r);
	else
		snprintf(buf, size, "%.15g", r);
}

/* one rate, a number so far */
static void shape_rate(const struct variants *v, cJSON *parent, cJSON *it)
{
	char buf[64];
	double r = it->valuedouble;
	if (v->on[V_LOADING]) {
		replace(parent, it, cJSON_CreateString("loading"));
	} else if (v->on[V_INT_RATES]) {
		replace(parent, it, cJSON_CreateNumber(floor(r + 0.5)));
	} else {
		rate_text(r, buf, sizeof buf);
		replace(parent, it, v->on[V_STRING_NUMBERS] ? cJSON_CreateString(buf) : cJSON_CreateRaw(buf));
	}
}

/* one count (a metric, a contact_statuses count), a number so far */
static void shape_count(const struct variants *v, cJSON *parent, cJSON *it)
{
	if (v->on[V_LOADING])
		replace(parent, it, cJSON_CreateString("loading"));
	else if (v->on[V_STRING_NUMBERS])
		replace(parent, it, number_string(it->valuedouble));
}

static void shape_pagination(const struct variants *v, cJSON *pg)
{
	cJSON *it, *next;
	for (it = pg->child; it; it = next) {
		next = it->next;
		if (!it->string)
			continue;
		if (v->on[V_NULL_PAGES] && strcmp(it->string, "page") == 0)
			replace(pg, it, cJSON_CreateNull());
		else if (v->on[V_STRING_NUMBERS] && cJSON_IsNumber(it) && one_of(it->string, page_names, COUNT(page_names)))
			replace(pg, it, number_string(it->valuedouble));
	}
}

static void walk(const struct variants *v, cJSON *node)
{
	cJSON *it, *next;
	bool renamed = false;

	for (it = node ? node->child : NULL; it; it = next) {
		next = it->next;
		if (cJSON_IsObject(node) && it->string) {
			const char *k = it->string;
			if (strcmp(k, "pagination") == 0 && cJSON_IsObject(it)) {
				shape_pagination(v, it);
				continue;
			}
			if (strcmp(k, "contact_statuses") == 0 && cJSON_IsObject(it)) {
				cJSON *n, *nn;
				for (n = it->child; n; n = nn) {
					nn = n->next;
					if (cJSON_IsNumber(n))
						shape_count(v, it, n);
				}
				continue;
			}
			/* read before shape_rate replaces it (and its name); a
			 * "loading" rate is renamed too */
			renamed = renamed || strcmp(k, "spam_block_rate") == 0;
			if (cJSON_IsNumber(it) && one_of(k, rate_names, COUNT(rate_names))) {
				shape_rate(v, node, it);
				continue;
			}
			if (cJSON_IsNumber(it) && one_of(k, count_names, COUNT(count_names))) {
				shape_count(v, node, it);
				continue;
			}
			if (v->on[V_LOADING] && strcmp(k, "loaded_stats") == 0 && cJSON_IsBool(it)) {
				replace(node, it, cJSON_CreateFalse());
				continue;
			}
		}
		if (cJSON_IsObject(it) || cJSON_IsArray(it))
			walk(v, it);
	}
	if (renamed && v->on[V_OLD_NAMES]) {
		/* the older name, in place of the current one */
		cJSON *rate = cJSON_DetachItemFromObjectCaseSensitive(node, "spam_block_rate");
		if (rate)
			cJSON_AddItemToObject(node, "spam_blocked_rate", rate);
	}
}

void variants_apply(const struct variants *v, cJSON *reply)
{
	if (reply && (cJSON_IsObject(reply) || cJSON_IsArray(reply)))
		walk(v, reply);
}
