/* rows/account_links.h - the accounts a run has learnt, by the key a row
 * names its company with (rows/account_columns.h's account_key: "d:acme.com"
 * or "n:acmeinc"), so that a company a later chunk names again is linked
 * to the account the run already has instead of being asked for again.
 * A name two accounts answer to is marked so, and never guessed. Knows no
 * HTTP. */
#ifndef APOLLO_ACCOUNT_LINKS_H
#define APOLLO_ACCOUNT_LINKS_H

#include <stdbool.h>
#include <stddef.h>

#include "rows/dedupe.h"

struct account_links {
	struct dedupe_set map;     /* key -> index + 1 */
	char **ids;                /* "": several accounts have the key */
	size_t n, cap;
};

void account_links_init(struct account_links *l);
void account_links_free(struct account_links *l);
/* the account id learnt for key: NULL when none, "" when several */
const char *account_links_find(const struct account_links *l, const char *key);
/* id learnt for key; a key that had another id becomes "" (several).
 * false when out of memory (the link is then asked for again, not lost) */
bool account_links_put(struct account_links *l, const char *key, const char *id);

#endif
