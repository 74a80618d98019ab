/* apollo/pacer.c - see apollo/pacer.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "apollo/pacer.h"

struct pacer_scope {
	char *name;
	long left[RW_COUNT];     /* -1: unknown */
	int inflight;
	double held_until;       /* after a 429 */
	int held_window;         /* the window the 429 was for; -1: not known */
	struct pacer_scope *next;
};

void pacer_init(struct pacer *p)
{
	memset(p, 0, sizeof *p);
	for (int w = 0; w < RW_COUNT; w++)
		p->left[w] = -1;
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
		s->left[w] = -1;
	s->next = p->scopes;
	p->scopes = s;
	return s;
}

void rate_reading_clear(struct rate_reading *r)
{
	for (int w = 0; w < RW_COUNT; w++)
		r->left[w] = r->limit[w] = -1;
	r->retry_after = -1;
}

/* a header value as a number; -1 when empty (a window not limited) or not a number */
static long header_number(const char *v, size_t len)
{
	long n = 0;
	size_t i = 0;
	while (i < len && (v[i] == ' ' || v[i] == '\t'))
		i++;
	if (i == len || v[i] < '0' || v[i] > '9')
		return -1;
	for (; i < len && v[i] >= '0' && v[i] <= '9'; i++)
		n = n < 100000000 ? n * 10 + (v[i] - '0') : n;
	return n;
}

void rate_reading_header(struct rate_reading *r, const char *line, size_t len)
{
	static const struct {
		const char *name;
		int window;
		bool limit;
	} names[] = {
		{ "x-minute-requests-left", RW_MINUTE, false },
		{ "x-hourly-requests-left", RW_HOUR, false },
		{ "x-24-hour-requests-left", RW_DAY, false },
		{ "x-daily-requests-left", RW_DAY, false },
		{ "x-rate-limit-minute", RW_MINUTE, true },
		{ "x-rate-limit-hourly", RW_HOUR, true },
		{ "x-rate-limit-24-hour", RW_DAY, true },
		{ "x-rate-limit-daily", RW_DAY, true },
		{ "retry-after", -1, false },
	};
	const char *colon = memchr(line, ':', len);
	size_t nlen;

	if (!colon)
		return;
	nlen = (size_t)(colon - line);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		long v;
		if (strlen(names[i].name) != nlen || strncasecmp(line, names[i].name, nlen) != 0)
			continue;
		v = header_number(colon + 1, len - nlen - 1);
		if (names[i].window < 0)
			r->retry_after = v;
		else if (names[i].limit)
			r->limit[names[i].window] = v;
		else
			r->left[names[i].window] = v;
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

void pacer_sent(struct pacer *p, const char *scope)
{
	struct pacer_scope *s = scope_of(p, scope);
	if (s)
		s->inflight++;
}

void pacer_reply(struct pacer *p, const char *scope, const struct rate_reading *r, double now)
{
	struct pacer_scope *s = scope_of(p, scope);
	(void)now;
	if (!s)
		return;
	if (s->inflight > 0)
		s->inflight--;
	for (int w = 0; w < RW_COUNT; w++) {
		if (r->left[w] < 0)
			continue;
		s->left[w] = r->left[w];
		p->left[w] = r->left[w];
	}
}

void pacer_limited(struct pacer *p, const char *scope, long retry_after, double now)
{
	struct pacer_scope *s = scope_of(p, scope);
	if (!s)
		return;
	s->held_until = now + (retry_after > 0 ? retry_after : 1);
	/* the longest window the replies said was spent */
	s->held_window = -1;
	for (int w = RW_COUNT - 1; w >= 0 && s->held_window < 0; w--)
		if (s->left[w] == 0)
			s->held_window = w;
	/* what is left after the wait is unknown until the next reply */
	for (int w = 0; w < RW_COUNT; w++)
		s->left[w] = -1;
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
