/* apollo/send_once.c - see apollo/send_once.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "apollo/send_once.h"

static void pause_before_resend(const struct http_client *hc, int tries)
{
	long ms = hc->opt.backoff_ms << (tries < 6 ? tries : 6);
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

void api_once_found(cJSON *found, const size_t *idx, size_t n, double since, const char *what,
                    bool (*fits)(const void *ctx, size_t i, const cJSON *record, double since),
                    const void *ctx, struct api_item *out)
{
	for (size_t k = 0; k < n; k++) {
		size_t i = idx[k];
		cJSON *f, *hit = NULL;
		int count = 0;
		char ids[400] = "", msg[1200];

		cJSON_ArrayForEach(f, found)
			if (!cJSON_GetObjectItemCaseSensitive(f, "_taken") && fits(ctx, i, f, since)) {
				hit = hit ? hit : f;
				count = api_add_id(ids, sizeof ids, count, api_str(f, "id"));
			}
		if (count == 1) {
			cJSON_AddTrueToObject(hit, "_taken");
			api_set_outcome(&out[i], API_CREATED, NULL);
			snprintf(out[i].id, sizeof out[i].id, "%s", api_str(hit, "id"));
			snprintf(out[i].reason, sizeof out[i].reason, "found");
		} else if (count > 1) {
			snprintf(msg, sizeof msg, "%s%sApollo holds %d %ss made since it was sent that fit this row "
			         "(%s): it may have been made more than once; look in Apollo", nz(out[i].message),
			         out[i].message ? "; " : "", count, what, ids);
			api_set_outcome(&out[i], API_UNKNOWN, msg);
		}
	}
}

/* After a round: the items that may have been made are looked for; the
 * ones not there are sent again (or given up on once their tries are
 * spent); when looking fails nobody can tell, and a person must look. */
static void settle_maybe(struct http_client *hc, const struct once_job *job, struct once_round *rd,
                         int *tries, struct api_item *out)
{
	char why[700], msg[1600];
	bool resend = false;
	int most = 0;

	if (job->look(job->ctx, hc, rd->maybe, rd->nmaybe, rd->since, out, why, sizeof why) < 0) {
		for (size_t k = 0; k < rd->nmaybe; k++) {
			size_t i = rd->maybe[k];
			snprintf(msg, sizeof msg, "%s; Apollo may have made the %s, and looking for it failed "
			         "(%s): look in Apollo before you make it again", nz(out[i].message), job->what, why);
			api_set_outcome(&out[i], API_UNKNOWN, msg);
		}
		return;
	}
	for (size_t k = 0; k < rd->nmaybe; k++) {
		size_t i = rd->maybe[k];
		if (out[i].result != API_NONE)
			continue;            /* found: made before its answer was lost */
		if (tries[i]++ < hc->opt.retries && !hc->stopped && !hc->refused) {
			rd->again[rd->nagain++] = i;
			resend = true;
			most = tries[i] > most ? tries[i] : most;
		} else {
			snprintf(msg, sizeof msg, "%s (gave up after %d tries; the %s was not made)",
			         nz(out[i].message), tries[i], job->what);
			api_set_outcome(&out[i], API_GAVE_UP, msg);
		}
	}
	if (resend)
		pause_before_resend(hc, most);
}

void api_once_run(struct http_client *hc, const struct once_job *job, size_t n, double look_since,
                  struct api_item *out)
{
	size_t *pending = calloc(n + 1, sizeof *pending), np = 0;
	int *tries = calloc(n + 1, sizeof *tries);
	struct once_round rd = { calloc(n + 1, sizeof (size_t)), 0, calloc(n + 1, sizeof (size_t)), 0, 0 };
	char why[700], msg[1000];

	if (!pending || !tries || !rd.again || !rd.maybe) {
		for (size_t i = 0; i < n; i++)
			api_set_outcome(&out[i], API_GAVE_UP, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < n; i++)
		pending[np++] = i;
	if (look_since > 0 && np) {
		if (job->look(job->ctx, hc, pending, np, look_since, out, why, sizeof why) < 0) {
			snprintf(msg, sizeof msg, "could not look for the %ss the interrupted run may have made: "
			         "%s", job->what, why);
			for (size_t i = 0; i < n; i++)
				api_set_outcome(&out[i], API_UNKNOWN, msg);
			goto done;
		}
		np = 0;
		for (size_t i = 0; i < n; i++)
			if (out[i].result == API_NONE)
				pending[np++] = i;
	}
	while (np) {
		rd.nagain = rd.nmaybe = 0;
		rd.since = 0;
		job->send(job->ctx, hc, pending, np, out, &rd);
		if (rd.nmaybe)
			settle_maybe(hc, job, &rd, tries, out);
		memcpy(pending, rd.again, rd.nagain * sizeof *pending);
		np = rd.nagain;
	}
done:
	free(pending);
	free(tries);
	free(rd.again);
	free(rd.maybe);
}
