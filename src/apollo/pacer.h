/* apollo/pacer.h - keeps requests inside Apollo's rate windows.
 *
 * Apollo counts calls per endpoint in fixed minute, hour and day windows
 * and reports, on every reply, each window's limit, what is used and what
 * is left (x-rate-limit-minute, x-minute-usage, x-minute-requests-left;
 * the same with "hourly", and the day as "24-hour" or, in older accounts,
 * "daily"). An empty limit is a window not limited. The pacer holds a
 * request back while the calls already in flight would use up what is
 * left. It cannot know when a spent window ends (Apollo sends no reset
 * time), so when a window is spent and nothing is in flight it lets one
 * request through: Apollo answers 429 with retry-after (a 429 costs no
 * quota), and the pacer holds every request for that endpoint until then.
 * What the replies said stays known through the hold, so after it one
 * request goes first and learns whether the next window is open: at most
 * one 429 is seen per spent window.
 *
 * It also estimates how long calls still to make will take (pacer_time_for)
 * from what it knows of the windows: their limits, what is left, when the
 * current ones end and how long they last (see there). */
#ifndef APOLLO_PACER_H
#define APOLLO_PACER_H

#include <stdbool.h>
#include <stddef.h>

enum rate_window { RW_MINUTE, RW_HOUR, RW_DAY, RW_COUNT };

struct rate_reading {
	long left[RW_COUNT];     /* -1: not reported */
	long limit[RW_COUNT];    /* -1: not reported, or empty (not limited) */
	long usage[RW_COUNT];    /* -1: not reported */
	double retry_after;      /* seconds (a fraction is read too); -1: none */
};

struct pacer_scope;

struct pacer {
	struct pacer_scope *scopes;
	/* the latest reading of any endpoint, for the progress line */
	long left[RW_COUNT];
	/* how long each window lasts, in seconds of this machine's clock:
	 * 60, 3600 and 86400 until a window is seen end (see pacer_limited) */
	double length[RW_COUNT];
	bool length_exact;       /* measured from one end to the next */
	double held_total;       /* seconds held by 429s, the time to come included */
	double held_mark;        /* the latest hold's end */
	double eta_rows;         /* the rows done pacer_eta was last given */
};

void pacer_init(struct pacer *p);
void pacer_free(struct pacer *p);
void rate_reading_clear(struct rate_reading *r);
/* Reads one header line into r (names are case-insensitive). */
void rate_reading_header(struct rate_reading *r, const char *line, size_t len);

/* May a request for `scope` start at time `now` (seconds)? When not,
 * *wake is when to ask again (0: when a reply arrives). */
bool pacer_may_send(struct pacer *p, const char *scope, double now, double *wake);
void pacer_sent(struct pacer *p, const char *scope, double now);
/* A reply (any status) arrived with these headers, for a request sent at
 * `sent`. */
void pacer_reply(struct pacer *p, const char *scope, const struct rate_reading *r, double sent,
                 double now);
/* A 429: hold the endpoint for retry_after seconds. window: the one
 * Apollo's message names ("... times per hour"), -1: not named. */
void pacer_limited(struct pacer *p, const char *scope, double retry_after, int window, double now);
/* The window a 429's message names, -1: none. */
int rate_window_named(const char *message);
/* When the endpoint's hold ends (0: not held). */
double pacer_held_until(struct pacer *p, const char *scope);
/* The window that 429 was for (the longest one the replies said was
 * spent), -1 when not known or not held. */
int pacer_held_window(struct pacer *p, const char *scope);

/* Seconds from `now` until `calls` more calls to `scope` could all have
 * been made, each taking `per_call` seconds of the run's own time, given
 * what is left in each window, when it ends and the windows after it
 * (with no window known: calls x per_call). */
double pacer_time_for(struct pacer *p, const char *scope, double calls, double per_call, double now);
/* Seconds the run was held by 429s until now, counted once however many
 * endpoints were held at a time. */
double pacer_held_time(const struct pacer *p, double now);
/* Seconds the rest of a run will take: rows_left more rows, at the calls
 * per row each endpoint took for the rows_done so far, `busy` being the
 * run's own time so far (not held by a window); the longest of the
 * endpoints. Calls made since rows_done last changed count as made for
 * the rows left. -1 when no row is done, or none of those done has cost
 * a call yet (the caller keeps its own estimate). */
double pacer_eta(struct pacer *p, double rows_done, double rows_left, double busy, double now);
/* rows_done rows are done now, after all their calls (else pacer_eta
 * takes it that they were done when it is first given them) */
void pacer_rows_done(struct pacer *p, double rows_done);

#endif
