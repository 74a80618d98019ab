/* search_cache.c - the hit lists of the last few searches (search_cache.h
 * says when they hold). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "search_cache.h"

/* "route\n" and the parameters but page and per_page, printed; NULL when
 * out of memory or too long to be worth keeping. Two queries with the same
 * key have the same parameters (cJSON prints numbers so that they read back
 * the same), so they find the same hits. */
static char *query_key(const char *route, const cJSON *params)
{
	cJSON *q = cJSON_Duplicate(params, 1);
	char *text, *key = NULL;
	size_t rl = strlen(route), tl;

	if (!q)
		return NULL;
	/* every copy of them: a repeated key is in the request as sent */
	while (cJSON_GetObjectItemCaseSensitive(q, "page"))
		cJSON_DeleteItemFromObjectCaseSensitive(q, "page");
	while (cJSON_GetObjectItemCaseSensitive(q, "per_page"))
		cJSON_DeleteItemFromObjectCaseSensitive(q, "per_page");
	text = cJSON_PrintUnformatted(q);
	cJSON_Delete(q);
	if (!text)
		return NULL;
	tl = strlen(text);
	if (rl + 1 + tl <= SEARCH_CACHE_MAX_KEY && (key = malloc(rl + 1 + tl + 1))) {
		memcpy(key, route, rl);
		key[rl] = '\n';
		memcpy(key + rl + 1, text, tl + 1);
	}
	free(text);
	return key;
}

static void drop(struct search_slot *s)
{
	free(s->key);
	s->key = NULL;
	hits_free(&s->hits);
	s->used = 0;
}

const struct hits *search_cache_find(struct search_cache *sc, const char *route, const cJSON *params)
{
	char *key = query_key(route, params);
	const struct hits *found = NULL;

	if (!key)
		return NULL;
	for (size_t i = 0; i < SEARCH_CACHE_SLOTS && !found; i++) {
		struct search_slot *s = &sc->slot[i];
		if (s->key && strcmp(s->key, key) == 0) {
			s->used = ++sc->clock;
			found = &s->hits;
		}
	}
	free(key);
	return found;
}

const struct hits *search_cache_keep(struct search_cache *sc, const char *route, const cJSON *params,
                                     struct hits *h)
{
	struct search_slot *s = &sc->slot[0];

	/* an empty slot (used 0), else the least recently used */
	for (size_t i = 1; i < SEARCH_CACHE_SLOTS; i++)
		if (sc->slot[i].used < s->used)
			s = &sc->slot[i];
	drop(s);
	/* with no key (too long, out of memory) the slot only holds the hits
	 * for this reply, and is the first to be reused */
	s->key = query_key(route, params);
	s->hits = *h;
	*h = (struct hits){ 0 };
	s->used = s->key ? ++sc->clock : 0;
	return &s->hits;
}

void search_cache_forget(struct search_cache *sc)
{
	for (size_t i = 0; i < SEARCH_CACHE_SLOTS; i++)
		drop(&sc->slot[i]);
}
