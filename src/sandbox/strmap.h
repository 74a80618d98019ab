/* strmap.h - a string-keyed hash map (open addressing) for the sandbox's
 * indexes: contacts by id and by email, accounts by id and domain, ... */
#ifndef SANDBOX_STRMAP_H
#define SANDBOX_STRMAP_H

#include <stddef.h>

struct strmap_slot {
	char *key;          /* NULL: empty; TOMBSTONE: deleted */
	void *value;
	unsigned long long hash;
};

struct strmap {
	struct strmap_slot *slots;
	size_t cap, used, tombs;
};

void strmap_init(struct strmap *m);
void strmap_free(struct strmap *m);
/* NULL when absent */
void *strmap_get(const struct strmap *m, const char *key);
/* Adds or replaces; -1 when out of memory. */
int strmap_put(struct strmap *m, const char *key, void *value);
/* Adds key only when absent (one probe, where get + put take two): 1 when
 * key was there (its value kept), 0 when added, -1 when out of memory. */
int strmap_add(struct strmap *m, const char *key, void *value);
void strmap_del(struct strmap *m, const char *key);
/* Asks the CPU to bring key's first slot into the cache. A look-up in a
 * table of a million slots is a cache miss; asked for early (a few
 * contacts ahead, or before the work that comes first), the misses
 * overlap with other work instead of stalling one after another.
 * Changes nothing. */
void strmap_prefetch(const struct strmap *m, const char *key);

/* The same with key's hash made beforehand by strmap_hash, which reads no
 * table: a caller hashes its keys before it takes a lock, and the lock is
 * held for the look-ups only. */
unsigned long long strmap_hash(const char *key);
void *strmap_get_hashed(const struct strmap *m, const char *key, unsigned long long h);
int strmap_put_hashed(struct strmap *m, const char *key, void *value, unsigned long long h);
int strmap_add_hashed(struct strmap *m, const char *key, void *value, unsigned long long h);
void strmap_prefetch_hashed(const struct strmap *m, unsigned long long h);

#endif
