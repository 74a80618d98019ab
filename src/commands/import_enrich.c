/* commands/import_enrich.c - see commands/import_enrich.h. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands/import_enrich.h"
#include "common/msg.h"

#define ENRICHED "enriched: "
#define FOUND_NO_EMAIL "enrichment found the person, but Apollo has no email for them"

bool import_enrich_wants(const struct held_row *h)
{
	return h->send && !*h->v[F_EMAIL];
}

/* the credits left under --max-credits (-1: no limit) */
static double credits_left(const struct import_plan *plan, const struct import_tally *t)
{
	double left;
	if (plan->max_credits < 0)
		return -1;
	left = (double)plan->max_credits - t->credits.used - t->credits.maybe - t->credits.uncounted -
	       t->credits_before;
	return left > 0 ? floor(left) : 0;
}

static void take_person(struct chunk *c, struct held_row *h, const cJSON *p, struct import_tally *t)
{
	const char *email = api_person_email(p);
	if (!*email) {
		h->res.reason = FOUND_NO_EMAIL;
		t->enrich_no_email++;
		return;
	}
	h->v[F_EMAIL] = chunk_strdup(c, email);
	if (!*h->v[F_TITLE] && *api_str(p, "title"))
		h->v[F_TITLE] = chunk_strdup(c, api_str(p, "title"));
	if (!*h->v[F_LINKEDIN_URL] && *api_str(p, "linkedin_url"))
		h->v[F_LINKEDIN_URL] = chunk_strdup(c, api_str(p, "linkedin_url"));
	h->res.reason = chunk_printf(c, ENRICHED "email %s from Apollo (people/bulk_match)", email);
	t->enriched++;
}

void import_enrich_stage(struct http_client *hc, const struct import_plan *plan, struct chunk *c,
                         struct import_tally *t)
{
	struct held_row **rows = calloc(c->n + 1, sizeof *rows);
	struct api_person_query *q = calloc(c->n + 1, sizeof *q);
	struct api_item *out = calloc(c->n + 1, sizeof *out);
	size_t n = 0, asked;
	double left = credits_left(plan, t);

	if (!rows || !q || !out)
		goto done;
	for (size_t i = 0; i < c->n; i++)
		if (import_enrich_wants(&c->rows[i]))
			rows[n++] = &c->rows[i];
	/* one credit a person at most */
	asked = left < 0 || (double)n <= left ? n : (size_t)left;
	for (size_t k = 0; k < asked; k++) {
		const char *const *v = rows[k]->v;
		q[k] = (struct api_person_query){ .first_name = v[F_FIRST_NAME], .last_name = v[F_LAST_NAME],
		                                  .name = v[F_NAME], .organization_name = v[F_ORGANIZATION_NAME],
		                                  .domain = v[F_WEBSITE_URL], .linkedin_url = v[F_LINKEDIN_URL] };
	}
	if (asked)
		api_match_people(hc, q, asked, left, out, &t->credits);
	t->enrich_asked += asked;
	for (size_t k = 0; k < asked; k++) {
		struct held_row *h = rows[k];
		if (out[k].result == API_DONE && out[k].record) {
			take_person(c, h, out[k].record, t);
		} else if (out[k].result == API_DONE) {
			h->res.reason = "enrichment found no match; imported without an email";
			t->enrich_no_match++;
		} else if (out[k].result == API_UNKNOWN) {
			h->res.reason = chunk_printf(c, "not enriched: %s; imported without an email", out[k].message);
			t->enrich_failed++;
		} else if (out[k].result == API_UNCONFIRMED) {
			/* asked and answered, but not so that an email can be taken */
			h->res.reason = chunk_printf(c, "not enriched: %s; imported without an email", out[k].message);
			h->res.needs_attention = true;
			t->enrich_failed++;
		} else if (out[k].result == API_REFUSED) {
			/* the key may not enrich: the row goes in as it is */
			h->res.reason = chunk_printf(c, "not enriched: Apollo refused (%s)",
			                             out[k].message ? out[k].message : "?");
			h->res.needs_attention = true;
			t->enrich_failed++;
		} else {
			/* stopped or no answer: --resume enriches it later */
			h->send = false;
			c->nsend--;
			h->res.status = ST_UNPROCESSED;
			h->res.reason = chunk_printf(c, "not enriched: %s; run again with --resume",
			                             out[k].message ? out[k].message : "no answer");
			t->gave_up = t->gave_up || out[k].result == API_GAVE_UP;
		}
		api_item_clear(&out[k]);
	}
	for (size_t k = asked; k < n; k++) {
		rows[k]->res.reason = chunk_printf(c, "not enriched: --max-credits %ld reached; imported "
		                                   "without an email", plan->max_credits);
		t->enrich_over_limit++;
	}
done:
	free(rows);
	free(q);
	free(out);
}

void import_enrich_replayed(struct import_tally *t, const char *reason)
{
	if (strncmp(reason, ENRICHED, strlen(ENRICHED)) == 0 || strcmp(reason, FOUND_NO_EMAIL) == 0)
		t->credits_before += 1;
}

void import_enrich_report(const struct import_plan *plan, const struct import_tally *t)
{
	char limit[96] = "";
	if (!plan->enrich)
		return;
	if (plan->max_credits >= 0)
		snprintf(limit, sizeof limit, " of --max-credits %ld", plan->max_credits);
	msg_info("enrichment: %llu row%s without an email asked about: %llu enriched, %llu found without "
	         "an email, %llu not found%s", t->enrich_asked, t->enrich_asked == 1 ? "" : "s", t->enriched,
	         t->enrich_no_email, t->enrich_no_match, t->enrich_failed ? ", some refused" : "");
	if (t->enrich_over_limit)
		msg_info("enrichment: %llu more row%s not asked about: the credit limit was reached",
		         t->enrich_over_limit, t->enrich_over_limit == 1 ? "" : "s");
	if (t->credits.maybe > 0)
		msg_info("credits used: %g%s (Apollo's count), and at most %g more for calls whose answer was "
		         "lost", t->credits.used, limit, t->credits.maybe);
	else
		msg_info("credits used: %g%s (Apollo's count)", t->credits.used, limit);
	if (t->credits.uncounted > 0)
		msg_info("credits: at most %g more that Apollo's replies did not count (no credits_consumed)",
		         t->credits.uncounted);
	if (t->credits_before > 0)
		msg_info("credits used by the run resumed: about %g (one a row it enriched)", t->credits_before);
}
