/* sandbox.h - what apollo-sandbox's route handlers share: the server state
 * and one request. A handler reads parameters (from the JSON body or the
 * query string, numbers or numeric strings alike), changes the store, and
 * sets the reply; the server around it does authentication, rate windows,
 * faults, reply forms and the counts /_sandbox/stats reports. */
#ifndef SANDBOX_SANDBOX_H
#define SANDBOX_SANDBOX_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <cjson/cJSON.h>

#include "hits.h"
#include "record.h"
#include "replies.h"
#include "search_cache.h"
#include "store.h"
#include "variants.h"

#define SANDBOX_MAX_BODY (8u * 1024 * 1024)

enum window { W_MINUTE, W_HOUR, W_DAY, W_COUNT };

enum fault_kind { F_NONE, F_5XX, F_429, F_DROP, F_LOST, F_MALFORMED, F_TRUNCATED, F_STALL, F_KINDS };

struct sandbox_config {
	unsigned port;
	const char *port_file;
	const char *seed_path;
	const char *state_path;
	long limits[W_COUNT];          /* per endpoint; 0: no limit */
	double time_scale;             /* windows last 60 s / X etc. */
	double fault_rate[F_KINDS];
	unsigned long long fault_seed;
	unsigned long long id_seed;    /* the ids it makes (store_new_id) */
	unsigned stall_ms;
	const char *record_path;       /* --record: every exchange, one JSON line each */
	const char *rate_log_path;     /* --rate-log: every request a window counted or refused */
	bool quiet;
	/* --strict-docs: refuse what Apollo does not document (documented_forms.h),
	 * or (=count) only count it */
	enum { STRICT_OFF, STRICT_REFUSE, STRICT_COUNT } strict_docs;
	struct variants variants;      /* --variant: the reply shapes at start and after a reset */
	/* --custom-field-errors=422: a custom value that does not fit refuses
	 * the request; otherwise the record is kept without it, named in its
	 * custom_field_errors (typed_fields.h) */
	bool custom_field_errors_422;
	long generate_contacts;        /* --generate-contacts N: added to the seed (generate.h) */
};

struct rate_counter {
	double first;                  /* the endpoint's first request: window 0 began */
	double window_start[W_COUNT];
	long used[W_COUNT];
};

struct sandbox {
	struct sandbox_config cfg;
	pthread_mutex_t lock;          /* one lock over everything below */
	struct store store;
	struct search_cache searches;  /* the last few searches' hits */
	struct strmap rates;           /* scope -> struct rate_counter */
	uint64_t rng;                  /* fault draws */
	cJSON *requests;               /* "POST /api/v1/contacts/{id}" -> count */
	cJSON *responses;              /* "200" -> count */
	cJSON *faults;                 /* fault kind -> count */
	cJSON *enrichment;             /* "people/bulk_match" -> {"asked": items,
	                                * "credits": credits_consumed}, added up */
	struct replies replies;        /* routes answered in another form (--reply) */
	struct variants variants;      /* the reply shapes now (variants.h) */
	cJSON *strict_refusals;        /* "POST /api/v1/users/search" -> count (--strict-docs) */
	struct recorder record;        /* --record (record.fp NULL: off); its own lock */
	FILE *rate_log;                /* --rate-log, NULL: off; written under lock */
	double started;                /* when it began to listen (monotonic seconds) */
};

struct request {
	struct sandbox *sb;
	const char *method;
	char route[256];               /* e.g. "contacts/{id}" */
	char id[64];                   /* the {id} of the path, if any */
	cJSON *params;                 /* body object, with query arguments added */
	bool master;
	bool strict_refused;           /* not in the documented form (--strict-docs) */
	/* the reply */
	int status;
	cJSON *reply;                  /* JSON reply, or */
	char *text;                    /* a plain-text reply (401) */
	/* what the route's prepare made, freed with prepared_free after the reply */
	void *prepared;
	void (*prepared_free)(void *prepared);
};

/* a route handler runs with sb->lock held */
typedef void route_fn(struct request *r);
/* A route's prepare runs before the lock is taken, on a well-formed
 * request that may yet be refused (key, rate, fault): it reads r->params
 * only, never the store, and leaves what it made in r->prepared for the
 * handler (which must cope with NULL). */
typedef void route_prepare_fn(struct request *r);

/* parameters: body or query, "1" and 1 alike */
const char *param_str(struct request *r, const char *name);     /* NULL when absent */
bool param_bool(struct request *r, const char *name, bool dflt);
long param_long(struct request *r, const char *name, long dflt, bool *bad);
/* an array parameter, as a cJSON array (a lone string becomes one item);
 * NULL when absent */
cJSON *param_array(struct request *r, const char *name);

/* an array parameter that may be absent (one string counts as a list);
 * false after a 422 when it is something else */
bool param_list(struct request *r, const char *name, cJSON **out);

/* matching, shared by the searches */
bool text_contains(const char *hay, const char *needle);     /* ignoring ASCII case */
bool list_has(const cJSON *list, const char *v);             /* a string equal to v */
bool has_any_label(const cJSON *record, const cJSON *wanted); /* label_ids meet wanted */
/* "https://www.Globex.com:443/x" -> "globex.com" (malloc'd; NULL when empty) */
char *domain_of(const char *in);

/* replies */
void reply_json(struct request *r, int status, cJSON *body);
/* {"error": message} with the status (422 by default in Apollo) */
void reply_error(struct request *r, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* 422 {"error":"Invalid sort criteria","skip_alert_dialog":true} */
void reply_bad_sort(struct request *r);
/* a pagination object; `as_strings` writes page and per_page as strings,
 * as Apollo does on some endpoints */
cJSON *pagination(long page, long per_page, long total, bool as_strings);
/* page/per_page with Apollo's caps: per_page 1..100, page 1..500 */
bool page_params(struct request *r, long *page, long *per_page);

/* the route table, per area */
route_prepare_fn route_contacts_bulk_create_prepare;
route_fn route_contacts_create, route_contacts_bulk_create, route_contacts_view,
	route_contacts_update, route_contacts_bulk_update, route_contacts_search;
route_fn route_labels_add_entities, route_labels_remove_entities, route_accounts_update;
/* accounts into or out of lists by name (routes_accounts.c); false after a 422 */
bool accounts_change_lists(struct request *r, const cJSON *ids, const cJSON *names, bool add);
route_fn route_accounts_create, route_accounts_bulk_create, route_accounts_search;
route_fn route_accounts_bulk_update, route_accounts_update_owners;
route_fn route_contacts_update_stages, route_contacts_update_owners;
route_fn route_sequences_search, route_sequences_add, route_sequences_remove_or_stop;
route_fn route_email_accounts, route_users_search, route_labels, route_custom_fields,
	route_opportunity_stages, route_contact_stages, route_usage_stats, route_health;
route_fn route_fields, route_account_stages;
route_fn route_tasks_create, route_tasks_bulk_create, route_tasks_search;
route_fn route_opportunities_create, route_opportunities_search;
route_fn route_people_match, route_people_bulk_match, route_organizations_enrich,
	route_organizations_bulk_enrich,
	route_people_search;

/* requests counted in an endpoint's current rate windows */
void rate_peek(struct sandbox *sb, const char *scope, long used[W_COUNT]);

/* the sequence's contact statuses and metrics, from its enrolled contacts */
void sequence_add_stats(struct sandbox *sb, cJSON *seq_out);

#endif
