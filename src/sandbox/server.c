/* server.c - the HTTP side of apollo-sandbox (libmicrohttpd): request
 * bodies, routing, x-api-key authentication and scopes, the three rate
 * windows with Apollo's headers, seeded fault injection, the reply forms
 * set per route (replies.h), and the counts behind /_sandbox/stats. Route
 * handlers (routes_*.c) see none of this. */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <microhttpd.h>

#include "arena.h"
#include "documented_forms.h"
#include "record.h"
#include "sandbox.h"
#include "server.h"

/* ---- parameters and replies (sandbox.h) ---- */

static cJSON *param(struct request *r, const char *name)
{
	return cJSON_GetObjectItemCaseSensitive(r->params, name);
}

const char *param_str(struct request *r, const char *name)
{
	cJSON *v = param(r, name);
	if (cJSON_IsNumber(v)) {
		/* a number where a string is read: keep it as a string from now
		 * on, so the pointer handed out stays valid for the request */
		char num[64];
		snprintf(num, sizeof num, "%.15g", v->valuedouble);
		cJSON_ReplaceItemInObjectCaseSensitive(r->params, name, cJSON_CreateString(num));
		v = param(r, name);
	}
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

bool param_bool(struct request *r, const char *name, bool dflt)
{
	return jbool(r->params, name, dflt);
}

long param_long(struct request *r, const char *name, long dflt, bool *bad)
{
	cJSON *v = param(r, name);
	char *end;
	long n;
	if (cJSON_IsNumber(v)) {
		/* out of long's range (1e300): a bad value, not undefined behaviour */
		if (!(v->valuedouble >= -9.2e18 && v->valuedouble <= 9.2e18)) {
			if (bad)
				*bad = true;
			return dflt;
		}
		return (long)v->valuedouble;
	}
	if (!cJSON_IsString(v))
		return dflt;
	n = strtol(v->valuestring, &end, 10);
	if (end == v->valuestring || *end) {
		if (bad)
			*bad = true;
		return dflt;
	}
	return n;
}

cJSON *param_array(struct request *r, const char *name)
{
	cJSON *v = param(r, name);
	char alt[128];
	if (!v) {
		snprintf(alt, sizeof alt, "%s[]", name);
		v = param(r, alt);
	}
	if (cJSON_IsArray(v))
		return v;
	if (cJSON_IsString(v)) {
		/* one value given where a list is expected: make it a list */
		cJSON *a = cJSON_CreateArray();
		cJSON_AddItemToArray(a, cJSON_CreateString(v->valuestring));
		cJSON_ReplaceItemInObjectCaseSensitive(r->params, v->string, a);
		return a;
	}
	return NULL;
}

bool param_list(struct request *r, const char *name, cJSON **out)
{
	cJSON *v = cJSON_GetObjectItemCaseSensitive(r->params, name);
	*out = param_array(r, name);
	if (*out || !v || cJSON_IsNull(v))
		return true;
	reply_error(r, 422, "%s must be an array.", name);
	return false;
}

void reply_json(struct request *r, int status, cJSON *body)
{
	cJSON_Delete(r->reply);
	r->status = status;
	r->reply = body;
}

void reply_error(struct request *r, int status, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	cJSON *body = cJSON_CreateObject();
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	cJSON_AddStringToObject(body, "error", msg);
	reply_json(r, status, body);
}

void reply_bad_sort(struct request *r)
{
	cJSON *e = cJSON_CreateObject();
	cJSON_AddStringToObject(e, "error", "Invalid sort criteria");
	cJSON_AddBoolToObject(e, "skip_alert_dialog", true);
	reply_json(r, 422, e);
}

cJSON *pagination(long page, long per_page, long total, bool as_strings)
{
	cJSON *p = cJSON_CreateObject();
	char buf[32];
	long pages = per_page > 0 ? (total + per_page - 1) / per_page : 0;
	if (as_strings) {
		snprintf(buf, sizeof buf, "%ld", page);
		cJSON_AddStringToObject(p, "page", buf);
		snprintf(buf, sizeof buf, "%ld", per_page);
		cJSON_AddStringToObject(p, "per_page", buf);
	} else {
		cJSON_AddNumberToObject(p, "page", (double)page);
		cJSON_AddNumberToObject(p, "per_page", (double)per_page);
	}
	cJSON_AddNumberToObject(p, "total_entries", (double)total);
	cJSON_AddNumberToObject(p, "total_pages", (double)pages);
	return p;
}

bool page_params(struct request *r, long *page, long *per_page)
{
	bool bad = false;
	*page = param_long(r, "page", 1, &bad);
	*per_page = param_long(r, "per_page", 25, &bad);
	if (bad || *page < 1 || *per_page < 1) {
		reply_error(r, 422, "An error occurred. Per page cannot be 0.");
		return false;
	}
	if (*per_page > 100) {
		reply_error(r, 422, "Per page not supported");
		return false;
	}
	if (*page > 500) {
		/* Apollo shows at most 500 pages (50,000 records) */
		reply_error(r, 422, "The maximum number of pages is 500; narrow your search to see more.");
		return false;
	}
	return true;
}

/* ---- routing ---- */

struct route {
	const char *methods;    /* "POST", "GET|POST", "PATCH|PUT" */
	const char *pattern;    /* "contacts/{id}" */
	const char *scope;      /* the key scope and rate-limit bucket */
	route_fn *fn;
	/* READS: the handler changes nothing in the store. A WRITES route
	 * drops the kept search hits (search_cache.h) before it runs; when in
	 * doubt, WRITES costs the next search its cache, never its answer. */
	bool reads_only;
};
#define READS true
#define WRITES false

static const struct route routes[] = {
	{ "POST", "contacts", "api/v1/contacts/create", route_contacts_create, WRITES },
	{ "POST", "contacts/bulk_create", "api/v1/contacts/bulk_create", route_contacts_bulk_create, WRITES },
	{ "POST", "contacts/bulk_update", "api/v1/contacts/bulk_update", route_contacts_bulk_update, WRITES },
	{ "POST", "contacts/search", "api/v1/contacts/search", route_contacts_search, READS },
	{ "POST", "contacts/update_stages", "api/v1/contacts/update_stages", route_contacts_update_stages,
	  WRITES },
	{ "POST", "contacts/update_owners", "api/v1/contacts/update_owners", route_contacts_update_owners,
	  WRITES },
	{ "GET", "contacts/{id}", "api/v1/contacts/show", route_contacts_view, READS },
	{ "PATCH|PUT", "contacts/{id}", "api/v1/contacts/update", route_contacts_update, WRITES },
	{ "POST", "accounts", "api/v1/accounts/create", route_accounts_create, WRITES },
	{ "POST", "accounts/bulk_create", "api/v1/accounts/bulk_create", route_accounts_bulk_create, WRITES },
	{ "POST", "accounts/search", "api/v1/accounts/search", route_accounts_search, READS },
	{ "PATCH|PUT", "accounts/{id}", "api/v1/accounts/update", route_accounts_update, WRITES },
	{ "POST", "accounts/bulk_update", "api/v1/accounts/bulk_update", route_accounts_bulk_update, WRITES },
	{ "POST", "accounts/update_owners", "api/v1/accounts/update_owners", route_accounts_update_owners,
	  WRITES },
	{ "POST", "emailer_campaigns/search", "api/v1/emailer_campaigns/search", route_sequences_search, READS },
	{ "POST", "emailer_campaigns/remove_or_stop_contact_ids",
	  "api/v1/emailer_campaigns/remove_or_stop_contact_ids", route_sequences_remove_or_stop, WRITES },
	{ "POST", "emailer_campaigns/{id}/add_contact_ids", "api/v1/emailer_campaigns/add_contact_ids",
	  route_sequences_add, WRITES },
	{ "GET", "email_accounts", "api/v1/email_accounts/index", route_email_accounts, READS },
	{ "GET|POST", "users/search", "api/v1/users/search", route_users_search, READS },
	{ "GET", "labels", "api/v1/labels/index", route_labels, READS },
	{ "POST", "labels/add_entity_ids_to_label_names", "api/v1/labels/add_entity_ids_to_label_names",
	  route_labels_add_entities, WRITES },
	{ "POST", "labels/remove_entity_ids_from_label_names", "api/v1/labels/remove_entity_ids_from_label_names",
	  route_labels_remove_entities, WRITES },
	{ "GET", "typed_custom_fields", "api/v1/typed_custom_fields/index", route_custom_fields, READS },
	{ "GET", "fields", "api/v1/fields/index", route_fields, READS },
	{ "GET", "account_stages", "api/v1/account_stages/index", route_account_stages, READS },
	{ "GET", "opportunity_stages", "api/v1/opportunity_stages/index", route_opportunity_stages, READS },
	{ "GET", "contact_stages", "api/v1/contact_stages/index", route_contact_stages, READS },
	{ "POST", "tasks", "api/v1/tasks/create", route_tasks_create, WRITES },
	{ "POST", "tasks/bulk_create", "api/v1/tasks/bulk_create", route_tasks_bulk_create, WRITES },
	{ "POST", "tasks/search", "api/v1/tasks/search", route_tasks_search, READS },
	{ "POST", "opportunities", "deals/api/v1/opportunities/create", route_opportunities_create, WRITES },
	{ "GET|POST", "opportunities/search", "deals/api/v1/opportunities/search", route_opportunities_search,
	  READS },
	{ "POST", "people/match", "api/v1/people/match", route_people_match, WRITES },
	{ "POST", "people/bulk_match", "api/v1/people/bulk_match", route_people_bulk_match, WRITES },
	{ "GET|POST", "organizations/enrich", "api/v1/organizations/enrich", route_organizations_enrich, WRITES },
	{ "POST", "organizations/bulk_enrich", "api/v1/organizations/bulk_enrich", route_organizations_bulk_enrich,
	  WRITES },
	{ "POST", "mixed_people/api_search", "api/v1/mixed_people/api_search", route_people_search, WRITES },
	{ "POST", "usage_stats/api_usage_stats", "api/v1/usage_stats/api_usage_stats", route_usage_stats, READS },
	{ "GET", "auth/health", "api/v1/auth/health", route_health, READS },
};

static bool method_ok(const char *methods, const char *method)
{
	size_t ml = strlen(method);
	for (const char *p = methods; *p;) {
		const char *bar = strchr(p, '|');
		size_t l = bar ? (size_t)(bar - p) : strlen(p);
		if (l == ml && strncmp(p, method, l) == 0)
			return true;
		p += l + (bar ? 1 : 0);
	}
	return false;
}

/* "contacts/abc" against "contacts/{id}": true, with abc in id */
static bool path_matches(const char *pattern, const char *path, char *id, size_t idsize)
{
	while (*pattern && *path) {
		if (strncmp(pattern, "{id}", 4) == 0) {
			size_t n = strcspn(path, "/");
			if (n == 0 || n >= idsize)
				return false;
			memcpy(id, path, n);
			id[n] = '\0';
			path += n;
			pattern += 4;
			continue;
		}
		if (*pattern++ != *path++)
			return false;
	}
	return !*pattern && !*path;
}

bool server_route_known(const char *name)
{
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++)
		if (strcmp(routes[i].pattern, name) == 0)
			return true;
	return false;
}

bool server_set_reply(struct replies *rp, const char *route, const char *form, char *err, size_t errsize)
{
	if (!server_route_known(route)) {
		snprintf(err, errsize, "no route \"%s\" (a route is named as /_sandbox/stats counts it, "
		         "e.g. users/search or contacts/{id})", route);
		return false;
	}
	return replies_set(rp, route, form, err, errsize);
}

/* "/api/v1/contacts/" -> "contacts"; NULL for paths outside the API */
static const char *api_path(const char *url)
{
	static const char *const prefixes[] = { "/api/v1/", "/v1/" };
	for (size_t i = 0; i < 2; i++) {
		size_t l = strlen(prefixes[i]);
		if (strncmp(url, prefixes[i], l) == 0)
			return url + l;
	}
	return NULL;
}

/* The route for method and path; NULL when none, with *pattern set when
 * the path is known but not for this method. */
static const struct route *find_route(const char *method, const char *path, char *id, size_t idsize,
                                      const char **pattern)
{
	char clean[256];
	size_t n = strlen(path);
	*pattern = NULL;
	if (n >= sizeof clean)
		return NULL;
	memcpy(clean, path, n + 1);
	while (n > 0 && clean[n - 1] == '/')
		clean[--n] = '\0';
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
		id[0] = '\0';
		if (!path_matches(routes[i].pattern, clean, id, idsize))
			continue;
		if (!*pattern)
			*pattern = routes[i].pattern; /* the first (most literal) match */
		if (method_ok(routes[i].methods, method))
			return &routes[i];
	}
	return NULL;
}

/* ---- rate windows ---- */

static const char *const window_name[W_COUNT] = { "minute", "hour", "day" };
static const double window_seconds[W_COUNT] = { 60, 3600, 86400 };

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The requests counted in scope's current windows (0 for a window that
 * has run out since), without counting one more. */
void rate_peek(struct sandbox *sb, const char *scope, long used[W_COUNT])
{
	const struct rate_counter *rc = strmap_get(&sb->rates, scope);
	double t = now_seconds();
	for (int w = 0; w < W_COUNT; w++) {
		double len = window_seconds[w] / sb->cfg.time_scale;
		used[w] = rc && t - rc->window_start[w] < len ? rc->used[w] : 0;
	}
}

struct rate_result {
	bool old_names;         /* the day window under its older names (variants.h) */
	bool limited;
	enum window which;
	long retry_after;
	/* with --time-scale, windows of a fraction of a second would lose
	 * most of their length to whole seconds: the wait in milliseconds,
	 * said as seconds with a fraction; 0: whole seconds (Apollo's form) */
	double retry_after_scaled;
	long limit[W_COUNT], used[W_COUNT];
};

/* Counts one request against scope's windows, unless one is spent. */
static void rate_take(struct sandbox *sb, const char *scope, struct rate_result *rr)
{
	struct rate_counter *rc = strmap_get(&sb->rates, scope);
	double t = now_seconds();

	memset(rr, 0, sizeof *rr);
	if (!rc) {
		rc = calloc(1, sizeof *rc);
		if (!rc)
			return;
		for (int w = 0; w < W_COUNT; w++)
			rc->window_start[w] = t;
		rc->first = t;
		strmap_put(&sb->rates, scope, rc);
	}
	for (int w = 0; w < W_COUNT; w++) {
		double len = window_seconds[w] / sb->cfg.time_scale;
		if (t - rc->window_start[w] >= len) {
			/* fixed windows: the next one starts on the boundary */
			rc->window_start[w] += floor((t - rc->window_start[w]) / len) * len;
			rc->used[w] = 0;
		}
		rr->limit[w] = sb->cfg.limits[w];
		if (sb->cfg.limits[w] > 0 && rc->used[w] >= sb->cfg.limits[w] && !rr->limited) {
			rr->limited = true;
			rr->which = (enum window)w;
			rr->retry_after = (long)ceil(rc->window_start[w] + len - t);
			if (rr->retry_after < 1)
				rr->retry_after = 1;
			if (sb->cfg.time_scale != 1)
				rr->retry_after_scaled = ceil((rc->window_start[w] + len - t) * 1000) / 1000;
		}
	}
	if (!rr->limited)
		for (int w = 0; w < W_COUNT; w++)
			rc->used[w]++;
	for (int w = 0; w < W_COUNT; w++)
		rr->used[w] = rc->used[w];
	if (sb->rate_log) {
		long n[W_COUNT];
		for (int w = 0; w < W_COUNT; w++)
			n[w] = lround((rc->window_start[w] - rc->first) / (window_seconds[w] / sb->cfg.time_scale));
		fprintf(sb->rate_log, "%.6f %s %d %ld %ld %ld\n", t - sb->started, scope, rr->limited ? 429 : 200,
		        n[W_MINUTE], n[W_HOUR], n[W_DAY]);
		fflush(sb->rate_log);
	}
}

static void add_rate_headers(struct MHD_Response *resp, const struct rate_result *rr)
{
	const char *limit_h[W_COUNT] = { "x-rate-limit-minute", "x-rate-limit-hourly", "" };
	const char *usage_h[W_COUNT] = { "x-minute-usage", "x-hourly-usage", "" };
	const char *left_h[W_COUNT] = { "x-minute-requests-left", "x-hourly-requests-left", "" };
	const char *day[3];
	struct variants v = { .on = { [V_OLD_NAMES] = rr->old_names } };
	char buf[32];

	variants_day_headers(&v, day);
	limit_h[W_DAY] = day[0];
	usage_h[W_DAY] = day[1];
	left_h[W_DAY] = day[2];
	for (int w = 0; w < W_COUNT; w++) {
		if (rr->limit[w] <= 0) {
			/* a window the endpoint does not limit: an empty value (a lone
			 * space, which HTTP trims; MHD refuses a truly empty one) and no
			 * usage headers */
			MHD_add_response_header(resp, limit_h[w], " ");
			continue;
		}
		snprintf(buf, sizeof buf, "%ld", rr->limit[w]);
		MHD_add_response_header(resp, limit_h[w], buf);
		snprintf(buf, sizeof buf, "%ld", rr->used[w]);
		MHD_add_response_header(resp, usage_h[w], buf);
		snprintf(buf, sizeof buf, "%ld", rr->limit[w] > rr->used[w] ? rr->limit[w] - rr->used[w] : 0);
		MHD_add_response_header(resp, left_h[w], buf);
	}
}

/* ---- faults ---- */

static const char *const fault_names[F_KINDS] = {
	"none", "5xx", "429", "drop", "lost", "malformed", "truncated", "stall" };

const char *fault_name(enum fault_kind k)
{
	return k < F_KINDS ? fault_names[k] : "?";
}

bool fault_parse(const char *name, enum fault_kind *out)
{
	for (int k = 1; k < F_KINDS; k++)
		if (strcmp(name, fault_names[k]) == 0) {
			*out = (enum fault_kind)k;
			return true;
		}
	return false;
}

static double next_random(struct sandbox *sb)
{
	/* xorshift64*: the same seed gives the same faults in the same order */
	uint64_t x = sb->rng;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	sb->rng = x;
	return (double)((x * 0x2545F4914F6CDD1DULL) >> 11) / 9007199254740992.0;
}

static enum fault_kind draw_fault(struct sandbox *sb)
{
	double u = next_random(sb), acc = 0;
	for (int k = 1; k < F_KINDS; k++) {
		acc += sb->cfg.fault_rate[k];
		if (u < acc)
			return (enum fault_kind)k;
	}
	return F_NONE;
}

/* ---- stats ---- */

static void bump(cJSON *counts, const char *key)
{
	cJSON *v = cJSON_GetObjectItemCaseSensitive(counts, key);
	if (v)
		cJSON_SetNumberValue(v, v->valuedouble + 1);
	else
		cJSON_AddNumberToObject(counts, key, 1);
}

static cJSON *stats(struct sandbox *sb)
{
	cJSON *out = cJSON_CreateObject(), *c, *dup = cJSON_CreateObject(), *enr = cJSON_CreateObject();
	struct strmap seen;
	long contacts = 0, duplicates = 0;

	strmap_init(&seen);
	cJSON_AddItemToObject(out, "requests", cJSON_Duplicate(sb->requests, 1));
	cJSON_AddItemToObject(out, "responses", cJSON_Duplicate(sb->responses, 1));
	cJSON_AddItemToObject(out, "faults", cJSON_Duplicate(sb->faults, 1));
	cJSON_AddItemToObject(out, "enrichment", cJSON_Duplicate(sb->enrichment, 1));
	cJSON_AddItemToObject(out, "replies", cJSON_Duplicate(sb->replies.answered, 1));
	cJSON_AddItemToObject(out, "reply_forms", cJSON_Duplicate(sb->replies.forms, 1));
	cJSON_AddItemToObject(out, "variants", variants_list(&sb->variants));
	cJSON_AddStringToObject(out, "strict_docs", sb->cfg.strict_docs == STRICT_REFUSE ? "refuse"
	                        : sb->cfg.strict_docs == STRICT_COUNT ? "count" : "off");
	cJSON_AddItemToObject(out, "strict_refusals", cJSON_Duplicate(sb->strict_refusals, 1));
	cJSON_ArrayForEach(c, store_list(&sb->store, "contacts")) {
		const char *e = jstr(c, "email");
		cJSON *st;
		contacts++;
		if (*e) {
			char low[512];
			long n;
			store_lower(e, low, sizeof low);
			n = (long)(intptr_t)strmap_get(&seen, low);
			if (n == 1)
				duplicates++;
			strmap_put(&seen, low, (void *)(intptr_t)(n + 1));
		}
		cJSON_ArrayForEach(st, cJSON_GetObjectItemCaseSensitive(c, "contact_campaign_statuses"))
			if (strcmp(jstr(st, "status"), "active") == 0 || strcmp(jstr(st, "status"), "paused") == 0)
				bump(enr, jstr(st, "emailer_campaign_id"));
	}
	strmap_free(&seen);
	cJSON_Delete(dup);
	cJSON_AddNumberToObject(out, "contacts", (double)contacts);
	cJSON_AddNumberToObject(out, "duplicate_emails", (double)duplicates);
	cJSON_AddItemToObject(out, "enrollments", enr);
	cJSON_AddNumberToObject(out, "accounts", cJSON_GetArraySize(store_list(&sb->store, "accounts")));
	cJSON_AddNumberToObject(out, "tasks", cJSON_GetArraySize(store_list(&sb->store, "tasks")));
	cJSON_AddNumberToObject(out, "opportunities",
	                        cJSON_GetArraySize(store_list(&sb->store, "opportunities")));
	return out;
}

void server_free_rates(struct sandbox *sb)
{
	for (size_t i = 0; i < sb->rates.cap; i++)
		if (sb->rates.slots[i].key && sb->rates.slots[i].value)
			free(sb->rates.slots[i].value);
	strmap_free(&sb->rates);
}

/* ---- one HTTP request ---- */

/* Each thread keeps one growing buffer (MHD runs a thread per connection,
 * one request at a time): it receives a request's body and, once the body
 * is parsed, the printed reply. A fresh buffer for every bulk_create made
 * malloc consolidate its free lists each time. */
struct thread_buffer {
	char *data;
	size_t cap;
};

static pthread_key_t buffer_key;
static pthread_once_t buffer_once = PTHREAD_ONCE_INIT;

static void free_thread_buffer(void *p)
{
	struct thread_buffer *b = p;
	free(b->data);
	free(b);
}

static void make_buffer_key(void)
{
	pthread_key_create(&buffer_key, free_thread_buffer);
}

/* this thread's buffer, at least `need` bytes; NULL when out of memory */
static struct thread_buffer *thread_buffer(size_t need)
{
	struct thread_buffer *b;
	pthread_once(&buffer_once, make_buffer_key);
	b = pthread_getspecific(buffer_key);
	if (!b) {
		b = calloc(1, sizeof *b);
		if (!b || pthread_setspecific(buffer_key, b) != 0) {
			free(b);
			return NULL;
		}
	}
	if (need > b->cap) {
		size_t nc = b->cap ? b->cap : 256 * 1024;
		char *nd;
		while (nc < need)
			nc *= 2;
		nd = realloc(b->data, nc);
		if (!nd)
			return NULL;
		b->data = nd;
		b->cap = nc;
	}
	return b;
}

struct conn_state {
	struct thread_buffer *buf;
	size_t len;
	bool too_big;
};

/* the exchange --record is writing for the request on conn; NULL when
 * nothing is recorded */
static struct exchange *exchange_of(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci ? ci->socket_context : NULL;
}

static void mark_deliberate(struct MHD_Connection *conn, const char *why)
{
	struct exchange *x = exchange_of(conn);
	if (x)
		exchange_deliberate(x, why);
}

static enum MHD_Result send_text(struct MHD_Connection *conn, int status, const char *type,
                                 const char *text, size_t len, const struct rate_result *rr,
                                 long retry_after)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(len, (void *)text, MHD_RESPMEM_MUST_COPY);
	struct exchange *x = exchange_of(conn);
	enum MHD_Result ret;
	char buf[32];
	if (!resp)
		return MHD_NO;
	if (x)
		exchange_reply(x, status, type, text, len);
	MHD_add_response_header(resp, "Content-Type", type);
	if (rr)
		add_rate_headers(resp, rr);
	if (retry_after > 0) {
		if (rr && rr->limited && rr->retry_after_scaled > 0)
			snprintf(buf, sizeof buf, "%.3f", rr->retry_after_scaled);
		else
			snprintf(buf, sizeof buf, "%ld", retry_after);
		MHD_add_response_header(resp, "retry-after", buf);
	}
	ret = MHD_queue_response(conn, (unsigned)status, resp);
	MHD_destroy_response(resp);
	return ret;
}

struct truncated {
	char *text;
	size_t len;        /* what is sent before the connection is cut */
};

static ssize_t truncated_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct truncated *t = cls;
	size_t n;
	if (pos >= t->len)
		return MHD_CONTENT_READER_END_WITH_ERROR;
	n = t->len - (size_t)pos < max ? t->len - (size_t)pos : max;
	memcpy(buf, t->text + pos, n);
	return (ssize_t)n;
}

static void truncated_free(void *cls)
{
	struct truncated *t = cls;
	free(t->text);
	free(t);
}

/* A 200 whose body stops half-way: Content-Length promises the whole. */
static enum MHD_Result send_truncated(struct MHD_Connection *conn, char *text)
{
	struct truncated *t = text ? malloc(sizeof *t) : NULL;
	size_t full = text ? strlen(text) : 0;
	struct MHD_Response *resp;
	enum MHD_Result ret;
	if (!t) {
		free(text);
		return MHD_NO;
	}
	t->text = text;
	t->len = full / 2;
	if (exchange_of(conn))
		exchange_reply(exchange_of(conn), 200, "application/json; charset=utf-8", text, t->len);
	resp = MHD_create_response_from_callback(full, 4096, truncated_reader, t, truncated_free);
	if (!resp) {
		truncated_free(t);
		return MHD_NO;
	}
	MHD_add_response_header(resp, "Content-Type", "application/json; charset=utf-8");
	ret = MHD_queue_response(conn, 200, resp);
	MHD_destroy_response(resp);
	return ret;
}

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	cJSON *params = cls;
	size_t kl = strlen(key);
	(void)kind;
	if (!value)
		value = "";
	if (kl > 2 && strcmp(key + kl - 2, "[]") == 0) {
		char name[256];
		cJSON *a;
		snprintf(name, sizeof name, "%.*s", (int)(kl - 2), key);
		a = cJSON_GetObjectItemCaseSensitive(params, name);
		if (!cJSON_IsArray(a)) {
			cJSON_DeleteItemFromObjectCaseSensitive(params, name);
			a = cJSON_AddArrayToObject(params, name);
		}
		cJSON_AddItemToArray(a, cJSON_CreateString(value));
	} else if (!cJSON_GetObjectItemCaseSensitive(params, key)) {
		cJSON_AddStringToObject(params, key, value);
	}
	return MHD_YES;
}

static bool key_has_scope(cJSON *key, const char *scope)
{
	cJSON *s;
	if (jbool(key, "master", false))
		return true;
	cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(key, "scopes"))
		if (cJSON_IsString(s) && strcmp(s->valuestring, scope) == 0)
			return true;
	return false;
}

static cJSON *find_key(struct sandbox *sb, const char *key)
{
	cJSON *k;
	if (!key)
		return NULL;
	cJSON_ArrayForEach(k, cJSON_GetObjectItemCaseSensitive(sb->store.db, "api_keys"))
		if (strcmp(jstr(k, "key"), key) == 0)
			return k;
	return NULL;
}

static const char invalid_key[] =
	"Invalid API key. See https://docs.apollo.io/reference/authentication for how to authenticate.";

#define PRINT_BUFFER (256 * 1024)

static enum MHD_Result respond_json(struct MHD_Connection *conn, int status, cJSON *body,
                                    const struct rate_result *rr, long retry_after)
{
	/* printed into the thread's buffer (the body it held is parsed by now) */
	struct thread_buffer *tb = thread_buffer(PRINT_BUFFER);
	char *buf = tb ? tb->data : NULL;
	enum MHD_Result ret;

	if (!buf || !cJSON_PrintPreallocated(body, buf, (int)tb->cap, 0)) {
		char *text = cJSON_PrintUnformatted(body);
		if (!text)
			return MHD_NO;
		ret = send_text(conn, status, "application/json; charset=utf-8", text, strlen(text), rr,
		                retry_after);
		free(text);
		return ret;
	}
	return send_text(conn, status, "application/json; charset=utf-8", buf, strlen(buf), rr, retry_after);
}

/* POST /_sandbox/reset: back to the seed, every count, window and reply
 * form cleared, the fault draws from the start */
static cJSON *reset(struct sandbox *sb)
{
	cJSON *body = cJSON_CreateObject();
	store_reset(&sb->store);
	search_cache_forget(&sb->searches);
	server_free_rates(sb);
	strmap_init(&sb->rates);
	cJSON_Delete(sb->requests);
	cJSON_Delete(sb->responses);
	cJSON_Delete(sb->faults);
	cJSON_Delete(sb->enrichment);
	sb->requests = cJSON_CreateObject();
	sb->responses = cJSON_CreateObject();
	sb->faults = cJSON_CreateObject();
	sb->enrichment = cJSON_CreateObject();
	replies_clear(&sb->replies);
	sb->variants = sb->cfg.variants;
	cJSON_Delete(sb->strict_refusals);
	sb->strict_refusals = cJSON_CreateObject();
	sb->rng = sb->cfg.fault_seed ? sb->cfg.fault_seed : 0x9E3779B97F4A7C15ULL;
	cJSON_AddBoolToObject(body, "reset", true);
	return body;
}

/* POST /_sandbox/reply {"route": ROUTE, "form": FORM}: --reply ROUTE=FORM
 * at run time, so that one sandbox serves several cases; with "after": N,
 * once N more requests to the route were answered normally. The answer
 * repeats them, or is a 422 that says why not. */
static cJSON *set_reply(struct sandbox *sb, const struct conn_state *cs, int *status)
{
	cJSON *in = cs->len && !cs->too_big ? cJSON_ParseWithLength(cs->buf->data, cs->len) : NULL;
	cJSON *route = cJSON_GetObjectItemCaseSensitive(in, "route");
	cJSON *form = cJSON_GetObjectItemCaseSensitive(in, "form");
	cJSON *after = cJSON_GetObjectItemCaseSensitive(in, "after");
	cJSON *out = cJSON_CreateObject();
	char err[400];
	bool ok = cJSON_IsString(route) && cJSON_IsString(form) &&
	          (!after || (cJSON_IsNumber(after) && after->valuedouble >= 0 && after->valuedouble < 1e9));

	if (!ok)
		snprintf(err, sizeof err, "The body must be {\"route\": ROUTE, \"form\": FORM}, and may have "
		         "\"after\": a number of requests.");
	else
		ok = server_set_reply(&sb->replies, route->valuestring, form->valuestring, err, sizeof err);
	if (ok && after)
		replies_after_count(&sb->replies, route->valuestring, (long)after->valuedouble);
	if (ok) {
		cJSON_AddStringToObject(out, "route", route->valuestring);
		cJSON_AddStringToObject(out, "form", form->valuestring);
		if (after)
			cJSON_AddNumberToObject(out, "after", (double)(long)after->valuedouble);
	} else {
		*status = 422;
		cJSON_AddStringToObject(out, "error", err);
	}
	cJSON_Delete(in);
	return out;
}

/* POST /_sandbox/variant {"variant": "string-numbers,old-names"}: as
 * --variant, at run time ("" or "none": Apollo's usual shapes) */
static cJSON *set_variant(struct sandbox *sb, const struct conn_state *cs, int *status)
{
	cJSON *in = cs->len && !cs->too_big ? cJSON_ParseWithLength(cs->buf->data, cs->len) : NULL;
	cJSON *list = cJSON_GetObjectItemCaseSensitive(in, "variant"), *out = cJSON_CreateObject();
	struct variants v;
	char err[300];

	if (!cJSON_IsString(list)) {
		*status = 422;
		cJSON_AddStringToObject(out, "error", "The body must be {\"variant\": LIST}, e.g. "
		                        "{\"variant\": \"string-numbers,old-names\"}.");
	} else if (!variants_parse(list->valuestring, &v, err, sizeof err)) {
		*status = 422;
		cJSON_AddStringToObject(out, "error", err);
	} else {
		sb->variants = v;
		cJSON_AddItemToObject(out, "variants", variants_list(&v));
	}
	cJSON_Delete(in);
	return out;
}

/* GET /_sandbox/records/LIST: what the sandbox holds, for tests that
 * assert on stored values (a contact's typed_custom_fields, an account's
 * label_ids) without an API request that would count in the stats. Keys
 * are not listed. */
static bool records_listable(const char *list)
{
	return *list && strcmp(list, "api_keys") != 0 && strchr(list, '/') == NULL;
}

static cJSON *records(struct sandbox *sb, const char *list)
{
	cJSON *out = cJSON_CreateObject(), *a = cJSON_AddArrayToObject(out, list), *it;
	/* the contacts' list through the store: its made contacts opened */
	cJSON *src = strcmp(list, "contacts") == 0 ? store_list(&sb->store, list)
	             : cJSON_GetObjectItemCaseSensitive(sb->store.db, list);
	if (cJSON_IsArray(src))
		cJSON_ArrayForEach(it, src)
			cJSON_AddItemToArray(a, strcmp(list, "contacts") == 0 ? store_public_contact(it) : store_public(it));
	return out;
}

static enum MHD_Result handle_sandbox_route(struct sandbox *sb, struct MHD_Connection *conn,
                                            const char *method, const char *url,
                                            const struct conn_state *cs)
{
	cJSON *body = NULL;
	int status = 200;
	enum MHD_Result ret;
	bool post = strcmp(method, "POST") == 0;

	pthread_mutex_lock(&sb->lock);
	if (strcmp(url, "/_sandbox/stats") == 0 && strcmp(method, "GET") == 0) {
		body = stats(sb);
	} else if (strcmp(url, "/_sandbox/reset") == 0 && post) {
		body = reset(sb);
	} else if (strcmp(url, "/_sandbox/reply") == 0 && post) {
		body = set_reply(sb, cs, &status);
	} else if (strcmp(url, "/_sandbox/variant") == 0 && post) {
		body = set_variant(sb, cs, &status);
	} else if (strncmp(url, "/_sandbox/records/", 18) == 0 && strcmp(method, "GET") == 0 &&
	           records_listable(url + 18)) {
		body = records(sb, url + 18);
	} else {
		status = 404;
		body = cJSON_CreateObject();
		cJSON_AddStringToObject(body, "error", "No such sandbox route: use GET /_sandbox/stats, "
		                        "POST /_sandbox/reset, POST /_sandbox/reply, POST /_sandbox/variant or "
		                        "GET /_sandbox/records/LIST.");
	}
	pthread_mutex_unlock(&sb->lock);
	ret = respond_json(conn, status, body, NULL, 0);
	cJSON_Delete(body);
	return ret;
}

/* pattern: the route's ("contacts/{id}"), or NULL for a path no route
 * knows, counted under one key so that odd URLs cannot grow the stats */
static void count_request(struct sandbox *sb, const char *method, const char *pattern, int status)
{
	char key[300], code[8];
	snprintf(key, sizeof key, "%s /api/v1/%s", method, pattern ? pattern : "<unknown>");
	bump(sb->requests, key);
	snprintf(code, sizeof code, "%d", status);
	bump(sb->responses, code);
}

/* {"<field>": msg} (and "error_code" when given) as the reply */
static enum MHD_Result respond_message(struct MHD_Connection *conn, int status, const char *field,
                                       const char *msg, const char *error_code,
                                       const struct rate_result *rr, long retry_after)
{
	cJSON *e = cJSON_CreateObject();
	enum MHD_Result ret;
	cJSON_AddStringToObject(e, field, msg);
	if (error_code)
		cJSON_AddStringToObject(e, "error_code", error_code);
	ret = respond_json(conn, status, e, rr, retry_after);
	cJSON_Delete(e);
	return ret;
}

static const char server_error[] = "An error occurred. Please try again.";
static const char paid_plan[] = "This endpoint is only available to Apollo users on paid plans.";

/* Apollo's 429 message for scope and one window (apollo-api.md §13). A
 * 429 that is a fault or a reply form (retry-after 1) names the minute
 * window, the one a client may wait out: Apollo's hour and day messages
 * are the ones clients take as final. */
static void too_many_message(const struct sandbox *sb, const char *scope, enum window w, char *buf,
                             size_t size)
{
	snprintf(buf, size, "The maximum number of api calls allowed for %s is %ld times per %s. "
	         "Please upgrade your plan from https://app.apollo.io/#/settings/plans/upgrade.", scope,
	         sb->cfg.limits[w] > 0 ? sb->cfg.limits[w] : 50L, window_name[w]);
}

/* status with the body Apollo sends with it (apollo-api.md §14), for the
 * route of scope; without rate headers, as it costs no quota */
static enum MHD_Result respond_status(struct sandbox *sb, struct MHD_Connection *conn, int status,
                                      const char *scope)
{
	char msg[400];
	if (status == 401)
		return send_text(conn, 401, "text/plain; charset=utf-8", invalid_key, strlen(invalid_key), NULL, 0);
	if (status == 403) {
		snprintf(msg, sizeof msg, "This API key is not authorized to access %s. Request an API key from "
		         "your administrator that includes this endpoint in its configured scope.", scope);
		return respond_message(conn, 403, "error", msg, "API_INACCESSIBLE", NULL, 0);
	}
	if (status == 429) {
		too_many_message(sb, scope, W_MINUTE, msg, sizeof msg);
		return respond_message(conn, 429, "message", msg, NULL, NULL, 1);
	}
	return respond_message(conn, status, "error", status >= 500 ? server_error : status == 404 ?
	                       "Record not found." : MHD_get_reason_phrase_for((unsigned)status), NULL, NULL, 0);
}

/* A reply form that leaves the request unapplied (a status, hang): it is
 * answered after the key's checks and before the rate windows. Called with
 * sb->lock held, which it releases. */
static enum MHD_Result answer_unapplied(struct sandbox *sb, struct MHD_Connection *conn, const char *method,
                                        const struct route *rt, cJSON *params, const struct reply_rule *rule)
{
	count_request(sb, method, rt->pattern, rule->form == RF_HANG ? 0 : rule->status);
	bump(sb->replies.answered, rule->name);
	pthread_mutex_unlock(&sb->lock);
	cJSON_Delete(params);
	if (rule->form == RF_STATUS)
		return respond_status(sb, conn, rule->status, rt->scope);
	if (rule->form == RF_PAID_PLAN)
		return respond_message(conn, 403, "message", paid_plan, NULL, NULL, 0);
	/* longer than a client waits (--stall-ms): it gives up first */
	mark_deliberate(conn, "reply:hang");
	usleep(sb->cfg.stall_ms * 1000u);
	return MHD_NO;
}

static enum MHD_Result collect_key(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind, (void)value;
	if (!cJSON_GetObjectItemCaseSensitive(cls, key))
		cJSON_AddTrueToObject(cls, key);
	return MHD_YES;
}

/* --strict-docs: whether the request, as sent (the body before the query
 * is merged into it), is in the form Apollo documents; else a refusal in
 * *status and msg */
static bool in_documented_form(struct request *r, struct MHD_Connection *conn, const char *route,
                               bool has_body, int *status, char *msg, size_t msgsize)
{
	cJSON *query = cJSON_CreateObject();
	bool ok;
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_key, query);
	ok = documented_form_check(route, r->method, has_body ? r->params : NULL, has_body, query, status, msg,
	                           msgsize);
	cJSON_Delete(query);
	return ok;
}

/* The body and query string as r->params; false with r->status and
 * r->reply (or r->text) set when the request is malformed, or (with
 * --strict-docs) not in Apollo's documented form. */
static bool read_params(struct request *r, struct MHD_Connection *conn, const struct conn_state *cs,
                        const char *route)
{
	int strict_status = 0;
	char strict_msg[600];

	if (cs->too_big) {
		reply_error(r, 413, "The request body is over the %u-byte limit.", SANDBOX_MAX_BODY);
		return false;
	}
	if (cs->len > 0) {
		/* the body's values live in the thread's scratch until its next
		 * request (arena.h): nothing of them may outlive this one */
		arena_scratch(true);
		r->params = cJSON_ParseWithLength(cs->buf->data, cs->len);
		arena_scratch(false);
		if (!r->params) {
			reply_error(r, 400, "The request body is not valid JSON.");
			return false;
		}
		if (!cJSON_IsObject(r->params)) {
			reply_error(r, 422, "The request body must be a JSON object.");
			return false;
		}
	} else {
		r->params = cJSON_CreateObject();
	}
	if (r->sb->cfg.strict_docs &&
	    in_documented_form(r, conn, route, cs->len > 0, &strict_status, strict_msg, sizeof strict_msg))
		strict_status = 0;
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_arg, r->params);
	if (cJSON_GetObjectItemCaseSensitive(r->params, "api_key")) {
		/* keys in the body or query string stopped working in 2024 */
		r->status = 401;
		r->text = (char *)invalid_key;
		return false;
	}
	r->strict_refused = strict_status != 0;
	if (strict_status && r->sb->cfg.strict_docs == STRICT_REFUSE) {
		reply_error(r, strict_status, "%s", strict_msg);
		return false;
	}
	return true;
}

/* the routes with work to do before the lock is taken (sandbox.h) */
static const struct {
	route_fn *fn;
	route_prepare_fn *prepare;
} prepared_routes[] = {
	{ route_contacts_bulk_create, route_contacts_bulk_create_prepare },
};

static void prepare(const struct route *rt, struct request *r)
{
	for (size_t i = 0; i < sizeof prepared_routes / sizeof prepared_routes[0]; i++)
		if (prepared_routes[i].fn == rt->fn)
			prepared_routes[i].prepare(r);
}

static enum MHD_Result answer_api(struct request *r, struct MHD_Connection *conn, const char *path,
                                  struct conn_state *cs)
{
	struct sandbox *sb = r->sb;
	const char *method = r->method;
	const struct route *rt;
	const char *known;
	bool well_formed;
	struct rate_result rr;
	enum fault_kind fault = F_NONE;
	struct reply_rule rule;
	const char *key = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "x-api-key");
	cJSON *keyrec, *ids;
	enum MHD_Result ret;
	char msg[400];

	rt = find_route(method, path, r->id, sizeof r->id, &known);
	/* a malformed request is answered as such before it costs quota or
	 * meets an injected fault */
	well_formed = rt && read_params(r, conn, cs, rt->pattern);
	if (well_formed)
		prepare(rt, r);
	pthread_mutex_lock(&sb->lock);
	keyrec = find_key(sb, key);
	if (!rt) {
		count_request(sb, method, known, known ? 405 : 404);
		pthread_mutex_unlock(&sb->lock);
		return respond_message(conn, known ? 405 : 404, "error",
		                       known ? "Method not allowed for this route." : "Record not found.",
		                       NULL, NULL, 0);
	}
	if (!keyrec || r->text) {
		count_request(sb, method, rt->pattern, 401);
		pthread_mutex_unlock(&sb->lock);
		cJSON_Delete(r->params);
		cJSON_Delete(r->reply);
		return respond_status(sb, conn, 401, rt->scope);
	}
	if (!key_has_scope(keyrec, rt->scope)) {
		count_request(sb, method, rt->pattern, 403);
		pthread_mutex_unlock(&sb->lock);
		cJSON_Delete(r->params);
		cJSON_Delete(r->reply);
		return respond_status(sb, conn, 403, rt->scope);
	}
	if (r->strict_refused) {
		/* refused, or with --strict-docs=count answered as usual */
		snprintf(msg, sizeof msg, "%s /api/v1/%s", method, rt->pattern);
		bump(sb->strict_refusals, msg);
	}
	if (!well_formed) {
		count_request(sb, method, rt->pattern, r->status);
		pthread_mutex_unlock(&sb->lock);
		cJSON_Delete(r->params);
		ret = respond_json(conn, r->status, r->reply, NULL, 0);
		cJSON_Delete(r->reply);
		return ret;
	}
	rule = replies_take(&sb->replies, rt->pattern);
	if (rule.form == RF_STATUS || rule.form == RF_HANG || rule.form == RF_PAID_PLAN)
		return answer_unapplied(sb, conn, method, rt, r->params, &rule);
	r->master = jbool(keyrec, "master", false);
	rate_take(sb, rt->scope, &rr);
	rr.old_names = sb->variants.on[V_OLD_NAMES];
	if (rr.limited) {
		count_request(sb, method, rt->pattern, 429);
		pthread_mutex_unlock(&sb->lock);
		cJSON_Delete(r->params);
		too_many_message(sb, rt->scope, rr.which, msg, sizeof msg);
		return respond_message(conn, 429, "message", msg, NULL, &rr, rr.retry_after);
	}
	/* a route answered in a reply form meets no fault: the form is the case */
	fault = rule.form == RF_NORMAL ? draw_fault(sb) : F_NONE;
	if (fault != F_NONE)
		bump(sb->faults, fault_name(fault));

	/* faults that come before the request is applied */
	if (fault == F_DROP || fault == F_5XX || fault == F_429) {
		static const int codes[] = { 500, 502, 503 };
		int code = fault == F_DROP ? 0 : fault == F_429 ? 429 : codes[(sb->rng >> 7) % 3];
		count_request(sb, method, rt->pattern, code);
		pthread_mutex_unlock(&sb->lock);
		cJSON_Delete(r->params);
		if (fault == F_DROP) {
			mark_deliberate(conn, "fault:drop");
			return MHD_NO;
		}
		if (fault == F_429) {
			too_many_message(sb, rt->scope, W_MINUTE, msg, sizeof msg);
			return respond_message(conn, 429, "message", msg, NULL, &rr, 1);
		}
		return respond_message(conn, code, "error", server_error, NULL, &rr, 0);
	}
	/* the lock is kept from the checks to the request itself (taking it
	 * twice made two clients wait for each other twice a call), unless
	 * the request is to stall first */
	if (fault == F_STALL) {
		pthread_mutex_unlock(&sb->lock);
		usleep(sb->cfg.stall_ms * 1000u);
		pthread_mutex_lock(&sb->lock);
	}

	/* the request itself */
	if (!rt->reads_only)
		search_cache_forget(&sb->searches);
	ids = replies_before(r, rt->pattern, &rule);
	rt->fn(r);
	if (replies_after(r, rt->pattern, &rule, ids)) {
		bump(sb->replies.answered, rule.name);
		/* a bare string or an empty object is no reply of Apollo's */
		if (rule.form == RF_STRING || rule.form == RF_OBJECT)
			mark_deliberate(conn, rule.form == RF_STRING ? "reply:string" : "reply:object");
	}
	variants_apply(&sb->variants, r->reply);
	count_request(sb, method, rt->pattern, fault == F_LOST ? 0 : r->status);
	pthread_mutex_unlock(&sb->lock);
	cJSON_Delete(r->params);

	/* faults that come after it was applied */
	if (fault == F_LOST) {
		mark_deliberate(conn, "fault:lost");
		cJSON_Delete(r->reply);
		return MHD_NO;
	}
	if (fault == F_MALFORMED || fault == F_TRUNCATED) {
		char *text = r->reply ? cJSON_PrintUnformatted(r->reply) : strdup("{}");
		mark_deliberate(conn, fault == F_TRUNCATED ? "fault:truncated" : "fault:malformed");
		if (fault == F_TRUNCATED) {
			ret = send_truncated(conn, text);
		} else {
			/* valid HTTP, broken JSON: the body cut off, then garbage */
			size_t n = text ? strlen(text) / 2 : 0;
			char *bad = malloc(n + 32);
			if (bad)
				snprintf(bad, n + 32, "%.*s<html>502</html>", (int)n, text ? text : "");
			ret = bad ? send_text(conn, r->status, "application/json; charset=utf-8", bad, strlen(bad), &rr, 0)
			          : MHD_NO;
			free(bad);
			free(text);
		}
	} else if (r->reply) {
		ret = respond_json(conn, r->status, r->reply, &rr, 0);
	} else {
		ret = send_text(conn, r->status, "application/json; charset=utf-8", "{}", 2, &rr, 0);
	}
	cJSON_Delete(r->reply);
	return ret;
}

static enum MHD_Result handle_api(struct sandbox *sb, struct MHD_Connection *conn, const char *method,
                                  const char *path, struct conn_state *cs)
{
	struct request r = { .sb = sb, .method = method, .status = 200 };
	enum MHD_Result ret = answer_api(&r, conn, path, cs);
	if (r.prepared_free)
		r.prepared_free(r.prepared);
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls)
{
	struct sandbox *sb = cls;
	struct conn_state *cs = *con_cls;
	const char *path;
	(void)version;

	if (!cs) {
		cs = calloc(1, sizeof *cs);
		if (!cs)
			return MHD_NO;
		*con_cls = cs;
		return MHD_YES;
	}
	if (*upload_size) {
		if (!cs->too_big && cs->len + *upload_size <= SANDBOX_MAX_BODY) {
			cs->buf = thread_buffer(cs->len + *upload_size + 1);
			if (!cs->buf)
				return MHD_NO;
			memcpy(cs->buf->data + cs->len, upload, *upload_size);
			cs->len += *upload_size;
		} else {
			cs->too_big = true;
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (strncmp(url, "/_sandbox/", 10) == 0)
		return handle_sandbox_route(sb, conn, method, url, cs);
	path = api_path(url);
	if (!path) {
		static const char msg[] = "{\"error\":\"Not an Apollo API path: use /api/v1/...\"}";
		return send_text(conn, 404, "application/json; charset=utf-8", msg, sizeof msg - 1, NULL, 0);
	}
	if (exchange_of(conn)) {
		/* copied now: the thread's buffer takes the reply later */
		char base[8];
		snprintf(base, sizeof base, "%.*s", (int)(path - url - 1), url);
		exchange_request(exchange_of(conn), method, base, path - 1,
		                 MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE),
		                 MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_USER_AGENT),
		                 cs->len && !cs->too_big ? cs->buf->data : NULL, cs->too_big ? 0 : cs->len);
	}
	return handle_api(sb, conn, method, path, cs);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	struct sandbox *sb = cls;
	struct conn_state *cs = *con_cls;
	struct exchange *x = exchange_of(conn);
	(void)toe;
	if (x)
		exchange_finish(&sb->record, x);
	free(cs);
	*con_cls = NULL;
}

/* --record: each connection keeps the exchange it is answering */
static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
	struct sandbox *sb = cls;
	(void)conn;
	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		*socket_context = sb->record.fp ? calloc(1, sizeof(struct exchange)) : NULL;
	} else if (*socket_context) {
		exchange_clear(*socket_context);
		free(*socket_context);
		*socket_context = NULL;
	}
}

/* the query string as it came, before it is parsed */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	struct exchange *x = exchange_of(conn);
	const char *q = strchr(uri, '?');
	(void)cls;
	if (x) {
		exchange_clear(x);
		exchange_query(x, q ? q + 1 : "");
	}
	return NULL;
}

struct MHD_Daemon *server_start(struct sandbox *sb, unsigned *port)
{
	struct sockaddr_in addr;
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;

	memset(&addr, 0, sizeof addr);
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)*port);
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sb->started = now_seconds();
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION |
	                     MHD_USE_ERROR_LOG,
	                     (uint16_t)*port, NULL, NULL, on_request, sb,
	                     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
	                     MHD_OPTION_NOTIFY_COMPLETED, on_completed, sb,
	                     MHD_OPTION_NOTIFY_CONNECTION, on_connection, sb,
	                     MHD_OPTION_URI_LOG_CALLBACK, on_uri, sb,
	                     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)120,
	                     MHD_OPTION_END);
	if (!d)
		return NULL;
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	if (info)
		*port = info->port;
	return d;
}
