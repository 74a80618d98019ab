#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "common/progress.h"

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

void progress_note(struct progress *p, unsigned long long rows, double fraction, const char *note)
{
	struct timespec now;
	double secs;
	char eta[64] = "";
	if (!p->on)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (now.tv_sec - p->last.tv_sec < 1)
		return;
	p->last = now;
	p->drawn = true;
	secs = (double)(now.tv_sec - p->start.tv_sec) + (now.tv_nsec - p->start.tv_nsec) / 1e9;
	if (fraction > 0.01 && fraction < 1) {
		long left = (long)(secs * (1 - fraction) / fraction);
		if (left >= 3600)
			snprintf(eta, sizeof eta, ", about %ldh%02ldm left", left / 3600, left % 3600 / 60);
		else
			snprintf(eta, sizeof eta, ", about %ldm%02lds left", left / 60, left % 60);
	}
	fprintf(stderr, "\r\033[Kapollo-csv: %s: %llu rows done, %.0f rows/s%s%s%s", p->label, rows,
	        secs > 0 ? (double)rows / secs : 0.0, eta, note ? ", " : "", note ? note : "");
	fflush(stderr);
}

void progress_done(struct progress *p)
{
	if (p->drawn)
		fprintf(stderr, "\r\033[K");
	p->drawn = false;
}
