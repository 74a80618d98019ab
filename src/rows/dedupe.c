#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rows/dedupe.h"

void dedupe_init(struct dedupe_set *s)
{
	memset(s, 0, sizeof *s);
}

void dedupe_free(struct dedupe_set *s)
{
	for (size_t i = 0; i < DEDUPE_PARTS; i++)
		free(s->part[i].slots);
	memset(s, 0, sizeof *s);
}

/* Eight bytes at a time, each word mixed in by multiply and rotate, then
 * a 64-bit finaliser (from MurmurHash3) so that the slot taken from the
 * high bits is well spread. Never 0 (0 marks empty). */
uint64_t dedupe_hash(const char *key, size_t len)
{
	uint64_t h = 0x9E3779B97F4A7C15ULL ^ (len * 0xff51afd7ed558ccdULL);
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, key + i, 8);
		h ^= w * 0x87c37b91114253d5ULL;
		h = ((h << 31) | (h >> 33)) * 0x4cf5ad432745937fULL;
	}
	if (i < len) {
		uint64_t w = 0;
		memcpy(&w, key + i, len - i);
		h ^= w * 0x87c37b91114253d5ULL;
		h = ((h << 31) | (h >> 33)) * 0x4cf5ad432745937fULL;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h ? h : 1;
}

static size_t slot_of(uint64_t h, size_t cap)
{
	/* the top 6 bits chose the part: the slot comes from the bits below */
	return (size_t)(((unsigned __int128)(h << 6) * cap) >> 64);
}

static struct dedupe_part *part_of(const struct dedupe_set *s, uint64_t h)
{
	return (struct dedupe_part *)&s->part[h >> 58];
}

/* A part's first size: 64 to 127 slots, different for each part, so that
 * parts filled at the same pace reach 7/8 at different times */
static size_t first_cap(const struct dedupe_set *s, const struct dedupe_part *p)
{
	return 64 + (size_t)(p - s->part);
}

static bool grow(const struct dedupe_set *s, struct dedupe_part *p)
{
	size_t ncap = p->cap ? p->cap + p->cap / 5 : first_cap(s, p);
	struct dedupe_slot *ns = calloc(ncap, sizeof *ns);

	if (!ns)
		return false;
	for (size_t i = 0; i < p->cap; i++) {
		size_t j;
		if (!p->slots[i].key)
			continue;
		j = slot_of(p->slots[i].key, ncap);
		while (ns[j].key)
			j = (j + 1 == ncap) ? 0 : j + 1;
		ns[j] = p->slots[i];
	}
	free(p->slots);
	p->slots = ns;
	p->cap = ncap;
	return true;
}

unsigned long dedupe_check_add(struct dedupe_set *s, const char *key, size_t len, unsigned long row)
{
	uint64_t h = dedupe_hash(key, len);
	struct dedupe_part *p = part_of(s, h);
	size_t j;

	if ((p->used + 1) * 8 > p->cap * 7 && !grow(s, p))
		return 0;
	j = slot_of(h, p->cap);
	while (p->slots[j].key) {
		if (p->slots[j].key == h)
			return p->slots[j].row;
		j = (j + 1 == p->cap) ? 0 : j + 1;
	}
	p->slots[j].key = h;
	p->slots[j].row = (uint32_t)row;
	p->used++;
	s->used++;
	return 0;
}

unsigned long dedupe_find(const struct dedupe_set *s, const char *key, size_t len)
{
	uint64_t h = dedupe_hash(key, len);
	const struct dedupe_part *p = part_of(s, h);
	size_t j;

	if (!p->cap)
		return 0;
	for (j = slot_of(h, p->cap); p->slots[j].key; j = (j + 1 == p->cap) ? 0 : j + 1)
		if (p->slots[j].key == h)
			return p->slots[j].row;
	return 0;
}

size_t dedupe_bytes(const struct dedupe_set *s)
{
	size_t n = 0;
	for (size_t i = 0; i < DEDUPE_PARTS; i++)
		n += s->part[i].cap * sizeof(struct dedupe_slot);
	return n;
}
