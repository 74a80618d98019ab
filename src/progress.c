#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "progress.h"

void progress_start(struct progress *p, int mode, const char *label)
{
	p->on = mode > 0 || (mode < 0 && isatty(STDERR_FILENO));
	p->label = label;
	p->drawn = false;
	clock_gettime(CLOCK_MONOTONIC, &p->last);
	p->start = p->last;
}

void progress_rows(struct progress *p, unsigned long long rows)
{
	struct timespec now;
	if (!p->on || rows % 4096)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (now.tv_sec - p->last.tv_sec < 1)
		return;
	p->last = now;
	p->drawn = true;
	fprintf(stderr, "\rapollo-csv: %s: %llu rows read...", p->label, rows);
	fflush(stderr);
}

void progress_note(struct progress *p, unsigned long long rows, const char *note)
{
	struct timespec now;
	double secs;
	if (!p->on)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (now.tv_sec - p->last.tv_sec < 1)
		return;
	p->last = now;
	p->drawn = true;
	secs = (double)(now.tv_sec - p->start.tv_sec) + (now.tv_nsec - p->start.tv_nsec) / 1e9;
	fprintf(stderr, "\r\033[Kapollo-csv: %s: %llu rows done, %.0f rows/s%s%s", p->label, rows,
	        secs > 0 ? (double)rows / secs : 0.0, note ? ", " : "", note ? note : "");
	fflush(stderr);
}

void progress_done(struct progress *p)
{
	if (p->drawn)
		fprintf(stderr, "\r\033[K");
	p->drawn = false;
}
