/* multimap.h - a string key -> list of pointers map, for the sandbox's
 * indexes where a key has many records (an account's contacts). */
#ifndef SANDBOX_MULTIMAP_H
#define SANDBOX_MULTIMAP_H

#include <stddef.h>

#include "strmap.h"

struct multimap {
	struct strmap keys;        /* key -> struct ptrlist */
};

void multimap_init(struct multimap *m);
void multimap_free(struct multimap *m);
/* appends value to key's list; -1 when out of memory */
int multimap_add(struct multimap *m, const char *key, void *value);
/* takes one value out of key's list (order is not kept) */
void multimap_del(struct multimap *m, const char *key, const void *value);
/* key's values (*n of them); NULL when none */
void *const *multimap_get(const struct multimap *m, const char *key, size_t *n);

#endif
