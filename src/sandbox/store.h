/* store.h - apollo-sandbox's in-memory Apollo: every record is a cJSON
 * object shaped as Apollo returns it, kept in arrays under one root, with
 * hash indexes beside them. Fields starting with '_' are the sandbox's own
 * (a contact's _job_change, _owner_permission) and are never sent. A
 * contact a request made stores only the values it was given and gains
 * (record_shapes.h: shape_contact_made), and is kept closed until read
 * (made_contacts.h): store_find and store_list, the only ways to a
 * contact, open it.
 *
 * Emails are "unverified" when their domain is in the seed's
 * unverified_domains or their local part starts with "unverified";
 * every other new email is "verified". */
#ifndef SANDBOX_STORE_H
#define SANDBOX_STORE_H

#include <stdbool.h>
#include <cjson/cJSON.h>

#include "enrolments.h"
#include "multimap.h"
#include "strmap.h"

enum store_index {
	IX_CONTACT_ID, IX_CONTACT_EMAIL, IX_CONTACT_NAME_CO,
	IX_ACCOUNT_ID, IX_ACCOUNT_DOMAIN, IX_ACCOUNT_NAME,
	IX_SEQUENCE_ID, IX_USER_ID, IX_MAILBOX_ID, IX_LABEL_ID, IX_LABEL_NAME,
	IX_PERSON_ID, IX_PERSON_EMAIL, IX_ORG_DOMAIN, IX_ORG_ID, IX_TASK_ID, IX_OPPORTUNITY_ID,
	IX_COUNT
};

struct store {
	cJSON *seed;                /* as loaded: what reset returns to */
	cJSON *db;                  /* the live data */
	struct strmap ix[IX_COUNT];
	struct multimap account_contacts;  /* account_id -> its contacts */
	struct enrolments enrolments;      /* sequence memberships and their counts */
	unsigned long long next_id;        /* the count of ids made so far, + 1 */
	unsigned long long id_seed;        /* --id-seed: the same seed, the same ids */
	struct strmap held_ids;            /* every "id" in the data as loaded */
	const char *team_id;            /* in db, read once a reset */
	size_t closed_contacts;         /* made contacts not opened yet (made_contacts.h) */
	const cJSON *unverified_domains;
};

/* 0, or -1 with err set. The seed must hold the sections of
 * samples/sandbox-seed.json. id_seed: see store_new_id. */
int store_open(struct store *s, const char *seed_path, const char *state_path,
               unsigned long long id_seed, char *err, size_t errlen);
void store_close(struct store *s);
/* back to the seed */
int store_reset(struct store *s);
/* writes the live data, atomically; 0 or -1 */
int store_save(struct store *s, const char *path, char *err, size_t errlen);

/* db[name], an array (created if missing); the contacts' list with
 * every made contact opened (made_contacts.h) */
cJSON *store_list(struct store *s, const char *name);
/* c added to the contacts' list as it is, open or closed */
void store_add_contact(struct store *s, cJSON *c);
/* a fresh id as Apollo's look (Mongo ObjectIds): 24 lower-case hex
 * digits, 8 of a "time" that goes up by one for each id made since the
 * seed was loaded (so ids sort in the order they were made, after every id
 * of the default seed), then 16 from splitmix64 of id_seed and that count.
 * The same seed file, --id-seed and requests give the same ids; an id
 * already in the seed or state is never made again. */
void store_new_id(struct store *s, char out[25]);
/* the record under key, a made contact opened */
cJSON *store_find(struct store *s, enum store_index ix, const char *key);
/* key's slot in index ix brought into the cache ahead of a store_find or
 * store_index_put of it (strmap_prefetch) */
void store_prefetch(struct store *s, enum store_index ix, const char *key);

/* A key as index ix holds it, and its hash, made before the store's lock
 * is taken (store_key_make reads no store): key is raw itself, or for
 * the indexes that ignore case raw lower-cased into out (cut to size), or
 * NULL for no key ("" or NULL). It lasts as long as raw and out do.
 * store_find, store_prefetch and store_index_put make theirs so. */
struct store_key {
	const char *key;
	unsigned long long hash;
};
void store_key_make(enum store_index ix, const char *raw, char *out, size_t size, struct store_key *k);
/* store_find, store_prefetch and store_index_put of a key made so */
cJSON *store_find_key(struct store *s, enum store_index ix, const struct store_key *k);
void store_prefetch_key(struct store *s, enum store_index ix, const struct store_key *k);
void store_index_put_key(struct store *s, enum store_index ix, const struct store_key *k, cJSON *record,
                         bool keep_first);
/* index maintenance; emails, domains and names are indexed lower-cased.
 * keep_first: a key already there keeps its record */
void store_index_put(struct store *s, enum store_index ix, const char *key, cJSON *record,
                     bool keep_first);
void store_index_del(struct store *s, enum store_index ix, const char *key);
/* in, ASCII lower-cased, into out (cut to size) */
void store_lower(const char *in, char *out, size_t size);
/* keeps the indexes right after a record is added or changed (unindex
 * before the change, index after) */
void store_index_contact(struct store *s, cJSON *c);
/* the same, for a new contact whose keys the caller has made (store_key_make:
 * email for IX_CONTACT_EMAIL, name for IX_CONTACT_NAME_CO), so c's keys
 * need not be read again; account_id NULL or "" for none */
void store_index_contact_keys(struct store *s, cJSON *c, const char *id, const struct store_key *email,
                              const struct store_key *name, const char *account_id);
void store_unindex_contact(struct store *s, cJSON *c);
void store_index_account(struct store *s, cJSON *a);
/* name + company key for the dedupe match: "first|last|company", lower-case
 * (IX_CONTACT_NAME_CO's keys; only with all three given) */
void store_name_key(const char *first, const char *last, const char *company, char *out, size_t size);

const char *store_email_status(struct store *s, const char *email);
const char *store_team_id(struct store *s);
/* now, as Apollo writes created_at ("2026-11-26T07:30:00.000Z") */
void store_now(char out[32]);

/* small cJSON helpers */
const char *jstr(const cJSON *o, const char *key);      /* "" when absent or not a string */
bool jbool(const cJSON *o, const char *key, bool dflt);
void jset_str(cJSON *o, const char *key, const char *value); /* NULL -> null */
/* a deep copy without the '_' fields, for a response */
cJSON *store_public(const cJSON *record);
/* store_public of a contact; one a request made gets the fields it does
 * not store, in Apollo's order (shape_contact_made): every contact sent
 * whole goes through this */
cJSON *store_public_contact(const cJSON *contact);

#endif
