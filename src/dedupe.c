#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dedupe.h"

#define INITIAL_CAP 1024

void dedupe_init(struct dedupe_set *s)
{
	memset(s, 0, sizeof *s);
}

void dedupe_free(struct dedupe_set *s)
{
	free(s->keys);
	free(s->rows);
	memset(s, 0, sizeof *s);
}

/* FNV-1a, then a 64-bit finaliser (from MurmurHash3) so that the slot
 * taken from the high bits is well spread. Never 0 (0 marks empty). */
uint64_t dedupe_hash(const char *key, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)key[i];
		h *= 0x100000001b3ULL;
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

static bool grow(struct dedupe_set *s)
{
	size_t ncap = s->cap ? s->cap + s->cap / 2 : INITIAL_CAP;
	uint64_t *nk = calloc(ncap, sizeof *nk);
	uint32_t *nr = malloc(ncap * sizeof *nr);

	if (!nk || !nr) {
		free(nk);
		free(nr);
		return false;
	}
	for (size_t i = 0; i < s->cap; i++) {
		size_t j;
		if (!s->keys[i])
			continue;
		j = slot_of(s->keys[i], ncap);
		while (nk[j])
			j = (j + 1 == ncap) ? 0 : j + 1;
		nk[j] = s->keys[i];
		nr[j] = s->rows[i];
	}
	free(s->keys);
	free(s->rows);
	s->keys = nk;
	s->rows = nr;
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
	while (s->keys[j]) {
		if (s->keys[j] == h)
			return s->rows[j];
		j = (j + 1 == s->cap) ? 0 : j + 1;
	}
	s->keys[j] = h;
	s->rows[j] = (uint32_t)row;
	s->used++;
	return 0;
}

size_t dedupe_bytes(const struct dedupe_set *s)
{
	return s->cap * (sizeof *s->keys + sizeof *s->rows);
}
