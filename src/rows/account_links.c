/* rows/account_links.c - see rows/account_links.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rows/account_links.h"

void account_links_init(struct account_links *l)
{
	memset(l, 0, sizeof *l);
	dedupe_init(&l->map);
}

void account_links_free(struct account_links *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->ids[i]);
	free(l->ids);
	dedupe_free(&l->map);
	memset(l, 0, sizeof *l);
}

const char *account_links_find(const struct account_links *l, const char *key)
{
	unsigned long at = key && *key ? dedupe_find(&l->map, key, strlen(key)) : 0;
	return at ? l->ids[at - 1] : NULL;
}

bool account_links_put(struct account_links *l, const char *key, const char *id)
{
	unsigned long at;
	char *copy;

	if (!key || !*key || !id || !*id)
		return true;
	if ((at = dedupe_find(&l->map, key, strlen(key)))) {
		char *have = l->ids[at - 1];
		if (*have && strcmp(have, id) != 0)
			*have = '\0';   /* two accounts: which one a row means is not guessed */
		return true;
	}
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 64;
		char **ids = realloc(l->ids, cap * sizeof *ids);
		if (!ids)
			return false;
		l->ids = ids;
		l->cap = cap;
	}
	if (!(copy = strdup(id)))
		return false;
	l->ids[l->n] = copy;
	if (dedupe_check_add(&l->map, key, strlen(key), (unsigned long)l->n + 1) != 0 ||
	    !dedupe_find(&l->map, key, strlen(key))) {
		free(copy);
		return false;
	}
	l->n++;
	return true;
}
