/* commands/update_outcome.c - see commands/update_outcome.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "commands/update_outcome.h"
#include "rows/results.h"

struct update_outcome *update_outcomes_new(size_t n)
{
	struct update_outcome *o = calloc(n + 1, sizeof *o);
	for (size_t i = 0; o && i < n; i++)
		dynbuf_init(&o[i].done, 1 << 16);
	return o;
}

/* words after the ones already there, "; "-joined */
static const char *and_then(struct chunk *c, const char *had, const char *words)
{
	return chunk_printf(c, "%s%s%s", had ? had : "", had ? "; " : "", words);
}

void update_outcome_note(struct chunk *c, bool key_refused, struct update_outcome *o, const char *what,
                         struct api_item *it, bool *gave_up)
{
	const char *m = it->message ? it->message : "?";

	o->calls++;
	if (it->result == API_DONE) {
		if (o->done.len)
			dynbuf_add(&o->done, ", ", 2);
		dynbuf_add(&o->done, what, strlen(what));
		if (*it->reason)
			o->job = chunk_strdup(c, it->reason);
		/* the rest went; a custom value Apollo listed beside the record did not */
		if (it->custom_field_errors) {
			o->failed_alone = chunk_printf(c, "Apollo did not take every custom value: %s",
			                               it->custom_field_errors);
			o->failed = and_then(c, o->failed, o->failed_alone);
		}
	} else if (it->result == API_UNCONFIRMED || (it->result == API_REFUSED && !key_refused)) {
		o->failed_alone = it->result == API_UNCONFIRMED
		                  ? chunk_strdup(c, it->message ? it->message : "Apollo did not confirm this change")
		                  : chunk_printf(c, "Apollo did not update it: %s", m);
		o->failed = and_then(c, o->failed, chunk_printf(c, "%s: %s", what, o->failed_alone));
	} else {
		o->unsent = chunk_strdup(c, m);
		*gave_up = *gave_up || it->result == API_GAVE_UP;
	}
	api_item_clear(it);
}

void update_outcomes_finish(struct chunk *c, struct held_row **rows, struct update_outcome *o, size_t n,
                            size_t problem_slot, bool *gave_up)
{
	for (size_t i = 0; o && i < n; i++) {
		struct held_row *h = rows[i];
		const char *problem = h->v[problem_slot];
		const char *changed = o[i].done.len ? o[i].done.data : NULL;
		if (o[i].unsent) {
			h->res.status = ST_UNPROCESSED;
			h->res.reason = chunk_printf(c, "not sent: %s; run update --resume on this file", o[i].unsent);
		} else if (o[i].failed) {
			h->res.status = ST_FAILED;
			/* a row of one call is told in Apollo's words alone */
			h->res.reason = chunk_printf(c, "%s%s%s%s%s", o[i].calls == 1 ? o[i].failed_alone : o[i].failed,
			                             changed ? "; changed: " : "", changed ? changed : "",
			                             problem ? "; " : "", problem ? problem : "");
			h->res.needs_attention = true;
		} else {
			h->res.status = ST_UPDATED;
			h->res.reason = chunk_printf(c, "changed: %s%s%s%s", changed ? changed : "",
			                             o[i].job ? " (Apollo does it in job " : "", o[i].job ? o[i].job : "",
			                             o[i].job ? ")" : "");
			if (problem) {
				/* the rest of the row went; the value that did not fit needs a person */
				h->res.reason = chunk_printf(c, "%s; %s", h->res.reason, problem);
				h->res.needs_attention = true;
			}
		}
	}
	for (size_t i = 0; o && i < n; i++)
		dynbuf_free(&o[i].done);
	free(o);
	/* rows never sent (a stop before this chunk, or no memory) */
	for (size_t i = 0; i < c->n; i++)
		if (c->rows[i].res.status == ST_READY) {
			c->rows[i].res.status = ST_UNPROCESSED;
			c->rows[i].res.reason = "not sent; run update --resume on this file";
			*gave_up = true;
		}
}
