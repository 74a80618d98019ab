/* apollo/memberships.h - where contacts stand in a sequence, looked up one
 * contact at a time (GET contacts/{id}, its contact_campaign_statuses).
 *
 * For a resumed run that meets contacts an interrupted run may have
 * enrolled or taken out without its answer being written down: Apollo
 * then only says "already in the sequence" (add_contact_ids' skip code)
 * or nothing (remove_or_stop_contact_ids leaves out a contact no longer
 * in the sequence). The contact's membership says whether it is still
 * in, with what status, and since when, by Apollo's clock. The look-ups
 * go together through apollo/http; one that fails tells nothing and
 * stops nothing (a refused scope included). Knows nothing of CSV or rows. */
#ifndef APOLLO_MEMBERSHIPS_H
#define APOLLO_MEMBERSHIPS_H

#include <stddef.h>

#include "apollo/http.h"

/* what a look-up found */
enum api_member {
	API_MEMBER_UNKNOWN,        /* the look-up failed, or the reply does not show
	                            * the contact's sequences, or is not the contact
	                            * asked for, or has a field of another type */
	API_MEMBER_NOT_IN,         /* the contact is not in the sequence */
	API_MEMBER_IN
};

struct api_membership {
	enum api_member state;
	char status[16];           /* API_MEMBER_IN: active, paused, finished, failed */
	double added_at;           /* API_MEMBER_IN: when it was added, by Apollo's clock
	                            * (seconds since the epoch); 0: not shown */
};

/* out[i]: where contact ids[i] stands in the sequence */
void api_look_up_memberships(struct http_client *hc, const char *sequence_id, const char *const *ids,
                             size_t n, struct api_membership *out);

/* A run's start by Apollo's clock is taken this much early: a request is
 * stamped when Apollo handles it, which may be a while after the run began
 * counting (look-ups, queues, a clock set a little off). */
#define API_ADDED_MARGIN 300.0

enum api_added {
	API_ADDED_UNKNOWN,         /* not in it, or either time is not known */
	API_ADDED_BEFORE,          /* before the run began */
	API_ADDED_SINCE            /* at or after it (less API_ADDED_MARGIN) */
};

/* Was the contact put in the sequence since a run that began at
 * run_start (Apollo's clock; 0: not known)? */
enum api_added api_added_since(const struct api_membership *m, double run_start);

#endif
