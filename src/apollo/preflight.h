/* apollo/preflight.h - what a key may do at Apollo, found out with a few
 * requests that change nothing: whether Apollo takes the key and whether
 * it is a master key, the team's mailboxes and sequences, the budget left
 * in each rate window, and, for a key with chosen scopes, whether it may
 * call each endpoint a command needs.
 *
 * An endpoint that writes is probed with a request Apollo must refuse as
 * invalid before it does anything (no contacts, no name): a key the
 * endpoint is open to gets that refusal (422), a key without the scope gets
 * 403 API_INACCESSIBLE first. Apollo's key documents say a master key opens
 * every endpoint and that only a master key may list the team's users, so
 * users/search answering tells a master key, and then no endpoint needs
 * probing, but one whose rate window the usage stats say is spent (the 429
 * says when it ends; a 429 costs no quota).
 *
 * Nothing waits and nothing is sent twice: no retry after a fault, no wait
 * for a spent window (that is a finding, with the time it ends); at most
 * PREFLIGHT_MAX_CALLS requests in all, whatever the answers. Knows nothing
 * of commands: the caller says which endpoints it cares about. */
#ifndef APOLLO_PREFLIGHT_H
#define APOLLO_PREFLIGHT_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "apollo/http.h"
#include "apollo/settings.h"

#define PREFLIGHT_MAX_CALLS 10

/* the requests a preflight may send; the first four always go, in order */
enum preflight_probe {
	PF_USAGE,              /* usage_stats/api_usage_stats: the key, the budget */
	PF_USERS,              /* users/search: a master key? */
	PF_MAILBOXES,          /* email_accounts */
	PF_SEQUENCES,          /* emailer_campaigns/search, one page */
	PF_CREATE_CONTACTS,    /* contacts/bulk_create without contacts */
	PF_UPDATE_CONTACTS,    /* contacts/bulk_update without contacts */
	PF_ENROL,              /* emailer_campaigns/ID/add_contact_ids without contacts */
	PF_UNENROL,            /* emailer_campaigns/remove_or_stop_contact_ids without ids */
	PF_CREATE_TASKS,       /* tasks/bulk_create without contacts */
	PF_SEARCH_TASKS,       /* tasks/search, one task */
	PF_CREATE_DEALS,       /* opportunities without a name */
	PF_SEARCH_DEALS,       /* opportunities/search, one deal */
	PF_DEAL_STAGES,        /* opportunity_stages */
	PF_SEARCH_CONTACTS,    /* contacts/search, one contact */
	PF_SEARCH_PEOPLE,      /* mixed_people/api_search, one person (no credits) */
	PF_COUNT
};
#define PF_ALWAYS 4            /* PF_USAGE .. PF_SEQUENCES */

/* what one endpoint's probe found */
enum pf_answer {
	PF_NOT_ASKED,          /* not sent: not needed, or the calls ran out */
	PF_OPEN,               /* the key may call it: an answer, or a refusal of
	                        * the request (400, 422) rather than of the key */
	PF_NO_SCOPE,           /* 403 API_INACCESSIBLE: the key's scopes leave it out */
	PF_REFUSED,            /* another 403: the plan, or the user's permissions */
	PF_BAD_KEY,            /* 401: Apollo does not take the key */
	PF_SPENT,              /* 429: a rate window is spent, until `resets` */
	PF_NO_ANSWER,          /* no reply, a 5xx, a body that is not JSON */
	PF_ODD                 /* another status (404, a redirect): the base URL? */
};

struct pf_result {
	enum pf_answer answer;
	long status;               /* the HTTP status, 0: none */
	char message[500];         /* Apollo's words (the key never in them) */
	time_t resets;             /* PF_SPENT: when Apollo said to ask again, by
	                            * this machine's clock (only for saying it) */
	int window;                /* PF_SPENT: the spent window (enum rate_window)
	                            * as the reply's headers said, -1: not said */
	long left[RW_COUNT];       /* the reply's x-*-requests-left, -1: not said */
	cJSON *json;               /* the reply of PF_OPEN, NULL otherwise */
};

/* one rate window of an endpoint, as the usage stats say; -1: not said
 * (null: a window the plan does not limit) */
struct pf_window {
	long limit, consumed, left;
};

struct preflight {
	const struct api_settings *settings;
	struct http_options opt;
	unsigned calls;            /* requests sent */
	struct pf_result r[PF_COUNT];
	int master;                /* 1: a master key, 0: not, -1: not known */
	bool key_refused;          /* a 401: nothing more was sent */
	bool unreachable;          /* neither of the first two probes was answered
	                            * by Apollo (no reply, or not its API: a 404):
	                            * nothing more was sent */
	bool interrupted;          /* Ctrl-C or SIGTERM stopped it */
	/* the client, kept alive between probes; a new one after a 429,
	 * which stops a client for good */
	struct http_client hc;
	bool hc_on;
};

/* No request yet; timeout_ms per request, verbose traces as with -v. */
void preflight_init(struct preflight *pf, const struct api_settings *s, long timeout_ms, bool verbose);
void preflight_free(struct preflight *pf);

/* Sends the PF_ALWAYS probes, then those of want[0..n) (in that order,
 * each once) the findings so far leave open: for a key not known to be a
 * master key, every one; for a master key, those whose endpoint the usage
 * stats show spent. Stops at the first 401, when the first two go
 * unanswered, and at PREFLIGHT_MAX_CALLS. */
void preflight_run(struct preflight *pf, const enum preflight_probe *want, size_t n);

/* What the findings say of the key calling p's endpoint: its probe's
 * answer when it was sent, else PF_OPEN for a master key, PF_BAD_KEY after
 * a 401, PF_NOT_ASKED otherwise. */
enum pf_answer preflight_access(const struct preflight *pf, enum preflight_probe p);

/* p's endpoint, as the rate windows count it ("contacts/bulk_create") and
 * as Apollo names the scope a key needs ("api/v1/contacts/bulk_create") */
const char *preflight_endpoint(enum preflight_probe p);
const char *preflight_scope(enum preflight_probe p);

/* The usage stats' three windows of p's endpoint (enum rate_window order);
 * false when the stats were not read or do not list it. */
bool preflight_budget(const struct preflight *pf, enum preflight_probe p, struct pf_window w[RW_COUNT]);
/* The window of w[] the stats show used up, the longest; -1: none */
int preflight_spent_window(const struct pf_window w[RW_COUNT]);

#endif
