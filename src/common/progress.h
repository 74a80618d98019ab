/* common/progress.h - the progress display on stderr while a command works
 * through a file: a bar with "N of TOTAL rows", the stage it is at
 * (reading, creating contacts, enrolling, ...), the time left, and, while
 * Apollo's rate window holds the run, a second line saying until when.
 *
 *   leads.csv [#######.............]  7,200 of 20,000 rows  36%  creating contacts  about 0m41s left
 *   waiting for Apollo's minute limit until 14:05:30 CET (local time)
 *
 * It draws only on a terminal (or with --progress), at most four times a
 * second, and fits the terminal's width (COLUMNS when stderr is none). A message printed meanwhile
 * (common/msg.h) clears the display first; it is drawn again below.
 *
 * The time left is the pace of this run so far (rows finished per second,
 * every stage and every wait included) applied to the rows still to do;
 * rows an earlier run finished (--resume) do not count towards the pace.
 * While requests go to Apollo, the caller gives a better one instead
 * (progress_eta_given): the rate windows' waits still to come, which the
 * pace so far cannot know (a run that filled its first windows fast is
 * far from done when the hour's limit holds it).
 * With APOLLO_CSV_PROGRESS_FD=N in the environment (N > 2, an open
 * descriptor), every display, drawn or not, is also written to N as one
 * line of JSON, for a program that runs the command (apollo-csv serve):
 *   {"done":7200,"total":20000,"about":false,"stage":"creating contacts",
 *    "eta":41.0,"wait":"","note":"","final":false}
 * (eta -1: not known yet; final: the last line, written by progress_done).
 * TOTAL is exact when counted before the run (a plain file), "about" when
 * estimated from the bytes read (gzip, workbooks, standard input). */
#ifndef APOLLO_PROGRESS_H
#define APOLLO_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

struct progress {
	bool on;                       /* drawing */
	const char *label;             /* the file */
	unsigned long long total;      /* rows; 0: not known */
	bool total_about;              /* an estimate */
	unsigned long long done;       /* rows finished */
	unsigned long long replayed;   /* finished by an earlier run */
	double start;                  /* monotonic seconds */
	double paced_from;             /* when the first row of this run's own work began */
	double last_draw;
	const char *stage;
	char note[160];
	char wait[240];                /* the wait line; "" when not waiting */
	double eta_given, eta_given_at; /* progress_eta_given; at 0: none */
	/* called as progress_rows changes the rows done (the caller giving
	 * the time left notes what was done for them); may be NULL */
	void (*on_rows)(void *arg);
	void *on_rows_arg;
	int lines;                     /* lines on screen now: 0, 1 or 2 */
};

/* mode: 1 on, 0 off, -1 when stderr is a terminal */
void progress_start(struct progress *p, int mode, const char *label);
/* the rows in the file; about: an estimate that may still change */
void progress_total(struct progress *p, unsigned long long total, bool about);
/* The total estimated from where the reader is: rows_read records read
 * when `fraction` of the input was (1: all of it, and the total is
 * exact, replacing any count; -1: not known). Nothing else once the
 * total is exact. */
void progress_estimate(struct progress *p, unsigned long long rows_read, double fraction);
/* what it does now, in words ("reading", "enrolling"); a static string */
void progress_stage(struct progress *p, const char *stage);
/* rows finished so far (results written) */
void progress_rows(struct progress *p, unsigned long long done);
/* rows taken as they were from an earlier run (--resume): not paced */
void progress_replayed(struct progress *p, unsigned long long done);
/* a short note after the time left (API calls, requests left) */
void progress_note(struct progress *p, const char *note);
/* the wait line, e.g. "waiting for Apollo's minute limit until 14:05:30
 * CET (local time)"; NULL or "" when the wait is over */
void progress_wait(struct progress *p, const char *line);
/* seconds left as of now, as the caller estimates it; -1: back to the pace */
void progress_eta_given(struct progress *p, double seconds);
/* seconds left, -1 when not known yet */
double progress_eta(const struct progress *p);
/* clears the display for good */
void progress_done(struct progress *p);

/* 1234567 as "1,234,567" */
void progress_thousands(char *out, size_t size, unsigned long long n);

/* The figures of the latest display started, for the line that says where
 * a stopped run stopped; false if no run has shown progress. */
bool progress_last(unsigned long long *done, unsigned long long *total, bool *about);

#endif
