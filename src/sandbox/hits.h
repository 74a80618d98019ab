/* hits.h - a search's matches. */
#ifndef SANDBOX_HITS_H
#define SANDBOX_HITS_H

#include <stdbool.h>
#include <cjson/cJSON.h>

/* a search's matches: collected in store order, then sorted by a number
 * or a text, ties keeping store order */
struct hit {
	cJSON *rec;
	long pos;
	double key;
	const char *text;
};
struct hits {
	struct hit *v;
	long n, cap;
};
/* false when out of memory */
bool hits_add(struct hits *h, cJSON *rec, double key, const char *text);
void hits_sort(struct hits *h, bool by_text, bool descending);
void hits_free(struct hits *h);

#endif
