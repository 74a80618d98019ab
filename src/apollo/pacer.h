/* apollo/pacer.h - keeps requests inside Apollo's rate windows.
 *
 * Apollo counts calls per endpoint in fixed minute, hour and day windows
 * and reports, on every reply, how many are left in each
 * (x-minute-requests-left, x-hourly-requests-left, and the day as
 * x-24-hour-requests-left or, in older accounts, x-daily-requests-left).
 * The pacer holds a request back while the calls already in flight would
 * use up what is left. It cannot know when a spent window ends (Apollo
 * sends no reset time), so when a window is spent and nothing is in
 * flight it lets one request through: Apollo answers 429 with retry-after
 * (a 429 costs no quota), and the pacer holds every request for that
 * endpoint until then. So at most one 429 is seen per spent window. */
#ifndef APOLLO_PACER_H
#define APOLLO_PACER_H

#include <stdbool.h>

enum rate_window { RW_MINUTE, RW_HOUR, RW_DAY, RW_COUNT };

struct rate_reading {
	long left[RW_COUNT];     /* -1: not reported */
	long limit[RW_COUNT];    /* -1: not reported */
	long retry_after;        /* seconds; -1: none */
};

struct pacer_scope;

struct pacer {
	struct pacer_scope *scopes;
	/* the latest reading of any endpoint, for the progress line */
	long left[RW_COUNT];
};

void pacer_init(struct pacer *p);
void pacer_free(struct pacer *p);
void rate_reading_clear(struct rate_reading *r);
/* Reads one header line into r (names are case-insensitive). */
void rate_reading_header(struct rate_reading *r, const char *line, size_t len);

/* May a request for `scope` start at time `now` (seconds)? When not,
 * *wake is when to ask again (0: when a reply arrives). */
bool pacer_may_send(struct pacer *p, const char *scope, double now, double *wake);
void pacer_sent(struct pacer *p, const char *scope);
/* A reply (any status) arrived with these headers. */
void pacer_reply(struct pacer *p, const char *scope, const struct rate_reading *r, double now);
/* A 429: hold the endpoint for retry_after seconds. */
void pacer_limited(struct pacer *p, const char *scope, long retry_after, double now);
/* When the endpoint's hold ends (0: not held). */
double pacer_held_until(struct pacer *p, const char *scope);
/* The window that 429 was for (the longest one the replies said was
 * spent), -1 when not known or not held. */
int pacer_held_window(struct pacer *p, const char *scope);

#endif
