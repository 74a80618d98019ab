/* enrolments.h - an index of the sequence memberships (a contact's
 * contact_campaign_statuses items) that keeps each sequence's counts up
 * to date, so that a reply embedding a sequence with its metrics costs
 * the same however many contacts the store holds.
 *
 * Status counts and "scheduled" change as memberships come, go or change
 * status. The metric events (delivered, opened, ...) each happen at a
 * second seq_event_times gives; a sequence keeps the ones still to come
 * in a heap by time and counts them as the clock reaches them. */
#ifndef SANDBOX_ENROLMENTS_H
#define SANDBOX_ENROLMENTS_H

#include <cjson/cJSON.h>

#include "seq_metrics.h"
#include "strmap.h"

struct enrolments {
	struct strmap seqs;        /* sequence id -> struct seq_state */
	struct strmap members;     /* a membership record's address -> struct member */
	double time_scale;         /* the one the event times were worked out with */
};

void enrolments_init(struct enrolments *e);
void enrolments_free(struct enrolments *e);
/* from scratch, from every contact's memberships */
void enrolments_rebuild(struct enrolments *e, const cJSON *contacts, double time_scale);
/* st: a membership just added to contact c */
void enrolments_add(struct enrolments *e, const cJSON *c, const cJSON *st);
/* st: a membership about to be deleted */
void enrolments_remove(struct enrolments *e, const cJSON *st);
/* st: a membership whose status has just changed */
void enrolments_restatus(struct enrolments *e, const cJSON *st);
/* the sequence's counts at `now` (time(NULL)); contacts and time_scale
 * serve a rebuild when the clock went back or the scale changed */
void enrolments_count(struct enrolments *e, const cJSON *contacts, const char *seq_id,
                      double time_scale, long long now, struct seq_counts *out);

#endif
