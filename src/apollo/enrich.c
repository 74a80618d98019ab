/* apollo/enrich.c - see apollo/enrich.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "apollo/enrich.h"
#include "apollo/reply_shape.h"

static cJSON *detail_json(const struct api_person_query *q)
{
	cJSON *d = cJSON_CreateObject();
	api_add_str(d, "id", q->id);
	api_add_str(d, "first_name", q->first_name);
	api_add_str(d, "last_name", q->last_name);
	api_add_str(d, "name", q->name);
	api_add_str(d, "organization_name", q->organization_name);
	api_add_str(d, "domain", q->domain);
	api_add_str(d, "linkedin_url", q->linkedin_url);
	return d;
}

static bool same(const char *a, const char *b)
{
	return a && b && *a && *b && strcasecmp(a, b) == 0;
}

/* does Apollo's person fit the question? (the order of `matches` is not
 * documented: a match in place is checked, and looked for elsewhere when
 * it does not fit) */
static bool fits(const cJSON *p, const struct api_person_query *q)
{
	if (!cJSON_IsObject(p))
		return false;
	if (*(q->id ? q->id : ""))
		return same(api_str(p, "id"), q->id);
	if (*(q->linkedin_url ? q->linkedin_url : "") && *api_str(p, "linkedin_url"))
		return strstr(api_str(p, "linkedin_url"), q->linkedin_url) ||
		       strstr(q->linkedin_url, api_str(p, "linkedin_url"));
	if (*(q->first_name ? q->first_name : "") && *(q->last_name ? q->last_name : ""))
		return same(api_str(p, "first_name"), q->first_name) && same(api_str(p, "last_name"), q->last_name);
	return same(api_str(p, "name"), q->name);
}

/* The credits a reply says it consumed (a fraction, or a number as a
 * string; a reply that checked credits_consumed as f). One that does not
 * say (the documented organizations/bulk_enrich reply) is not taken to
 * have cost nothing: `found` (the records it holds, a credit each at most)
 * goes to credits->uncounted. */
static void add_credits(struct api_credits *credits, const cJSON *reply, double found)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(reply, "credits_consumed");
	struct reply_check rc;

	reply_check_init(&rc, "credits");
	if (cJSON_IsNumber(v) && reply_shape(&rc, v, "credits_consumed", "f"))
		credits->used += v->valuedouble;
	else if (cJSON_IsString(v) && reply_shape(&rc, v, "credits_consumed", "f"))
		credits->used += strtod(v->valuestring, NULL);
	else
		credits->uncounted += found;
}

/* the objects in a reply's list (records found, a credit each at most) */
static double objects_in(const cJSON *reply, const char *key)
{
	const cJSON *x;
	double n = 0;
	cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(reply, key))
		n += cJSON_IsObject(x);
	return n;
}

static bool same_domain(const cJSON *org, const char *domain);

/* do the person's company and the question's agree (both known)? */
static bool same_company(const cJSON *p, const struct api_person_query *q)
{
	const cJSON *org = cJSON_GetObjectItemCaseSensitive(p, "organization");
	const char *name = *api_str(org, "name") ? api_str(org, "name") : api_str(p, "organization_name");
	if (q->domain && *q->domain && cJSON_IsObject(org) && same_domain(org, q->domain))
		return true;
	return same(name, q->organization_name);
}

static bool claims(const cJSON *p, const struct api_person_query *q, bool by_company)
{
	return p && fits(p, q) && (!by_company || same_company(p, q));
}

#define NO_MATCH ((size_t)-1)

/* The person (of m[0..count), NULL: taken or none) question i claims,
 * when it claims only that one and no other question left claims it;
 * else NO_MATCH. */
static size_t only_candidate(const cJSON *const *m, size_t count, const struct api_person_query *q,
                             const size_t *idx, size_t n, const bool *settled, size_t i, bool by_company)
{
	size_t hit = NO_MATCH;
	for (size_t k = 0; k < count; k++)
		if (claims(m[k], &q[idx[i]], by_company)) {
			if (hit != NO_MATCH)
				return NO_MATCH;
			hit = k;
		}
	for (size_t j = 0; hit != NO_MATCH && j < n; j++)
		if (j != i && !settled[j] && claims(m[hit], &q[idx[j]], by_company))
			return NO_MATCH;
	return hit;
}

/* One call's answer: each question's person, or nobody. The order of
 * `matches` is not documented, so a person is given to a question only
 * when each is the other's one candidate: by name (fits), else by name
 * and company; again while that settles more. A question some person
 * fits but cannot be given is API_UNCONFIRMED naming them: two of one
 * name are not guessed between. The call asked q[idx[0..n)], whose
 * outcomes go to out[idx[...]]. */
/* what a match is read for: who it is, its company, its email */
#define MATCHED_PERSON                                                                              \
	"{id!:s,first_name:s,last_name:s,name:s,title:s,linkedin_url:s,email:s,organization_name:s,"  \
	"organization:{name:s,primary_domain:s,domain:s,website_url:s}}"

static void read_matches(const cJSON *reply, const struct api_person_query *q, const size_t *idx, size_t n,
                         struct api_item *out)
{
	const cJSON *matches = cJSON_GetObjectItemCaseSensitive(reply, "matches");
	size_t count = (size_t)cJSON_GetArraySize(matches);
	const cJSON **m = calloc(count + 1, sizeof *m);
	bool *settled = calloc(n + 1, sizeof *settled), progress = true;
	struct reply_check rc;

	/* one person of another shape could be anyone's: the call answers none */
	reply_check_init(&rc, "people/bulk_match");
	if (m && settled && cJSON_IsArray(matches))
		reply_member(&rc, reply, "", "matches", "[" MATCHED_PERSON "]");
	if (!cJSON_IsArray(matches) || !m || !settled || rc.message[0]) {
		for (size_t i = 0; i < n; i++)
			api_set_outcome(&out[idx[i]], !m || !settled ? API_GAVE_UP : API_UNCONFIRMED,
			                !m || !settled ? "out of memory" : rc.message[0] ? rc.message
			                : "people/bulk_match: the reply has no matches list");
		goto done;
	}
	for (size_t k = 0; k < count; k++) {
		const cJSON *p = cJSON_GetArrayItem(matches, (int)k);
		m[k] = cJSON_IsObject(p) ? p : NULL;
	}
	while (progress) {
		progress = false;
		for (int by_company = 0; by_company < 2 && !progress; by_company++)
			for (size_t i = 0; i < n; i++) {
				size_t k = settled[i] ? NO_MATCH : only_candidate(m, count, q, idx, n, settled, i, by_company);
				struct api_item *it = &out[idx[i]];
				if (k == NO_MATCH)
					continue;
				api_set_outcome(it, API_DONE, NULL);
				it->record = cJSON_Duplicate(m[k], 1);
				snprintf(it->id, sizeof it->id, "%s", api_str(m[k], "id"));
				m[k] = NULL;
				settled[i] = progress = true;
			}
	}
	for (size_t i = 0; i < n; i++) {
		char ids[300] = "", msg[500];
		int fit = 0;
		if (settled[i])
			continue;
		for (size_t k = 0; k < count; k++)
			if (claims(m[k], &q[idx[i]], false))
				fit = api_add_id(ids, sizeof ids, fit, api_str(m[k], "id"));
		if (!fit) {
			api_set_outcome(&out[idx[i]], API_DONE, NULL);   /* Apollo found nobody */
			continue;
		}
		snprintf(msg, sizeof msg, "people/bulk_match: which person in Apollo's reply is this row's cannot "
		         "be told (these fit it: %s)", ids);
		api_set_outcome(&out[idx[i]], API_UNCONFIRMED, msg);
	}
done:
	free(m);
	free(settled);
}

/* One round: the calls for q[idx[...]] in groups of 10, all at once.
 * The items of calls whose answer was lost go to again[] while the
 * allowance has room for asking about them again (what may have been
 * spent, and one credit for each item already going again), else they
 * are API_UNKNOWN. */
static size_t match_round(struct http_client *hc, const struct api_person_query *q, const size_t *idx,
                          size_t n, struct api_item *out, struct api_credits *credits, double allowance,
                          double *spent, size_t *again)
{
	size_t ncalls = (n + API_MATCH_MAX - 1) / API_MATCH_MAX, nagain = 0;
	struct http_request *reqs = calloc(ncalls + 1, sizeof *reqs);
	struct http_request **pr = calloc(ncalls + 1, sizeof *pr);

	if (!reqs || !pr) {
		for (size_t i = 0; i < n; i++)
			api_set_outcome(&out[idx[i]], API_GAVE_UP, "out of memory");
		goto done;
	}
	for (size_t c = 0; c < ncalls; c++) {
		size_t off = c * API_MATCH_MAX, k = n - off < API_MATCH_MAX ? n - off : API_MATCH_MAX;
		cJSON *body = cJSON_CreateObject(), *details = cJSON_AddArrayToObject(body, "details");
		for (size_t i = 0; i < k; i++)
			cJSON_AddItemToArray(details, detail_json(&q[idx[off + i]]));
		http_request_init(&reqs[c], "POST", "people/bulk_match", api_print_and_free(body), "people/bulk_match");
		/* a key that may not enrich still imports: no stop on a 403 */
		reqs[c].optional = true;
		/* a call charged twice costs credits: none is sent again blindly */
		reqs[c].once = true;
		pr[c] = &reqs[c];
	}
	http_run(hc, pr, ncalls);
	/* first what the round cost (a lost answer: all it may have), then
	 * which lost items there is room to ask about again */
	for (size_t c = 0; c < ncalls; c++) {
		size_t off = c * API_MATCH_MAX, k = n - off < API_MATCH_MAX ? n - off : API_MATCH_MAX;
		const struct http_request *r = &reqs[c];
		if (r->outcome == HTTP_OK) {
			double before = credits->used + credits->uncounted;
			add_credits(credits, r->json, objects_in(r->json, "matches"));
			*spent += credits->used + credits->uncounted - before;
			read_matches(r->json, q, idx + off, k, out);
		} else if (r->outcome == HTTP_GAVE_UP && r->maybe_done) {
			credits->maybe += (double)k;
			*spent += (double)k;
		} else {
			for (size_t i = 0; i < k; i++)
				api_set_outcome(&out[idx[off + i]], api_outcome_result(r->outcome), r->message);
		}
	}
	for (size_t c = 0; c < ncalls; c++) {
		size_t off = c * API_MATCH_MAX, k = n - off < API_MATCH_MAX ? n - off : API_MATCH_MAX;
		const struct http_request *r = &reqs[c];
		for (size_t i = 0; r->outcome == HTTP_GAVE_UP && r->maybe_done && i < k; i++) {
			if (allowance < 0 || *spent + (double)(nagain + 1) <= allowance) {
				again[nagain++] = idx[off + i];
				api_set_outcome(&out[idx[off + i]], API_NONE, r->message);
			} else {
				char msg[800];
				snprintf(msg, sizeof msg, "%s, and the credit limit leaves no room to ask again", r->message);
				api_set_outcome(&out[idx[off + i]], API_UNKNOWN, msg);
			}
		}
		http_request_free(&reqs[c]);
	}
done:
	free(reqs);
	free(pr);
	return nagain;
}

void api_match_people(struct http_client *hc, const struct api_person_query *q, size_t n,
                      double allowance, struct api_item *out, struct api_credits *credits)
{
	size_t *idx = calloc(n + 1, sizeof *idx), *again = calloc(n + 1, sizeof *again), m = n;
	double spent = 0;

	if (!idx || !again) {
		for (size_t i = 0; i < n; i++)
			api_set_outcome(&out[i], API_GAVE_UP, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	for (int tries = 0; m; tries++) {
		m = match_round(hc, q, idx, m, out, credits, allowance, &spent, again);
		if (tries >= hc->opt.retries) {
			for (size_t i = 0; i < m; i++) {
				char msg[800];
				snprintf(msg, sizeof msg, "%s (gave up after %d tries)", out[again[i]].message ?
				         out[again[i]].message : "no answer", tries + 1);
				api_set_outcome(&out[again[i]], API_GAVE_UP, msg);
			}
			break;
		}
		memcpy(idx, again, m * sizeof *idx);
	}
done:
	free(idx);
	free(again);
}

const char *api_person_email(const cJSON *person)
{
	const char *e = api_str(person, "email");
	/* Apollo hides an address it may not show behind a placeholder */
	if (strstr(e, "email_not_unlocked"))
		return "";
	return e;
}

/* ---- prospecting ---- */

static bool same_domain(const cJSON *org, const char *domain)
{
	static const char *const keys[] = { "primary_domain", "domain", "website_url" };
	for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
		const char *v = api_str(org, keys[k]);
		const char *host = strstr(v, "://") ? strstr(v, "://") + 3 : v;
		size_t n = strlen(domain);
		if (strncasecmp(host, "www.", 4) == 0)
			host += 4;
		if (strncasecmp(host, domain, n) == 0 && (host[n] == '\0' || host[n] == '/'))
			return true;
	}
	return false;
}

/* One call's answer: each domain's organization, or none. */
static void read_organizations(const cJSON *reply, const char *const *domains, size_t n,
                               struct api_item *out)
{
	const cJSON *orgs = cJSON_GetObjectItemCaseSensitive(reply, "organizations"), *o;
	struct reply_check rc;

	/* an organization of another shape could be any domain's */
	reply_check_init(&rc, "organizations/bulk_enrich");
	if (cJSON_IsArray(orgs))
		reply_member(&rc, reply, "", "organizations", "[{id!:s,name:s,primary_domain:s,domain:s,website_url:s}]");
	for (size_t i = 0; i < n; i++) {
		const cJSON *hit = NULL;
		int fit = 0;
		char ids[300] = "", msg[500];
		/* no list is no answer, not "Apollo has none" */
		if (!cJSON_IsArray(orgs) || rc.message[0]) {
			api_set_outcome(&out[i], API_UNCONFIRMED, rc.message[0] ? rc.message : "organizations/bulk_enrich: "
			                "the reply has no organizations list");
			continue;
		}
		cJSON_ArrayForEach(o, orgs)
			if (cJSON_IsObject(o) && same_domain(o, domains[i])) {
				hit = hit ? hit : o;
				fit = api_add_id(ids, sizeof ids, fit, api_str(o, "id"));
			}
		if (fit > 1) {
			snprintf(msg, sizeof msg, "organizations/bulk_enrich: %d organizations in Apollo's reply have "
			         "this domain (%s): which is meant cannot be told", fit, ids);
			api_set_outcome(&out[i], API_UNCONFIRMED, msg);
			continue;
		}
		api_set_outcome(&out[i], API_DONE, NULL);
		if (hit) {
			out[i].record = cJSON_Duplicate(hit, 1);
			snprintf(out[i].id, sizeof out[i].id, "%s", api_str(hit, "id"));
		}
	}
}

void api_enrich_organizations(struct http_client *hc, const char *const *domains, size_t n,
                              struct api_item *out, struct api_credits *credits)
{
	size_t ncalls = (n + API_ORGS_MAX - 1) / API_ORGS_MAX;
	struct http_request *reqs = calloc(ncalls + 1, sizeof *reqs);
	struct http_request **pr = calloc(ncalls + 1, sizeof *pr);

	if (!reqs || !pr) {
		for (size_t i = 0; i < n; i++)
			api_set_outcome(&out[i], API_GAVE_UP, "out of memory");
		goto done;
	}
	for (size_t c = 0; c < ncalls; c++) {
		size_t off = c * API_ORGS_MAX, k = n - off < API_ORGS_MAX ? n - off : API_ORGS_MAX;
		cJSON *body = cJSON_CreateObject(), *list = cJSON_AddArrayToObject(body, "domains");
		for (size_t i = 0; i < k; i++)
			cJSON_AddItemToArray(list, cJSON_CreateString(domains[off + i]));
		http_request_init(&reqs[c], "POST", "organizations/bulk_enrich", api_print_and_free(body),
		                  "organizations/bulk_enrich");
		pr[c] = &reqs[c];
	}
	http_run(hc, pr, ncalls);
	for (size_t c = 0; c < ncalls; c++) {
		size_t off = c * API_ORGS_MAX, k = n - off < API_ORGS_MAX ? n - off : API_ORGS_MAX;
		const struct http_request *r = &reqs[c];
		/* a try whose answer was lost may have been charged */
		credits->maybe += (double)r->faults * (double)k;
		if (r->outcome == HTTP_OK) {
			add_credits(credits, r->json, objects_in(r->json, "organizations"));
			read_organizations(r->json, domains + off, k, out + off);
		}
		for (size_t i = 0; r->outcome != HTTP_OK && i < k; i++)
			api_set_outcome(&out[off + i], api_outcome_result(r->outcome), r->message);
		http_request_free(&reqs[c]);
	}
done:
	free(reqs);
	free(pr);
}

static cJSON *strings(const char *const *v, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
	return a;
}

/* One page's reply: its people appended to out, *total Apollo's count (-1:
 * none given). false with r a failure saying why: no list (not "nobody"),
 * a field of another type, another page than the one asked for. */
static bool read_people(struct http_request *r, long page, cJSON *out, long *total)
{
	struct reply_check rc;
	const cJSON *p;
	long got = page;

	reply_check_init(&rc, "mixed_people/api_search");
	if (!cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(r->json, "people")) ||
	    !reply_shape(&rc, r->json, "", "{people:[{id!:s,first_name:s,title:s,has_email:b,organization:{name:s}}],"
	                 "total_entries:n,pagination:{page:n,total_entries:n}}") ||
	    (got = api_number(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(r->json, "pagination"),
	                                                       "page"), page)) != page) {
		r->outcome = HTTP_GAVE_UP;
		if (rc.message[0])
			snprintf(r->message, sizeof r->message, "%s", rc.message);
		else if (got != page)
			snprintf(r->message, sizeof r->message, "mixed_people/api_search: asked for page %ld, the reply is "
			         "page %ld: Apollo did not take the page asked for", page, got);
		else
			snprintf(r->message, sizeof r->message, "mixed_people/api_search: the reply has no people list");
		return false;
	}
	/* documented with total_entries and no pagination object; either
	 * read, and -1 when there is neither */
	*total = api_number(cJSON_GetObjectItemCaseSensitive(r->json, "total_entries"), -1);
	if (*total < 0)
		*total = api_number(cJSON_GetObjectItemCaseSensitive(
			cJSON_GetObjectItemCaseSensitive(r->json, "pagination"), "total_entries"), -1);
	cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(r->json, "people"))
		cJSON_AddItemToArray(out, cJSON_Duplicate(p, 1));
	return true;
}

int api_search_people(struct http_client *hc, const struct api_people_query *q, long page, cJSON *out,
                      long *total, struct http_request *failed)
{
	struct http_request r, *pr = &r;
	cJSON *body = cJSON_CreateObject();
	int rc = 0;

	cJSON_AddItemToObject(body, "q_organization_domains_list", strings(q->domains, q->ndomains));
	if (q->ntitles)
		cJSON_AddItemToObject(body, "person_titles", strings(q->titles, q->ntitles));
	if (q->nseniorities)
		cJSON_AddItemToObject(body, "person_seniorities", strings(q->seniorities, q->nseniorities));
	cJSON_AddNumberToObject(body, "page", (double)page);
	cJSON_AddNumberToObject(body, "per_page", API_PAGE_SIZE);
	http_request_init(&r, "POST", "mixed_people/api_search", api_print_and_free(body), "mixed_people/api_search");
	http_run(hc, &pr, 1);
	if (r.outcome != HTTP_OK || !read_people(&r, page, out, total)) {
		api_keep_failure(failed, &r);
		rc = -1;
	}
	http_request_free(&r);
	return rc;
}
