/* routes_accounts.c - accounts: create (never deduped), bulk_create
 * (run_dedupe matches by domain, then name; matches come back unchanged),
 * search. Shapes and messages as in apollo-api.md §6.
 *
 * Domains are stored as Apollo keeps them: lower-case, without scheme,
 * "www.", port or path, so "https://www.Globex.com/about" is "globex.com". */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "record_shapes.h"
#include "sandbox.h"
#include "search.h"
#include "typed_fields.h"

#define BULK_MAX 100

/* the text fields a request may set on an account */
static const char *const text_fields[] = {
	"name", "owner_id", "account_stage_id", "phone", "raw_address", "linkedin_url",
	"facebook_url", "twitter_url", "salesforce_id", "hubspot_id", "organization_id",
	"parent_account_id",
};

/* a string or number field of an object, as text; NULL otherwise */
static const char *item_str(const cJSON *item, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(item, key);
	static __thread char num[64];
	if (cJSON_IsString(v))
		return v->valuestring;
	if (cJSON_IsNumber(v)) {
		snprintf(num, sizeof num, "%.15g", v->valuedouble);
		return num;
	}
	return NULL;
}

/* An id that must name an existing record, when given: false after a 422. */
static bool valid_ref(struct request *r, const cJSON *item, const char *field, enum store_index ix)
{
	const char *v = item_str(item, field);
	if (!v || !*v || store_find(&r->sb->store, ix, v))
		return true;
	reply_error(r, 422, "Parameters misconfigured. %s is not a valid ID", v);
	return false;
}

/* An account_stage_id, when given, must be one of the team's stages:
 * false after a 422. */
static bool valid_stage(struct request *r, const cJSON *item)
{
	const char *v = item_str(item, "account_stage_id");
	const cJSON *st;
	if (!v || !*v)
		return true;
	cJSON_ArrayForEach(st, store_list(&r->sb->store, "account_stages"))
		if (strcmp(jstr(st, "id"), v) == 0)
			return true;
	reply_error(r, 422, "Parameters misconfigured. %s is not a valid ID", v);
	return false;
}

/* what every write checks of an item before anything changes: its owner,
 * its stage and (with --custom-field-errors=422) its custom values; id is
 * the account written to, NULL for a new one */
static bool valid_item(struct request *r, const cJSON *item, const char *id)
{
	return valid_ref(r, item, "owner_id", IX_USER_ID) && valid_stage(r, item) &&
	       typed_values_check(r, cJSON_GetObjectItemCaseSensitive(item, "typed_custom_fields"), "account", id);
}

/* an account label by name, created when missing (as Apollo does) */
static cJSON *account_label(struct sandbox *sb, const char *name)
{
	cJSON *l;
	char id[25], now[32];

	cJSON_ArrayForEach(l, store_list(&sb->store, "labels"))
		if (strcasecmp(jstr(l, "name"), name) == 0 && strcmp(jstr(l, "modality"), "accounts") == 0)
			return l;
	store_new_id(&sb->store, id);
	store_now(now);
	l = cJSON_CreateObject();
	cJSON_AddStringToObject(l, "id", id);
	cJSON_AddStringToObject(l, "_id", id);
	cJSON_AddStringToObject(l, "name", name);
	cJSON_AddStringToObject(l, "modality", "accounts");
	cJSON_AddNumberToObject(l, "cached_count", 0);
	cJSON_AddStringToObject(l, "team_id", store_team_id(&sb->store));
	cJSON_AddStringToObject(l, "created_at", now);
	cJSON_AddItemToArray(store_list(&sb->store, "labels"), l);
	store_index_put(&sb->store, IX_LABEL_ID, id, l, false);
	store_index_put(&sb->store, IX_LABEL_NAME, name, l, true);
	return l;
}

static void add_labels(struct sandbox *sb, cJSON *account, const cJSON *names)
{
	cJSON *ids = cJSON_GetObjectItemCaseSensitive(account, "label_ids");
	const cJSON *n, *id;
	if (!cJSON_IsArray(ids)) {
		cJSON_DeleteItemFromObjectCaseSensitive(account, "label_ids");
		ids = cJSON_AddArrayToObject(account, "label_ids");
	}
	cJSON_ArrayForEach(n, names) {
		const char *lid;
		bool have = false;
		if (!cJSON_IsString(n) || !*n->valuestring)
			continue;
		lid = jstr(account_label(sb, n->valuestring), "id");
		cJSON_ArrayForEach(id, ids)
			have = have || (cJSON_IsString(id) && strcmp(id->valuestring, lid) == 0);
		if (!have)
			cJSON_AddItemToArray(ids, cJSON_CreateString(lid));
	}
}

/* name or domain, the one thing create insists on */
static bool has_name_or_domain(const cJSON *item)
{
	const char *name = item_str(item, "name");
	char *domain = domain_of(item_str(item, "domain"));
	bool ok = (name && *name) || domain;
	free(domain);
	return ok;
}

/* A new account from the item's fields, added to the store. */
static cJSON *new_account(struct sandbox *sb, const cJSON *item, const char *owner_id)
{
	cJSON *a = cJSON_CreateObject();
	const cJSON *tcf = cJSON_GetObjectItemCaseSensitive(item, "typed_custom_fields");
	char id[25], now[32];
	char *domain = domain_of(item_str(item, "domain"));
	cJSON *org;

	store_new_id(&sb->store, id);
	store_now(now);
	cJSON_AddStringToObject(a, "id", id);
	for (size_t i = 0; i < sizeof text_fields / sizeof text_fields[0]; i++) {
		const char *v = item_str(item, text_fields[i]);
		jset_str(a, text_fields[i], v && *v ? v : NULL);
	}
	jset_str(a, "domain", domain);
	/* the directory's organization for the domain, as Apollo links it */
	org = domain ? store_find(&sb->store, IX_ORG_DOMAIN, domain) : NULL;
	if (org && !item_str(item, "organization_id"))
		jset_str(a, "organization_id", jstr(org, "id"));
	if (!jstr(a, "name")[0])
		jset_str(a, "name", org && jstr(org, "name")[0] ? jstr(org, "name") : domain);
	free(domain);
	jset_str(a, "owner_id", owner_id && *owner_id ? owner_id : NULL);
	jset_str(a, "creator_id", owner_id && *owner_id ? owner_id : NULL);
	cJSON_AddStringToObject(a, "team_id", store_team_id(&sb->store));
	jset_str(a, "sanitized_phone", jstr(a, "phone")[0] ? jstr(a, "phone") : NULL);
	jset_str(a, "phone_status", jstr(a, "phone")[0] ? "no_status" : NULL);
	cJSON_AddArrayToObject(a, "label_ids");
	cJSON_AddObjectToObject(a, "typed_custom_fields");
	cJSON_AddObjectToObject(a, "custom_field_errors");
	typed_values_apply(sb, a, tcf, "account");
	cJSON_AddStringToObject(a, "modality", "account");
	cJSON_AddStringToObject(a, "source", "api");
	cJSON_AddStringToObject(a, "original_source", "api");
	cJSON_AddStringToObject(a, "source_display_name", "Created from API");
	cJSON_AddStringToObject(a, "existence_level", "full");
	cJSON_AddStringToObject(a, "created_at", now);
	cJSON_AddStringToObject(a, "updated_at", now);
	cJSON_AddNullToObject(a, "last_activity_date");
	shape_account(a);
	cJSON_AddItemToArray(store_list(&sb->store, "accounts"), a);
	store_index_account(&sb->store, a);
	return a;
}

void route_accounts_create(struct request *r)
{
	cJSON *out;
	if (!has_name_or_domain(r->params)) {
		reply_error(r, 422, "Please specify at least a name or domain.");
		return;
	}
	if (!valid_item(r, r->params, NULL))
		return;
	/* no dedupe on create: a second call makes a second account */
	out = cJSON_CreateObject();
	cJSON_AddItemToObject(out, "account",
	                      store_public(new_account(r->sb, r->params, item_str(r->params, "owner_id"))));
	reply_json(r, 200, out);
}

/* the account run_dedupe matches: same domain, else same name */
static cJSON *match(struct sandbox *sb, const cJSON *item)
{
	char *domain = domain_of(item_str(item, "domain"));
	const char *name = item_str(item, "name");
	cJSON *a = domain ? store_find(&sb->store, IX_ACCOUNT_DOMAIN, domain) : NULL;
	free(domain);
	if (!a && name && *name)
		a = store_find(&sb->store, IX_ACCOUNT_NAME, name);
	return a;
}

void route_accounts_bulk_create(struct request *r)
{
	cJSON *items = cJSON_GetObjectItemCaseSensitive(r->params, "accounts");
	cJSON *labels = cJSON_GetObjectItemCaseSensitive(r->params, "append_label_names");
	const char *owner = param_str(r, "owner_id");
	bool dedupe = param_bool(r, "run_dedupe", false);
	cJSON *out, *created, *existing, *item;
	int i = 0;

	if (!cJSON_IsArray(items)) {
		reply_error(r, 422, "Please provide an array of account attributes in the \"accounts\" parameter.");
		return;
	}
	if (cJSON_GetArraySize(items) > BULK_MAX) {
		reply_error(r, 422, "Please limit your array to 100 accounts or fewer.");
		return;
	}
	if (labels && !cJSON_IsArray(labels) && !cJSON_IsNull(labels)) {
		reply_error(r, 422, "append_label_names must be an array of list names.");
		return;
	}
	if (!valid_ref(r, r->params, "owner_id", IX_USER_ID))
		return;
	/* every item is checked before anything is created */
	cJSON_ArrayForEach(item, items) {
		if (!cJSON_IsObject(item)) {
			reply_error(r, 422, "accounts[%d] is not an object of account attributes.", i);
			return;
		}
		if (!has_name_or_domain(item)) {
			reply_error(r, 422, "accounts[%d]: Please specify at least a name or domain.", i);
			return;
		}
		if (!valid_item(r, item, NULL))
			return;
		i++;
	}
	out = cJSON_CreateObject();
	created = cJSON_AddArrayToObject(out, "created_accounts");
	existing = cJSON_AddArrayToObject(out, "existing_accounts");
	cJSON_ArrayForEach(item, items) {
		cJSON *a = dedupe ? match(r->sb, item) : NULL;
		if (a) {
			/* bulk create never changes a match */
			cJSON_AddItemToArray(existing, store_public(a));
			continue;
		}
		a = new_account(r->sb, item, owner && *owner ? owner : item_str(item, "owner_id"));
		if (cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(item, "label_names")))
			add_labels(r->sb, a, cJSON_GetObjectItemCaseSensitive(item, "label_names"));
		if (cJSON_IsArray(labels))
			add_labels(r->sb, a, labels);
		cJSON_AddItemToArray(created, store_public(a));
	}
	reply_json(r, 200, out);
}

/* ---- search ---- */


/* what search adds to an account: its contacts and their sequences */
static void add_contact_stats(struct sandbox *sb, cJSON *list)
{
	struct strmap pos;
	cJSON *c, *a;
	long i = 0;

	strmap_init(&pos);
	cJSON_ArrayForEach(a, list) {
		cJSON_AddNumberToObject(a, "num_contacts", 0);
		cJSON_AddArrayToObject(a, "contact_emailer_campaign_ids");
		cJSON_AddObjectToObject(a, "contact_campaign_status_tally");
		strmap_put(&pos, jstr(a, "id"), a);
		i++;
	}
	if (i == 0) {
		strmap_free(&pos);
		return;
	}
	cJSON_ArrayForEach(c, store_list(&sb->store, "contacts")) {
		cJSON *st, *n, *ids, *tally;
		a = jstr(c, "account_id")[0] ? strmap_get(&pos, jstr(c, "account_id")) : NULL;
		if (!a)
			continue;
		n = cJSON_GetObjectItemCaseSensitive(a, "num_contacts");
		cJSON_SetNumberValue(n, n->valuedouble + 1);
		ids = cJSON_GetObjectItemCaseSensitive(a, "contact_emailer_campaign_ids");
		tally = cJSON_GetObjectItemCaseSensitive(a, "contact_campaign_status_tally");
		cJSON_ArrayForEach(st, cJSON_GetObjectItemCaseSensitive(c, "contact_campaign_statuses")) {
			const char *seq = jstr(st, "emailer_campaign_id"), *s = jstr(st, "status");
			cJSON *t;
			if (*seq && !list_has(ids, seq))
				cJSON_AddItemToArray(ids, cJSON_CreateString(seq));
			if (!*s)
				continue;
			t = cJSON_GetObjectItemCaseSensitive(tally, s);
			if (t)
				cJSON_SetNumberValue(t, t->valuedouble + 1);
			else
				cJSON_AddNumberToObject(tally, s, 1);
		}
	}
	strmap_free(&pos);
}

/* what an account search narrows to; an absent filter keeps every account */
struct account_filters {
	const char *name;           /* q_organization_name, part of the name */
	cJSON *labels, *stages;
};

static bool account_wanted(const cJSON *a, const void *filters)
{
	const struct account_filters *f = filters;

	return (!f->name || !*f->name || text_contains(jstr(a, "name"), f->name)) &&
	       (!f->labels || has_any_label(a, f->labels)) &&
	       (!f->stages || list_has(f->stages, jstr(a, "account_stage_id")));
}

static const struct search_sort account_sorts[] = {
	{ "account_created_at", "created_at", NULL },
	{ "account_updated_at", "updated_at", NULL },
	{ "account_last_activity_date", "last_activity_date", NULL },
};

void route_accounts_search(struct request *r)
{
	struct account_filters f = { .name = param_str(r, "q_organization_name") };
	const struct search s = {
		.list = "accounts", .keep = account_wanted, .filters = &f,
		.sorts = account_sorts, .n_sorts = sizeof account_sorts / sizeof account_sorts[0],
	};
	struct search_reply rep;

	if (!param_list(r, "account_label_ids", &f.labels) || !param_list(r, "account_stage_ids", &f.stages))
		return;
	if (!search_run(r, &s, &rep))
		return;
	add_contact_stats(r->sb, rep.list);
	cJSON_AddItemToObject(rep.out, "pagination", rep.pagination);
	cJSON_AddArrayToObject(rep.out, "breadcrumbs");
	cJSON_AddBoolToObject(rep.out, "partial_results_only", false);
	cJSON_AddBoolToObject(rep.out, "disable_eu_prospecting", false);
	cJSON_AddNumberToObject(rep.out, "partial_results_limit", 10000);
	cJSON_AddNullToObject(rep.out, "num_fetch_result");
	reply_json(r, 200, rep.out);
}

/* ---- bulk_update and update_owners ---- */

#define BULK_UPDATE_MAX 1000

/* the domain and name indexes let go of a before a change to them (only
 * where they point at it: the first account of a domain holds it) */
static void unindex_account(struct sandbox *sb, cJSON *a)
{
	if (store_find(&sb->store, IX_ACCOUNT_DOMAIN, jstr(a, "domain")) == a)
		store_index_del(&sb->store, IX_ACCOUNT_DOMAIN, jstr(a, "domain"));
	if (store_find(&sb->store, IX_ACCOUNT_NAME, jstr(a, "name")) == a)
		store_index_del(&sb->store, IX_ACCOUNT_NAME, jstr(a, "name"));
}

/* Writes an item's fields onto account a: sent values overwrite, empty
 * ones clear (but never the name), absent ones stay; custom values as
 * typed_fields.h says; label_names replaces the account's lists. */
static void apply_account(struct sandbox *sb, cJSON *a, const cJSON *item)
{
	const cJSON *labels = cJSON_GetObjectItemCaseSensitive(item, "label_names");
	const char *d = item_str(item, "domain");
	char now[32];

	unindex_account(sb, a);
	for (size_t i = 0; i < sizeof text_fields / sizeof text_fields[0]; i++) {
		const char *v = item_str(item, text_fields[i]);
		if (!v || (!*v && strcmp(text_fields[i], "name") == 0))
			continue;
		jset_str(a, text_fields[i], *v ? v : NULL);
	}
	if (item_str(item, "phone")) {
		jset_str(a, "sanitized_phone", jstr(a, "phone")[0] ? jstr(a, "phone") : NULL);
		jset_str(a, "phone_status", jstr(a, "phone")[0] ? "no_status" : NULL);
	}
	if (d) {
		char *domain = domain_of(d);
		char url[300];
		jset_str(a, "domain", domain);
		snprintf(url, sizeof url, "http://www.%s", domain ? domain : "");
		jset_str(a, "website_url", domain ? url : NULL);
		free(domain);
	}
	if (cJSON_IsArray(labels)) {
		cJSON_DeleteItemFromObjectCaseSensitive(a, "label_ids");
		cJSON_AddArrayToObject(a, "label_ids");
		add_labels(sb, a, labels);
	}
	typed_values_apply(sb, a, cJSON_GetObjectItemCaseSensitive(item, "typed_custom_fields"), "account");
	store_now(now);
	jset_str(a, "updated_at", now);
	store_index_account(&sb->store, a);
}

/* 422 {"error":"Validation failed","error_details":{"account_id","field":
 * "id","message":"Account not found"}}, as bulk_update of contacts words it */
static void reply_not_found(struct request *r, const char *id)
{
	cJSON *e = cJSON_CreateObject(), *d;
	cJSON_AddStringToObject(e, "error", "Validation failed");
	d = cJSON_AddObjectToObject(e, "error_details");
	jset_str(d, "account_id", id);
	cJSON_AddStringToObject(d, "field", "id");
	cJSON_AddStringToObject(d, "message", "Account not found");
	reply_json(r, 422, e);
}

/* POST accounts/bulk_update: account_ids with the shared name, owner_id
 * and account_stage_id (async allowed), or account_attributes, each with
 * its id and fields, custom values among them (no async); at most 1000.
 * Every account and value is checked before any is changed. */
/* PATCH accounts/{id} [OAS update-an-account]: one account's fields (a
 * domain with its scheme or www. is kept as the bare domain), as
 * bulk_update applies them; a missing account is a 422 as there. */
void route_accounts_update(struct request *r)
{
	cJSON *a = store_find(&r->sb->store, IX_ACCOUNT_ID, r->id), *out;
	if (!a) {
		reply_not_found(r, r->id);
		return;
	}
	if (!valid_item(r, r->params, r->id))
		return;
	apply_account(r->sb, a, r->params);
	out = cJSON_CreateObject();
	cJSON_AddItemToObject(out, "account", store_public(a));
	reply_json(r, 200, out);
}

/* The accounts of ids into (add) or out of the lists of names, for
 * labels/add_entity_ids_to_label_names and remove with modality accounts;
 * false after a 422 (an account that is not there). */
bool accounts_change_lists(struct request *r, const cJSON *ids, const cJSON *names, bool add)
{
	const cJSON *it, *n;
	cJSON_ArrayForEach(it, ids)
		if (!cJSON_IsString(it) || !store_find(&r->sb->store, IX_ACCOUNT_ID, it->valuestring)) {
			reply_not_found(r, cJSON_IsString(it) ? it->valuestring : NULL);
			return false;
		}
	cJSON_ArrayForEach(it, ids) {
		cJSON *a = store_find(&r->sb->store, IX_ACCOUNT_ID, it->valuestring), *have;
		unindex_account(r->sb, a);
		if (add)
			add_labels(r->sb, a, names);
		have = cJSON_GetObjectItemCaseSensitive(a, "label_ids");
		for (n = add ? NULL : names->child; n; n = n->next) {
			const char *lid;
			if (!cJSON_IsString(n) || !cJSON_IsArray(have))
				continue;
			lid = jstr(account_label(r->sb, n->valuestring), "id");
			for (int i = cJSON_GetArraySize(have) - 1; i >= 0; i--)
				if (strcmp(lid, cJSON_GetArrayItem(have, i)->valuestring) == 0)
					cJSON_DeleteItemFromArray(have, i);
		}
		store_index_account(&r->sb->store, a);
	}
	return true;
}

void route_accounts_bulk_update(struct request *r)
{
	cJSON *attrs = cJSON_GetObjectItemCaseSensitive(r->params, "account_attributes");
	cJSON *ids = param_array(r, "account_ids");
	bool async = param_bool(r, "async", false);
	cJSON *src, *it, *list, *shared = NULL;
	static const char *const shared_fields[] = { "name", "owner_id", "account_stage_id" };

	if (!cJSON_IsArray(attrs))
		attrs = NULL;
	if (!attrs && !ids) {
		reply_error(r, 422, "Please provide either account_ids or account_attributes");
		return;
	}
	if (attrs && async) {
		reply_error(r, 422, "Async processing is not permitted.");
		return;
	}
	src = attrs ? attrs : ids;
	if (cJSON_GetArraySize(src) > BULK_UPDATE_MAX) {
		reply_error(r, 422, "Please limit your array to fewer than 1000.");
		return;
	}
	if (!attrs) {
		/* with account_ids only these three are shared */
		shared = cJSON_CreateObject();
		for (size_t i = 0; i < sizeof shared_fields / sizeof shared_fields[0]; i++) {
			const char *v = param_str(r, shared_fields[i]);
			if (v)
				cJSON_AddStringToObject(shared, shared_fields[i], v);
		}
	}
	cJSON_ArrayForEach(it, src) {
		const char *id = attrs ? item_str(it, "id") : cJSON_IsString(it) ? it->valuestring : NULL;
		if (!id || !store_find(&r->sb->store, IX_ACCOUNT_ID, id)) {
			reply_not_found(r, id);
			cJSON_Delete(shared);
			return;
		}
		if (!valid_item(r, attrs ? it : shared, id)) {
			cJSON_Delete(shared);
			return;
		}
	}
	list = cJSON_CreateArray();
	cJSON_ArrayForEach(it, src) {
		const char *id = attrs ? item_str(it, "id") : it->valuestring;
		cJSON *a = store_find(&r->sb->store, IX_ACCOUNT_ID, id);
		apply_account(r->sb, a, attrs ? it : shared);
		cJSON_AddItemToArray(list, store_public(a));
	}
	cJSON_Delete(shared);
	if (async) {
		/* a job in Apollo; applied at once here, reported as pending */
		cJSON *eids = cJSON_CreateArray();
		cJSON_ArrayForEach(it, list)
			cJSON_AddItemToArray(eids, cJSON_CreateString(jstr(it, "id")));
		cJSON_Delete(list);
		reply_json(r, 200, entity_progress_job(&r->sb->store, "account_bulk_update", eids));
		return;
	}
	{
		cJSON *out = cJSON_CreateObject();
		cJSON_AddItemToObject(out, "accounts", list);
		reply_json(r, 200, out);
	}
}

/* POST accounts/update_owners: account_ids[] and owner_id (documented as
 * query parameters; a JSON body is taken too) -> {"accounts":[{"id",
 * "owner_id","crm_owner_id"}]} */
void route_accounts_update_owners(struct request *r)
{
	cJSON *ids = param_array(r, "account_ids"), *it, *out, *list;
	const char *owner = param_str(r, "owner_id");

	if (!ids || cJSON_GetArraySize(ids) == 0) {
		reply_error(r, 422, "Required parameter 'account_ids' missing");
		return;
	}
	if (!owner || !*owner) {
		reply_error(r, 422, "Required parameter 'owner_id' missing");
		return;
	}
	if (!valid_ref(r, r->params, "owner_id", IX_USER_ID))
		return;
	cJSON_ArrayForEach(it, ids)
		if (!cJSON_IsString(it) || !store_find(&r->sb->store, IX_ACCOUNT_ID, it->valuestring)) {
			reply_not_found(r, cJSON_IsString(it) ? it->valuestring : NULL);
			return;
		}
	out = cJSON_CreateObject();
	list = cJSON_AddArrayToObject(out, "accounts");
	cJSON_ArrayForEach(it, ids) {
		cJSON *a = store_find(&r->sb->store, IX_ACCOUNT_ID, it->valuestring), *o;
		char now[32];
		store_now(now);
		jset_str(a, "owner_id", owner);
		jset_str(a, "updated_at", now);
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", jstr(a, "id"));
		cJSON_AddStringToObject(o, "owner_id", owner);
		jset_str(o, "crm_owner_id", jstr(a, "crm_owner_id")[0] ? jstr(a, "crm_owner_id") : NULL);
		cJSON_AddItemToArray(list, o);
	}
	reply_json(r, 200, out);
}
