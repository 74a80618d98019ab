/* common/progress.c - see common/progress.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "common/interrupt.h"
#include "common/msg.h"
#include "common/progress.h"

#define BAR_WIDTH 20
#define REDRAW_EVERY 0.25     /* seconds */

/* the display on screen now, if any, for messages to clear it */
static struct progress *shown;
/* APOLLO_CSV_PROGRESS_FD: a descriptor that takes each display as one
 * line of JSON, for a program running the command (apollo-csv serve);
 * -1: none, -2: not looked at yet */
static int feed_fd = -2;
/* the figures of the latest display started, kept after it is done */
static struct {
	bool set, about;
	unsigned long long done, total;
} latest;

static double now_mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int term_width(void)
{
	struct winsize ws;
	const char *columns = getenv("COLUMNS");
	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
	/* not a terminal (--progress into a file): as wide as COLUMNS says */
	if (columns && atoi(columns) >= 20)
		return atoi(columns) < 1000 ? atoi(columns) : 1000;
	return 80;
}

/* the lines drawn are taken off the screen; the cursor ends where the first began */
static void clear_lines(struct progress *p)
{
	if (p->lines == 2)
		fputs("\r\033[K\033[1A", stderr);
	if (p->lines)
		fputs("\r\033[K", stderr);
	p->lines = 0;
	fflush(stderr);
}

static void before_message(void)
{
	if (shown)
		clear_lines(shown);
}

void progress_start(struct progress *p, int mode, const char *label)
{
	memset(p, 0, sizeof *p);
	p->on = mode > 0 || (mode < 0 && isatty(STDERR_FILENO));
	if (feed_fd == -2) {
		const char *fd = getenv("APOLLO_CSV_PROGRESS_FD");
		char *end;
		long v = fd ? strtol(fd, &end, 10) : -1;
		feed_fd = fd && *fd && !*end && v > 2 && v < 1024 && fcntl((int)v, F_GETFD) >= 0 ? (int)v : -1;
	}
	p->label = label;
	p->stage = "reading";
	p->start = p->paced_from = now_mono();
	p->last_draw = p->start;
	latest.set = true;
	latest.done = latest.total = 0;
	latest.about = false;
	if (p->on) {
		msg_set_before(before_message);
		interrupt_display(true);
	}
}

void progress_thousands(char *out, size_t size, unsigned long long n)
{
	char digits[32];
	int len = snprintf(digits, sizeof digits, "%llu", n), o = 0;
	for (int i = 0; i < len && (size_t)o + 2 < size; i++) {
		if (i && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
}

static void duration(char *out, size_t size, double secs)
{
	long s = (long)(secs + 0.5);
	if (s >= 3600)
		snprintf(out, size, "%ldh%02ldm", s / 3600, s % 3600 / 60);
	else
		snprintf(out, size, "%ldm%02lds", s / 60, s % 60);
}

double progress_eta(const struct progress *p)
{
	double now = now_mono(), paced = now - p->paced_from;
	unsigned long long own = p->done > p->replayed ? p->done - p->replayed : 0;

	if (!p->total || !own || paced < 2 || p->done > p->total)
		return -1;
	if (p->eta_given_at > 0)
		return p->eta_given > now - p->eta_given_at ? p->eta_given - (now - p->eta_given_at) : 0;
	return paced / (double)own * (double)(p->total - p->done);
}

void progress_eta_given(struct progress *p, double seconds)
{
	p->eta_given = seconds;
	p->eta_given_at = seconds >= 0 ? now_mono() : 0;
}

static void draw(struct progress *p)
{
	char line[1024], done[32], total[32], left[48] = "";
	int width = term_width(), n;
	double eta = progress_eta(p);
	const char *stage = p->wait[0] ? "waiting" : p->stage;

	if (interrupted()) {
		/* the wait is over: nothing more starts */
		stage = "stopping";
		p->wait[0] = '\0';
		snprintf(p->note, sizeof p->note, "%s: the requests in flight finish and are written down; "
		         "%s again stops at once", interrupt_name(), interrupt_name());
	}

	progress_thousands(done, sizeof done, p->done);
	if (eta >= 0) {
		char d[32];
		duration(d, sizeof d, eta);
		snprintf(left, sizeof left, "  about %s left", d);
	}
	if (p->total) {
		unsigned long long t = p->total > p->done ? p->total : p->done;
		int fill = (int)((double)p->done / (double)t * BAR_WIDTH), pct = (int)(100.0 * (double)p->done / (double)t);
		char bar[BAR_WIDTH + 1];
		memset(bar, '#', (size_t)fill);
		memset(bar + fill, '.', (size_t)(BAR_WIDTH - fill));
		bar[BAR_WIDTH] = '\0';
		progress_thousands(total, sizeof total, t);
		n = snprintf(line, sizeof line, "%s [%s]  %s of %s%s rows  %d%%  %s%s", p->label, bar, done,
		             p->total_about ? "about " : "", total, pct, stage, left);
	} else {
		n = snprintf(line, sizeof line, "%s  %s rows done  %s%s", p->label, done, stage, left);
	}
	if (p->note[0] && n > 0 && (size_t)n < sizeof line)
		snprintf(line + n, sizeof line - (size_t)n, "  (%s)", p->note);
	/* a line longer than the terminal would wrap, and the next draw
	 * would not clear it */
	if ((int)strlen(line) > width - 1)
		line[width - 1] = '\0';
	clear_lines(p);
	fputs(line, stderr);
	p->lines = 1;
	if (p->wait[0]) {
		char w[sizeof p->wait];
		snprintf(w, sizeof w, "%s", p->wait);
		if ((int)strlen(w) > width - 1)
			w[width - 1] = '\0';
		fprintf(stderr, "\n%s", w);
		p->lines = 2;
	}
	fflush(stderr);
	shown = p;
}

/* the display as one line of JSON on APOLLO_CSV_PROGRESS_FD */
static void feed(const struct progress *p, bool final)
{
	cJSON *o = cJSON_CreateObject();
	char *text;

	cJSON_AddNumberToObject(o, "done", (double)p->done);
	cJSON_AddNumberToObject(o, "total", (double)p->total);
	cJSON_AddBoolToObject(o, "about", p->total_about);
	cJSON_AddStringToObject(o, "stage", interrupted() && !final ? "stopping" : p->wait[0] ? "waiting" : p->stage ? p->stage : "");
	cJSON_AddNumberToObject(o, "eta", progress_eta(p));
	cJSON_AddStringToObject(o, "wait", p->wait);
	cJSON_AddStringToObject(o, "note", p->note);
	cJSON_AddBoolToObject(o, "final", final);
	text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (text) {
		size_t n = strlen(text);
		text[n] = '\n';        /* in place of the NUL: one line, written at once */
		/* a reader gone is no reason to stop the run */
		if (write(feed_fd, text, n + 1) < 0)
			feed_fd = -1;
		free(text);
	}
}

static void maybe_draw(struct progress *p, bool now)
{
	double t;
	if (!p->on && feed_fd < 0)
		return;
	t = now_mono();
	if (!now && t - p->last_draw < REDRAW_EVERY)
		return;
	p->last_draw = t;
	if (p->on)
		draw(p);
	if (feed_fd >= 0)
		feed(p, false);
}

void progress_total(struct progress *p, unsigned long long total, bool about)
{
	p->total = latest.total = total;
	p->total_about = latest.about = about;
}

void progress_estimate(struct progress *p, unsigned long long rows_read, double fraction)
{
	/* the whole input read: the rows are known, whatever a count before
	 * the run said */
	if (fraction < 1 && p->total && !p->total_about)
		return;
	if (fraction >= 1)
		progress_total(p, rows_read, false);
	else if (fraction > 0.01)
		progress_total(p, (unsigned long long)((double)rows_read / fraction + 0.5), true);
}

void progress_stage(struct progress *p, const char *stage)
{
	if (stage && (!p->stage || strcmp(stage, p->stage))) {
		p->stage = stage;
		maybe_draw(p, false);
	}
}

void progress_rows(struct progress *p, unsigned long long done)
{
	bool changed = done != p->done;
	p->done = latest.done = done;
	if (changed && p->on_rows)
		p->on_rows(p->on_rows_arg);
	maybe_draw(p, false);
}

void progress_replayed(struct progress *p, unsigned long long done)
{
	p->done = p->replayed = latest.done = done;
	p->paced_from = now_mono();
	maybe_draw(p, false);
}

void progress_note(struct progress *p, const char *note)
{
	snprintf(p->note, sizeof p->note, "%s", note ? note : "");
}

void progress_wait(struct progress *p, const char *line)
{
	bool was = p->wait[0] != '\0';
	snprintf(p->wait, sizeof p->wait, "%s", line ? line : "");
	/* a wait that begins or ends shows at once */
	maybe_draw(p, was != (p->wait[0] != '\0'));
}

void progress_done(struct progress *p)
{
	if (feed_fd >= 0)
		feed(p, true);
	if (p->lines)
		clear_lines(p);
	if (shown == p)
		shown = NULL;
	if (p->on)
		interrupt_display(false);
	p->on = false;
}

bool progress_last(unsigned long long *done, unsigned long long *total, bool *about)
{
	*done = latest.done;
	*total = latest.total;
	*about = latest.about;
	return latest.set;
}
