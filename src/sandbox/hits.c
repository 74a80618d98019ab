/* hits.c - a search's matches, collected in store order and sorted with
 * ties kept in that order (so every reply lists equal keys alike). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hits.h"

bool hits_add(struct hits *h, cJSON *rec, double key, const char *text)
{
	if (h->n == h->cap) {
		long nc = h->cap ? h->cap * 2 : 256;
		struct hit *nv = realloc(h->v, (size_t)nc * sizeof *nv);
		if (!nv)
			return false;
		h->v = nv;
		h->cap = nc;
	}
	h->v[h->n] = (struct hit){ rec, h->n, key, text ? text : "" };
	h->n++;
	return true;
}

struct order {
	bool by_text, descending;
};

static int compare_hits(const void *a, const void *b, void *arg)
{
	const struct hit *x = a, *y = b;
	const struct order *o = arg;
	int c = o->by_text ? strcmp(x->text, y->text) : (x->key > y->key) - (x->key < y->key);
	if (c)
		return o->descending ? -c : c;
	return (x->pos > y->pos) - (x->pos < y->pos);
}

void hits_sort(struct hits *h, bool by_text, bool descending)
{
	struct order o = { by_text, descending };
	if (h->n > 1)
		qsort_r(h->v, (size_t)h->n, sizeof *h->v, compare_hits, &o);
}

void hits_free(struct hits *h)
{
	free(h->v);
	h->v = NULL;
	h->n = h->cap = 0;
}
