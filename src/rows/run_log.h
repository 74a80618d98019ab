/* rows/run_log.h - what a run writes down beside its journal that is not a
 * row: RESULTS.partial.log.
 *
 * The journal (rows/results_journal.h) holds rows in input order, so a row
 * is written only when every row before it has its outcome. The log is
 * written the moment something happens, one line each, made safe (fsync)
 * before the next request goes:
 *   start SECONDS    Apollo's clock when the run began (its Date header),
 *                    for the look-ups that follow: never this machine's
 *                    clock, never a file's time
 *   slowest SECONDS  the longest a reply took
 *   sent ROW...      the rows whose requests are about to go
 *   unsent ROW...    of those, the ones whose request never went (a rate
 *                    window or a stop came first)
 *   made ROW ID      the record a reply (or a look) named for a row
 *   fields JSON      the team's custom fields as the run looked them up
 *                    (values/custom_fields.h's snapshot, on one line), so
 *                    that a --resume maps and converts as the run did
 *                    without asking Apollo again
 * A --resume reads it back: a row `made` is not made again, a row `sent`
 * and not `made` may have been made by a request whose answer the kill
 * lost and is looked for (after a settling wait) before it is sent again,
 * and a row never `sent` is sent without a look. A torn last line (a kill
 * mid-write) is ignored. The lines are appended by every resumed run, so
 * `start` stays the first run's. The log goes when the results are
 * committed. Knows nothing of CSV, rows' meaning or HTTP. */
#ifndef APOLLO_RUN_LOG_H
#define APOLLO_RUN_LOG_H

#include <stdbool.h>
#include <stddef.h>

struct logged_made {
	unsigned long long row;
	char *id;
};

struct run_log {
	char *path;                    /* NULL: no log (results on stdout) */
	int fd;                        /* -1 until the first line */
	bool read_back;                /* an earlier run's log was read */
	double start;                  /* Apollo's clock at the first run's start, 0: unknown */
	double slowest;                /* seconds, the earlier runs' and this one's */
	struct logged_made *made;      /* the earlier runs', sorted by row */
	size_t nmade;
	unsigned long long *sent;      /* the earlier runs', sorted, a row once a send */
	size_t nsent;
	unsigned long long *unsent;    /* the same, for the sends that never went */
	size_t nunsent;
	bool failed;                   /* a write failed (said once) */
	char *fields;                  /* the earlier runs' last "fields" line's JSON,
	                                * malloc'd; NULL: none */
};

/* The log of the journal at work_path. resume: read what earlier runs
 * wrote (a missing log reads as empty) and append to it; otherwise the
 * log starts empty. 0, or -1 with err set. */
int run_log_open(struct run_log *l, const char *work_path, bool resume, char *err, size_t errlen);

/* Apollo's clock at the run's start, written once (the first run's stays;
 * after an earlier run that sent rows with no start written, none is) */
void run_log_start(struct run_log *l, double apollo_start);
/* a reply took this long: written when it is a new longest */
void run_log_slowest(struct run_log *l, double seconds);
/* rows[0..n) are about to be sent: written and made safe */
void run_log_sent(struct run_log *l, const unsigned long long *rows, size_t n);
/* rows[0..n) told to run_log_sent never went after all */
void run_log_unsent(struct run_log *l, const unsigned long long *rows, size_t n);
/* a record made for a row; run_log_sync makes a batch safe */
void run_log_made(struct run_log *l, unsigned long long row, const char *id);
void run_log_sync(struct run_log *l);

/* the team's custom fields as this run looked them up (JSON without a
 * line end): written and made safe */
void run_log_fields(struct run_log *l, const char *json);
/* The custom fields an earlier run of the journal at work_path wrote
 * (malloc'd JSON), NULL when it wrote none or there is no log. */
char *run_log_earlier_fields(const char *work_path);

/* what an earlier run wrote: the id made for `row` (NULL: none) */
const char *run_log_made_id(const struct run_log *l, unsigned long long row);
/* an earlier run sent the row and no answer said what came of it */
bool run_log_in_flight(const struct run_log *l, unsigned long long row);

/* Closes; remove: the results are committed, the log is not needed. */
void run_log_close(struct run_log *l, bool remove);

#endif
