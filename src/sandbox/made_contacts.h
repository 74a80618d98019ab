/* made_contacts.h - a contact a request made, kept closed until it is
 * read: its values in one block, its members built the first time anyone
 * looks at it.
 *
 * A made contact as cJSON members is some 20 values (1.7 KB) made under
 * the store's lock, and a bulk_create of 100 new contacts is mostly that
 * making; yet most made contacts are never read again before a reset (an
 * import sends them and moves on). Closed, a contact is a cJSON object
 * without members whose valuestring holds its block (cJSON_Delete frees it
 * as it would a string) and whose valueint is MADE_CLOSED. store_find and
 * store_list open a closed contact before giving it out (store.h), so
 * every reader sees the very object, members and order it always saw;
 * nothing else may hand a contact out. */
#ifndef SANDBOX_MADE_CONTACTS_H
#define SANDBOX_MADE_CONTACTS_H

#include <stdbool.h>
#include <cjson/cJSON.h>

/* the fields a request may set on a contact, the phones it may give, and
 * each phone's type */
#define N_CONTACT_TEXT 15
#define CONTACT_TEXT_OWNER 12  /* owner_id's place: a new contact's owner may come from the call */
#define N_CONTACT_PHONE 6
extern const char *const contact_text_fields[N_CONTACT_TEXT];
extern const char *const contact_phone_fields[N_CONTACT_PHONE];
extern const char *const contact_phone_types[N_CONTACT_PHONE];

/* what a new contact is made of; NULL or "" is a value not given */
struct made_values {
	const char *id, *team_id;
	const char *text[N_CONTACT_TEXT];   /* text[CONTACT_TEXT_OWNER]: its owner, also its creator */
	const char *phone[N_CONTACT_PHONE];
	const char *email_status;           /* NULL: null (no email); else a string literal */
	const char *now;                    /* created_at and updated_at */
	const char *name;
};

/* a closed contact holding v's values (copied; email_status and team_id
 * kept as pointers: a literal, and the store's own until its reset), made
 * with cJSON's allocator; NULL when out of memory */
cJSON *made_contact_new(const struct made_values *v);
bool made_contact_is_closed(const cJSON *c);
/* c's members, built as a new contact's always were: id, team_id, the
 * text fields given, email_status, creator_id, phone_numbers,
 * sanitized_phone, custom_field_errors, label_ids, typed_custom_fields,
 * emailer_campaign_ids, contact_campaign_statuses, created_at, updated_at,
 * name (the rest it starts with is not stored: record_shapes.h). Nothing
 * when c is not closed. The caller holds the store's lock (the members
 * are packed: arena.h). */
void made_contact_open(cJSON *c);

#endif
