/* multimap.c - see multimap.h. */
#include "config.h"

#include <stdlib.h>

#include "multimap.h"

struct ptrlist {
	void **v;
	size_t n, cap;
};

void multimap_init(struct multimap *m)
{
	strmap_init(&m->keys);
}

void multimap_free(struct multimap *m)
{
	for (size_t i = 0; i < m->keys.cap; i++) {
		struct ptrlist *l = m->keys.slots[i].value;
		if (m->keys.slots[i].key && l) {
			free(l->v);
			free(l);
		}
	}
	strmap_free(&m->keys);
}

int multimap_add(struct multimap *m, const char *key, void *value)
{
	struct ptrlist *l = strmap_get(&m->keys, key);
	if (!l) {
		l = calloc(1, sizeof *l);
		if (!l || strmap_put(&m->keys, key, l) < 0) {
			free(l);
			return -1;
		}
	}
	if (l->n == l->cap) {
		size_t nc = l->cap ? l->cap * 2 : 4;
		void **nv = realloc(l->v, nc * sizeof *nv);
		if (!nv)
			return -1;
		l->v = nv;
		l->cap = nc;
	}
	l->v[l->n++] = value;
	return 0;
}

void multimap_del(struct multimap *m, const char *key, const void *value)
{
	struct ptrlist *l = strmap_get(&m->keys, key);
	for (size_t i = 0; l && i < l->n; i++)
		if (l->v[i] == value) {
			l->v[i] = l->v[--l->n];
			return;
		}
}

void *const *multimap_get(const struct multimap *m, const char *key, size_t *n)
{
	struct ptrlist *l = strmap_get(&m->keys, key);
	*n = l ? l->n : 0;
	return l && l->n ? l->v : NULL;
}
