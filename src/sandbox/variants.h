/* variants.h - the shapes Apollo's replies take only sometimes, which a
 * client must read as well as the usual ones (apollo-api.md §5, §7, §13):
 *
 *   string-numbers  pagination's page, per_page, total_entries and
 *                   total_pages, the metrics (unique_*, *_rate) and the
 *                   contact_statuses counts as numeric strings ("3", "0.526")
 *   loading         every metric and contact_statuses count "loading"
 *                   (stats still being computed)
 *   old-names       spam_blocked_rate for spam_block_rate; the day window's
 *                   headers x-rate-limit-daily, x-daily-usage and
 *                   x-daily-requests-left for the 24-hour ones
 *   null-pages      pagination.page null
 *   int-rates       rates as whole numbers 0 or 1 (integer, as the OpenAPI
 *                   schema types them)
 *
 * Without a variant, rates go out as Apollo's usual floats: fractions from
 * 0 to 1 that always carry a decimal point ("0.0", "0.526", "1.0").
 * Set with --variant or POST /_sandbox/variant; applied to every API
 * reply after its route's handler, so the handlers know none of this. */
#ifndef SANDBOX_VARIANTS_H
#define SANDBOX_VARIANTS_H

#include <stdbool.h>
#include <stddef.h>
#include <cjson/cJSON.h>

enum variant { V_STRING_NUMBERS, V_LOADING, V_OLD_NAMES, V_NULL_PAGES, V_INT_RATES, V_COUNT };

struct variants {
	bool on[V_COUNT];
};

/* "string-numbers,old-names" (or "" or "none": no variant) into out;
 * false with err set naming a variant that is not one */
bool variants_parse(const char *list, struct variants *out, char *err, size_t errsize);
/* the variants on, by name, as a JSON array (for /_sandbox/stats) */
cJSON *variants_list(const struct variants *v);
/* the reply (a JSON tree; a raw one is left alone) as the variants shape it */
void variants_apply(const struct variants *v, cJSON *reply);
/* the day window's rate headers: limit, usage, requests left */
void variants_day_headers(const struct variants *v, const char *names[3]);

#endif
