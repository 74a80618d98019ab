/* enrolments.c - see enrolments.h. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enrolments.h"
#include "store.h"

struct seq_state;

struct member {
	struct seq_state *seq;
	long long at[EV_COUNT];     /* when each event happens */
	unsigned fired;             /* a bit per event counted */
	char *status;               /* as counted, to take away when it changes */
	unsigned pending;           /* heap entries pointing here */
	bool gone;                  /* removed: freed once no entry points here */
};

struct event {
	long long at;
	struct member *m;
	enum seq_event ev;
};

struct seq_state {
	struct seq_counts n;        /* events counted up to last_now */
	struct event *heap;         /* the events after last_now, earliest first */
	size_t len, cap;
	long long last_now;
};

/* ---- the heap ---- */

static void swap(struct event *a, struct event *b)
{
	struct event t = *a;
	*a = *b;
	*b = t;
}

static bool heap_push(struct seq_state *s, struct event ev)
{
	size_t i;
	if (s->len == s->cap) {
		size_t nc = s->cap ? s->cap * 2 : 64;
		struct event *nh = realloc(s->heap, nc * sizeof *nh);
		if (!nh)
			return false;
		s->heap = nh;
		s->cap = nc;
	}
	i = s->len++;
	s->heap[i] = ev;
	while (i > 0 && s->heap[(i - 1) / 2].at > s->heap[i].at) {
		swap(&s->heap[(i - 1) / 2], &s->heap[i]);
		i = (i - 1) / 2;
	}
	return true;
}

static struct event heap_pop(struct seq_state *s)
{
	struct event top = s->heap[0];
	size_t i = 0;
	s->heap[0] = s->heap[--s->len];
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, min = i;
		if (l < s->len && s->heap[l].at < s->heap[min].at)
			min = l;
		if (r < s->len && s->heap[r].at < s->heap[min].at)
			min = r;
		if (min == i)
			return top;
		swap(&s->heap[i], &s->heap[min]);
		i = min;
	}
}

/* ---- members ---- */

/* members are found by the address of their membership record */
static void member_key(const cJSON *st, char out[32])
{
	snprintf(out, 32, "%p", (const void *)st);
}

static void member_release(struct member *m)
{
	if (m->gone && m->pending == 0) {
		free(m->status);
		free(m);
	}
}

static void fire(struct member *m, enum seq_event ev)
{
	m->fired |= 1u << ev;
	seq_counts_event(&m->seq->n, ev, 1);
}

/* counts the events up to now */
static void advance(struct seq_state *s, long long now)
{
	while (s->len && s->heap[0].at <= now) {
		struct event ev = heap_pop(s);
		ev.m->pending--;
		if (ev.m->gone)
			member_release(ev.m);
		else
			fire(ev.m, ev.ev);
	}
	s->last_now = now;
}

static struct seq_state *seq_state(struct enrolments *e, const char *seq_id)
{
	struct seq_state *s = strmap_get(&e->seqs, seq_id);
	if (s)
		return s;
	s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->last_now = LLONG_MIN;
	if (strmap_put(&e->seqs, seq_id, s) < 0) {
		free(s);
		return NULL;
	}
	return s;
}

void enrolments_add(struct enrolments *e, const cJSON *c, const cJSON *st)
{
	struct seq_state *s = seq_state(e, jstr(st, "emailer_campaign_id"));
	struct member *m = calloc(1, sizeof *m);
	char key[32];

	if (!s || !m || !(m->status = strdup(jstr(st, "status")))) {
		free(m);
		return;
	}
	m->seq = s;
	seq_event_times(jstr(c, "id"), jstr(st, "emailer_campaign_id"), jstr(st, "added_at"),
	                e->time_scale, m->at);
	s->n.scheduled++;
	seq_counts_status(&s->n, m->status, 1);
	/* events already past are counted now, the others when their time comes */
	for (int ev = 0; ev < EV_COUNT; ev++) {
		if (m->at[ev] == SEQ_NEVER)
			continue;
		if (m->at[ev] <= s->last_now)
			fire(m, (enum seq_event)ev);
		else if (heap_push(s, (struct event){ m->at[ev], m, (enum seq_event)ev }))
			m->pending++;
	}
	member_key(st, key);
	strmap_put(&e->members, key, m);
}

void enrolments_remove(struct enrolments *e, const cJSON *st)
{
	char key[32];
	struct member *m;

	member_key(st, key);
	m = strmap_get(&e->members, key);
	if (!m)
		return;
	strmap_del(&e->members, key);
	m->seq->n.scheduled--;
	seq_counts_status(&m->seq->n, m->status, -1);
	for (int ev = 0; ev < EV_COUNT; ev++)
		if (m->fired & (1u << ev))
			seq_counts_event(&m->seq->n, (enum seq_event)ev, -1);
	m->gone = true;
	member_release(m);
}

void enrolments_restatus(struct enrolments *e, const cJSON *st)
{
	char key[32], *now;
	struct member *m;

	member_key(st, key);
	m = strmap_get(&e->members, key);
	if (!m || !(now = strdup(jstr(st, "status"))))
		return;
	seq_counts_status(&m->seq->n, m->status, -1);
	seq_counts_status(&m->seq->n, now, 1);
	free(m->status);
	m->status = now;
}

/* ---- the whole index ---- */

void enrolments_init(struct enrolments *e)
{
	strmap_init(&e->seqs);
	strmap_init(&e->members);
	e->time_scale = 1;
}

void enrolments_free(struct enrolments *e)
{
	/* removed members live on only through heap entries; the others are
	 * freed through members once no entry points at them */
	for (size_t i = 0; i < e->seqs.cap; i++) {
		struct seq_state *s = e->seqs.slots[i].value;
		if (!e->seqs.slots[i].key || !s)
			continue;
		for (size_t k = 0; k < s->len; k++) {
			s->heap[k].m->pending--;
			member_release(s->heap[k].m);
		}
		free(s->heap);
		free(s);
	}
	for (size_t i = 0; i < e->members.cap; i++) {
		struct member *m = e->members.slots[i].value;
		if (e->members.slots[i].key && m) {
			m->gone = true;
			member_release(m);
		}
	}
	strmap_free(&e->seqs);
	strmap_free(&e->members);
}

void enrolments_rebuild(struct enrolments *e, const cJSON *contacts, double time_scale)
{
	const cJSON *c, *st;
	enrolments_free(e);
	enrolments_init(e);
	e->time_scale = time_scale;
	cJSON_ArrayForEach(c, contacts)
		cJSON_ArrayForEach(st, cJSON_GetObjectItemCaseSensitive(c, "contact_campaign_statuses"))
			enrolments_add(e, c, st);
}

void enrolments_count(struct enrolments *e, const cJSON *contacts, const char *seq_id,
                      double time_scale, long long now, struct seq_counts *out)
{
	struct seq_state *s = strmap_get(&e->seqs, seq_id);
	/* the counts only go forward: a clock set back counts afresh */
	if (time_scale != e->time_scale || (s && now < s->last_now)) {
		enrolments_rebuild(e, contacts, time_scale);
		s = strmap_get(&e->seqs, seq_id);
	}
	memset(out, 0, sizeof *out);
	if (!s)
		return;
	advance(s, now);
	*out = s->n;
}
