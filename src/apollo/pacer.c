/* apollo/pacer.c - see apollo/pacer.h. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "apollo/pacer.h"

static const double nominal_length[RW_COUNT] = { 60, 3600, 86400 };

struct pacer_scope {
	char *name;
	long left[RW_COUNT];     /* -1: unknown */
	long limit[RW_COUNT];    /* -1: unknown or not limited */
	long usage[RW_COUNT];    /* the latest reading; -1: unknown */
	double seen[RW_COUNT];   /* when left was read */
	double start[RW_COUNT];  /* when the current window began, at the latest; 0: not known */
	bool start_exact[RW_COUNT]; /* start is the known end of the window before */
	double end[RW_COUNT];    /* when it ends, from a 429's retry-after; 0: not known */
	double first_reply;      /* when the first reply came: every window began before */
	unsigned long made;      /* calls that counted (not 429) */
	unsigned long made_then; /* made when the rows done last changed (pacer_eta) */
	int inflight;
	double held_until;       /* after a 429 */
	int held_window;         /* the window the 429 was for; -1: not known */
	struct pacer_scope *next;
};

void pacer_init(struct pacer *p)
{
	memset(p, 0, sizeof *p);
	for (int w = 0; w < RW_COUNT; w++) {
		p->left[w] = -1;
		p->length[w] = nominal_length[w];
	}
}

void pacer_free(struct pacer *p)
{
	while (p->scopes) {
		struct pacer_scope *n = p->scopes->next;
		free(p->scopes->name);
		free(p->scopes);
		p->scopes = n;
	}
}

static struct pacer_scope *scope_of(struct pacer *p, const char *name)
{
	struct pacer_scope *s;
	for (s = p->scopes; s; s = s->next)
		if (strcmp(s->name, name) == 0)
			return s;
	s = calloc(1, sizeof *s);
	if (!s || !(s->name = strdup(name))) {
		free(s);
		return NULL;
	}
	for (int w = 0; w < RW_COUNT; w++)
		s->left[w] = s->limit[w] = s->usage[w] = -1;
	s->held_window = -1;
	s->next = p->scopes;
	p->scopes = s;
	return s;
}

void rate_reading_clear(struct rate_reading *r)
{
	for (int w = 0; w < RW_COUNT; w++)
		r->left[w] = r->limit[w] = r->usage[w] = -1;
	r->retry_after = -1;
}

/* a header value as a number; -1 when empty (a window not limited) or not
 * a number. A fraction is read (retry-after from a stand-in whose clock
 * runs fast); the counts never have one. */
static double header_number(const char *v, size_t len)
{
	double n = 0, unit = 1;
	size_t i = 0;
	while (i < len && (v[i] == ' ' || v[i] == '\t'))
		i++;
	if (i == len || v[i] < '0' || v[i] > '9')
		return -1;
	for (; i < len && v[i] >= '0' && v[i] <= '9'; i++)
		n = n < 1e8 ? n * 10 + (v[i] - '0') : n;
	if (i < len && v[i] == '.')
		for (i++; i < len && v[i] >= '0' && v[i] <= '9'; i++)
			n += (v[i] - '0') * (unit /= 10);
	return n;
}

void rate_reading_header(struct rate_reading *r, const char *line, size_t len)
{
	enum what { LEFT, LIMIT, USAGE, RETRY };
	static const struct {
		const char *name;
		int window;
		enum what what;
	} names[] = {
		{ "x-minute-requests-left", RW_MINUTE, LEFT },
		{ "x-hourly-requests-left", RW_HOUR, LEFT },
		{ "x-24-hour-requests-left", RW_DAY, LEFT },
		{ "x-daily-requests-left", RW_DAY, LEFT },
		{ "x-rate-limit-minute", RW_MINUTE, LIMIT },
		{ "x-rate-limit-hourly", RW_HOUR, LIMIT },
		{ "x-rate-limit-24-hour", RW_DAY, LIMIT },
		{ "x-rate-limit-daily", RW_DAY, LIMIT },
		{ "x-minute-usage", RW_MINUTE, USAGE },
		{ "x-hourly-usage", RW_HOUR, USAGE },
		{ "x-24-hour-usage", RW_DAY, USAGE },
		{ "x-daily-usage", RW_DAY, USAGE },
		{ "retry-after", -1, RETRY },
	};
	const char *colon = memchr(line, ':', len);
	size_t nlen;

	if (!colon)
		return;
	nlen = (size_t)(colon - line);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		double v;
		if (strlen(names[i].name) != nlen || strncasecmp(line, names[i].name, nlen) != 0)
			continue;
		v = header_number(colon + 1, len - nlen - 1);
		switch (names[i].what) {
		case RETRY: r->retry_after = v; break;
		case LIMIT: r->limit[names[i].window] = (long)v; break;
		case USAGE: r->usage[names[i].window] = (long)v; break;
		case LEFT: r->left[names[i].window] = (long)v; break;
		}
		return;
	}
}

bool pacer_may_send(struct pacer *p, const char *scope, double now, double *wake)
{
	struct pacer_scope *s = scope_of(p, scope);

	*wake = 0;
	if (!s)
		return true;
	if (now < s->held_until) {
		*wake = s->held_until;
		return false;
	}
	for (int w = 0; w < RW_COUNT; w++) {
		if (s->left[w] < 0 || s->left[w] > s->inflight)
			continue;
		/* spent, or about to be by the calls in flight: wait for their
		 * replies; with none in flight, one call learns the wait (429) */
		if (s->inflight > 0)
			return false;
	}
	return true;
}

void pacer_sent(struct pacer *p, const char *scope, double now)
{
	struct pacer_scope *s = scope_of(p, scope);
	(void)now;
	if (s)
		s->inflight++;
}

/* The window length measured: the minute (say) from one end to the next.
 * Every window is timed by the same clock, so one measured length scales
 * the others (a stand-in run with a faster clock, apollo-sandbox
 * --time-scale, runs all of them faster alike; against Apollo it measures
 * 60 s and changes nothing). */
static void length_seen(struct pacer *p, int w, double length)
{
	double scale = length / nominal_length[w];
	if (!(scale > 0))
		return;
	for (int v = 0; v < RW_COUNT; v++)
		p->length[v] = nominal_length[v] * scale;
}

void pacer_reply(struct pacer *p, const char *scope, const struct rate_reading *r, double sent,
                 double now)
{
	struct pacer_scope *s = scope_of(p, scope);
	if (!s)
		return;
	if (s->inflight > 0)
		s->inflight--;
	if (!s->first_reply)
		s->first_reply = now;
	for (int w = 0; w < RW_COUNT; w++) {
		long left = r->left[w], usage = r->usage[w];
		/* either count gives the other, with the limit */
		if (r->limit[w] >= 0)
			s->limit[w] = r->limit[w];
		if (left < 0 && usage >= 0 && s->limit[w] >= 0)
			left = s->limit[w] > usage ? s->limit[w] - usage : 0;
		if (usage < 0 && left >= 0 && s->limit[w] >= 0)
			usage = s->limit[w] > left ? s->limit[w] - left : 0;
		/* replies come back out of order: more left than a reply read
		 * before this request was sent said is the older count, not a
		 * new window */
		if (left >= 0 && s->left[w] >= 0 && left > s->left[w] && sent < s->seen[w])
			continue;
		/* a window that counts this call first, or counts fewer than
		 * before: a new one began, before this call was sent */
		if (usage >= 0 && (usage == 1 || (s->usage[w] >= 0 && usage < s->usage[w]))) {
			/* fixed windows follow back to back: one that ended at a
			 * known time is followed by this one */
			s->start_exact[w] = s->end[w] > 0 && sent >= s->end[w] - 1e-3 &&
			                    sent < s->end[w] + p->length[w];
			s->start[w] = s->start_exact[w] ? s->end[w] : sent;
			s->end[w] = 0;
		}
		if (usage >= 0)
			s->usage[w] = usage;
		if (left < 0)
			continue;
		s->left[w] = left;
		s->seen[w] = now;
		p->left[w] = left;
	}
	if (r->retry_after < 0)
		s->made++;
}

void pacer_limited(struct pacer *p, const char *scope, double retry_after, int window, double now)
{
	struct pacer_scope *s = scope_of(p, scope);
	double end, length;
	int w;
	if (!s)
		return;
	end = s->held_until = now + (retry_after > 0 ? retry_after : 1);
	/* the run's time held, counted once however many endpoints are held */
	if (end > (now > p->held_mark ? now : p->held_mark)) {
		p->held_total += end - (now > p->held_mark ? now : p->held_mark);
		p->held_mark = end;
	}
	/* the window Apollo's message named, else the longest one the
	 * replies said was spent */
	s->held_window = window;
	for (w = RW_COUNT - 1; w >= 0 && s->held_window < 0; w--)
		if (s->left[w] == 0)
			s->held_window = w;
	/* What is left is kept: after the hold one call goes first and its
	 * reply says what the new window has. */
	w = s->held_window;
	if (w < 0 || s->left[w] != 0)
		return;   /* not a spent window (a 429 of another kind): no end learnt */
	/* That window ends then; one that began at a known time measures how
	 * long windows last: from the end of the one before, exactly; from
	 * our first call it saw, a length that may be short (the window may
	 * have begun earlier), taken only until an exact one is known. */
	length = end - s->start[w];
	if (s->start[w] > 0 && length > 0 && (s->start_exact[w] || !p->length_exact)) {
		length_seen(p, w, length);
		p->length_exact = s->start_exact[w];
	}
	s->end[w] = end;
}

int pacer_held_window(struct pacer *p, const char *scope)
{
	struct pacer_scope *s = scope_of(p, scope);
	return s && s->held_until > 0 ? s->held_window : -1;
}

double pacer_held_until(struct pacer *p, const char *scope)
{
	struct pacer_scope *s = scope_of(p, scope);
	return s ? s->held_until : 0;
}

int rate_window_named(const char *message)
{
	static const char *const per[RW_COUNT] = { "per minute", "per hour", "per day" };
	for (int w = 0; w < RW_COUNT; w++)
		if (message && strstr(message, per[w]))
			return w;
	return -1;
}

/* When the window w of s now open ends: known from a 429, else from when
 * it began (at the latest), else from the first reply (every window began
 * before it): late rather than early. */
static double window_end(const struct pacer *p, const struct pacer_scope *s, int w)
{
	if (s->end[w] > 0)
		return s->end[w];
	return (s->start[w] > 0 ? s->start[w] : s->first_reply) + p->length[w];
}

double pacer_time_for(struct pacer *p, const char *scope, double calls, double per_call, double now)
{
	struct pacer_scope *s = scope_of(p, scope);
	double left[RW_COUNT], end[RW_COUNT], t = now;
	bool limited = false;

	if (!s || !(calls > 0))
		return 0;
	for (int w = 0; w < RW_COUNT; w++) {
		left[w] = s->left[w];
		end[w] = window_end(p, s, w);
		if (s->limit[w] > 0 && left[w] < 0)
			left[w] = s->limit[w];   /* after a 429: learnt by the next reply */
		limited |= left[w] >= 0;
	}
	if (!limited)
		return calls * per_call;
	if (t < s->held_until)
		t = s->held_until;
	/* window by window: the calls a window lets through go at the run's
	 * own pace; a spent window holds them until it ends */
	for (int step = 0; calls > 0 && step < 100000; step++) {
		double n = calls, spent_until = 0;
		for (int w = 0; w < RW_COUNT; w++) {
			while (left[w] >= 0 && s->limit[w] > 0 && end[w] <= t) {
				end[w] += p->length[w];
				left[w] = s->limit[w];
			}
			if (left[w] >= 0 && left[w] < n)
				n = left[w];
			if (left[w] == 0 && end[w] > spent_until)
				spent_until = end[w];
		}
		if (n <= 0) {
			if (!(spent_until > t))
				break;   /* a window spent with no known limit to renew it */
			t = spent_until;
			continue;
		}
		t += n * per_call;
		calls -= n;
		for (int w = 0; w < RW_COUNT; w++)
			if (left[w] >= 0)
				left[w] -= n;
	}
	return t - now;
}

/* Rows are done a batch at a time, after all its calls: calls made since
 * are for rows still to do, not more calls per row */
void pacer_rows_done(struct pacer *p, double rows_done)
{
	p->eta_rows = rows_done;
	for (struct pacer_scope *s = p->scopes; s; s = s->next)
		s->made_then = s->made;
}

double pacer_eta(struct pacer *p, double rows_done, double rows_left, double busy, double now)
{
	double eta = -1;
	if (!(rows_done > 0))
		return -1;
	if (rows_done != p->eta_rows)
		pacer_rows_done(p, rows_done);
	/* -1 until a finished row has cost a call (the first rows may be
	 * invalid or duplicates, written before any reply): the caller then
	 * keeps the pace estimate, not "nothing left" */
	for (struct pacer_scope *s = p->scopes; s; s = s->next) {
		double calls, t;
		if (!s->made_then)
			continue;
		calls = (double)s->made_then / rows_done * rows_left - (double)(s->made - s->made_then);
		/* the run's own time per call of this endpoint */
		t = pacer_time_for(p, s->name, calls, busy / (double)s->made, now);
		if (t > eta)
			eta = t;
	}
	return eta;
}

double pacer_held_time(const struct pacer *p, double now)
{
	return p->held_total - (p->held_mark > now ? p->held_mark - now : 0);
}
