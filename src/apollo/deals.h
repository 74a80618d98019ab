/* apollo/deals.h - Apollo's deals (opportunities, apollo-api.md §12): one
 * POST opportunities a deal (Apollo has no bulk create for them), the
 * requests run together (--jobs at a time). Apollo makes a second deal
 * when asked twice, so each is sent once (apollo/send_once.h) and a deal whose
 * answer was lost is looked for with opportunities/search before it is
 * sent again. Knows nothing of
 * CSV or rows. */
#ifndef APOLLO_API_DEALS_H
#define APOLLO_API_DEALS_H

#include "apollo/api.h"
#include "apollo/send_once.h"

/* one deal; "" or NULL for a field not set */
struct api_deal {
	const char *name;
	const char *owner_id;
	const char *account_id;
	const char *amount;        /* plain digits, e.g. "50000" or "1234.5" */
	const char *stage_id;      /* opportunity_stage_id */
	const char *closed_date;   /* YYYY-MM-DD */
	const char *typed_custom_fields; /* a JSON object keyed by bare field id
	                           * (values/custom_fields.h), or NULL */
};

/* Makes deals[0..n); hooks and the outcomes as for api_create_tasks
 * (apollo/tasks.h), the deal's id in out[i].id. */
void api_create_deals(struct http_client *hc, const struct api_deal *deals, size_t n,
                      const struct once_hooks *hooks, struct api_item *out);

/* as api_count_tasks, for deals */
int api_count_deals(struct http_client *hc, const struct api_deal *deals, size_t n, double since,
                    unsigned *counts, char *why, size_t whylen);

#endif
