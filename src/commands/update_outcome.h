/* commands/update_outcome.h - what the calls of `update` came to for each
 * row, for contacts (commands/update.c) and accounts
 * (commands/update_accounts.c) alike: a row's change may take several calls
 * (bulk_update, a PATCH, a stage, lists), and its _status and _reason say
 * what each of them did. */
#ifndef APOLLO_UPDATE_OUTCOME_H
#define APOLLO_UPDATE_OUTCOME_H

#include <stdbool.h>
#include <stddef.h>

#include "apollo/api.h"
#include "common/dynbuf.h"
#include "rows/chunk.h"

struct update_outcome {
	struct dynbuf done;        /* "title, stage, lists": what Apollo took */
	const char *job;           /* the job bulk_update answered with, if any */
	const char *failed;        /* what Apollo refused or did not confirm, each named */
	const char *failed_alone;  /* the last of them without the name, for a row of one call */
	int calls;                 /* the calls the row took part in */
	const char *unsent;        /* a call that got no answer */
};

/* n outcomes, ready (NULL when memory ran out) */
struct update_outcome *update_outcomes_new(size_t n);

/* What one call (`what`: "title, owner", "stage", "lists added"...) did for
 * a row, its item cleared. A custom value Apollo lists beside the record
 * (custom_field_errors) fails the row though the rest went; key_refused:
 * the client stopped on a refused key (the row is unsent, not failed);
 * *gave_up is set when the client gave up. Words in the chunk's arena. */
void update_outcome_note(struct chunk *c, bool key_refused, struct update_outcome *o, const char *what,
                         struct api_item *it, bool *gave_up);

/* Each of rows[0..n)'s _status and _reason from o[i] and the problem in its
 * v[problem_slot] (a value that did not fit, sent without): updated,
 * failed (naming what changed) or unprocessed; then every row of the chunk
 * still ready is unprocessed (*gave_up set). Frees o. */
void update_outcomes_finish(struct chunk *c, struct held_row **rows, struct update_outcome *o, size_t n,
                            size_t problem_slot, bool *gave_up);

#endif
