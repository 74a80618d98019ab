/* seq_metrics.h - the simulated activity of sequence memberships.
 *
 * A hash of (contact id, sequence id) decides whether that contact's
 * emails bounce, are opened, clicked, replied to or unsubscribed, and
 * when: delivery 10 minutes after enrolment, an open within two days of
 * it, then clicks and replies, in simulated seconds that --time-scale
 * speeds up. Each such happening is an event with a threshold; a metric
 * counts the memberships whose elapsed simulated time has reached it.
 * The same enrolments give the same numbers once the same time has
 * passed. */
#ifndef SANDBOX_SEQ_METRICS_H
#define SANDBOX_SEQ_METRICS_H

#include <limits.h>

struct seq_counts {
	long active, paused, finished, failed, bounced;
	long scheduled, delivered, opened, clicked, replied, demoed, unsubscribed, hard_bounced, spam_blocked;
};

enum seq_event {
	EV_BOUNCED, EV_HARD_BOUNCED, EV_SPAM_BLOCKED, EV_DELIVERED, EV_OPENED,
	EV_CLICKED, EV_REPLIED, EV_DEMOED, EV_UNSUBSCRIBED, EV_COUNT
};

/* an event that never happens to a membership */
#define SEQ_NEVER LLONG_MAX
/* one that has always happened (an unreadable added_at); above LLONG_MIN
 * so that "fired once now >= it" holds from the start */
#define SEQ_ALWAYS (LLONG_MIN + 1)

/* seconds since the epoch of "2026-11-26T07:30:00.000Z"; -1 if unreadable */
double seq_iso_seconds(const char *iso);

/* For one membership: the first second (of time(NULL)) at which each
 * event has happened, SEQ_NEVER or SEQ_ALWAYS: the first `now` at which
 * (now - added) * time_scale reaches the event's threshold, as the
 * sandbox has always tested it. */
void seq_event_times(const char *contact_id, const char *seq_id, const char *added_at,
                     double time_scale, long long at[EV_COUNT]);

/* adds one event to the counts (-1: takes it away) */
void seq_counts_event(struct seq_counts *n, enum seq_event ev, int sign);

/* adds a membership's status ("active", ...) to the counts (-1: takes it away) */
void seq_counts_status(struct seq_counts *n, const char *status, int sign);

#endif
