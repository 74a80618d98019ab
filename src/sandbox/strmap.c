#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "strmap.h"

static char tombstone;
#define TOMBSTONE (&tombstone)

/* splitmix64's finaliser: every bit of h moves every bit of the result
 * (the table takes the low bits) */
static uint64_t mix(uint64_t h)
{
	h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ULL;
	h = (h ^ (h >> 27)) * 0x94D049BB133111EBULL;
	return h ^ (h >> 31);
}

/* Eight bytes a step: byte by byte (FNV-1a) a key of 30-odd bytes was a
 * chain of 30-odd multiplications, and a bulk_create hashes some 900 keys
 * (a tenth of its time). Nothing depends on the values: the tables are
 * walked in slot order only to free them. */
static uint64_t hash(const char *s)
{
	size_t n = strlen(s);
	uint64_t h = 0x9E3779B97F4A7C15ULL ^ n, w;
	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
		h ^= h >> 32;
	}
	w = 0;
	memcpy(&w, s, n);
	return mix(h ^ w);
}

void strmap_init(struct strmap *m)
{
	memset(m, 0, sizeof *m);
}

void strmap_free(struct strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].key && m->slots[i].key != TOMBSTONE)
			free(m->slots[i].key);
	free(m->slots);
	memset(m, 0, sizeof *m);
}

/* the slot holding key, whose hash is h; NULL when absent */
static struct strmap_slot *find_hashed(const struct strmap *m, const char *key, uint64_t h)
{
	size_t i;
	if (!m->cap)
		return NULL;
	i = h & (m->cap - 1);
	for (;;) {
		struct strmap_slot *s = &m->slots[i];
		if (!s->key)
			return NULL;
		if (s->hash == h && s->key != TOMBSTONE && strcmp(s->key, key) == 0)
			return s;
		i = (i + 1) & (m->cap - 1);
	}
}

static struct strmap_slot *find(const struct strmap *m, const char *key)
{
	return m->cap ? find_hashed(m, key, hash(key)) : NULL;
}

unsigned long long strmap_hash(const char *key)
{
	return hash(key);
}

void *strmap_get_hashed(const struct strmap *m, const char *key, unsigned long long h)
{
	struct strmap_slot *s = find_hashed(m, key, h);
	return s ? s->value : NULL;
}

void *strmap_get(const struct strmap *m, const char *key)
{
	struct strmap_slot *s = find(m, key);
	return s ? s->value : NULL;
}

/* A large table comes from calloc as fresh pages, which the probes below
 * first read (the shared zero page) and then write (a second fault and a
 * page cleared): for an index of 1M contacts, half the time it took to
 * grow. One call faults them all in, written, at once. */
static void populate(void *p, size_t size)
{
#ifdef MADV_POPULATE_WRITE
	const uintptr_t page = 4096;
	uintptr_t from = ((uintptr_t)p + page - 1) & ~(page - 1), to = ((uintptr_t)p + size) & ~(page - 1);
	if (size >= ((size_t)1 << 20) && to > from)
		madvise((void *)from, to - from, MADV_POPULATE_WRITE);
#else
	(void)p, (void)size;
#endif
}

static int rehash(struct strmap *m, size_t ncap)
{
	struct strmap_slot *ns = calloc(ncap, sizeof *ns);
	if (!ns)
		return -1;
	populate(ns, ncap * sizeof *ns);
	for (size_t i = 0; i < m->cap; i++) {
		struct strmap_slot *s = &m->slots[i];
		size_t j;
		if (!s->key || s->key == TOMBSTONE)
			continue;
		j = s->hash & (ncap - 1);
		while (ns[j].key)
			j = (j + 1) & (ncap - 1);
		ns[j] = *s;
	}
	free(m->slots);
	m->slots = ns;
	m->cap = ncap;
	m->tombs = 0;
	return 0;
}

static int insert(struct strmap *m, const char *key, void *value, uint64_t h);

int strmap_put(struct strmap *m, const char *key, void *value)
{
	return strmap_put_hashed(m, key, value, hash(key));
}

int strmap_put_hashed(struct strmap *m, const char *key, void *value, unsigned long long h)
{
	/* hashed once: a bulk_create puts some 300 keys */
	struct strmap_slot *s = find_hashed(m, key, h);

	if (s) {
		s->value = value;
		return 0;
	}
	return insert(m, key, value, h);
}

int strmap_add(struct strmap *m, const char *key, void *value)
{
	return strmap_add_hashed(m, key, value, hash(key));
}

int strmap_add_hashed(struct strmap *m, const char *key, void *value, unsigned long long h)
{
	if (find_hashed(m, key, h))
		return 1;
	return insert(m, key, value, h);
}

/* key, whose hash is h, is not in m */
static int insert(struct strmap *m, const char *key, void *value, uint64_t h)
{
	size_t i;

	/* at most half full: a missed lookup (every new email in a
	 * bulk_create) then probes about two slots, not eight */
	if ((m->used + m->tombs + 1) * 2 > m->cap &&
	    rehash(m, m->cap ? (m->used * 2 > m->cap ? m->cap * 2 : m->cap) : 64) < 0)
		return -1;
	i = h & (m->cap - 1);
	while (m->slots[i].key && m->slots[i].key != TOMBSTONE)
		i = (i + 1) & (m->cap - 1);
	if (m->slots[i].key == TOMBSTONE)
		m->tombs--;
	m->slots[i].key = strdup(key);
	if (!m->slots[i].key)
		return -1;
	m->slots[i].value = value;
	m->slots[i].hash = h;
	m->used++;
	return 0;
}

void strmap_del(struct strmap *m, const char *key)
{
	struct strmap_slot *s = find(m, key);
	if (!s)
		return;
	free(s->key);
	s->key = TOMBSTONE;
	s->value = NULL;
	m->used--;
	m->tombs++;
}

void strmap_prefetch(const struct strmap *m, const char *key)
{
	strmap_prefetch_hashed(m, hash(key));
}

void strmap_prefetch_hashed(const struct strmap *m, unsigned long long h)
{
	if (m->cap)
		__builtin_prefetch(&m->slots[h & (m->cap - 1)], 1);
}
