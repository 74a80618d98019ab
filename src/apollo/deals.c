/* apollo/deals.c - see apollo/deals.h. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apollo/deals.h"
#include "apollo/reply_shape.h"
#include "apollo/send_once.h"
#include "values/start_time.h"

static const char *nz(const char *s)
{
	return s ? s : "";
}

static char *deal_body(const struct api_deal *d)
{
	cJSON *o = cJSON_CreateObject();
	api_add_str(o, "name", d->name);
	api_add_str(o, "owner_id", d->owner_id);
	api_add_str(o, "account_id", d->account_id);
	/* documented as a string of digits (Apollo's CLI sends a number) */
	api_add_str(o, "amount", d->amount);
	api_add_str(o, "opportunity_stage_id", d->stage_id);
	api_add_str(o, "closed_date", d->closed_date);
	if (d->typed_custom_fields) {
		cJSON *typed = cJSON_Parse(d->typed_custom_fields);
		if (typed)
			cJSON_AddItemToObject(o, "typed_custom_fields", typed);
	}
	return api_print_and_free(o);
}

struct deals_ctx {
	const struct api_deal *deals;
	const struct once_job *job;
};

/* a deal's reply, read the moment it comes (so that what it made is
 * written down before anything else can happen) */
struct deal_reply {
	const struct once_job *job;
	size_t item;
	struct api_item *out;
};

static bool same_deal(const struct api_deal *d, const cJSON *found);

/* what a create's reply is read for: the deal's id and what it holds */
#define REPLY_DEAL "!{id!:s,name:s,account_id:s,closed_date:s,amount:f,opportunity_stage_id:s,owner_id:s}"

static void on_reply(struct http_request *r, void *arg)
{
	const struct deal_reply *dr = arg;
	struct api_item *it = &dr->out[dr->item];
	const struct api_deal *d = &((const struct deals_ctx *)dr->job->ctx)->deals[dr->item];
	const cJSON *o = cJSON_GetObjectItemCaseSensitive(r->json, "opportunity");
	struct reply_check rc;
	char msg[900];

	if (r->outcome != HTTP_OK)
		return;
	reply_check_init(&rc, "opportunities");
	if (!reply_member(&rc, r->json, "", "opportunity", REPLY_DEAL)) {
		/* a 200 that does not show the deal neither made it nor refused it */
		snprintf(msg, sizeof msg, "%s, so whether the deal was made is not known: look in Apollo before "
		         "you make it again", cJSON_GetObjectItemCaseSensitive(r->json, "opportunity") ? rc.message
		         : "Apollo's reply has no deal in it");
		api_set_outcome(it, API_UNCONFIRMED, msg);
	} else if (!same_deal(d, o)) {
		/* another deal than the one sent: never this row's */
		char id[80], name[160];
		snprintf(msg, sizeof msg, "Apollo's reply shows another deal, %s \"%s\", not this row's: whether "
		         "this row's was made is not known; look in Apollo before you make it again",
		         reply_quote(api_str(o, "id"), 64, id, sizeof id), reply_quote(api_str(o, "name"), 120, name, sizeof name));
		api_set_outcome(it, API_UNCONFIRMED, msg);
	} else {
		api_set_outcome(it, API_CREATED, NULL);
		snprintf(it->id, sizeof it->id, "%s", api_str(o, "id"));
		/* made, perhaps without a custom value Apollo lists beside it */
		free(it->custom_field_errors);
		it->custom_field_errors = api_custom_field_errors(o);
		api_once_made(dr->job, &dr->item, 1, dr->out);
	}
}

static void send_round(void *vctx, struct http_client *hc, const size_t *pending, size_t np,
                       struct api_item *out, struct once_round *rd)
{
	const struct deals_ctx *ctx = vctx;
	const struct api_deal *deals = ctx->deals;
	struct http_request *reqs = calloc(np + 1, sizeof *reqs);
	struct http_request **pr = calloc(np + 1, sizeof *pr);
	struct deal_reply *dr = calloc(np + 1, sizeof *dr);

	if (!reqs || !pr || !dr) {
		for (size_t k = 0; k < np; k++)
			api_set_outcome(&out[pending[k]], API_GAVE_UP, "out of memory");
		goto done;
	}
	for (size_t k = 0; k < np; k++) {
		http_request_init(&reqs[k], "POST", "opportunities", deal_body(&deals[pending[k]]), "opportunities");
		reqs[k].once = true;
		dr[k] = (struct deal_reply){ ctx->job, pending[k], out };
		reqs[k].done = on_reply;
		reqs[k].done_arg = &dr[k];
		pr[k] = &reqs[k];
	}
	http_run(hc, pr, np);
	for (size_t k = 0; k < np; k++) {
		const struct http_request *r = &reqs[k];
		struct api_item *it = &out[pending[k]];
		if (never_applied(r))
			api_once_not_sent(ctx->job, &pending[k], 1);
		if (r->outcome == HTTP_OK) {
			/* read as it came (on_reply) */
		} else if (r->outcome == HTTP_GAVE_UP && r->maybe_done) {
			api_set_outcome(it, API_NONE, r->message);
			rd->maybe[rd->nmaybe++] = pending[k];
		} else {
			api_set_outcome(it, api_outcome_result(r->outcome), r->message);
		}
		http_request_free(&reqs[k]);
	}
done:
	free(reqs);
	free(pr);
	free(dr);
}

static bool same_amount(const cJSON *v, const char *want)
{
	double have;
	if (!*nz(want))
		return !v || cJSON_IsNull(v);
	if (cJSON_IsNumber(v))
		have = v->valuedouble;
	else if (cJSON_IsString(v) && *v->valuestring)
		have = strtod(v->valuestring, NULL);
	else
		return false;
	return fabs(have - strtod(want, NULL)) < 0.005;
}

/* does `found` hold deal d's content: name, account, close date, amount,
 * and the stage and owner when d gives them */
static bool same_deal(const struct api_deal *d, const cJSON *found)
{
	if (strcmp(api_str(found, "name"), nz(d->name)) != 0 ||
	    strcmp(api_str(found, "account_id"), nz(d->account_id)) != 0 ||
	    strncmp(api_str(found, "closed_date"), nz(d->closed_date), 10) != 0 ||
	    !same_amount(cJSON_GetObjectItemCaseSensitive(found, "amount"), d->amount))
		return false;
	if (*nz(d->stage_id) && strcmp(api_str(found, "opportunity_stage_id"), d->stage_id) != 0)
		return false;
	/* two rows may differ only in their owner */
	return !*nz(d->owner_id) || strcmp(api_str(found, "owner_id"), d->owner_id) == 0;
}

/* is `found` deal i (its content), made since `since` (Apollo's clock; 0:
 * any time)? */
static bool is_deal(const void *vctx, size_t i, const cJSON *found, double since)
{
	double made;
	if (!same_deal(&((const struct deals_ctx *)vctx)->deals[i], found))
		return false;
	if (since <= 0)
		return true;
	return parse_instant_precise(api_str(found, "created_at"), &made) && made >= since;
}

/* Apollo's deal search has no filter by name or time that is documented:
 * every deal is read (100 a call) and the ones made since `since` kept */
static int look(void *vctx, struct http_client *hc, const size_t *idx, size_t n, double since,
                struct api_item *out, char *why, size_t whylen)
{
	cJSON *found = cJSON_CreateArray();
	struct http_request failed;

	if (api_search_all(hc, "opportunities/search", "opportunities", NULL, false, found, &failed) < 0) {
		snprintf(why, whylen, "%s", failed.message);
		cJSON_Delete(found);
		return -1;
	}
	api_once_found(found, idx, n, since, "deal", is_deal, vctx, out, ((struct deals_ctx *)vctx)->job->counts);
	cJSON_Delete(found);
	return 0;
}

void api_create_deals(struct http_client *hc, const struct api_deal *deals, size_t n,
                      const struct once_hooks *hooks, struct api_item *out)
{
	struct deals_ctx ctx = { deals, NULL };
	struct once_job job = { "deal", send_round, look, &ctx, hooks, NULL };
	ctx.job = &job;
	api_once_run(hc, &job, n, out);
}

int api_count_deals(struct http_client *hc, const struct api_deal *deals, size_t n, double since,
                    unsigned *counts, char *why, size_t whylen)
{
	struct deals_ctx ctx = { deals, NULL };
	struct once_job job = { "deal", send_round, look, &ctx, NULL, NULL };
	ctx.job = &job;
	return api_once_count(hc, &job, n, since, counts, why, whylen);
}
