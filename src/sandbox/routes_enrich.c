/* routes_enrich.c - enrichment and prospecting from the seed's "directory"
 * (Apollo's database of people and organizations, as opposed to the team's
 * own contacts and accounts): people/match, people/bulk_match,
 * organizations/enrich and bulk_enrich, and mixed_people/api_search
 * (apollo-api.md §15).
 *
 * A person matches on, in this order: Apollo id, email, LinkedIn URL,
 * first + last name (or full name) with the company's name or domain.
 * Matched people come with their organization embedded. Only verified
 * emails are revealed; phones only with reveal_phone_number (Apollo sends
 * those later, to a webhook; here they come at once). Prospect search shows
 * no emails at all, only whether there is one. */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sandbox.h"

#define BULK_MAX 10
#define DOMAINS_MAX 1000
/* when the seed does not say when a person was last refreshed */
#define REFRESHED_AT "2026-11-01T00:00:00.000+00:00"

static cJSON *directory(struct sandbox *sb, const char *list)
{
	cJSON *dir = cJSON_GetObjectItemCaseSensitive(sb->store.db, "directory");
	cJSON *a = cJSON_GetObjectItemCaseSensitive(dir, list);
	return cJSON_IsArray(a) ? a : NULL;
}

/* a non-empty string field of an object, or NULL */
static const char *text(const cJSON *o, const char *key)
{
	const cJSON *v = o ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
	return cJSON_IsString(v) && *v->valuestring ? v->valuestring : NULL;
}

/* LinkedIn URLs compare without scheme, "www.", case or trailing slash */
static bool same_url(const char *a, const char *b)
{
	size_t la, lb;
	for (int i = 0; i < 2; i++) {
		const char **p = i ? &b : &a;
		if (strncasecmp(*p, "http://", 7) == 0)
			*p += 7;
		else if (strncasecmp(*p, "https://", 8) == 0)
			*p += 8;
		if (strncasecmp(*p, "www.", 4) == 0)
			*p += 4;
	}
	la = strlen(a);
	lb = strlen(b);
	while (la > 0 && a[la - 1] == '/')
		la--;
	while (lb > 0 && b[lb - 1] == '/')
		lb--;
	return la > 0 && la == lb && strncasecmp(a, b, la) == 0;
}

static cJSON *org_of(struct sandbox *sb, const cJSON *person)
{
	return store_find(&sb->store, IX_ORG_ID, jstr(person, "organization_id"));
}

/* ---- people/match ---- */

/* does the person work at the company the query names (by name or domain)? */
static bool works_at(struct sandbox *sb, const cJSON *p, const char *org_name, const char *domain)
{
	cJSON *org = org_of(sb, p);
	if (!org)
		return false;
	if (org_name && strcasecmp(jstr(org, "name"), org_name) == 0)
		return true;
	return domain && strcasecmp(jstr(org, "primary_domain"), domain) == 0;
}

static bool has_name(const cJSON *p, const char *first, const char *last, const char *full)
{
	char both[512];
	if (first && last)
		return strcasecmp(jstr(p, "first_name"), first) == 0 && strcasecmp(jstr(p, "last_name"), last) == 0;
	snprintf(both, sizeof both, "%s %s", jstr(p, "first_name"), jstr(p, "last_name"));
	return strcasecmp(jstr(p, "name"), full) == 0 || strcasecmp(both, full) == 0;
}

/* the directory person a query names, or NULL */
static cJSON *match_person(struct sandbox *sb, const cJSON *q)
{
	const char *id = text(q, "id"), *email = text(q, "email"), *li = text(q, "linkedin_url");
	const char *first = text(q, "first_name"), *last = text(q, "last_name"), *full = text(q, "name");
	const char *org_name = text(q, "organization_name");
	char *domain = domain_of(text(q, "domain"));
	cJSON *p = NULL, *it;

	if (id)
		p = store_find(&sb->store, IX_PERSON_ID, id);
	if (!p && email)
		p = store_find(&sb->store, IX_PERSON_EMAIL, email);
	if (!p && li)
		cJSON_ArrayForEach(it, directory(sb, "people"))
			if (text(it, "linkedin_url") && same_url(jstr(it, "linkedin_url"), li)) {
				p = it;
				break;
			}
	if (!p && ((first && last) || full) && (org_name || domain))
		cJSON_ArrayForEach(it, directory(sb, "people"))
			if (has_name(it, first, last, full) && works_at(sb, it, org_name, domain)) {
				p = it;
				break;
			}
	free(domain);
	return p;
}

/* a matched person as people/match returns it */
static cJSON *person_out(struct sandbox *sb, const cJSON *p, bool reveal_phone)
{
	cJSON *out = store_public(p), *org = org_of(sb, p);
	if (!out)
		return NULL;
	if (strcmp(jstr(p, "email_status"), "verified") != 0)
		jset_str(out, "email", NULL);
	if (!reveal_phone)
		cJSON_DeleteItemFromObjectCaseSensitive(out, "phone");
	cJSON_AddItemToObject(out, "organization", org ? store_public(org) : cJSON_CreateNull());
	return out;
}

void route_people_match(struct request *r)
{
	cJSON *p = match_person(r->sb, r->params), *out = cJSON_CreateObject();
	/* no match is still a 200, with nothing enriched */
	cJSON_AddItemToObject(out, "person", p ? person_out(r->sb, p, param_bool(r, "reveal_phone_number", false))
	                                       : cJSON_CreateNull());
	reply_json(r, 200, out);
}

static void reply_bulk_error(struct request *r, const char *code, const char *fmt, int n)
{
	cJSON *e = cJSON_CreateObject();
	char msg[256];
	snprintf(msg, sizeof msg, fmt, n);
	cJSON_AddStringToObject(e, "status", "failed");
	cJSON_AddStringToObject(e, "error_code", code);
	cJSON_AddStringToObject(e, "error_message", msg);
	reply_json(r, 400, e);
}

static void add_to(cJSON *o, const char *key, int n)
{
	cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (v)
		cJSON_SetNumberValue(v, v->valuedouble + n);
	else
		cJSON_AddNumberToObject(o, key, n);
}

/* what the bulk enrichments were asked and charged, for /_sandbox/stats:
 * a client that asks again for what it bought pays again, and tests see it */
static void tally(struct sandbox *sb, const char *route, int asked, int credits)
{
	cJSON *t = cJSON_GetObjectItemCaseSensitive(sb->enrichment, route);
	if (!t)
		t = cJSON_AddObjectToObject(sb->enrichment, route);
	add_to(t, "asked", asked);
	add_to(t, "credits", credits);
}

/* a signed 64-bit request id, mostly negative in Apollo's answers; raw, so
 * that all its digits are printed */
static cJSON *request_id(struct sandbox *sb)
{
	char id[25], num[32];
	uint64_t h = 0xcbf29ce484222325ULL;
	store_new_id(&sb->store, id);
	for (const char *c = id; *c; c++)
		h = (h ^ (unsigned char)*c) * 0x100000001b3ULL;
	snprintf(num, sizeof num, "%lld", -(long long)(h >> 1) - 1);
	return cJSON_CreateRaw(num);
}

void route_people_bulk_match(struct request *r)
{
	cJSON *details = cJSON_GetObjectItemCaseSensitive(r->params, "details");
	bool reveal_phone = param_bool(r, "reveal_phone_number", false);
	cJSON *out, *matches, *d;
	struct strmap seen;
	int n, i = 0, found = 0, unique = 0;

	if (!cJSON_IsArray(details)) {
		reply_bulk_error(r, "INVALID_REQUEST", "details must be an array of up to %d people", BULK_MAX);
		return;
	}
	n = cJSON_GetArraySize(details);
	if (n > BULK_MAX) {
		reply_bulk_error(r, "RECORD_LIMIT_EXCEEDED", "You can enrich at most %d records per request", BULK_MAX);
		return;
	}
	cJSON_ArrayForEach(d, details) {
		if (!cJSON_IsObject(d)) {
			reply_bulk_error(r, "INVALID_REQUEST", "details[%d] is not an object of person details", i);
			return;
		}
		i++;
	}
	strmap_init(&seen);
	out = cJSON_CreateObject();
	cJSON_AddStringToObject(out, "status", "success");
	cJSON_AddNullToObject(out, "error_code");
	cJSON_AddNullToObject(out, "error_message");
	matches = cJSON_CreateArray();
	/* in input order, null where nothing matched */
	cJSON_ArrayForEach(d, details) {
		cJSON *p = match_person(r->sb, d);
		if (!p) {
			cJSON_AddItemToArray(matches, cJSON_CreateNull());
			continue;
		}
		found++;
		if (!strmap_get(&seen, jstr(p, "id"))) {
			strmap_put(&seen, jstr(p, "id"), p);
			unique++;
		}
		cJSON_AddItemToArray(matches, person_out(r->sb, p, reveal_phone));
	}
	strmap_free(&seen);
	cJSON_AddNumberToObject(out, "total_requested_enrichments", n);
	cJSON_AddNumberToObject(out, "unique_enriched_records", unique);
	cJSON_AddNumberToObject(out, "missing_records", n - found);
	/* one credit per person, however often they were asked for */
	cJSON_AddNumberToObject(out, "credits_consumed", unique);
	tally(r->sb, "people/bulk_match", n, unique);
	cJSON_AddItemToObject(out, "matches", matches);
	cJSON_AddItemToObject(out, "request_id", request_id(r->sb));
	reply_json(r, 200, out);
}

/* ---- organizations/enrich ---- */

void route_organizations_enrich(struct request *r)
{
	const char *name = text(r->params, "name"), *li = text(r->params, "linkedin_url");
	char *domain = domain_of(param_str(r, "domain"));
	cJSON *org = NULL, *it, *out;

	if (!domain)
		domain = domain_of(param_str(r, "website"));
	if (!domain && !(name && *name) && !(li && *li)) {
		reply_error(r, 422, "Required parameter 'domain' missing");
		return;
	}
	if (domain)
		org = store_find(&r->sb->store, IX_ORG_DOMAIN, domain);
	if (!org && li && *li)
		cJSON_ArrayForEach(it, directory(r->sb, "organizations"))
			if (text(it, "linkedin_url") && same_url(jstr(it, "linkedin_url"), li)) {
				org = it;
				break;
			}
	if (!org && name && *name)
		cJSON_ArrayForEach(it, directory(r->sb, "organizations"))
			if (strcasecmp(jstr(it, "name"), name) == 0) {
				org = it;
				break;
			}
	free(domain);
	out = cJSON_CreateObject();
	cJSON_AddItemToObject(out, "organization", org ? store_public(org) : cJSON_CreateNull());
	reply_json(r, 200, out);
}

/* ---- organizations/bulk_enrich ---- */

/* up to 10 domains a call; the shape of the answer is not documented
 * (apollo-api.md §15): the organizations found, and the counters the
 * people's bulk_match has */
void route_organizations_bulk_enrich(struct request *r)
{
	cJSON *domains, *d, *out, *orgs;
	struct strmap seen;
	int n, found = 0;

	if (!param_list(r, "domains", &domains))
		return;
	n = domains ? cJSON_GetArraySize(domains) : 0;
	if (!n) {
		reply_error(r, 422, "Required parameter 'domains' missing");
		return;
	}
	if (n > BULK_MAX) {
		reply_error(r, 400, "domain count cannot be more than %d", BULK_MAX);
		return;
	}
	strmap_init(&seen);
	out = cJSON_CreateObject();
	cJSON_AddStringToObject(out, "status", "success");
	cJSON_AddNullToObject(out, "error_code");
	cJSON_AddNullToObject(out, "error_message");
	orgs = cJSON_CreateArray();
	cJSON_ArrayForEach(d, domains) {
		char *domain = cJSON_IsString(d) ? domain_of(d->valuestring) : NULL;
		cJSON *org = domain ? store_find(&r->sb->store, IX_ORG_DOMAIN, domain) : NULL;
		free(domain);
		if (!org || strmap_get(&seen, jstr(org, "id")))
			continue;
		strmap_put(&seen, jstr(org, "id"), org);
		cJSON_AddItemToArray(orgs, store_public(org));
		found++;
	}
	strmap_free(&seen);
	cJSON_AddNumberToObject(out, "total_requested_domains", n);
	cJSON_AddNumberToObject(out, "unique_domains", n);
	cJSON_AddNumberToObject(out, "unique_enriched_records", found);
	cJSON_AddNumberToObject(out, "missing_records", n - found);
	/* one credit an organization found */
	cJSON_AddNumberToObject(out, "credits_consumed", found);
	tally(r->sb, "organizations/bulk_enrich", n, found);
	cJSON_AddItemToObject(out, "organizations", orgs);
	reply_json(r, 200, out);
}

/* ---- mixed_people/api_search ---- */

/* one of the strings in list equals v (ignoring case), or is in it */
static bool any_of(const cJSON *list, const char *v, bool substring)
{
	const cJSON *it;
	cJSON_ArrayForEach(it, list)
		if (cJSON_IsString(it) && *it->valuestring &&
		    (substring ? text_contains(v, it->valuestring) : strcasecmp(v, it->valuestring) == 0))
			return true;
	return false;
}

/* the domains asked for, cleaned, as a set */
static void domain_set(const cJSON *list, struct strmap *set)
{
	const cJSON *it;
	cJSON_ArrayForEach(it, list) {
		char *d = cJSON_IsString(it) ? domain_of(it->valuestring) : NULL;
		if (d)
			strmap_put(set, d, (void *)1);
		free(d);
	}
}

static bool has(const cJSON *o, const char *key)
{
	const cJSON *v = o ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
	return v && !cJSON_IsNull(v) && !(cJSON_IsString(v) && !*v->valuestring);
}

/* "Ürban" -> "Ü***": the first character, whole even when it is several bytes */
static void obfuscate(const char *last, char *out, size_t size)
{
	size_t n = 1;
	if (!*last) {
		*out = '\0';
		return;
	}
	while (last[n] && ((unsigned char)last[n] & 0xC0) == 0x80 && n < 4)
		n++;
	snprintf(out, size, "%.*s***", (int)n, last);
}

static cJSON *prospect_out(struct sandbox *sb, const cJSON *p)
{
	static const char *const org_flags[][2] = {
		{ "has_industry", "industry" }, { "has_phone", "phone" }, { "has_city", "city" },
		{ "has_state", "state" }, { "has_country", "country" }, { "has_zip_code", "postal_code" },
		{ "has_revenue", "annual_revenue" }, { "has_employee_count", "estimated_num_employees" },
	};
	cJSON *out = cJSON_CreateObject(), *org = org_of(sb, p), *o;
	char last[32];

	cJSON_AddStringToObject(out, "id", jstr(p, "id"));
	jset_str(out, "first_name", text(p, "first_name"));
	obfuscate(jstr(p, "last_name"), last, sizeof last);
	jset_str(out, "last_name_obfuscated", *last ? last : NULL);
	jset_str(out, "title", text(p, "title"));
	jset_str(out, "last_refreshed_at", text(p, "last_refreshed_at") ? text(p, "last_refreshed_at")
	                                                                 : REFRESHED_AT);
	cJSON_AddBoolToObject(out, "has_email", has(p, "email"));
	cJSON_AddBoolToObject(out, "has_city", has(p, "city"));
	cJSON_AddBoolToObject(out, "has_state", has(p, "state"));
	cJSON_AddBoolToObject(out, "has_country", has(p, "country"));
	cJSON_AddBoolToObject(out, "has_direct_phone", has(p, "phone"));
	if (!org) {
		cJSON_AddNullToObject(out, "organization");
		return out;
	}
	o = cJSON_AddObjectToObject(out, "organization");
	jset_str(o, "name", text(org, "name"));
	for (size_t i = 0; i < sizeof org_flags / sizeof org_flags[0]; i++)
		cJSON_AddBoolToObject(o, org_flags[i][0], has(org, org_flags[i][1]));
	return out;
}

void route_people_search(struct request *r)
{
	cJSON *domains, *titles, *seniorities, *org_ids, *statuses, *locations, *p, *out, *list;
	const char *q = param_str(r, "q_keywords");
	long page, per_page, total = 0, from, to;
	struct strmap dset;

	if (!param_list(r, "q_organization_domains_list", &domains) || !param_list(r, "person_titles", &titles) ||
	    !param_list(r, "person_seniorities", &seniorities) || !param_list(r, "organization_ids", &org_ids) ||
	    !param_list(r, "contact_email_status", &statuses) || !param_list(r, "person_locations", &locations))
		return;
	if (domains && cJSON_GetArraySize(domains) > DOMAINS_MAX) {
		reply_error(r, 422, "q_organization_domains_list can hold at most %d domains.", DOMAINS_MAX);
		return;
	}
	if (!page_params(r, &page, &per_page))
		return;
	from = (page - 1) * per_page;
	to = page * per_page;
	strmap_init(&dset);
	if (domains)
		domain_set(domains, &dset);
	out = cJSON_CreateObject();
	list = cJSON_CreateArray();
	cJSON_ArrayForEach(p, directory(r->sb, "people")) {
		cJSON *org = org_of(r->sb, p);
		if (domains && !(org && *jstr(org, "primary_domain") &&
		                 strmap_get(&dset, jstr(org, "primary_domain"))))
			continue;
		if (titles && !any_of(titles, jstr(p, "title"), true))
			continue;
		if (seniorities && !any_of(seniorities, jstr(p, "seniority"), false))
			continue;
		if (org_ids && !any_of(org_ids, jstr(p, "organization_id"), false))
			continue;
		if (statuses && !any_of(statuses, jstr(p, "email_status"), false))
			continue;
		if (locations && !any_of(locations, jstr(p, "city"), false) &&
		    !any_of(locations, jstr(p, "country"), false))
			continue;
		if (q && *q && !text_contains(jstr(p, "name"), q) && !text_contains(jstr(p, "title"), q) &&
		    !text_contains(jstr(org, "name"), q))
			continue;
		if (total >= from && total < to)
			cJSON_AddItemToArray(list, prospect_out(r->sb, p));
		total++;
	}
	strmap_free(&dset);
	/* no pagination object here: only the total */
	cJSON_AddNumberToObject(out, "total_entries", (double)total);
	cJSON_AddItemToObject(out, "people", list);
	reply_json(r, 200, out);
}
