#include "config.h"

#include <stdlib.h>
#include <sys/mman.h>
#include <string.h>

#include "rows/dedupe.h"

#define INITIAL_CAP 1024
#define HUGE_PAGE (2u * 1024 * 1024)

void dedupe_init(struct dedupe_set *s)
{
	memset(s, 0, sizeof *s);
}

void dedupe_free(struct dedupe_set *s)
{
	free(s->slots);
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
	return (size_t)(((unsigned __int128)h * cap) >> 64);
}

/* Zeroed slots. A big table is asked for in huge pages: every probe is a
 * random access, and with 4 KiB pages most of them also miss the TLB. */
static struct dedupe_slot *alloc_slots(size_t n)
{
	size_t bytes = n * sizeof(struct dedupe_slot);
	void *p;

	if (bytes < HUGE_PAGE)
		return calloc(n, sizeof(struct dedupe_slot));
	bytes = (bytes + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
	if (posix_memalign(&p, HUGE_PAGE, bytes) != 0)
		return NULL;
#ifdef MADV_HUGEPAGE
	madvise(p, bytes, MADV_HUGEPAGE);
#endif
	memset(p, 0, bytes);
	return p;
}

static bool grow(struct dedupe_set *s)
{
	size_t ncap = s->cap ? s->cap + s->cap / 2 : INITIAL_CAP;
	struct dedupe_slot *ns = alloc_slots(ncap);

	if (!ns)
		return false;
	for (size_t i = 0; i < s->cap; i++) {
		size_t j;
		if (!s->slots[i].key)
			continue;
		j = slot_of(s->slots[i].key, ncap);
		while (ns[j].key)
			j = (j + 1 == ncap) ? 0 : j + 1;
		ns[j] = s->slots[i];
	}
	free(s->slots);
	s->slots = ns;
	s->cap = ncap;
	return true;
}

unsigned long dedupe_check_add(struct dedupe_set *s, const char *key, size_t len, unsigned long row)
{
	uint64_t h = dedupe_hash(key, len);
	size_t j;

	if ((s->used + 1) * 5 > s->cap * 4 && !grow(s))
		return 0;
	j = slot_of(h, s->cap);
	while (s->slots[j].key) {
		if (s->slots[j].key == h)
			return s->slots[j].row;
		j = (j + 1 == s->cap) ? 0 : j + 1;
	}
	s->slots[j].key = h;
	s->slots[j].row = (uint32_t)row;
	s->used++;
	return 0;
}

unsigned long dedupe_find(const struct dedupe_set *s, const char *key, size_t len)
{
	uint64_t h = dedupe_hash(key, len);
	size_t j;

	if (!s->cap)
		return 0;
	for (j = slot_of(h, s->cap); s->slots[j].key; j = (j + 1 == s->cap) ? 0 : j + 1)
		if (s->slots[j].key == h)
			return s->slots[j].row;
	return 0;
}

size_t dedupe_bytes(const struct dedupe_set *s)
{
	return s->cap * sizeof *s->slots;
}
