/* apollo/send_once.h - creates Apollo does not dedupe (tasks, deals), made so
 * that none is made twice.
 *
 * Each round sends what is pending, every request marked `once`
 * (apollo/http.h). A request that may have been done without its answer
 * reaching us is looked for (the endpoint's search: made since it was
 * sent) and sent again only when its record is not there, up to
 * --retries times. Knows nothing of CSV or rows. */
#ifndef APOLLO_API_ONCE_H
#define APOLLO_API_ONCE_H

#include "apollo/api.h"

/* what one round left to do */
struct once_round {
	size_t *again;             /* items to send in the next round */
	size_t nagain;
	size_t *maybe;             /* items sent that may have been made */
	size_t nmaybe;
	double since;              /* when the first of those went out */
};

struct once_job {
	const char *what;          /* "task", "deal": for messages */
	/* Sends items pending[0..np) (all requests at once) and gives each an
	 * outcome in out[], except those it puts in rd->again or rd->maybe
	 * (with out[i].message saying what happened). */
	void (*send)(void *ctx, struct http_client *hc, const size_t *pending, size_t np,
	             struct api_item *out, struct once_round *rd);
	/* Looks for items idx[0..n) among the records made since `since`;
	 * those found become API_CREATED with reason "found", those several
	 * records fit API_UNKNOWN (api_once_found). 0, or -1 with why the
	 * search failed. */
	int (*look)(void *ctx, struct http_client *hc, const size_t *idx, size_t n, double since,
	            struct api_item *out, char *why, size_t whylen);
	void *ctx;
};

/* Makes items 0..n-1. look_since > 0: first look for records made since
 * then (an interrupted run's). Outcomes as in apollo/tasks.h. */
void api_once_run(struct http_client *hc, const struct once_job *job, size_t n, double look_since,
                  struct api_item *out);

/* Apollo's clock and ours: a record is looked for from a little before
 * its request went out */
#define API_LOOK_MARGIN 2.0

/* For look: the records a search found, given to items idx[0..n); fits
 * says whether `record` is item i's, made since `since`. An item one
 * record fits becomes
 * API_CREATED with its id and reason "found" (the record is not given to
 * another). An item several fit is API_UNKNOWN naming them: which is its
 * own cannot be told, and one may be a second copy. An item none fits is
 * left as it was. */
void api_once_found(cJSON *found, const size_t *idx, size_t n, double since, const char *what,
                    bool (*fits)(const void *ctx, size_t i, const cJSON *record, double since),
                    const void *ctx, struct api_item *out);

#endif
