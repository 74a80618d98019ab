/* apollo/api.c - see apollo/api.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "apollo/api.h"
#include "apollo/memberships.h"
#include "apollo/reply_shape.h"
#include "common/dynbuf.h"
#include "values/clean.h"
#include "values/ids.h"
#include "values/start_time.h"

void api_item_clear(struct api_item *it)
{
	free(it->message);
	free(it->custom_field_errors);
	cJSON_Delete(it->record);
	memset(it, 0, sizeof *it);
}

long api_number(const cJSON *v, long dflt)
{
	if (cJSON_IsNumber(v)) {
		/* out of long's range (1e300, or a NaN): not a count Apollo
		 * could mean, and converting it would be undefined behaviour */
		if (!(v->valuedouble >= -9.2e18 && v->valuedouble <= 9.2e18))
			return dflt;
		return (long)v->valuedouble;
	}
	if (cJSON_IsString(v) && v->valuestring[0]) {
		char *end;
		long n = strtol(v->valuestring, &end, 10);
		return *end ? dflt : n;
	}
	return dflt;
}

const char *api_str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : "";
}

void api_keep_failure(struct http_request *failed, struct http_request *r)
{
	*failed = *r;
	failed->json = NULL;
	failed->body = NULL;
}

void api_set_outcome(struct api_item *it, enum api_result r, const char *message)
{
	it->result = r;
	free(it->message);
	it->message = message ? strdup(message) : NULL;
}

/* ---- running bulk requests, narrowing a 422 down to the item it is about ---- */

struct batch_job {
	const char *method, *scope, *path;
	char *(*build)(void *ctx, size_t group, size_t off, size_t n);
	void (*read)(void *ctx, size_t group, size_t off, size_t n, const struct http_request *req,
	             struct api_item *out);
	/* the id of an item, for refusals that name the records they are
	 * about (NULL: items have no id of their own) */
	const char *(*item_id)(void *ctx, size_t group, size_t index);
	void *ctx;
	/* A 422 refusing id `refused` that items off..off+n link to: marks
	 * those links to be left out of the unit's next request and returns
	 * true (NULL, or false: the unit is narrowed down as any other) */
	bool (*drop_links)(void *ctx, size_t group, size_t off, size_t n, const char *refused,
	                   const char *message);
};

struct batch_group {
	size_t n, per_call;
	struct api_item *out;
};

/* one request's share of a group: items off..off+n; a unit split from a
 * refused one keeps the refusal's words, and the two halves sit side by
 * side in the work list */
struct batch_unit {
	size_t group, off, n;
	char *parent_msg;          /* the 422 it was split after, NULL: not split */
	bool first_half;
	bool links_dropped;        /* sent again without its links: never twice */
};

enum api_result api_outcome_result(enum http_outcome o)
{
	return o == HTTP_STOPPED ? API_STOPPED : o == HTTP_GAVE_UP ? API_GAVE_UP : API_REFUSED;
}

static bool refused_422(const struct http_request *r)
{
	return r->outcome == HTTP_REFUSED && r->status == 422;
}

/* Is the 422 about the request rather than one item? Both halves of a
 * split request refused with the words of the whole: splitting further
 * would only spend calls. */
static bool request_level(const struct batch_unit *w, const struct http_request *reqs, size_t i,
                          size_t nwork)
{
	size_t sib = w[i].first_half ? i + 1 : i - 1;
	if (!w[i].parent_msg || sib >= nwork || !refused_422(&reqs[sib]))
		return false;
	return strcmp(reqs[i].message, w[i].parent_msg) == 0 &&
	       strcmp(reqs[sib].message, w[i].parent_msg) == 0;
}

/* is id named by a refusal (error_details.contact_id, deleted_contact_ids)? */
static bool named_by(const cJSON *reply, const char *id)
{
	const cJSON *d = cJSON_GetObjectItemCaseSensitive(reply, "error_details"), *x;
	if (strcmp(api_str(d, "contact_id"), id) == 0)
		return true;
	cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(reply, "deleted_contact_ids"))
		if (cJSON_IsString(x) && strcmp(x->valuestring, id) == 0)
			return true;
	return false;
}

/* A 422 that names its records (a contact not found or deleted): those
 * items fail with its words and the others are tried again at once,
 * without halving. false when it names none of the unit's items. */
static bool named_items(const struct batch_job *job, const struct http_request *r, struct batch_unit u,
                        struct api_item *out, struct batch_unit *next, size_t *nnext)
{
	size_t run_start = 0, named = 0;
	for (size_t k = 0; k < u.n; k++)
		named += named_by(r->json, job->item_id(job->ctx, u.group, u.off + k));
	if (!named)
		return false;
	for (size_t k = 0; k <= u.n; k++) {
		bool hit = k < u.n && named_by(r->json, job->item_id(job->ctx, u.group, u.off + k));
		if (k < u.n && !hit)
			continue;
		if (k > run_start)
			next[(*nnext)++] = (struct batch_unit){ u.group, u.off + run_start, k - run_start, NULL,
			                                        false, u.links_dropped };
		if (hit)
			api_set_outcome(&out[k], API_REFUSED, r->message);
		run_start = k + 1;
	}
	return true;
}

/* Runs one round: every unit's request at once. Units to try again (the
 * halves of one refused with a 422) go to next; returns how many. */
static size_t run_round(struct http_client *hc, const struct batch_job *job, struct batch_group *g,
                        struct batch_unit *work, size_t nwork, struct batch_unit *next)
{
	struct http_request *reqs = calloc(nwork, sizeof *reqs);
	struct http_request **pr = calloc(nwork, sizeof *pr);
	size_t nnext = 0;

	if (!reqs || !pr) {
		for (size_t i = 0; i < nwork; i++)
			for (size_t k = 0; k < work[i].n; k++)
				api_set_outcome(&g[work[i].group].out[work[i].off + k], API_GAVE_UP, "out of memory");
		free(reqs);
		free(pr);
		return 0;
	}
	for (size_t i = 0; i < nwork; i++) {
		http_request_init(&reqs[i], job->method, job->scope,
		                  job->build(job->ctx, work[i].group, work[i].off, work[i].n), "%s", job->path);
		pr[i] = &reqs[i];
	}
	http_run(hc, pr, nwork);
	for (size_t i = 0; i < nwork; i++) {
		struct batch_unit u = work[i];
		struct api_item *out = g[u.group].out + u.off;
		char refused[API_ID_MAX];
		bool id_refused = refused_422(&reqs[i]) && apollo_refused_id(reqs[i].message, refused, sizeof refused);
		if (reqs[i].outcome == HTTP_OK) {
			job->read(job->ctx, u.group, u.off, u.n, &reqs[i], out);
		} else if (id_refused && job->drop_links && !u.links_dropped &&
		           job->drop_links(job->ctx, u.group, u.off, u.n, refused, reqs[i].message)) {
			/* the whole request again, once, without the links */
			next[nnext++] = (struct batch_unit){ u.group, u.off, u.n, NULL, false, true };
		} else if (id_refused && u.links_dropped) {
			/* refused again: halving would cost a call a contact or so */
			for (size_t k = 0; k < u.n; k++)
				api_set_outcome(&out[k], API_REFUSED, reqs[i].message);
		} else if (refused_422(&reqs[i]) && job->item_id && u.n > 1 &&
		           named_items(job, &reqs[i], u, out, next, &nnext)) {
			/* the refused records failed; the rest went to next */
		} else if (refused_422(&reqs[i]) && u.n > 1 && !request_level(work, reqs, i, nwork)) {
			/* one bad item must not fail its neighbours: halve and retry */
			char *msg = strdup(reqs[i].message);
			next[nnext++] = (struct batch_unit){ u.group, u.off, u.n / 2, msg, true, u.links_dropped };
			next[nnext++] = (struct batch_unit){ u.group, u.off + u.n / 2, u.n - u.n / 2,
			                                     msg ? strdup(msg) : NULL, false, u.links_dropped };
		} else {
			const cJSON *d = cJSON_GetObjectItemCaseSensitive(reqs[i].json, "error_details");
			for (size_t k = 0; k < u.n; k++) {
				api_set_outcome(&out[k], api_outcome_result(reqs[i].outcome), reqs[i].message);
				if (refused_422(&reqs[i]))
					snprintf(out[k].refused_field, sizeof out[k].refused_field, "%s", api_str(d, "field"));
			}
		}
	}
	for (size_t i = 0; i < nwork; i++)
		http_request_free(&reqs[i]);
	free(reqs);
	free(pr);
	return nnext;
}

static void run_batches(struct http_client *hc, const struct batch_job *job,
                        struct batch_group *g, size_t ng)
{
	struct batch_unit *work, *next, *t;
	size_t nwork = 0, cap = 1;

	/* every unit holds at least one item, so there are never more units
	 * than items */
	for (size_t i = 0; i < ng; i++)
		cap += g[i].n;
	work = calloc(cap, sizeof *work);
	next = calloc(cap, sizeof *next);
	if (!work || !next) {
		for (size_t i = 0; i < ng; i++)
			for (size_t k = 0; k < g[i].n; k++)
				api_set_outcome(&g[i].out[k], API_GAVE_UP, "out of memory");
		free(work);
		free(next);
		return;
	}
	for (size_t i = 0; i < ng; i++)
		for (size_t off = 0; off < g[i].n; off += g[i].per_call) {
			size_t k = g[i].n - off < g[i].per_call ? g[i].n - off : g[i].per_call;
			work[nwork++] = (struct batch_unit){ i, off, k, NULL, false, false };
		}
	while (nwork) {
		size_t nnext = run_round(hc, job, g, work, nwork, next);
		for (size_t i = 0; i < nwork; i++)
			free(work[i].parent_msg);
		t = work;
		work = next;
		next = t;
		nwork = nnext;
	}
	free(work);
	free(next);
}

char *api_print_and_free(cJSON *body)
{
	char *s = body ? cJSON_PrintUnformatted(body) : NULL;
	cJSON_Delete(body);
	return s;
}

void api_add_str(cJSON *o, const char *key, const char *v)
{
	if (v && *v)
		cJSON_AddStringToObject(o, key, v);
}

static cJSON *string_array(const char *const *v, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; a && i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
	return a;
}

/* ---- contacts/bulk_create ---- */

struct create_ctx {
	const struct api_create_options *opt;
	const struct api_contact *contacts;
	char **dropped;            /* per contact: the refusal its link was left
	                            * out after (Apollo's words), NULL: sent */
};

static const enum field create_fields[] = {
	F_FIRST_NAME, F_LAST_NAME, F_EMAIL, F_TITLE, F_ORGANIZATION_NAME, F_LINKEDIN_URL,
	F_PRESENT_RAW_ADDRESS,
};

static const enum field phone_fields[] = {
	F_DIRECT_PHONE, F_MOBILE_PHONE, F_CORPORATE_PHONE, F_PHONE, F_HOME_PHONE, F_OTHER_PHONE,
};

/* A row's own lists ("Q4 Webinar;EMEA") as the contact's label_names.
 * Apollo documents label_names for a single create; per contact in a bulk
 * create it is UNCONFIRMED (the sandbox honours it): --label, sent as
 * append_label_names, is the documented way. */
static void add_label_names(cJSON *o, const char *lists)
{
	cJSON *names = NULL;
	const char *p = lists;
	while (*p) {
		size_t n = strcspn(p, ";,");
		const char *start = p, *end = p + n;
		while (start < end && *start == ' ')
			start++;
		while (end > start && end[-1] == ' ')
			end--;
		if (end > start) {
			char name[256];
			snprintf(name, sizeof name, "%.*s", (int)(end - start), start);
			if (!names)
				names = cJSON_AddArrayToObject(o, "label_names");
			cJSON_AddItemToArray(names, cJSON_CreateString(name));
		}
		p += n + (p[n] != '\0');
	}
}

/* the custom values a caller converted (values/custom_fields.h), as the
 * record's typed_custom_fields */
static void add_custom_fields(cJSON *o, const char *json)
{
	cJSON *v = json && *json ? cJSON_Parse(json) : NULL;
	if (cJSON_IsObject(v) && v->child)
		cJSON_AddItemToObject(o, "typed_custom_fields", v);
	else
		cJSON_Delete(v);
}

/* A record's custom_field_errors (its shape is UNCONFIRMED: read as a map
 * of field id to words, a list of words, or anything else as JSON), for
 * the row: NULL when there are none. */
char *api_custom_field_errors(const cJSON *record)
{
	const cJSON *errs = cJSON_GetObjectItemCaseSensitive(record, "custom_field_errors"), *e;
	struct dynbuf out;
	char *text;

	if (!(cJSON_IsObject(errs) || cJSON_IsArray(errs)) || !errs->child)
		return NULL;
	dynbuf_init(&out, 1 << 16);
	cJSON_ArrayForEach(e, errs) {
		char *printed = NULL;
		const char *words;
		if (out.len)
			dynbuf_add(&out, "; ", 2);
		if (e->string) {
			dynbuf_add(&out, e->string, strlen(e->string));
			dynbuf_add(&out, ": ", 2);
		}
		if (cJSON_IsString(e))
			words = e->valuestring;
		else if (cJSON_IsArray(e) && cJSON_IsString(e->child) && !e->child->next)
			words = e->child->valuestring;
		else
			words = printed = cJSON_PrintUnformatted(e);
		if (words)
			dynbuf_add(&out, words, strlen(words));
		free(printed);
	}
	text = strdup(dynbuf_cstr(&out));
	dynbuf_free(&out);
	return text;
}

static cJSON *contact_json(const struct api_contact *c, bool without_link)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *phones = NULL;
	for (size_t i = 0; i < sizeof create_fields / sizeof create_fields[0]; i++)
		api_add_str(o, field_name(create_fields[i]), c->v[create_fields[i]]);
	if (!*c->v[F_PRESENT_RAW_ADDRESS]) {
		/* Apollo has no city, state or country field on create: one address line */
		char addr[600] = "";
		const enum field parts[] = { F_CITY, F_STATE, F_COUNTRY };
		for (size_t i = 0; i < 3; i++)
			if (*c->v[parts[i]])
				snprintf(addr + strlen(addr), sizeof addr - strlen(addr), "%s%s",
				         *addr ? ", " : "", c->v[parts[i]]);
		api_add_str(o, "present_raw_address", addr);
	}
	for (size_t i = 0; i < sizeof phone_fields / sizeof phone_fields[0]; i++) {
		const char *p = c->v[phone_fields[i]];
		cJSON *num;
		if (!*p)
			continue;
		if (!phones) {
			api_add_str(o, "phone", p);
			phones = cJSON_AddArrayToObject(o, "phone_numbers");
		}
		num = cJSON_CreateObject();
		cJSON_AddStringToObject(num, "raw_number", p);
		cJSON_AddNumberToObject(num, "position", cJSON_GetArraySize(phones));
		cJSON_AddItemToArray(phones, num);
	}
	if (!without_link)
		api_add_str(o, "account_id", c->account_id);
	add_label_names(o, c->v[F_LABEL_NAMES]);
	add_custom_fields(o, c->typed_custom_fields);
	return o;
}

static char *build_create(void *vctx, size_t group, size_t off, size_t n)
{
	struct create_ctx *ctx = vctx;
	cJSON *body = cJSON_CreateObject(), *list;
	(void)group;
	list = cJSON_AddArrayToObject(body, "contacts");
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(list, contact_json(&ctx->contacts[off + i],
		                                        ctx->dropped && ctx->dropped[off + i]));
	cJSON_AddTrueToObject(body, "run_dedupe");
	if (ctx->opt->nlabels)
		cJSON_AddItemToObject(body, "append_label_names", string_array(ctx->opt->labels, ctx->opt->nlabels));
	api_add_str(body, "owner_id", ctx->opt->owner_id);
	return api_print_and_free(body);
}

/* a contact's key for matching a reply item: the email, else first name,
 * last name and company as letters and digits */
static void contact_key(const char *email, const char *first, const char *last, const char *org,
                        struct dynbuf *out)
{
	struct dynbuf part;
	dynbuf_reset(out);
	if (email && *email) {
		dynbuf_add(out, "@", 1);
		for (const char *p = email; *p; p++)
			dynbuf_addc(out, (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p));
		return;
	}
	dynbuf_init(&part, 4096);
	clean_match_key(first, strlen(first), &part);
	dynbuf_add(out, part.data ? part.data : "", part.len);
	dynbuf_addc(out, '|');
	clean_match_key(last, strlen(last), &part);
	dynbuf_add(out, part.data ? part.data : "", part.len);
	dynbuf_addc(out, '|');
	clean_match_key(org, strlen(org), &part);
	dynbuf_add(out, part.data ? part.data : "", part.len);
	dynbuf_free(&part);
}

static bool same_key(struct dynbuf *a, struct dynbuf *b)
{
	return a->len == b->len && (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
}

/* How a reply item is matched to a contact, in the order Apollo's dedupe
 * matches: the email; else first name, last name and company (Apollo
 * matches a contact with another email that way too); else, for a contact
 * without an email, the name alone (Apollo may hold the company under
 * another spelling). The looser passes take only items no other contact
 * of the request took. */
enum match_pass { MATCH_KEY, MATCH_NAME_COMPANY, MATCH_NAME, MATCH_PASSES };

int api_add_id(char *ids, size_t size, int count, const char *raw)
{
	char id[API_ID_MAX + 8];
	/* a record without an id is still one record (and an empty id would
	 * be found everywhere in ids: found by fuzz_api, a hang) */
	size_t len = strlen(ids), n = strlen(reply_quote(*raw ? raw : "(no id)", API_ID_MAX, id, sizeof id));
	for (const char *p = ids; count && (p = strstr(p, id)); p += n)
		if ((p == ids || p[-1] == ' ') && (p[n] == ',' || p[n] == '\0'))
			return count;
	if (len + 1 < size)
		snprintf(ids + len, size - len, "%s%s", len ? ", " : "", id);
	return count + 1;
}

/* The reply item that is contact c in this pass, or NULL. *count is how
 * many records (by id) fit it, their ids in ids: more than one, and none
 * can be said to be the contact's. */
static const cJSON *find_item(const cJSON *reply, const struct api_contact *c, enum match_pass pass,
                              const cJSON *const *taken, size_t ntaken, int *list,
                              struct dynbuf *want, struct dynbuf *have, int *count, char *ids, size_t idsize)
{
	static const char *const lists[] = { "created_contacts", "existing_contacts" };
	const char *org = pass == MATCH_NAME ? "" : c->v[F_ORGANIZATION_NAME];
	const char *email = pass == MATCH_KEY ? c->v[F_EMAIL] : "";
	const cJSON *hit = NULL;

	*count = 0;
	*ids = '\0';
	contact_key(email, c->v[F_FIRST_NAME], c->v[F_LAST_NAME], org, want);
	for (int l = 0; l < 2; l++) {
		const cJSON *item;
		cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(reply, lists[l])) {
			bool used = false;
			if (!*api_str(item, "id"))
				continue;
			contact_key(pass == MATCH_KEY ? api_str(item, "email") : "", api_str(item, "first_name"),
			            api_str(item, "last_name"),
			            pass == MATCH_NAME ? "" : api_str(item, "organization_name"), have);
			if (!same_key(want, have))
				continue;
			for (size_t k = 0; pass != MATCH_KEY && k < ntaken; k++)
				used = used || taken[k] == item;
			if (used)
				continue;
			if (!hit) {
				*list = l;
				hit = item;
			}
			*count = api_add_id(ids, idsize, *count, api_str(item, "id"));
		}
	}
	return hit;
}

/* A contact "existing" for this very request although it was made after
 * the request first went out: a try whose reply was lost made it (libcurl
 * itself re-sends a request whose kept-alive connection died, unseen by
 * our retry count). Apollo's times carry milliseconds, so a contact an
 * earlier run made just before is not mistaken for one of this run. */
static bool created_by_this_request(const struct http_request *req, const cJSON *item)
{
	double at;
	return req->first_sent > 0 && parse_instant_precise(api_str(item, "created_at"), &at) &&
	       at >= req->first_sent - 0.001;   /* Apollo writes whole milliseconds */
}

/* the fields read_create matches a reply's contacts by, and those an
 * existing contact's copy is compared on (import --existing) */
#define CREATED_CONTACT                                                                             \
	"{id!:s,email:s,first_name:s,last_name:s,organization_name:s,title:s,account_id:s,linkedin_url:s," \
	"present_raw_address:s,created_at:s}"

/* records in bulk_create's two lists with this email (NULL: with no email
 * that can be read) */
static int items_with_email(const cJSON *reply, const char *email)
{
	static const char *const lists[] = { "created_contacts", "existing_contacts" };
	int count = 0;
	for (int l = 0; l < 2; l++) {
		const cJSON *item, *e;
		cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(reply, lists[l])) {
			if (!cJSON_IsObject(item))
				continue;       /* no contact's record at all */
			e = cJSON_GetObjectItemCaseSensitive(item, "email");
			if (email ? cJSON_IsString(e) && strcasecmp(e->valuestring, email) == 0
			          : !cJSON_IsString(e) || !*e->valuestring)
				count++;
		}
	}
	return count;
}

/* Could an item reply_usable left out of the reply (raw: as it came) be
 * the contact of a row with this email? Yes when one with the same email
 * was left out, or one whose email cannot be read; always for a row
 * without an email (matched by name). */
static bool left_out_could_be(const cJSON *raw, const cJSON *usable, const char *email)
{
	if (!email || !*email)
		return true;
	return items_with_email(raw, email) > items_with_email(usable, email) ||
	       items_with_email(raw, NULL) > items_with_email(usable, NULL);
}

static void read_create(void *vctx, size_t group, size_t off, size_t n, const struct http_request *req,
                        struct api_item *out)
{
	static const struct reply_part parts[] = {
		{ "created_contacts", CREATED_CONTACT, true },
		{ "existing_contacts", CREATED_CONTACT, true },
	};
	struct reply_check rc;
	struct create_ctx *ctx = vctx;
	const cJSON **taken = calloc(n ? n : 1, sizeof *taken);
	struct dynbuf want, have;
	cJSON *reply;
	(void)group;

	reply_check_init(&rc, "contacts/bulk_create");
	reply = reply_usable(&rc, req->json, parts, 2);
	if (!taken || (!reply && cJSON_IsObject(req->json))) {
		for (size_t i = 0; i < n; i++)
			api_set_outcome(&out[i], API_GAVE_UP, "out of memory");
		free(taken);
		cJSON_Delete(reply);
		return;
	}

	if (!reply) {
		for (size_t i = 0; i < n; i++)
			api_set_outcome(&out[i], API_UNCONFIRMED, "unexpected reply from contacts/bulk_create");
		free(taken);
		return;
	}
	dynbuf_init(&want, 1 << 20);
	dynbuf_init(&have, 1 << 20);
	for (int pass = 0; pass < MATCH_PASSES; pass++)
		for (size_t i = 0; i < n; i++) {
			const struct api_contact *c = &ctx->contacts[off + i];
			const cJSON *item;
			int l = 0, count;
			char ids[400], msg[600];
			if (taken[i] || out[i].result != API_NONE)
				continue;
			if (pass == MATCH_NAME_COMPANY && !*c->v[F_ORGANIZATION_NAME])
				continue;
			if (pass == MATCH_NAME && *c->v[F_EMAIL])
				continue;
			item = find_item(reply, c, (enum match_pass)pass, taken, n, &l, &want, &have, &count, ids,
			                 sizeof ids);
			if (!item)
				continue;
			if (count > 1) {
				/* two records alike: which is this row's would be a guess */
				snprintf(msg, sizeof msg, "Apollo's reply has %d contacts with this %s (%s): which is the "
				         "row's cannot be told; %s", count,
				         pass == MATCH_KEY ? "email" : pass == MATCH_NAME ? "name" : "name and company", ids,
				         pass == MATCH_KEY ? "merge them in Apollo" : "give the row an email");
				api_set_outcome(&out[i], API_UNCONFIRMED, msg);
				continue;
			}
			taken[i] = item;
			if (l == 1 && created_by_this_request(req, item))
				l = 0;
			api_set_outcome(&out[i], l == 0 ? API_CREATED : API_EXISTING, NULL);
			snprintf(out[i].id, sizeof out[i].id, "%s", api_str(item, "id"));
			free(out[i].custom_field_errors);
			out[i].custom_field_errors = api_custom_field_errors(item);
			if (l == 1)
				out[i].record = cJSON_Duplicate(item, 1);
		}
	for (size_t i = 0; i < n; i++) {
		const char *why = ctx->dropped ? ctx->dropped[off + i] : NULL;
		if (rc.message[0] && (out[i].result == API_CREATED || out[i].result == API_EXISTING) &&
		    left_out_could_be(req->json, reply, ctx->contacts[off + i].v[F_EMAIL])) {
			/* the item left out could be a second contact like this
			 * one: which is the row's would be a guess */
			char msg[600], id_q[API_ID_MAX + 8];
			snprintf(msg, sizeof msg, "%.400s; so which contact in it is this row's cannot be told for sure "
			         "(Apollo shows %s)", rc.message, reply_quote(out[i].id, API_ID_MAX, id_q, sizeof id_q));
			api_set_outcome(&out[i], API_UNCONFIRMED, msg);
			out[i].id[0] = '\0';
			cJSON_Delete(out[i].record);
			out[i].record = NULL;
		}
		/* a contact no well-formed item names may be the one that is not */
		if (out[i].result == API_NONE)
			api_set_outcome(&out[i], API_UNCONFIRMED, rc.message[0] ? rc.message
			                : "Apollo's reply does not mention this contact");
		if (why && (out[i].result == API_CREATED || out[i].result == API_EXISTING)) {
			snprintf(out[i].unlinked, sizeof out[i].unlinked, "%s", ctx->contacts[off + i].account_id);
			api_set_outcome(&out[i], out[i].result, why);
		}
	}
	free(taken);
	cJSON_Delete(reply);
	dynbuf_free(&want);
	dynbuf_free(&have);
}

static bool has_link(const struct api_contact *c)
{
	return c->account_id && *c->account_id;
}

/* Only a refusal of an account a contact links to is answered by leaving
 * links out (a refused owner_id is the run's own, and stays). Every link
 * but those Apollo itself gave this run goes: another one of the file's
 * could be refused next, and there is no third call. */
static bool drop_create_links(void *vctx, size_t group, size_t off, size_t n, const char *refused,
                              const char *message)
{
	struct create_ctx *ctx = vctx;
	bool named = false;
	(void)group;
	for (size_t i = off; i < off + n; i++)
		named = named || (has_link(&ctx->contacts[i]) && strcmp(ctx->contacts[i].account_id, refused) == 0);
	if (!named || !ctx->dropped)
		return false;
	for (size_t i = off; i < off + n; i++) {
		const struct api_contact *c = &ctx->contacts[i];
		if (!has_link(c) || (c->account_confirmed && strcmp(c->account_id, refused) != 0))
			continue;
		free(ctx->dropped[i]);
		/* out of memory: the link stays, and the request is refused again */
		ctx->dropped[i] = strdup(message);
	}
	return true;
}

void api_create_contacts(struct http_client *hc, const struct api_create_options *opt,
                         const struct api_contact *contacts, size_t n, struct api_item *out)
{
	struct create_ctx ctx = { opt, contacts, calloc(n ? n : 1, sizeof *ctx.dropped) };
	struct batch_job job = { "POST", "contacts/bulk_create", "contacts/bulk_create",
	                         build_create, read_create, NULL, &ctx, drop_create_links };
	struct batch_group g = { n, API_BULK_MAX, out };
	run_batches(hc, &job, &g, 1);
	for (size_t i = 0; ctx.dropped && i < n; i++)
		free(ctx.dropped[i]);
	free(ctx.dropped);
}

/* ---- what a reply confirms (bulk_update, remove_or_stop) ---- */

/* the contact `id` in the reply's contacts[], or NULL */
static const cJSON *reply_contact(const cJSON *reply, const char *id)
{
	const cJSON *c;
	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(reply, "contacts"))
		if (strcmp(api_str(c, "id"), id) == 0)
			return c;
	return NULL;
}

/* Apollo answers a large (or async) bulk change with a job instead of the
 * records: {"entity_progress_job": {"id", "entity_ids": [...]}}. The job's
 * id when it names `id`, else NULL. */
static const char *reply_job_for(const cJSON *reply, const char *id)
{
	const cJSON *job = cJSON_GetObjectItemCaseSensitive(reply, "entity_progress_job"), *e;
	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(job, "entity_ids"))
		if (cJSON_IsString(e) && strcmp(e->valuestring, id) == 0)
			return api_str(job, "id");
	return NULL;
}

/* Item `id`'s outcome from a 200: done when the reply confirms it (confirm:
 * the contact Apollo sent back is as the change leaves it, else why not),
 * else unconfirmed; a 200 alone is no proof. reply is the copy of the
 * reply reply_usable kept (NULL: the reply is not an object); rc says what
 * it left out, the reason of an item nothing else confirms. */
static void confirm_item(struct api_item *it, const cJSON *reply, const struct reply_check *rc,
                         const char *id, bool (*confirm)(const cJSON *contact, const void *ctx, char *why,
                                                         size_t whylen),
                         const void *ctx)
{
	const cJSON *c;
	const char *job;
	char msg[700] = "";

	snprintf(it->id, sizeof it->id, "%s", id);
	if (!cJSON_IsObject(reply)) {
		snprintf(msg, sizeof msg, "unexpected reply from %s", rc->endpoint);
		api_set_outcome(it, API_UNCONFIRMED, msg);
	} else if ((c = reply_contact(reply, id)) && (!confirm || confirm(c, ctx, msg, sizeof msg))) {
		api_set_outcome(it, API_DONE, NULL);
	} else if ((job = reply_job_for(reply, id))) {
		api_set_outcome(it, API_DONE, NULL);
		snprintf(it->reason, sizeof it->reason, "%s", *job ? job : "?");
	} else {
		api_set_outcome(it, API_UNCONFIRMED, *msg ? msg : rc->message[0] ? rc->message
		                : "Apollo did not confirm this change");
	}
}

/* the job a bulk change may be answered with instead of its records */
#define PROGRESS_JOB "{id:s,entity_ids:[s]}"

/* ---- contacts/bulk_update ---- */

bool api_field_updatable(enum field f)
{
	return f == F_FIRST_NAME || f == F_LAST_NAME || f == F_TITLE || f == F_ORGANIZATION_NAME ||
	       f == F_LINKEDIN_URL || f == F_PRESENT_RAW_ADDRESS;
}

/* {"<key>": [{"id", each field, typed_custom_fields}...]}: a bulk_update
 * body of contacts or accounts, each record with its own fields */
static char *build_attributes(const struct api_update *u, size_t off, size_t n, const char *key)
{
	cJSON *body = cJSON_CreateObject(), *list;
	list = cJSON_AddArrayToObject(body, key);
	for (size_t i = 0; i < n; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", u[off + i].id);
		for (size_t k = 0; k < u[off + i].n; k++)
			cJSON_AddStringToObject(o, u[off + i].name[k], u[off + i].value[k]);
		add_custom_fields(o, u[off + i].typed_custom_fields);
		cJSON_AddItemToArray(list, o);
	}
	return api_print_and_free(body);
}

static char *build_update(void *vctx, size_t group, size_t off, size_t n)
{
	(void)group;
	return build_attributes(vctx, off, n, "contact_attributes");
}

/* field's value as Apollo may write it back: spaces at the ends aside; for
 * an email or a web address its case too, and for a web address its
 * scheme, "www." and a closing slash (a name keeps its case: a change of
 * case only must show to be confirmed) */
static void loose(const char *field, const char *v, char *out, size_t size)
{
	bool url = strcmp(field, "linkedin_url") == 0, anycase = url || strcmp(field, "email") == 0;
	size_t n;
	while (*v == ' ')
		v++;
	if (url && (strncasecmp(v, "https://", 8) == 0 || strncasecmp(v, "http://", 7) == 0))
		v = strstr(v, "//") + 2;
	if (url && strncasecmp(v, "www.", 4) == 0)
		v += 4;
	n = strlen(v);
	while (n && (v[n - 1] == ' ' || (url && v[n - 1] == '/')))
		n--;
	snprintf(out, size, "%.*s", (int)n, v);
	for (char *p = out; anycase && *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
}

/* The contact as bulk_update leaves it: each field sent, where Apollo's
 * copy shows it, holds the value sent (a field the reply leaves out is
 * taken at its word: the documented reply is a slim one). A custom value
 * Apollo did not take is not read here: the update of the rest stands, and
 * read_update hands the record's custom_field_errors to the caller. */
static bool updated_as_sent(const cJSON *contact, const void *vu, char *why, size_t whylen)
{
	const struct api_update *u = vu;
	for (size_t k = 0; k < u->n; k++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(contact, u->name[k]);
		char have[512], want[512], have_q[128], want_q[128];
		if (!v)
			continue;
		loose(u->name[k], api_str(contact, u->name[k]), have, sizeof have);
		loose(u->name[k], u->value[k], want, sizeof want);
		if (strcmp(have, want) != 0) {
			snprintf(why, whylen, "Apollo's reply shows %s %s%s%s, not the value sent (\"%s\"): the change is "
			         "not confirmed", u->name[k], cJSON_IsString(v) ? "\"" : "", cJSON_IsString(v)
			         ? reply_quote(v->valuestring, 100, have_q, sizeof have_q) : "empty", cJSON_IsString(v) ? "\""
			         : "", reply_quote(u->value[k], 100, want_q, sizeof want_q));
			return false;
		}
	}
	return true;
}

static void read_update(void *vctx, size_t group, size_t off, size_t n, const struct http_request *req,
                        struct api_item *out)
{
	static const struct reply_part parts[] = {
		{ "contacts", "{id!:s,first_name:s,last_name:s,email:s,title:s,organization_name:s,linkedin_url:s,"
		              "present_raw_address:s,owner_id:s,custom_field_errors:o}", true },
		{ "entity_progress_job", PROGRESS_JOB, false },
	};
	const struct api_update *u = vctx;
	struct reply_check rc;
	cJSON *reply;
	(void)group;

	reply_check_init(&rc, "contacts/bulk_update");
	reply = reply_usable(&rc, req->json, parts, 2);
	for (size_t i = 0; i < n; i++) {
		confirm_item(&out[i], reply, &rc, u[off + i].id, updated_as_sent, &u[off + i]);
		free(out[i].custom_field_errors);
		out[i].custom_field_errors = api_custom_field_errors(reply_contact(reply, u[off + i].id));
	}
	cJSON_Delete(reply);
}

static const char *update_item_id(void *vctx, size_t group, size_t index)
{
	const struct api_update *u = vctx;
	(void)group;
	return u[index].id;
}

void api_update_contacts(struct http_client *hc, const struct api_update *u, size_t n,
                         struct api_item *out)
{
	/* at most 100 a request: more would make Apollo answer with a job */
	struct batch_job job = { "POST", "contacts/bulk_update", "contacts/bulk_update",
	                         build_update, read_update, update_item_id, (void *)u, NULL };
	struct batch_group g = { n, API_BULK_MAX, out };
	run_batches(hc, &job, &g, 1);
}

/* ---- accounts/bulk_create ---- */

/* typed_custom_fields from its JSON text, when it has any */
static char *build_accounts(void *vctx, size_t group, size_t off, size_t n)
{
	const struct api_account_batch *b = (const struct api_account_batch *)vctx + group;
	const struct api_account *a = b->accounts;
	cJSON *body = cJSON_CreateObject(), *list;
	list = cJSON_AddArrayToObject(body, "accounts");
	for (size_t i = 0; i < n; i++) {
		const struct api_account *x = &a[off + i];
		cJSON *o = cJSON_CreateObject();
		api_add_str(o, "name", *x->name ? x->name : x->domain);
		api_add_str(o, "domain", x->domain);
		api_add_str(o, "phone", x->phone);
		api_add_str(o, "owner_id", x->owner_id);
		api_add_str(o, "account_stage_id", x->stage_id);
		api_add_str(o, "linkedin_url", x->linkedin_url);
		api_add_str(o, "raw_address", x->raw_address);
		add_custom_fields(o, x->typed_custom_fields);
		cJSON_AddItemToArray(list, o);
	}
	if (b->nlabels) {
		cJSON *labels = cJSON_AddArrayToObject(body, "append_label_names");
		for (size_t k = 0; k < b->nlabels; k++)
			cJSON_AddItemToArray(labels, cJSON_CreateString(b->labels[k]));
	}
	cJSON_AddTrueToObject(body, "run_dedupe");
	return api_print_and_free(body);
}

static void read_accounts(void *vctx, size_t group, size_t off, size_t n, const struct http_request *req,
                          struct api_item *out)
{
	static const char *const lists[] = { "created_accounts", "existing_accounts" };
	static const struct reply_part parts[] = {
		{ "created_accounts", "{id!:s,domain:s,name:s}", true },
		{ "existing_accounts", "{id!:s,domain:s,name:s}", true },
	};
	const struct api_account *a = ((const struct api_account_batch *)vctx)[group].accounts;
	struct reply_check rc;
	cJSON *reply;

	reply_check_init(&rc, "accounts/bulk_create");
	reply = reply_usable(&rc, req->json, parts, 2);
	for (size_t i = 0; i < n; i++) {
		const struct api_account *want = &a[off + i];
		const cJSON *hit = NULL;
		int hit_list = 0, count = 0;
		char ids[400] = "", msg[600];
		if (!cJSON_IsObject(reply)) {
			api_set_outcome(&out[i], API_UNCONFIRMED, "unexpected reply from accounts/bulk_create");
			continue;
		}
		for (int l = 0; l < 2; l++) {
			const cJSON *item;
			cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(reply, lists[l])) {
				const char *d = api_str(item, "domain"), *id = api_str(item, "id");
				/* by its domain; else by its name, which is how Apollo's dedupe
				 * also matches an account with a domain to one that has none */
				bool fits = want->domain && *want->domain && *d
				            ? strcasecmp(d, want->domain) == 0
				            : strcasecmp(api_str(item, "name"), *want->name ? want->name : want->domain) == 0;
				if (!fits || !*id)
					continue;
				if (!hit) {
					hit = item;
					hit_list = l;
				}
				count = api_add_id(ids, sizeof ids, count, id);
			}
		}
		if (count > 1) {
			/* two accounts with one domain (or name): the row's is a guess */
			snprintf(msg, sizeof msg, "Apollo's reply has %d accounts with this %s (%s): which is the "
			         "row's cannot be told; merge them in Apollo", count,
			         want->domain && *want->domain ? "domain" : "name", ids);
			api_set_outcome(&out[i], API_UNCONFIRMED, msg);
		} else if (hit && rc.message[0]) {
			/* an item left out could be a second account like this one */
			char id_q[API_ID_MAX + 8];
			snprintf(msg, sizeof msg, "%.400s; so which account in it is this row's cannot be told for sure "
			         "(Apollo shows %s)", rc.message, reply_quote(api_str(hit, "id"), API_ID_MAX, id_q, sizeof id_q));
			api_set_outcome(&out[i], API_UNCONFIRMED, msg);
		} else if (hit) {
			api_set_outcome(&out[i], hit_list == 0 ? API_CREATED : API_EXISTING, NULL);
			snprintf(out[i].id, sizeof out[i].id, "%s", api_str(hit, "id"));
			/* Apollo's copy: of a match, for --existing update to compare
			 * with; of either, for the custom values it was made without */
			out[i].record = cJSON_Duplicate(hit, 1);
		} else {
			api_set_outcome(&out[i], API_UNCONFIRMED, rc.message[0] ? rc.message
			                : "Apollo's reply does not mention this account");
		}
	}
	cJSON_Delete(reply);
}

void api_create_account_batches(struct http_client *hc, const struct api_account_batch *b, size_t nb)
{
	struct batch_job job = { "POST", "accounts/bulk_create", "accounts/bulk_create",
	                         build_accounts, read_accounts, NULL, (void *)b, NULL };
	struct batch_group *g = calloc(nb + 1, sizeof *g);

	if (!g) {
		for (size_t i = 0; i < nb; i++)
			for (size_t k = 0; k < b[i].n; k++)
				api_set_outcome(&b[i].out[k], API_GAVE_UP, "out of memory");
		return;
	}
	for (size_t i = 0; i < nb; i++)
		g[i] = (struct batch_group){ b[i].n, API_BULK_MAX, b[i].out };
	run_batches(hc, &job, g, nb);
	free(g);
}

void api_create_accounts(struct http_client *hc, const struct api_account *a, size_t n,
                         struct api_item *out)
{
	struct api_account_batch b = { a, n, NULL, 0, out };
	api_create_account_batches(hc, &b, 1);
}

/* ---- emailer_campaigns/{id}/add_contact_ids ---- */

struct enrol_ctx {
	const struct api_enrol_options *opt;
	struct api_enrol_call *calls;
	const struct http_client *hc;      /* for Apollo's clock (apollo_start) */
};

/* what add_contact_ids' reply is read for */
static const struct reply_part enrol_parts[] = {
	{ "contacts", "{id!:s,contact_campaign_statuses:[{emailer_campaign_id:s,status:s,added_at:s,"
	              "inactive_reason:s}],emailer_campaign_ids:[s]}", true },
	{ "skipped_contact_ids", "{*:s}", false },
};

static cJSON *enrol_body(const struct api_enrol_options *opt, const char *unpause_at)
{
	static const struct {
		unsigned bit;
		const char *name;
	} flags[] = {
		{ ALLOW_NO_EMAIL, "sequence_no_email" },
		{ ALLOW_UNVERIFIED, "sequence_unverified_email" },
		{ ALLOW_JOB_CHANGE, "sequence_job_change" },
		{ ALLOW_ACTIVE_IN_OTHER, "sequence_active_in_other_campaigns" },
		{ ALLOW_FINISHED_IN_OTHER, "sequence_finished_in_other_campaigns" },
		{ ALLOW_SAME_COMPANY, "sequence_same_company_in_same_campaign" },
	};
	cJSON *body = cJSON_CreateObject();

	cJSON_AddStringToObject(body, "emailer_campaign_id", opt->sequence_id);
	if (opt->nmailboxes == 1)
		cJSON_AddStringToObject(body, "send_email_from_email_account_id", opt->mailbox_ids[0]);
	else
		cJSON_AddItemToObject(body, "send_email_from_email_account_id",
		                      string_array(opt->mailbox_ids, opt->nmailboxes));
	api_add_str(body, "user_id", opt->user_id);
	for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
		cJSON_AddBoolToObject(body, flags[i].name, (opt->allow & flags[i].bit) != 0);
	if (unpause_at) {
		cJSON_AddStringToObject(body, "status", "paused");
		cJSON_AddStringToObject(body, "auto_unpause_at", unpause_at);
	} else {
		cJSON_AddStringToObject(body, "status", "active");
	}
	return body;
}

static char *build_enrol(void *vctx, size_t group, size_t off, size_t n)
{
	struct enrol_ctx *ctx = vctx;
	struct api_enrol_call *c = &ctx->calls[group];
	cJSON *body = enrol_body(ctx->opt, c->unpause_at);
	cJSON_AddItemToObject(body, "contact_ids", string_array(c->ids + off, n));
	return api_print_and_free(body);
}

/* The contact's status in the sequence (contact_campaign_statuses), NULL
 * when the reply shows none; *in: it is in the sequence, by its statuses
 * or else its emailer_campaign_ids. A contact sent back with neither is
 * taken at its word: that shape is Apollo's older one. */
static const cJSON *sequence_status(const cJSON *contact, const char *seq, bool *in)
{
	const cJSON *statuses = cJSON_GetObjectItemCaseSensitive(contact, "contact_campaign_statuses"), *x;
	const cJSON *ids = cJSON_GetObjectItemCaseSensitive(contact, "emailer_campaign_ids");
	*in = true;
	if (cJSON_IsArray(statuses)) {
		cJSON_ArrayForEach(x, statuses)
			if (strcmp(api_str(x, "emailer_campaign_id"), seq) == 0)
				return x;
		*in = false;
		return NULL;
	}
	if (cJSON_IsArray(ids)) {
		*in = false;
		cJSON_ArrayForEach(x, ids)
			*in = *in || (cJSON_IsString(x) && strcmp(x->valuestring, seq) == 0);
	}
	return NULL;
}

/* Was the contact put in the sequence before this request, by its own
 * added_at against Apollo's clock at the run's first reply? Then this
 * request did not enrol it, whatever the reply lists. */
static bool added_before(const cJSON *status, const struct http_client *hc)
{
	struct api_membership m = { API_MEMBER_IN, "", 0 };
	return hc && parse_instant_precise(api_str(status, "added_at"), &m.added_at) &&
	       api_added_since(&m, hc->apollo_start) == API_ADDED_BEFORE;
}

/* One listed contact's outcome: enrolled (with how Apollo holds it, when
 * not as asked), or already in it (the reply dates it before the run). */
static void listed_outcome(struct api_item *it, const cJSON *contact, const struct enrol_ctx *ctx,
                           const struct api_enrol_call *c)
{
	bool in;
	const cJSON *st = sequence_status(contact, ctx->opt->sequence_id, &in);
	const char *status = api_str(st, "status"), *why = api_str(st, "inactive_reason");
	const char *asked = c->unpause_at ? "paused" : "active";
	char msg[400], st_q[48], why_q[128], at_q[48];

	if (!in) {
		api_set_outcome(it, API_UNCONFIRMED, "Apollo's reply lists this contact, but not in the sequence");
		return;
	}
	reply_quote(status, 40, st_q, sizeof st_q);
	reply_quote(why, 120, why_q, sizeof why_q);
	if (st && added_before(st, ctx->hc)) {
		snprintf(msg, sizeof msg, "Apollo's reply shows it in the sequence since %s, before this run%s%s%s%s",
		         reply_quote(api_str(st, "added_at"), 40, at_q, sizeof at_q), *status ? " (" : "", st_q,
		         *why ? ": " : "", *status ? why_q : "");
		if (*status)
			snprintf(msg + strlen(msg), sizeof msg - strlen(msg), ")");
		api_set_outcome(it, API_SKIPPED, msg);
		snprintf(it->reason, sizeof it->reason, "contacts_already_exists_in_current_campaign");
		return;
	}
	if (strcmp(status, "failed") == 0) {
		/* put in and failed at once (a bounce, a date past): not enrolled */
		snprintf(msg, sizeof msg, "Apollo put it in the sequence, but shows it failed%s%s",
		         *why ? ": " : "", why_q);
		api_set_outcome(it, API_REFUSED, msg);
		return;
	}
	if (*status && strcmp(status, asked) != 0) {
		/* enrolled, but not as asked: say how it stands */
		snprintf(msg, sizeof msg, "Apollo shows it %s%s%s", st_q, *why ? ": " : "", why_q);
		api_set_outcome(it, API_DONE, msg);
		return;
	}
	api_set_outcome(it, API_DONE, NULL);
}

static void read_enrol(void *vctx, size_t group, size_t off, size_t n, const struct http_request *req,
                       struct api_item *out)
{
	struct enrol_ctx *ctx = vctx;
	struct api_enrol_call *c = &ctx->calls[group];
	struct reply_check rc;
	cJSON *reply;
	const cJSON *skipped, *done;
	char msg[200];

	reply_check_init(&rc, "emailer_campaigns/add_contact_ids");
	reply = reply_usable(&rc, req->json, enrol_parts, sizeof enrol_parts / sizeof *enrol_parts);
	skipped = cJSON_GetObjectItemCaseSensitive(reply, "skipped_contact_ids");
	done = cJSON_GetObjectItemCaseSensitive(reply, "contacts");
	for (size_t i = 0; i < n; i++) {
		const char *id = c->ids[off + i];
		const cJSON *why = cJSON_GetObjectItemCaseSensitive(skipped, id), *item, *listed = NULL;
		snprintf(out[i].id, sizeof out[i].id, "%s", id);
		if (!reply) {
			snprintf(msg, sizeof msg, "unexpected reply from emailer_campaigns/%s/add_contact_ids",
			         ctx->opt->sequence_id);
			api_set_outcome(&out[i], API_UNCONFIRMED, msg);
			continue;
		}
		if (cJSON_IsString(why) && req->faults > 0 &&
		    strcmp(why->valuestring, "contacts_already_exists_in_current_campaign") == 0) {
			/* a try whose reply was lost enrolled it; this retry sees it there */
			api_set_outcome(&out[i], API_DONE, NULL);
			continue;
		}
		if (cJSON_IsString(why)) {
			api_set_outcome(&out[i], API_SKIPPED, NULL);
			snprintf(out[i].reason, sizeof out[i].reason, "%s", why->valuestring);
			continue;
		}
		cJSON_ArrayForEach(item, done)
			if (strcmp(api_str(item, "id"), id) == 0) {
				listed = item;
				break;
			}
		/* listed is not enough: it must be in the sequence now */
		if (listed)
			listed_outcome(&out[i], listed, ctx, c);
		else
			api_set_outcome(&out[i], API_UNCONFIRMED, rc.message[0] ? rc.message
			                : "Apollo's reply neither enrols nor skips this contact");
	}
	cJSON_Delete(reply);
}

void api_enrol(struct http_client *hc, const struct api_enrol_options *opt,
               struct api_enrol_call *calls, size_t ncalls)
{
	struct enrol_ctx ctx = { opt, calls, hc };
	char path[200];
	struct batch_job job = { "POST", "emailer_campaigns/add_contact_ids", path,
	                         build_enrol, read_enrol, NULL, &ctx, NULL };
	struct batch_group *g = calloc(ncalls ? ncalls : 1, sizeof *g);

	snprintf(path, sizeof path, "emailer_campaigns/%s/add_contact_ids", opt->sequence_id);
	if (!g) {
		for (size_t i = 0; i < ncalls; i++)
			for (size_t k = 0; k < calls[i].n; k++)
				api_set_outcome(&calls[i].out[k], API_GAVE_UP, "out of memory");
		return;
	}
	/* each call is one request; run_batches only splits one that gets a 422 */
	for (size_t i = 0; i < ncalls; i++)
		g[i] = (struct batch_group){ calls[i].n, calls[i].n ? calls[i].n : 1, calls[i].out };
	run_batches(hc, &job, g, ncalls);
	free(g);
}

void api_enrol_labels(struct http_client *hc, const struct api_enrol_options *opt,
                      struct api_enrol_call *call)
{
	struct http_request r, *pr = &r;
	cJSON *body = enrol_body(opt, call->unpause_at), *reply;
	struct reply_check rc;

	cJSON_AddItemToObject(body, "label_names", string_array(call->labels, call->nlabels));
	http_request_init(&r, "POST", "emailer_campaigns/add_contact_ids", api_print_and_free(body),
	                  "emailer_campaigns/%s/add_contact_ids", opt->sequence_id);
	http_run(hc, &pr, 1);
	reply_check_init(&rc, "emailer_campaigns/add_contact_ids");
	reply = r.outcome == HTTP_OK ? reply_usable(&rc, r.json, enrol_parts, sizeof enrol_parts / sizeof *enrol_parts)
	                             : NULL;
	if (r.outcome == HTTP_OK && (rc.message[0] || !cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(reply, "contacts")))) {
		/* not "0 enrolled": nobody can tell what it did */
		char msg[900];
		if (rc.message[0])
			snprintf(msg, sizeof msg, "%s, so what was enrolled is not known", rc.message);
		else
			snprintf(msg, sizeof msg, "emailer_campaigns/%s/add_contact_ids: the reply has no contacts list, so "
			         "what was enrolled is not known", opt->sequence_id);
		call->result = API_UNCONFIRMED;
		call->message = strdup(msg);
	} else if (r.outcome == HTTP_OK) {
		const cJSON *skipped = cJSON_GetObjectItemCaseSensitive(reply, "skipped_contact_ids"), *c;
		call->result = API_DONE;
		/* the contacts the reply shows in the sequence, and of them those
		 * it dates before the run: already there, not enrolled by it */
		call->enrolled = call->already = 0;
		cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(reply, "contacts")) {
			bool in;
			const cJSON *st = sequence_status(c, opt->sequence_id, &in);
			if (in && st && added_before(st, hc))
				call->already++;
			else if (in)
				call->enrolled++;
		}
		call->skipped = (unsigned long)cJSON_GetArraySize(skipped);
	} else {
		call->result = api_outcome_result(r.outcome);
		call->message = strdup(r.message);
	}
	cJSON_Delete(reply);
	http_request_free(&r);
}

/* ---- emailer_campaigns/remove_or_stop_contact_ids ---- */

struct unenrol_ctx {
	const char *sequence_id, *mode;
	const char *const *ids;
};

static char *build_unenrol(void *vctx, size_t group, size_t off, size_t n)
{
	struct unenrol_ctx *ctx = vctx;
	cJSON *body = cJSON_CreateObject();
	(void)group;
	cJSON_AddItemToObject(body, "emailer_campaign_ids", string_array(&ctx->sequence_id, 1));
	cJSON_AddItemToObject(body, "contact_ids", string_array(ctx->ids + off, n));
	cJSON_AddStringToObject(body, "mode", ctx->mode);
	return api_print_and_free(body);
}

/* The contact as remove_or_stop leaves it: its status in the sequence
 * (contact_campaign_statuses) is no longer active, or it is gone from the
 * sequence (remove). A contact sent back without its statuses is taken
 * at its word: that shape is Apollo's older one. */
static bool left_sequence(const cJSON *contact, const void *vseq, char *why, size_t whylen)
{
	const char *seq = vseq;
	const cJSON *statuses = cJSON_GetObjectItemCaseSensitive(contact, "contact_campaign_statuses"), *st;
	if (!cJSON_IsArray(statuses))
		return true;
	cJSON_ArrayForEach(st, statuses)
		if (strcmp(api_str(st, "emailer_campaign_id"), seq) == 0 && strcmp(api_str(st, "status"), "active") == 0) {
			snprintf(why, whylen, "Apollo's reply shows the contact still active in the sequence");
			return false;
		}
	return true;
}

static void read_unenrol(void *vctx, size_t group, size_t off, size_t n, const struct http_request *req,
                         struct api_item *out)
{
	static const struct reply_part parts[] = {
		{ "contacts", "{id!:s,contact_campaign_statuses:[{emailer_campaign_id:s,status:s}]}", true },
		{ "entity_progress_job", PROGRESS_JOB, false },
	};
	struct unenrol_ctx *ctx = vctx;
	struct reply_check rc;
	cJSON *reply;
	(void)group;

	reply_check_init(&rc, "emailer_campaigns/remove_or_stop_contact_ids");
	reply = reply_usable(&rc, req->json, parts, 2);
	for (size_t i = 0; i < n; i++) {
		confirm_item(&out[i], reply, &rc, ctx->ids[off + i], left_sequence, ctx->sequence_id);
		/* A reply that leaves the contact out may follow a try that did
		 * it: our retry after a lost answer, or libcurl's own unseen resend
		 * on a kept-alive connection that died. The caller looks at where
		 * the contact stands. */
		if (out[i].result == API_UNCONFIRMED && cJSON_IsObject(req->json))
			out[i].unsure = true;
	}
	cJSON_Delete(reply);
}

static const char *unenrol_item_id(void *vctx, size_t group, size_t index)
{
	struct unenrol_ctx *ctx = vctx;
	(void)group;
	return ctx->ids[index];
}

void api_unenrol(struct http_client *hc, const char *sequence_id, const char *mode,
                 const char *const *ids, size_t n, size_t per_call, struct api_item *out)
{
	struct unenrol_ctx ctx = { sequence_id, mode, ids };
	struct batch_job job = { "POST", "emailer_campaigns/remove_or_stop_contact_ids",
	                         "emailer_campaigns/remove_or_stop_contact_ids",
	                         build_unenrol, read_unenrol, unenrol_item_id, &ctx, NULL };
	struct batch_group g = { n, per_call, out };
	run_batches(hc, &job, &g, 1);
}

/* ---- contacts/update_stages, lists, PATCH contacts/{id} ---- */

/* One stage set on many contacts, or lists added to or taken from them:
 * ids share the request, so a change made to many contacts costs one
 * call a API_BULK_MAX_UPDATE of them. */
struct contacts_set_ctx {
	const char *endpoint;
	const char *key, *value;       /* update_stages */
	const char *const *names;      /* lists */
	size_t nnames;
	const char *const *ids;
	const char *modality;          /* lists: "contacts" or "accounts" */
};

static char *build_contacts_set(void *vctx, size_t group, size_t off, size_t n)
{
	struct contacts_set_ctx *ctx = vctx;
	cJSON *body = cJSON_CreateObject();
	(void)group;
	if (ctx->names) {
		cJSON_AddItemToObject(body, "entity_ids", string_array(ctx->ids + off, n));
		cJSON_AddItemToObject(body, "label_names", string_array(ctx->names, ctx->nnames));
		cJSON_AddStringToObject(body, "modality", ctx->modality);
	} else {
		cJSON_AddItemToObject(body, "contact_ids", string_array(ctx->ids + off, n));
		cJSON_AddStringToObject(body, ctx->key, ctx->value);
	}
	return api_print_and_free(body);
}

/* the contact as the change leaves it, where the reply shows the field */
static bool set_as_sent(const cJSON *contact, const void *vctx, char *why, size_t whylen)
{
	const struct contacts_set_ctx *ctx = vctx;
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(contact, ctx->key);
	if (!v || cJSON_IsNull(v) || strcmp(api_str(contact, ctx->key), ctx->value) == 0)
		return true;
	snprintf(why, whylen, "Apollo's reply shows %s %.60s, not the %.60s sent: the change is not confirmed",
	         ctx->key, api_str(contact, ctx->key), ctx->value);
	return false;
}

static void read_contacts_set(void *vctx, size_t group, size_t off, size_t n, const struct http_request *req,
                              struct api_item *out)
{
	static const struct reply_part parts[] = {
		{ "contacts", "{id!:s,contact_stage_id:s}", true },
		{ "entity_progress_job", PROGRESS_JOB, false },
	};
	struct contacts_set_ctx *ctx = vctx;
	struct reply_check rc;
	cJSON *reply;
	(void)group;

	reply_check_init(&rc, ctx->endpoint);
	reply = reply_usable(&rc, req->json, parts, 2);
	for (size_t i = 0; i < n; i++) {
		/* a reply without contacts (the lists endpoints answer with the
		 * lists; update_stages' reply is not documented) has nothing to
		 * confirm an item by: its 200 is taken */
		if (cJSON_IsObject(reply) && !cJSON_GetObjectItemCaseSensitive(reply, "contacts") &&
		    !cJSON_GetObjectItemCaseSensitive(reply, "entity_progress_job")) {
			snprintf(out[i].id, sizeof out[i].id, "%s", ctx->ids[off + i]);
			api_set_outcome(&out[i], API_DONE, NULL);
		} else {
			confirm_item(&out[i], reply, &rc, ctx->ids[off + i], ctx->names ? NULL : set_as_sent, ctx);
		}
	}
	cJSON_Delete(reply);
}

static const char *contacts_set_item_id(void *vctx, size_t group, size_t index)
{
	struct contacts_set_ctx *ctx = vctx;
	(void)group;
	return ctx->ids[index];
}

static void run_contacts_set(struct http_client *hc, struct contacts_set_ctx *ctx, size_t n, struct api_item *out)
{
	struct batch_job job = { "POST", ctx->endpoint, ctx->endpoint, build_contacts_set, read_contacts_set,
	                         contacts_set_item_id, ctx, NULL };
	struct batch_group g = { n, API_BULK_MAX_UPDATE, out };
	run_batches(hc, &job, &g, 1);
}

void api_set_contacts_stage(struct http_client *hc, const char *stage_id, const char *const *ids, size_t n,
                            struct api_item *out)
{
	struct contacts_set_ctx ctx = { "contacts/update_stages", "contact_stage_id", stage_id, NULL, 0, ids, NULL };
	run_contacts_set(hc, &ctx, n, out);
}

void api_change_lists(struct http_client *hc, const char *modality, bool add, const char *const *names,
                      size_t nnames, const char *const *ids, size_t n, struct api_item *out)
{
	struct contacts_set_ctx ctx = { add ? "labels/add_entity_ids_to_label_names"
	                                    : "labels/remove_entity_ids_from_label_names",
	                                NULL, NULL, names, nnames, ids, modality };
	run_contacts_set(hc, &ctx, n, out);
}

void api_change_contacts_lists(struct http_client *hc, bool add, const char *const *names, size_t nnames,
                               const char *const *ids, size_t n, struct api_item *out)
{
	api_change_lists(hc, "contacts", add, names, nnames, ids, n, out);
}

/* PATCH {records}/{id}, one record a call: the fields bulk_update does not
 * take (a contact's phones; an account's domain and phone), which the
 * single update does. The reply's {record} must be the one sent. */
static void patch_records(struct http_client *hc, const char *records, const char *record,
                          const struct api_update *u, size_t n, struct api_item *out)
{
	struct http_request *reqs = calloc(n + 1, sizeof *reqs);
	struct http_request **pr = calloc(n + 1, sizeof *pr);
	char spec[32], where[48];

	if (!reqs || !pr) {
		for (size_t i = 0; i < n; i++)
			api_set_outcome(&out[i], API_GAVE_UP, "out of memory");
		free(reqs);
		free(pr);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		cJSON *body = cJSON_CreateObject();
		for (size_t k = 0; k < u[i].n; k++)
			cJSON_AddStringToObject(body, u[i].name[k], u[i].value[k]);
		if (u[i].typed_custom_fields)
			cJSON_AddItemToObject(body, "typed_custom_fields", cJSON_Parse(u[i].typed_custom_fields));
		http_request_init(&reqs[i], "PATCH", records, api_print_and_free(body), "%s/%s", records, u[i].id);
		pr[i] = &reqs[i];
	}
	http_run(hc, pr, n);
	snprintf(spec, sizeof spec, "{id!:s}");
	snprintf(where, sizeof where, "%s/{id}", records);
	for (size_t i = 0; i < n; i++) {
		const struct reply_part parts[] = { { record, spec, false } };
		struct reply_check rc;
		cJSON *reply;
		snprintf(out[i].id, sizeof out[i].id, "%s", u[i].id);
		if (reqs[i].outcome != HTTP_OK) {
			api_set_outcome(&out[i], api_outcome_result(reqs[i].outcome), reqs[i].message);
			continue;
		}
		reply_check_init(&rc, where);
		reply = reply_usable(&rc, reqs[i].json, parts, 1);
		if (strcmp(api_str(cJSON_GetObjectItemCaseSensitive(reply, record), "id"), u[i].id) == 0)
			api_set_outcome(&out[i], API_DONE, NULL);
		else
			api_set_outcome(&out[i], API_UNCONFIRMED, rc.message[0] ? rc.message
			                : "Apollo's reply is not the record changed: the change is not confirmed");
		cJSON_Delete(reply);
	}
	for (size_t i = 0; i < n; i++)
		http_request_free(&reqs[i]);
	free(reqs);
	free(pr);
}

void api_patch_contacts(struct http_client *hc, const struct api_update *u, size_t n, struct api_item *out)
{
	patch_records(hc, "contacts", "contact", u, n, out);
}

void api_patch_accounts(struct http_client *hc, const struct api_update *u, size_t n, struct api_item *out)
{
	patch_records(hc, "accounts", "account", u, n, out);
}

/* ---- accounts/bulk_update ---- */

static char *build_account_update(void *vctx, size_t group, size_t off, size_t n)
{
	(void)group;
	return build_attributes(vctx, off, n, "account_attributes");
}

/* the account as the change leaves it: each field sent, where the reply
 * shows it, holds the value sent (a custom value Apollo did not take is
 * handed to the caller in the item's custom_field_errors: the rest stands) */
static bool account_as_sent(const cJSON *a, const struct api_update *u, char *why, size_t whylen)
{
	for (size_t k = 0; k < u->n; k++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(a, u->name[k]);
		if (cJSON_IsString(v) && strcmp(v->valuestring, u->value[k]) != 0) {
			snprintf(why, whylen, "Apollo's reply shows %s \"%.100s\", not the value sent (\"%.100s\"): the change "
			         "is not confirmed", u->name[k], v->valuestring, u->value[k]);
			return false;
		}
	}
	return true;
}

static void read_account_update(void *vctx, size_t group, size_t off, size_t n, const struct http_request *req,
                                struct api_item *out)
{
	static const struct reply_part parts[] = {
		{ "accounts", "{id!:s,name:s,owner_id:s,account_stage_id:s,custom_field_errors:o}", true },
		{ "entity_progress_job", PROGRESS_JOB, false },
	};
	const struct api_update *u = vctx;
	struct reply_check rc;
	cJSON *reply;
	(void)group;

	reply_check_init(&rc, "accounts/bulk_update");
	reply = reply_usable(&rc, req->json, parts, 2);
	for (size_t i = 0; i < n; i++) {
		const struct api_update *want = &u[off + i];
		const cJSON *a, *hit = NULL;
		const char *job;
		char msg[700] = "";
		snprintf(out[i].id, sizeof out[i].id, "%s", want->id);
		cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(reply, "accounts"))
			if (strcmp(api_str(a, "id"), want->id) == 0)
				hit = a;
		if (!cJSON_IsObject(reply))
			api_set_outcome(&out[i], API_UNCONFIRMED, "unexpected reply from accounts/bulk_update");
		else if (hit && account_as_sent(hit, want, msg, sizeof msg)) {
			api_set_outcome(&out[i], API_DONE, NULL);
			free(out[i].custom_field_errors);
			out[i].custom_field_errors = api_custom_field_errors(hit);
		}
		else if (!hit && (job = reply_job_for(reply, want->id))) {
			api_set_outcome(&out[i], API_DONE, NULL);
			snprintf(out[i].reason, sizeof out[i].reason, "%s", *job ? job : "?");
		} else
			api_set_outcome(&out[i], API_UNCONFIRMED, *msg ? msg : rc.message[0] ? rc.message
			                : "Apollo did not confirm this change");
	}
	cJSON_Delete(reply);
}

void api_update_accounts(struct http_client *hc, const struct api_update *u, size_t n, struct api_item *out)
{
	/* account_attributes, each with its own fields: up to 1,000 a request,
	 * answered at once (Apollo makes a job only of account_ids with async) */
	struct batch_job job = { "POST", "accounts/bulk_update", "accounts/bulk_update", build_account_update,
	                         read_account_update, update_item_id, (void *)u, NULL };
	struct batch_group g = { n, API_BULK_UPDATE_MAX, out };
	run_batches(hc, &job, &g, 1);
}

/* ---- look-ups ---- */

/* What the look-ups and readers take from the items of each list, by the
 * path of its endpoint: an item with a field of another type fails the
 * whole list (a list short of it would pass for all there is). */
#define CONTACT_ROW                                                                                 \
	"{id!:s,first_name:s,last_name:s,name:s,email:s,title:s,organization_name:s,linkedin_url:s,"   \
	"present_raw_address:s,email_status:s,sanitized_phone:s,phone_numbers:[{sanitized_number:s,type:s,"\
	"raw_number:s}],city:s,state:s,country:s,time_zone:s,account_id:s,owner_id:s,label_ids:[s],"   \
	"contact_stage_id:s,created_at:s,typed_custom_fields:o,contact_campaign_statuses:[{emailer_campaign_id:s,status:s,"\
	"current_step_position:n,added_at:s,finished_at:s,failure_reason:s,inactive_reason:s}]}"
static const struct {
	const char *path, *item;
} list_items[] = {
	{ "emailer_campaigns/search", "{id!:s,name:s,active:b,archived:b,num_steps:n,created_at:s}" },
	{ "users/search", "{id!:s,email:s,name:s,first_name:s,last_name:s}" },
	{ "email_accounts", "{id!:s,email:s,active:b}" },
	{ "labels", "{id!:s,name:s,modality:s}" },
	{ "contact_stages", "{id!:s,name:s,display_name:s}" },
	{ "account_stages", "{id!:s,name:s,display_name:s}" },
	{ "opportunity_stages", "{id!:s,name:s,opportunity_pipeline_id:s,pipeline_id:s,opportunity_pipeline_name:s,"
	                        "pipeline_name:s,opportunity_pipeline:{name:s}}" },
	{ "accounts/search", "{id!:s,domain:s,name:s}" },
	{ "opportunities/search", "{id!:s,name:s,account_id:s,closed_date:s,amount:f,opportunity_stage_id:s,"
	                          "owner_id:s,created_at:s}" },
	{ "tasks/search", "{id!:s,contact_id:s,type:s,note:s,title:s,due_at:s,priority:s,user_id:s,created_at:s}" },
	{ "contacts/search", CONTACT_ROW },
};

#define PAGINATION "{page:n,per_page:n,total_entries:n,total_pages:n}"

/* Can the list `key` of this reply to page `page` (0: not paged) of path
 * be read as it is? A reply without the list it should carry is a
 * failure, never an empty list: "no such stage" must not come from a
 * reply nobody could read. false, with r a failure saying why: no list, an item
 * or the pagination with a field of another type, or another page than
 * the one asked for (Apollo did not take the page asked for: reading on
 * would read the same page again and again, and pass for all there is). */
static bool list_readable(struct http_request *r, const char *path, const char *key, long page)
{
	const cJSON *list = cJSON_IsArray(r->json) ? r->json : cJSON_GetObjectItemCaseSensitive(r->json, key);
	const cJSON *pg = cJSON_GetObjectItemCaseSensitive(r->json, "pagination");
	struct reply_check rc;
	long got;

	reply_check_init(&rc, path);
	if (!cJSON_IsArray(list)) {
		snprintf(r->message, sizeof r->message, "%s: the reply has no %s list", path, key);
	} else {
		for (size_t i = 0; i < sizeof list_items / sizeof *list_items; i++) {
			const cJSON *item;
			size_t k = 0;
			if (strcmp(list_items[i].path, path) != 0)
				continue;
			cJSON_ArrayForEach(item, list) {
				char where[160];
				snprintf(where, sizeof where, "%s[%zu]", cJSON_IsArray(r->json) ? "" : key, k++);
				if (!reply_shape(&rc, item, where, list_items[i].item))
					break;
			}
		}
		if (!rc.message[0] && !cJSON_IsArray(r->json))
			reply_member(&rc, r->json, "", "pagination", PAGINATION);
		if (rc.message[0]) {
			snprintf(r->message, sizeof r->message, "%s", rc.message);
		} else if (page > 0 && (got = api_number(cJSON_GetObjectItemCaseSensitive(pg, "page"), -1)) >= 0 &&
		           got != page) {
			snprintf(r->message, sizeof r->message, "%s: asked for page %ld, the reply is page %ld: Apollo did "
			         "not take the page asked for, so the %s list cannot be read whole", path, page, got, key);
		} else {
			return true;
		}
	}
	r->outcome = HTTP_GAVE_UP;
	return false;
}

/* After page `page` of a search: 1 when there is another page to read, 0
 * when this was the last, -1 when the list goes on past the last page
 * Apollo shows. The number of pages is Apollo's (total_pages, else
 * total_entries); a reply with neither is not taken to say "no more":
 * a full page is followed by the next. */
static int next_page(const cJSON *reply, const char *key, long page)
{
	const cJSON *pg = cJSON_GetObjectItemCaseSensitive(reply, "pagination");
	long pages = api_number(cJSON_GetObjectItemCaseSensitive(pg, "total_pages"), -1);
	long entries = api_number(cJSON_GetObjectItemCaseSensitive(pg, "total_entries"), -1);

	if (pages < 0 && entries >= 0)
		pages = (entries + API_PAGE_SIZE - 1) / API_PAGE_SIZE;
	if (pages < 0)
		pages = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(reply, key)) >= API_PAGE_SIZE ? page + 1
		                                                                                           : page;
	if (page >= pages)
		return 0;
	return page < API_PAGE_CAP ? 1 : -1;
}

int api_search_all(struct http_client *hc, const char *path, const char *key, const cJSON *filters,
                   bool optional, cJSON *out, struct http_request *failed)
{
	for (long page = 1;; page++) {
		struct http_request r, *pr = &r;
		cJSON *body = filters ? cJSON_Duplicate(filters, 1) : cJSON_CreateObject(), *item;
		int more;

		cJSON_AddNumberToObject(body, "page", (double)page);
		cJSON_AddNumberToObject(body, "per_page", API_PAGE_SIZE);
		http_request_init(&r, "POST", path, api_print_and_free(body), "%s", path);
		r.optional = optional;
		http_run(hc, &pr, 1);
		if (r.outcome != HTTP_OK) {
			api_keep_failure(failed, &r);
			http_request_free(&r);
			return -1;
		}
		if (!list_readable(&r, path, key, page)) {
			api_keep_failure(failed, &r);
			http_request_free(&r);
			return -1;
		}
		cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(r.json, key))
			cJSON_AddItemToArray(out, cJSON_Duplicate(item, 1));
		if ((more = next_page(r.json, key, page)) < 0) {
			/* the rest cannot be read: a list cut short would pass for
			 * all there is ("no such user", "not made, send again") */
			r.outcome = HTTP_GAVE_UP;
			snprintf(r.message, sizeof r.message, "%s: more than %d pages of %d; Apollo shows no more, so "
			         "the %s list cannot be read whole", path, API_PAGE_CAP, API_PAGE_SIZE, key);
			api_keep_failure(failed, &r);
			http_request_free(&r);
			return -1;
		}
		http_request_free(&r);
		if (!more)
			break;
	}
	return 0;
}

/* every page of a list searched by name (q_name; NULL: all) */
static int list_pages(struct http_client *hc, const char *path, const char *key,
                      const char *q_name, bool optional, cJSON *out, struct http_request *failed)
{
	cJSON *filters = cJSON_CreateObject();
	int rc;
	api_add_str(filters, "q_name", q_name);
	rc = api_search_all(hc, path, key, filters, optional, out, failed);
	cJSON_Delete(filters);
	return rc;
}

int api_list_sequences(struct http_client *hc, const char *q_name, cJSON *out,
                       struct http_request *failed)
{
	return list_pages(hc, "emailer_campaigns/search", "emailer_campaigns", q_name, false, out, failed);
}

int api_list_users(struct http_client *hc, bool optional, cJSON *out, struct http_request *failed)
{
	return list_pages(hc, "users/search", "users", NULL, optional, out, failed);
}

int api_list_mailboxes(struct http_client *hc, cJSON *out, struct http_request *failed)
{
	struct http_request r, *pr = &r;
	const cJSON *item;

	http_request_init(&r, "GET", "email_accounts", NULL, "email_accounts");
	http_run(hc, &pr, 1);
	if (r.outcome != HTTP_OK) {
		api_keep_failure(failed, &r);
		http_request_free(&r);
		return -1;
	}
	if (!list_readable(&r, "email_accounts", "email_accounts", 0)) {
		api_keep_failure(failed, &r);
		http_request_free(&r);
		return -1;
	}
	cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(r.json, "email_accounts"))
		cJSON_AddItemToArray(out, cJSON_Duplicate(item, 1));
	http_request_free(&r);
	return 0;
}

/* ---- contacts/search ---- */

static char *build_search(const struct api_contact_query *q, long page)
{
	cJSON *body = cJSON_CreateObject();
	api_add_str(body, "q_keywords", q->q_keywords);
	if (q->nlabels)
		cJSON_AddItemToObject(body, "contact_label_ids", string_array(q->label_ids, q->nlabels));
	if (q->nstages)
		cJSON_AddItemToObject(body, "contact_stage_ids", string_array(q->stage_ids, q->nstages));
	if (q->sort_by_field) {
		cJSON_AddStringToObject(body, "sort_by_field", q->sort_by_field);
		cJSON_AddBoolToObject(body, "sort_ascending", q->ascending);
	}
	cJSON_AddNumberToObject(body, "page", (double)page);
	cJSON_AddNumberToObject(body, "per_page", API_PAGE_SIZE);
	return api_print_and_free(body);
}

int api_search_contacts(struct http_client *hc, const struct api_contact_query *q,
                        const long *pages, size_t n, cJSON **out, long *total,
                        struct http_request *failed)
{
	struct http_request *reqs = calloc(n ? n : 1, sizeof *reqs);
	struct http_request **pr = calloc(n ? n : 1, sizeof *pr);
	int rc = 0;

	if (!reqs || !pr) {
		free(reqs);
		free(pr);
		memset(failed, 0, sizeof *failed);
		failed->outcome = HTTP_GAVE_UP;
		snprintf(failed->message, sizeof failed->message, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		http_request_init(&reqs[i], "POST", "contacts/search", build_search(q, pages[i]), "contacts/search");
		pr[i] = &reqs[i];
	}
	http_run(hc, pr, n);
	for (size_t i = 0; i < n; i++) {
		cJSON *item, *list;
		const cJSON *pg;
		if (reqs[i].outcome != HTTP_OK) {
			if (!rc)
				api_keep_failure(failed, &reqs[i]);
			rc = -1;
			continue;
		}
		if (!list_readable(&reqs[i], "contacts/search", "contacts", pages[i])) {
			if (!rc)
				api_keep_failure(failed, &reqs[i]);
			rc = -1;
			continue;
		}
		/* moved, not copied: the reply is freed below (a copy of every
		 * contact was a third of an export's malloc time) */
		list = cJSON_GetObjectItemCaseSensitive(reqs[i].json, "contacts");
		while ((item = cJSON_DetachItemFromArray(list, 0)) != NULL)
			cJSON_AddItemToArray(out[i], item);
		/* total_entries may come as a number or a string; left alone if absent */
		pg = cJSON_GetObjectItemCaseSensitive(reqs[i].json, "pagination");
		*total = api_number(cJSON_GetObjectItemCaseSensitive(pg, "total_entries"), *total);
	}
	for (size_t i = 0; i < n; i++)
		http_request_free(&reqs[i]);
	free(reqs);
	free(pr);
	return rc;
}

/* GET path: the items of `key`, or the body itself when it is an array */
static int list_get(struct http_client *hc, const char *path, const char *key, bool optional,
                    cJSON *out, struct http_request *failed)
{
	struct http_request r, *pr = &r;
	const cJSON *list, *item;

	http_request_init(&r, "GET", path, NULL, "%s", path);
	r.optional = optional;
	http_run(hc, &pr, 1);
	if (r.outcome != HTTP_OK) {
		api_keep_failure(failed, &r);
		http_request_free(&r);
		return -1;
	}
	if (!list_readable(&r, path, key, 0)) {
		api_keep_failure(failed, &r);
		http_request_free(&r);
		return -1;
	}
	list = cJSON_IsArray(r.json) ? r.json : cJSON_GetObjectItemCaseSensitive(r.json, key);
	cJSON_ArrayForEach(item, list)
		cJSON_AddItemToArray(out, cJSON_Duplicate(item, 1));
	http_request_free(&r);
	return 0;
}

int api_list_labels(struct http_client *hc, cJSON *out, struct http_request *failed)
{
	return list_get(hc, "labels", "labels", false, out, failed);
}

int api_list_contact_stages(struct http_client *hc, bool optional, cJSON *out,
                            struct http_request *failed)
{
	return list_get(hc, "contact_stages", "contact_stages", optional, out, failed);
}

int api_list_deal_stages(struct http_client *hc, cJSON *out, struct http_request *failed)
{
	return list_get(hc, "opportunity_stages", "opportunity_stages", false, out, failed);
}

int api_list_account_stages(struct http_client *hc, bool optional, cJSON *out, struct http_request *failed)
{
	return list_get(hc, "account_stages", "account_stages", optional, out, failed);
}

int api_list_accounts(struct http_client *hc, cJSON *out, struct http_request *failed)
{
	return api_search_all(hc, "accounts/search", "accounts", NULL, false, out, failed);
}

const char *api_scope_doing(const char *scope)
{
	static const struct {
		const char *scope, *words;
	} doing[] = {
		{ "contacts/bulk_create", "creating contacts" },
		{ "contacts/bulk_update", "updating contacts" },
		{ "contacts/search", "looking up contacts" },
		{ "contacts", "looking up contacts" },
		{ "accounts/bulk_create", "creating accounts" },
		{ "accounts/bulk_update", "updating accounts" },
		{ "emailer_campaigns/add_contact_ids", "enrolling" },
		{ "emailer_campaigns/remove_or_stop_contact_ids", "unenrolling" },
		{ "emailer_campaigns/search", "looking up sequences" },
		{ "people/bulk_match", "enriching" },
		{ "organizations/bulk_enrich", "enriching" },
		{ "mixed_people/api_search", "searching people" },
		{ "tasks/bulk_create", "creating tasks" },
		{ "tasks", "creating tasks" },
		{ "opportunities", "creating deals" },
		{ "labels", "looking up lists" },
	};
	for (size_t i = 0; scope && i < sizeof doing / sizeof doing[0]; i++)
		if (strcmp(scope, doing[i].scope) == 0)
			return doing[i].words;
	return "talking to Apollo";
}
