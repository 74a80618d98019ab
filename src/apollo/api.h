/* apollo/api.h - Apollo's endpoints in terms of contacts, accounts,
 * sequences and ids: builds each request's JSON and reads each reply
 * (cJSON), tolerant of the shapes Apollo is known to send (numbers as
 * strings, "loading" metrics, both spellings of a field). Every call that
 * takes many items runs its requests together through apollo_http, and
 * gives every item an outcome. Knows nothing of CSV, files or rows. */
#ifndef APOLLO_API_H
#define APOLLO_API_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "apollo/http.h"
#include "values/fields.h"

#define API_BULK_MAX 100       /* contacts/bulk_create, accounts/bulk_create */
#define API_ID_MAX 64

/* what happened to one item of a bulk call */
enum api_result {
	API_NONE,                  /* not sent (yet) */
	API_CREATED,
	API_EXISTING,              /* matched by Apollo's dedupe */
	API_DONE,                  /* updated, enrolled, removed */
	API_SKIPPED,               /* add_contact_ids skipped it: `reason` is the code */
	API_REFUSED,               /* a 4xx for this item (or its request): `message` */
	API_GAVE_UP,               /* faults; retries spent */
	API_STOPPED,               /* the rate window outlasted --max-wait */
	API_UNKNOWN,               /* sent once (tasks, deals): may have been done,
	                            * and looking for it failed */
	API_UNCONFIRMED            /* a 2xx whose reply does not confirm this item
	                            * (not listed, or not an object): `message` */
};

struct api_item {
	enum api_result result;
	/* message: also on API_DONE and API_SKIPPED when the reply says more
	 * than its code: an enrolment Apollo holds otherwise than asked
	 * ("Apollo shows it paused: Sequence inactive"), a contact the reply
	 * dates before the run (API_SKIPPED, already in it) */
	char id[API_ID_MAX];       /* the contact or account id */
	char reason[64];           /* API_SKIPPED: Apollo's skip code; API_DONE: the id
	                            * of the job Apollo does it in, when it answered
	                            * with one (entity_progress_job) */
	char *message;             /* malloc'd, for REFUSED / GAVE_UP / STOPPED */
	cJSON *record;             /* API_EXISTING contacts: Apollo's copy */
	bool unsure;               /* a create sent once (apollo/send_once.h) whose
	                            * answer was lost, or that an interrupted run may
	                            * have sent: a second copy may exist */
	char *custom_field_errors; /* malloc'd: the record's custom_field_errors, when
	                            * Apollo listed any ("<field id>: <its words>; ..."),
	                            * else NULL (contacts/bulk_create, bulk_update) */
	char refused_field[API_ID_MAX]; /* API_REFUSED by a 422 whose error_details
	                            * name a field of the request (a custom
	                            * field's id): that field, else "" */
	char unlinked[API_ID_MAX]; /* contacts/bulk_create, API_CREATED or
	                            * API_EXISTING: the account id this contact was
	                            * sent again without, after Apollo refused an id
	                            * of its request (`message`: Apollo's words) */
};

void api_item_clear(struct api_item *it);
void api_set_outcome(struct api_item *it, enum api_result r, const char *message);

/* for the files of the endpoints: a body printed (and freed), a string
 * member added only when it has text, a failed request kept for the
 * caller (without its body and reply, which r still owns) */
void api_keep_failure(struct http_request *failed, struct http_request *r);
/* a request's failure as an item's: stopped, gave up or refused */
enum api_result api_outcome_result(enum http_outcome o);
char *api_print_and_free(cJSON *body);
/* For a message naming the records that fit one item: id added to ids
 * (", "-separated, cut at size; quoted as reply_quote does, "(no id)" for
 * an empty one) unless it is there; returns count, plus one when it was
 * not (count: the ids in ids so far) */
int api_add_id(char *ids, size_t size, int count, const char *id);
void api_add_str(cJSON *o, const char *key, const char *v);
/* a record's custom_field_errors as words (malloc'd), NULL when none */
char *api_custom_field_errors(const cJSON *record);

/* ---- contacts ---- */

/* a contact to create: values by field, "" when none */
struct api_contact {
	const char *v[F_COUNT];
	const char *account_id;    /* NULL or "" for none */
	bool account_confirmed;    /* account_id is one Apollo gave this run
	                            * (accounts/bulk_create), not the file's */
	const char *typed_custom_fields; /* a JSON object keyed by bare field id
	                            * (values/custom_fields.h), or NULL */
};

struct api_create_options {
	const char *const *labels; /* append_label_names */
	size_t nlabels;
	const char *owner_id;      /* NULL: the key's user */
};

/* contacts/bulk_create with run_dedupe, API_BULK_MAX a request, all
 * requests at once. out[i] is contacts[i]'s outcome: API_UNCONFIRMED when
 * the reply does not name it, or names several contacts that fit it
 * (their ids in the message).
 *
 * A 422 refusing an account id the request carries ("Parameters
 * misconfigured. <id> is not a valid ID": an account of another team, or
 * deleted) refuses the whole request, so the request is sent once more
 * without its account links (all of them but those Apollo gave this run,
 * account_confirmed): one extra call a request at most, never one a
 * contact, where a link may be refused in turn. The 422 refuses the
 * request as a whole (that Apollo then makes none of its contacts is
 * UNCONFIRMED: apollo-sandbox checks every item first), and the second
 * request runs Apollo's dedupe like the first, so a contact the first had
 * made would come back existing, never made twice. Each contact sent
 * without its link says so in unlinked.
 * Any other 422 is narrowed down by halving the request until the refused
 * contact stands alone. */
void api_create_contacts(struct http_client *hc, const struct api_create_options *opt,
                         const struct api_contact *contacts, size_t n, struct api_item *out);

/* one contact's changed fields, for contacts/bulk_update */
struct api_update {
	const char *id;
	const char *name[F_COUNT]; /* Apollo field names */
	const char *value[F_COUNT];
	size_t n;
	const char *typed_custom_fields; /* a JSON object of custom values, or NULL */
};

void api_update_contacts(struct http_client *hc, const struct api_update *u, size_t n,
                         struct api_item *out);

/* The fields bulk_update can change and Apollo's copy shows; a value
 * Apollo's copy does not show cannot be compared, so it is not sent. */
bool api_field_updatable(enum field f);

/* ---- accounts ---- */

struct api_account {
	const char *name;
	const char *domain;
	/* the rest: NULL or "" sends nothing (bulk_create makes, never clears) */
	const char *phone;
	const char *owner_id;
	const char *stage_id;      /* account_stage_id */
	const char *linkedin_url;
	const char *raw_address;
	const char *typed_custom_fields;   /* a JSON object's text, NULL: none */
};

/* accounts that go to Apollo with the same lists (append_label_names is
 * one list for a whole request) */
struct api_account_batch {
	const struct api_account *accounts;
	size_t n;
	const char *const *labels;
	size_t nlabels;
	struct api_item *out;      /* out[i]: accounts[i]'s outcome */
};

/* accounts/bulk_create with run_dedupe (by domain, then name); as for
 * contacts, API_UNCONFIRMED for an account the reply does not name or
 * names twice. An API_CREATED or API_EXISTING item keeps Apollo's copy
 * in `record` (bulk_create never changes a match; either may name the
 * custom values it was made without in custom_field_errors). */
void api_create_accounts(struct http_client *hc, const struct api_account *a, size_t n,
                         struct api_item *out);
/* the same for several batches, API_BULK_MAX a request, all at once */
void api_create_account_batches(struct http_client *hc, const struct api_account_batch *b, size_t nb);

#define API_BULK_UPDATE_MAX 1000   /* accounts/bulk_update account_attributes */

/* GET account_stages (a bare array or wrapped): the account stages; when
 * optional, a refusal does not stop the client */
int api_list_account_stages(struct http_client *hc, bool optional, cJSON *out, struct http_request *failed);

/* ---- sequences ---- */

/* the six switches that let add_contact_ids take a contact it would skip */
enum api_allow {
	ALLOW_NO_EMAIL = 1 << 0,
	ALLOW_UNVERIFIED = 1 << 1,
	ALLOW_JOB_CHANGE = 1 << 2,
	ALLOW_ACTIVE_IN_OTHER = 1 << 3,
	ALLOW_FINISHED_IN_OTHER = 1 << 4,
	ALLOW_SAME_COMPANY = 1 << 5,
};

struct api_enrol_options {
	const char *sequence_id;
	const char *const *mailbox_ids;    /* one, or several for rotation */
	size_t nmailboxes;
	const char *user_id;               /* NULL: the key's user */
	unsigned allow;                    /* enum api_allow bits */
};

/* one add_contact_ids request: ids, or label names */
struct api_enrol_call {
	const char *const *ids;
	size_t n;
	const char *const *labels;
	size_t nlabels;
	const char *unpause_at;            /* NULL: active; else paused until then */
	struct api_item *out;              /* n items (ids) */
	/* label calls: what Apollo reported; already: contacts the reply lists
	 * in the sequence but dates before the run (not enrolled by it) */
	unsigned long enrolled, skipped, already;
	char *message;                     /* a refused, failed or unconfirmed call */
	enum api_result result;
};

void api_enrol(struct http_client *hc, const struct api_enrol_options *opt,
               struct api_enrol_call *calls, size_t ncalls);

/* by label: one call; counts in call->enrolled (the contacts the reply
 * shows in the sequence, added since the run began by Apollo's clock),
 * call->already (added before it) and call->skipped; API_UNCONFIRMED
 * (message) when the reply has no contacts list to count, or a field of
 * an unexpected type */
void api_enrol_labels(struct http_client *hc, const struct api_enrol_options *opt,
                      struct api_enrol_call *call);

/* remove_or_stop_contact_ids: mode is mark_as_finished, remove or stop */
void api_unenrol(struct http_client *hc, const char *sequence_id, const char *mode,
                 const char *const *ids, size_t n, size_t per_call, struct api_item *out);

/* ---- one change to many contacts (update) ---- */

/* contacts a request of update_stages and the lists endpoints carries:
 * bulk_update's limit, as none is documented for them */
#define API_BULK_MAX_UPDATE 1000

/* contacts/update_stages: every contact of ids to this stage */
void api_set_contacts_stage(struct http_client *hc, const char *stage_id, const char *const *ids, size_t n,
                            struct api_item *out);
/* labels/add_entity_ids_to_label_names (add) or
 * labels/remove_entity_ids_from_label_names: every contact of ids into
 * (out of) every list of names */
void api_change_contacts_lists(struct http_client *hc, bool add, const char *const *names, size_t nnames,
                               const char *const *ids, size_t n, struct api_item *out);
/* PATCH contacts/{id}, one call each: for the fields bulk_update does not
 * take (the phones: direct_phone, mobile_phone, ...) */
void api_patch_contacts(struct http_client *hc, const struct api_update *u, size_t n, struct api_item *out);
/* the same for accounts: PATCH accounts/{id} (their domain, phone) */
void api_patch_accounts(struct http_client *hc, const struct api_update *u, size_t n, struct api_item *out);
/* accounts/bulk_update, account_attributes (name, owner_id,
 * account_stage_id, typed_custom_fields: the fields it takes),
 * API_BULK_UPDATE_MAX a call: out[i] API_DONE when the reply shows u[i]'s
 * account as sent (or a job for it), else API_UNCONFIRMED; a custom value
 * Apollo did not take in out[i].custom_field_errors */
void api_update_accounts(struct http_client *hc, const struct api_update *u, size_t n, struct api_item *out);
/* the lists endpoints for records of modality "contacts" or "accounts" */
void api_change_lists(struct http_client *hc, const char *modality, bool add, const char *const *names,
                      size_t nnames, const char *const *ids, size_t n, struct api_item *out);

/* ---- look-ups (for names given on the command line) ---- */

/* Every page of a list endpoint, items appended to *out (a cJSON array).
 * 0, or -1 with the request's outcome in *failed (its message). */
int api_list_sequences(struct http_client *hc, const char *q_name, cJSON *out,
                       struct http_request *failed);
int api_list_mailboxes(struct http_client *hc, cJSON *out, struct http_request *failed);
/* optional: a refusal (401/403) does not stop the client (see apollo/http.h) */
int api_list_users(struct http_client *hc, bool optional, cJSON *out, struct http_request *failed);

/* ---- contacts search (exports) ---- */

#define API_PAGE_SIZE 100      /* contacts/search per_page maximum */
#define API_PAGE_CAP 500       /* Apollo shows no page after the 500th */

struct api_contact_query {
	const char *q_keywords;            /* NULL: none */
	const char *const *label_ids;
	size_t nlabels;
	const char *const *stage_ids;
	size_t nstages;
	const char *sort_by_field;         /* NULL, or e.g. contact_created_at */
	bool ascending;
};

/* Pages pages[0..n) of a contacts search, requested together: the contacts
 * of pages[i] are appended to the array out[i]; *total is Apollo's
 * total_entries. 0, or -1 with the first failed request in *failed. */
int api_search_contacts(struct http_client *hc, const struct api_contact_query *q,
                        const long *pages, size_t n, cJSON **out, long *total,
                        struct http_request *failed);
/* GET labels (a bare array, or {"labels": [...]}) and GET contact_stages */
int api_list_labels(struct http_client *hc, cJSON *out, struct http_request *failed);
int api_list_contact_stages(struct http_client *hc, bool optional, cJSON *out,
                            struct http_request *failed);

/* Every page (100 a page, up to Apollo's 500) of a POST search at path
 * with `filters` (NULL: none) in the body; the items of `key` appended to
 * the array out. 0, or -1 with the failed request's outcome in *failed;
 * a reply without the list, or a list longer than Apollo shows, is a
 * failure too, never a shorter list. */
int api_search_all(struct http_client *hc, const char *path, const char *key, const cJSON *filters,
                   bool optional, cJSON *out, struct http_request *failed);

/* GET opportunity_stages (a bare array or wrapped): the deal stages */
int api_list_deal_stages(struct http_client *hc, cJSON *out, struct http_request *failed);
/* every account (accounts/search, every page) */
int api_list_accounts(struct http_client *hc, cJSON *out, struct http_request *failed);

/* a JSON number or numeric string as a long; dflt when neither */
long api_number(const cJSON *v, long dflt);
/* a JSON string's text, or "" */
const char *api_str(const cJSON *o, const char *key);
/* What a request to `scope` does, in a progress display's words
 * ("creating contacts", "enrolling"); never NULL. */
const char *api_scope_doing(const char *scope);

#endif
