/* search_cache.h - the hit lists of the last few searches, so that reading
 * a search page by page walks and sorts the records once, not once a page.
 *
 * A search's hits follow from its parameters other than page and per_page
 * and from the store alone, so a list is kept under its route and those
 * parameters (as printed), and every list is dropped whenever anything may
 * have changed the store: the server forgets them all before each request
 * of a route that is not marked read-only, and on a reset. Replies built
 * from a kept list are byte for byte those built from a fresh one.
 *
 * Memory stays bounded: SEARCH_CACHE_SLOTS lists at most (each 32 bytes a
 * hit), the least recently used one making room; a query whose parameters
 * print longer than SEARCH_CACHE_MAX_KEY is answered but not remembered. */
#ifndef SANDBOX_SEARCH_CACHE_H
#define SANDBOX_SEARCH_CACHE_H

#include <cjson/cJSON.h>

#include "hits.h"

#define SEARCH_CACHE_SLOTS 8
#define SEARCH_CACHE_MAX_KEY (64 * 1024)

struct search_slot {
	char *key;                  /* NULL: the list is not found by any query */
	struct hits hits;
	unsigned long long used;    /* when last found or filled */
};

struct search_cache {
	struct search_slot slot[SEARCH_CACHE_SLOTS];
	unsigned long long clock;
};

/* The hits kept for this query on route ("contacts"), or NULL. */
const struct hits *search_cache_find(struct search_cache *sc, const char *route, const cJSON *params);
/* Keeps *h (taken over: *h is left empty) as the hits of this query and
 * returns them where they now are, for the reply; never NULL. */
const struct hits *search_cache_keep(struct search_cache *sc, const char *route, const cJSON *params,
                                     struct hits *h);
/* Drops every list: the store may have changed. */
void search_cache_forget(struct search_cache *sc);

#endif
