/* apollo/preflight.c - see apollo/preflight.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apollo/api.h"
#include "apollo/preflight.h"
#include "common/interrupt.h"
#include "common/msg.h"

/* Each probe: how it is sent, the rate windows' name of its endpoint (as
 * the tool's own requests use it) and the scope Apollo's keys name. The
 * bodies of the endpoints that write lack what Apollo documents as
 * required, so it refuses them with 422 before it does anything
 * (apollo-api.md §3, §4, §8, §9, §11, §12); the searches ask for one
 * record; mixed_people/api_search costs no credits (§15). */
static const struct probe_def {
	const char *method;
	const char *path;          /* after the base URL ({id}: a sequence's, see probe) */
	const char *endpoint;
	const char *scope;
	const char *body;          /* NULL: none (GET) */
} probes[PF_COUNT] = {
	[PF_USAGE] = { "POST", "usage_stats/api_usage_stats", "usage_stats/api_usage_stats",
	               "api/v1/usage_stats/api_usage_stats", "{}" },
	[PF_USERS] = { "POST", "users/search", "users/search", "api/v1/users/search",
	               "{\"page\":1,\"per_page\":1}" },
	[PF_MAILBOXES] = { "GET", "email_accounts", "email_accounts", "api/v1/email_accounts/index", NULL },
	[PF_SEQUENCES] = { "POST", "emailer_campaigns/search", "emailer_campaigns/search",
	                   "api/v1/emailer_campaigns/search", "{\"page\":1,\"per_page\":100}" },
	[PF_CREATE_CONTACTS] = { "POST", "contacts/bulk_create", "contacts/bulk_create",
	                         "api/v1/contacts/bulk_create", "{}" },
	[PF_UPDATE_CONTACTS] = { "POST", "contacts/bulk_update", "contacts/bulk_update",
	                         "api/v1/contacts/bulk_update", "{}" },
	[PF_ENROL] = { "POST", "emailer_campaigns/{id}/add_contact_ids", "emailer_campaigns/add_contact_ids",
	               "api/v1/emailer_campaigns/add_contact_ids", NULL },
	[PF_UNENROL] = { "POST", "emailer_campaigns/remove_or_stop_contact_ids",
	                 "emailer_campaigns/remove_or_stop_contact_ids",
	                 "api/v1/emailer_campaigns/remove_or_stop_contact_ids", "{}" },
	[PF_CREATE_TASKS] = { "POST", "tasks/bulk_create", "tasks/bulk_create", "api/v1/tasks/bulk_create", "{}" },
	[PF_SEARCH_TASKS] = { "POST", "tasks/search", "tasks/search", "api/v1/tasks/search",
	                      "{\"page\":1,\"per_page\":1}" },
	[PF_CREATE_DEALS] = { "POST", "opportunities", "opportunities", "deals/api/v1/opportunities/create", "{}" },
	[PF_SEARCH_DEALS] = { "POST", "opportunities/search", "opportunities/search",
	                      "deals/api/v1/opportunities/search", "{\"page\":1,\"per_page\":1}" },
	[PF_DEAL_STAGES] = { "GET", "opportunity_stages", "opportunity_stages",
	                     "api/v1/opportunity_stages/index", NULL },
	[PF_SEARCH_CONTACTS] = { "POST", "contacts/search", "contacts/search", "api/v1/contacts/search",
	                         "{\"page\":1,\"per_page\":1}" },
	[PF_SEARCH_PEOPLE] = { "POST", "mixed_people/api_search", "mixed_people/api_search",
	                       "api/v1/mixed_people/api_search", "{\"page\":1,\"per_page\":1}" },
};

/* a sequence id for the enrol probe's path when the team has none to
 * show: the request is refused either way, by the key's scope or as a
 * sequence Apollo does not have */
#define NO_SEQUENCE "000000000000000000000000"

const char *preflight_endpoint(enum preflight_probe p)
{
	return p < PF_COUNT ? probes[p].endpoint : "";
}

const char *preflight_scope(enum preflight_probe p)
{
	return p < PF_COUNT ? probes[p].scope : "";
}

void preflight_init(struct preflight *pf, const struct api_settings *s, long timeout_ms, bool verbose)
{
	memset(pf, 0, sizeof *pf);
	pf->settings = s;
	/* one try a request and no wait: a fault or a spent window is a
	 * finding, never a reason to send again */
	pf->opt = (struct http_options){ .jobs = 1, .retries = 0, .timeout_ms = timeout_ms,
	                                 .backoff_ms = 0, .max_wait = 0, .verbose = verbose };
	pf->master = -1;
	for (int p = 0; p < PF_COUNT; p++) {
		pf->r[p].window = -1;
		for (int w = 0; w < RW_COUNT; w++)
			pf->r[p].left[w] = -1;
	}
}

static void client_stop(struct preflight *pf)
{
	if (pf->hc_on)
		http_client_free(&pf->hc);
	pf->hc_on = false;
}

void preflight_free(struct preflight *pf)
{
	client_stop(pf);
	for (int p = 0; p < PF_COUNT; p++) {
		cJSON_Delete(pf->r[p].json);
		pf->r[p].json = NULL;
	}
}

/* the id of the team's first sequence, when it is one a URL path can
 * carry as it is */
static const char *some_sequence_id(const struct preflight *pf)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(pf->r[PF_SEQUENCES].json, "emailer_campaigns");
	const char *id = api_str(cJSON_IsArray(list) ? list->child : NULL, "id");
	size_t n = strlen(id);
	if (n == 0 || n >= 64 || id[strspn(id, "0123456789abcdefABCDEF")] != '\0')
		return NO_SEQUENCE;
	return id;
}

static char *enrol_body(const char *sequence_id)
{
	cJSON *body = cJSON_CreateObject();
	/* no contact_ids, no label_names, no mailbox: nothing to enrol */
	cJSON_AddStringToObject(body, "emailer_campaign_id", sequence_id);
	return api_print_and_free(body);
}

/* The window a 429 was for: the longest the reply's headers show used
 * up, else the one its words name ("... 600 times per hour"); -1 */
static int spent_window(const long left[RW_COUNT], const char *message)
{
	for (int w = RW_COUNT - 1; w >= 0; w--)
		if (left[w] == 0)
			return w;
	if (strstr(message, "per day") || strstr(message, "per 24"))
		return RW_DAY;
	if (strstr(message, "per hour"))
		return RW_HOUR;
	if (strstr(message, "per minute"))
		return RW_MINUTE;
	return -1;
}

static void read_outcome(struct preflight *pf, enum preflight_probe p, struct http_request *r)
{
	struct pf_result *res = &pf->r[p];

	res->status = r->status;
	snprintf(res->message, sizeof res->message, "%.499s", r->message);
	switch (r->outcome) {
	case HTTP_OK:
		res->answer = PF_OPEN;
		res->json = r->json;
		r->json = NULL;
		break;
	case HTTP_REFUSED:
		if (r->status == 401) {
			res->answer = PF_BAD_KEY;
			pf->key_refused = true;
		} else if (r->status == 403) {
			/* a scope the key lacks, or the plan or permissions */
			res->answer = apollo_forbidden_kind(r) == FORBIDDEN_SCOPE ? PF_NO_SCOPE : PF_REFUSED;
		} else if (r->status == 400 || r->status == 422 || (r->status == 404 && p == PF_ENROL)) {
			/* the request refused, not the key: it passed the scope
			 * check (the enrol probe's 404: no such sequence) */
			res->answer = PF_OPEN;
		} else {
			res->answer = PF_ODD;
		}
		break;
	case HTTP_STOPPED:
		if (pf->hc.stopped && !interrupted()) {
			res->answer = PF_SPENT;
			res->resets = pf->hc.resume_at;
			res->window = spent_window(res->left, res->message);
		} else {
			/* a signal came before it was sent */
			res->answer = PF_NOT_ASKED;
			pf->interrupted = true;
		}
		break;
	case HTTP_GAVE_UP:
	case HTTP_PENDING: {
		/* sent once by design: the count of tries says nothing */
		char *tries = strstr(res->message, " (gave up after 1 tries)");
		if (tries)
			*tries = '\0';
		res->answer = PF_NO_ANSWER;
		break;
	}
	}
}

/* Is p a request to an endpoint that writes, made incomplete so that
 * Apollo refuses it? */
static bool writes(enum preflight_probe p)
{
	switch (p) {
	case PF_CREATE_CONTACTS: case PF_UPDATE_CONTACTS: case PF_ENROL: case PF_UNENROL:
	case PF_CREATE_TASKS: case PF_CREATE_DEALS:
		return true;
	default:
		return false;
	}
}

/* Sends probe p once, unless it was, or the findings or the calls say
 * not to. */
static void probe(struct preflight *pf, enum preflight_probe p)
{
	const struct probe_def *d = &probes[p];
	struct pf_result *res = &pf->r[p];
	struct http_request req, *pr = &req;
	unsigned long before;
	char err[300];

	if (interrupted())
		pf->interrupted = true;
	if (res->answer != PF_NOT_ASKED || pf->key_refused || pf->unreachable || pf->interrupted ||
	    pf->calls >= PREFLIGHT_MAX_CALLS)
		return;
	if (!pf->hc_on) {
		if (http_client_init(&pf->hc, pf->settings, &pf->opt, err, sizeof err) < 0) {
			res->answer = PF_NO_ANSWER;
			snprintf(res->message, sizeof res->message, "%s", err);
			return;
		}
		pf->hc_on = true;
	}
	if (p == PF_ENROL) {
		const char *id = some_sequence_id(pf);
		http_request_init(&req, d->method, d->endpoint, enrol_body(id), "emailer_campaigns/%s/add_contact_ids",
		                  id);
	} else {
		http_request_init(&req, d->method, d->endpoint, d->body ? strdup(d->body) : NULL, "%s", d->path);
	}
	/* a 401 or 403 to it is this probe's finding; it must not stop the
	 * next one (nor put the key's source into Apollo's words) */
	req.optional = true;
	req.probe = writes(p);
	/* what is left in each window, as this reply alone says */
	for (int w = 0; w < RW_COUNT; w++)
		pf->hc.pacer.left[w] = -1;
	before = pf->hc.stats.calls;
	http_run(&pf->hc, &pr, 1);
	pf->calls += (unsigned)(pf->hc.stats.calls - before);
	memcpy(res->left, pf->hc.pacer.left, sizeof res->left);
	read_outcome(pf, p, &req);
	msg_redact(res->message, sizeof res->message);
	http_request_free(&req);
	/* a 429 stops a client for good: the next probe gets a fresh one */
	if (pf->hc.stopped)
		client_stop(pf);
}

/* ---- the usage stats ---- */

/* A key of the usage stats as the scope it counts: Apollo writes
 * "[\"api/v1/contacts\", \"search\"]", a JSON pair in a string; a plain
 * key is taken as it is. */
static void stats_scope(const char *key, char *out, size_t size)
{
	cJSON *pair = cJSON_Parse(key);
	const cJSON *a = cJSON_GetArrayItem(pair, 0), *b = cJSON_GetArrayItem(pair, 1);

	if (cJSON_IsArray(pair) && cJSON_GetArraySize(pair) == 2 && cJSON_IsString(a) && cJSON_IsString(b))
		snprintf(out, size, "%s/%s", a->valuestring, b->valuestring);
	else
		snprintf(out, size, "%s", key);
	cJSON_Delete(pair);
}

bool preflight_budget(const struct preflight *pf, enum preflight_probe p, struct pf_window w[RW_COUNT])
{
	static const char *const names[RW_COUNT] = { "minute", "hour", "day" };
	const cJSON *stats = pf->r[PF_USAGE].json, *e;
	char scope[300];

	if (!cJSON_IsObject(stats) || p >= PF_COUNT)
		return false;
	cJSON_ArrayForEach(e, stats) {
		if (!e->string || !cJSON_IsObject(e))
			continue;
		stats_scope(e->string, scope, sizeof scope);
		if (strcmp(scope, probes[p].scope) != 0)
			continue;
		for (int k = 0; k < RW_COUNT; k++) {
			const cJSON *o = cJSON_GetObjectItemCaseSensitive(e, names[k]);
			long limit = api_number(cJSON_GetObjectItemCaseSensitive(o, "limit"), -1);
			long used = api_number(cJSON_GetObjectItemCaseSensitive(o, "consumed"), -1);
			long left = api_number(cJSON_GetObjectItemCaseSensitive(o, "left_over"), -1);
			/* Apollo's own example shows left_over equal to the limit with
			 * calls consumed; the limit less what was used is the surer */
			if (limit >= 0 && used >= 0)
				left = limit > used ? limit - used : 0;
			w[k] = (struct pf_window){ limit, used, left };
		}
		return true;
	}
	return false;
}

int preflight_spent_window(const struct pf_window w[RW_COUNT])
{
	for (int k = RW_COUNT - 1; k >= 0; k--)
		if (w[k].left == 0 && w[k].limit != 0)
			return k;
	return -1;
}

/* ---- the run ---- */

/* Does p need its probe, after what the first four found? */
/* Did Apollo's API answer p, whatever it said? */
static bool answered(const struct pf_result *r)
{
	return r->answer != PF_NOT_ASKED && r->answer != PF_NO_ANSWER && r->answer != PF_ODD;
}

static bool needed(const struct preflight *pf, enum preflight_probe p)
{
	struct pf_window w[RW_COUNT];

	if (pf->master != 1)
		return true;
	/* a master key may call it; the 429 says when a spent window ends */
	return preflight_budget(pf, p, w) && preflight_spent_window(w) >= 0;
}

void preflight_run(struct preflight *pf, const enum preflight_probe *want, size_t n)
{
	for (int p = 0; p < PF_ALWAYS; p++) {
		probe(pf, (enum preflight_probe)p);
		/* two endpoints unanswered: the others would be too */
		if (p == PF_USERS && !answered(&pf->r[PF_USAGE]) && !answered(&pf->r[PF_USERS]) &&
		    !pf->interrupted && !pf->key_refused)
			pf->unreachable = true;
	}
	switch (pf->r[PF_USERS].answer) {
	case PF_OPEN: pf->master = 1; break;
	case PF_NO_SCOPE: case PF_REFUSED: pf->master = 0; break;
	default: break;
	}
	for (size_t i = 0; i < n; i++)
		if (want[i] >= PF_ALWAYS && want[i] < PF_COUNT && needed(pf, want[i]))
			probe(pf, want[i]);
}

enum pf_answer preflight_access(const struct preflight *pf, enum preflight_probe p)
{
	if (pf->r[p].answer != PF_NOT_ASKED)
		return pf->r[p].answer;
	if (pf->key_refused)
		return PF_BAD_KEY;
	return pf->master == 1 ? PF_OPEN : PF_NOT_ASKED;
}
