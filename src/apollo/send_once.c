/* apollo/send_once.c - see apollo/send_once.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "apollo/send_once.h"
#include "common/interrupt.h"
#include "common/msg.h"

static void pause_before_resend(const struct http_client *hc, int tries)
{
	long ms = hc->opt.backoff_ms << (tries < 6 ? tries : 6);
	interrupt_sleep((double)ms / 1000);
}

/* Since when (Apollo's clock) a record may be this run's: 0 for any time */
static double look_since(const struct http_client *hc, const struct once_job *job)
{
	const struct once_hooks *h = job->hooks;
	double start = h && h->resumed ? h->start : hc->apollo_start;
	return start > API_LOOK_MARGIN ? start - API_LOOK_MARGIN : 0;
}

/* A request whose answer was lost may still be at work in Apollo: give it
 * longer than the slowest reply seen before looking. false: a stop was
 * asked for meanwhile. */
static bool settle(const struct http_client *hc, const struct once_job *job, double least, size_t n)
{
	double wait = job->hooks && job->hooks->settle > 0 ? job->hooks->settle : API_SETTLE_DEFAULT;
	if (least > wait)
		wait = least;
	if (2 * hc->slowest > wait)
		wait = 2 * hc->slowest;
	msg_info("%zu %s%s may have been made without the answer reaching us: waiting %.0f s, then "
	         "looking for %s in Apollo before anything is sent again", n, job->what, n == 1 ? "" : "s",
	         wait, n == 1 ? "it" : "them");
	return interrupt_sleep(wait);
}

void api_once_made(const struct once_job *job, const size_t *items, size_t n, const struct api_item *out)
{
	if (n && job->hooks && job->hooks->made)
		job->hooks->made(job->hooks->arg, items, n, out);
}

void api_once_not_sent(const struct once_job *job, const size_t *items, size_t n)
{
	if (n && job->hooks && job->hooks->not_sent)
		job->hooks->not_sent(job->hooks->arg, items, n);
}

/* the items idx[0..n) a look found: told to the caller as made */
static void tell_found(const struct once_job *job, const size_t *idx, size_t n, const struct api_item *out)
{
	size_t *found = calloc(n + 1, sizeof *found), nf = 0;
	if (!found)
		return;
	for (size_t k = 0; k < n; k++)
		if (out[idx[k]].result == API_CREATED)
			found[nf++] = idx[k];
	api_once_made(job, found, nf, out);
	free(found);
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

void api_once_found(cJSON *found, const size_t *idx, size_t n, double since, const char *what,
                    bool (*fits)(const void *ctx, size_t i, const cJSON *record, double since),
                    const void *ctx, struct api_item *out, unsigned *counts)
{
	for (size_t k = 0; k < n; k++) {
		size_t i = idx[k];
		cJSON *f, *hit = NULL;
		int count = 0;
		char ids[400] = "", msg[1200];

		if (counts) {
			cJSON_ArrayForEach(f, found)
				counts[i] += fits(ctx, i, f, since);
			continue;
		}
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

	/* stopped while waiting: the items stay without an outcome, for the
	 * caller to leave to --resume (which looks for them first) */
	for (size_t k = 0; k < rd->nmaybe; k++)
		out[rd->maybe[k]].unsure = true;
	if (!settle(hc, job, 0, rd->nmaybe))
		return;
	if (job->look(job->ctx, hc, rd->maybe, rd->nmaybe, look_since(hc, job), out, why, sizeof why) < 0) {
		for (size_t k = 0; k < rd->nmaybe; k++) {
			size_t i = rd->maybe[k];
			snprintf(msg, sizeof msg, "%s; Apollo may have made the %s, and looking for it failed "
			         "(%s): look in Apollo before you make it again", nz(out[i].message), job->what, why);
			api_set_outcome(&out[i], API_UNKNOWN, msg);
		}
		return;
	}
	tell_found(job, rd->maybe, rd->nmaybe, out);
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

void api_once_run(struct http_client *hc, const struct once_job *job, size_t n, struct api_item *out)
{
	const struct once_hooks *h = job->hooks;
	size_t *pending = calloc(n + 1, sizeof *pending), np = 0;
	int *tries = calloc(n + 1, sizeof *tries);
	struct once_round rd = { calloc(n + 1, sizeof (size_t)), 0, calloc(n + 1, sizeof (size_t)), 0 };
	char why[700], msg[1000];

	if (!pending || !tries || !rd.again || !rd.maybe) {
		for (size_t i = 0; i < n; i++)
			api_set_outcome(&out[i], API_GAVE_UP, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < n; i++)
		pending[np++] = i;
	if (h && h->resumed && np) {
		for (size_t i = 0; i < n; i++)
			out[i].unsure = true;
		if (h->settle_first > 0 && !settle(hc, job, h->settle_first, np))
			goto done;   /* stopped: nothing sent, all left to --resume */
		if (job->look(job->ctx, hc, pending, np, look_since(hc, job), out, why, sizeof why) < 0) {
			snprintf(msg, sizeof msg, "could not look for the %ss the interrupted run may have made: "
			         "%s", job->what, why);
			for (size_t i = 0; i < n; i++)
				api_set_outcome(&out[i], API_UNKNOWN, msg);
			goto done;
		}
		tell_found(job, pending, np, out);
		np = 0;
		for (size_t i = 0; i < n; i++)
			if (out[i].result == API_NONE)
				pending[np++] = i;
	}
	while (np && !hc->stopped && !hc->refused) {
		rd.nagain = rd.nmaybe = 0;
		if (h && h->sending)
			h->sending(h->arg, pending, np);
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

int api_once_count(struct http_client *hc, struct once_job *job, size_t n, double since, unsigned *counts,
                   char *why, size_t whylen)
{
	size_t *all = calloc(n + 1, sizeof *all);
	int rc;

	if (!all) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		all[i] = i;
		counts[i] = 0;
	}
	job->counts = counts;
	rc = job->look(job->ctx, hc, all, n, since, NULL, why, whylen);
	job->counts = NULL;
	free(all);
	return rc;
}
