/* apollo/resolve.h - names on the command line (a sequence, mailboxes, users)
 * turned into Apollo ids, once per run, with the fewest look-ups: one
 * sequence search, one mailbox list, one user list, each only when needed.
 * A name that matches nothing, or several things, is an error that lists
 * what there is. */
#ifndef APOLLO_RESOLVE_H
#define APOLLO_RESOLVE_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "apollo/http.h"

struct resolver {
	struct http_client *hc;
	cJSON *users;
	cJSON *mailboxes;
	char error[2048];
};

struct sequence_ref {
	char id[64];
	char name[256];
	bool active, archived;
};

void resolver_init(struct resolver *rv, struct http_client *hc);
void resolver_free(struct resolver *rv);

/* Each returns an exit code: EXIT_OK, EXIT_CONFIG (no such name, several,
 * inactive) or EXIT_API (the look-up failed), with rv->error set. */
int resolve_sequence(struct resolver *rv, const char *name_or_id, bool allow_inactive,
                     struct sequence_ref *out);
/* ids[i] receives the id of mailbox names[i] (an email address or an id) */
int resolve_mailboxes(struct resolver *rv, const char *const *names, size_t n, char (*ids)[64]);
/* a user by email, id or full name */
int resolve_user(struct resolver *rv, const char *name, char id[64]);

#endif
