/* apollo/send_once.h - creates Apollo does not dedupe (tasks, deals), made so
 * that none is made twice.
 *
 * Each round sends what is pending, every request marked `once`
 * (apollo/http.h). A request that may have been done without its answer
 * reaching us is given time to settle (longer than the slowest reply
 * seen), then looked for (the endpoint's search: a record with the same
 * content, made since the run began by Apollo's own clock, less a margin
 * of minutes) and sent again only when its record is not there, up to
 * --retries times. This machine's clock plays no part: it may be off by
 * any amount. Knows nothing of CSV or rows: what was sent and made is
 * told to the caller (once_hooks), which writes it down. */
#ifndef APOLLO_API_ONCE_H
#define APOLLO_API_ONCE_H

#include "apollo/api.h"

/* what one round left to do */
struct once_round {
	size_t *again;             /* items to send in the next round */
	size_t nagain;
	size_t *maybe;             /* items sent that may have been made */
	size_t nmaybe;
};

/* the caller's side of a run */
struct once_hooks {
	bool resumed;              /* an earlier run may have made some: look first
	                            * for every item (after settle_first) */
	double start;              /* resumed: Apollo's clock when the earliest run
	                            * began (0: not known, so any time fits) */
	double settle;             /* seconds to wait at least before a look */
	double settle_first;       /* resumed: seconds to wait before the first look
	                            * (the earlier run's requests in flight) */
	/* items[0..n) are about to be sent (may be NULL) */
	void (*sending)(void *arg, const size_t *items, size_t n);
	/* items[0..n) have just been made: out[items[k]] has the id (may be NULL) */
	void (*made)(void *arg, const size_t *items, size_t n, const struct api_item *out);
	/* items[0..n), told to `sending`, never went out after all (a rate
	 * window or a stop came first) (may be NULL) */
	void (*not_sent)(void *arg, const size_t *items, size_t n);
	void *arg;
};

struct once_job {
	const char *what;          /* "task", "deal": for messages */
	/* Sends items pending[0..np) (all requests at once) and gives each an
	 * outcome in out[], except those it puts in rd->again or rd->maybe
	 * (with out[i].message saying what happened). As each reply comes,
	 * the items it made are told to api_once_made. */
	void (*send)(void *ctx, struct http_client *hc, const size_t *pending, size_t np,
	             struct api_item *out, struct once_round *rd);
	/* Looks for items idx[0..n) among the records made since `since`;
	 * those found become API_CREATED with reason "found", those several
	 * records fit API_UNKNOWN (api_once_found). 0, or -1 with why the
	 * search failed. */
	int (*look)(void *ctx, struct http_client *hc, const size_t *idx, size_t n, double since,
	            struct api_item *out, char *why, size_t whylen);
	void *ctx;
	const struct once_hooks *hooks;
	unsigned *counts;          /* api_once_count: how many records fit each item */
};

/* Makes items 0..n-1. Outcomes as in apollo/tasks.h. */
void api_once_run(struct http_client *hc, const struct once_job *job, size_t n, struct api_item *out);

/* For send: items[0..n) were just made (out[] has their ids). */
void api_once_made(const struct once_job *job, const size_t *items, size_t n, const struct api_item *out);
/* For send: items[0..n) never went out (never_applied). */
void api_once_not_sent(const struct once_job *job, const size_t *items, size_t n);

/* A request that cannot have been applied: never started, or stopped with
 * no fault (only 429s: Apollo did not take it) */
static inline bool never_applied(const struct http_request *r)
{
	return r->attempts == 0 || (r->outcome == HTTP_STOPPED && r->faults == 0);
}

/* A record is looked for among those made from this long before the run
 * began (by Apollo's clock): Apollo's clock itself is read to the second,
 * and its replica may lag; a margin of minutes costs nothing, as a record
 * must also have the item's content to fit. */
#define API_LOOK_MARGIN 300.0

/* the least a look waits for a request whose answer was lost to settle */
#define API_SETTLE_DEFAULT 5.0

/* For look: the records a search found, given to items idx[0..n); fits
 * says whether `record` is item i's, made since `since`. An item one
 * record fits becomes
 * API_CREATED with its id and reason "found" (the record is not given to
 * another). An item several fit is API_UNKNOWN naming them: which is its
 * own cannot be told, and one may be a second copy. An item none fits is
 * left as it was. With counts (api_once_count), counts[i] is how many
 * fit, taken or not, and no outcome is set. */
void api_once_found(cJSON *found, const size_t *idx, size_t n, double since, const char *what,
                    bool (*fits)(const void *ctx, size_t i, const cJSON *record, double since),
                    const void *ctx, struct api_item *out, unsigned *counts);

/* The end-of-run look: counts[i] = how many records made since `since`
 * (Apollo's clock; 0: any time) fit item i, for every item 0..n-1. 0, or
 * -1 with why the search failed. */
int api_once_count(struct http_client *hc, struct once_job *job, size_t n, double since, unsigned *counts,
                   char *why, size_t whylen);

#endif
