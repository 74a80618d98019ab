/* common/progress.h - a progress line on stderr for long work, redrawn at most
 * once a second, only when asked or when stderr is a terminal. */
#ifndef APOLLO_PROGRESS_H
#define APOLLO_PROGRESS_H

#include <stdbool.h>
#include <time.h>

struct progress {
	bool on;
	const char *label;
	struct timespec last;
	struct timespec start;
	bool drawn;
};

/* mode: 1 on, 0 off, -1 when stderr is a terminal */
void progress_start(struct progress *p, int mode, const char *label);
void progress_rows(struct progress *p, unsigned long long rows);
/* rows done so far, their rate, the time left (from `fraction` of the
 * input read, -1 if unknown) and a note (API calls, requests left) */
void progress_note(struct progress *p, unsigned long long rows, double fraction, const char *note);
void progress_done(struct progress *p);

#endif
