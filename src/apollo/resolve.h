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

/* a list read once for the run: not yet read, read, or failed (and then
 * never read as empty, nor asked for again) */
struct resolver_list {
	cJSON *items;
	int failed;                    /* 0, or the exit status of the failure */
	char why[2048];                /* the failure, for every later question */
};

struct resolver {
	struct http_client *hc;
	struct resolver_list users;
	struct resolver_list mailboxes;
	bool lookup_failed;            /* the last error is a failed look-up, not
	                                * an unknown or ambiguous name */
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
 * inactive; or a look-up refused with 401/403) or EXIT_API (the look-up
 * failed), with rv->error set and rv->lookup_failed saying which kind.
 * A look-up that failed is never taken for an empty list. */
/* A sequence by name or id; with by_id (--sequence-id), by id only. A
 * misspelt name gets the few names near it (common/near_names.h), several
 * sequences of one name are each listed with their id, steps, creation and
 * state, for --sequence-id. */
int resolve_sequence(struct resolver *rv, const char *name_or_id, bool by_id, bool allow_inactive,
                     struct sequence_ref *out);
/* The messages resolve_sequence gives, for a caller holding the sequences
 * (a cJSON array of Apollo's) itself, into buf. Several with the name: each
 * one's id, steps, creation and state, and --sequence-id to choose. None:
 * at most five names near it, nearest first (with searched, list is a
 * q_name search's hits, all holding the text: ranked, not filtered), or
 * the command that lists them all. */
void sequences_sharing_name(char *buf, size_t size, const char *name, const cJSON *list);
void sequence_not_found(char *buf, size_t size, const char *name, const cJSON *list, bool searched);

/* ids[i] receives the id of mailbox names[i] (an email address or an id) */
int resolve_mailboxes(struct resolver *rv, const char *const *names, size_t n, char (*ids)[64]);
/* a user by email, id or full name */
int resolve_user(struct resolver *rv, const char *name, char id[64]);

#endif
