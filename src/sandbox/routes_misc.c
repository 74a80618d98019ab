/* routes_misc.c - the small read-only endpoints: email accounts (mailboxes),
 * users (master key only), labels (a bare JSON array), contact, account and
 * opportunity stages, API usage stats and the health check. Shapes as in
 * apollo-api.md §1, §10 and §13. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "sandbox.h"

/* a copy of every record of a store list, for a response */
static cJSON *public_list(struct sandbox *sb, const char *name)
{
	cJSON *out = cJSON_CreateArray(), *it;
	cJSON_ArrayForEach(it, store_list(&sb->store, name))
		cJSON_AddItemToArray(out, store_public(it));
	return out;
}

static void reply_list(struct request *r, const char *key, const char *list)
{
	cJSON *out = cJSON_CreateObject();
	cJSON_AddItemToObject(out, key, public_list(r->sb, list));
	reply_json(r, 200, out);
}

void route_email_accounts(struct request *r)
{
	/* every mailbox of the team, not paginated */
	reply_list(r, "email_accounts", "email_accounts");
}

/* GET /account_stages: as contact stages (shared/apollo-api.md §6) */
void route_account_stages(struct request *r)
{
	reply_list(r, "account_stages", "account_stages");
}

/* GET /contact_stages: Apollo lists them as it does opportunity stages
 * (the tool reads stage names for exports and --stage) */
void route_contact_stages(struct request *r)
{
	reply_list(r, "contact_stages", "contact_stages");
}

void route_opportunity_stages(struct request *r)
{
	reply_list(r, "opportunity_stages", "opportunity_stages");
}

void route_health(struct request *r)
{
	cJSON *out = cJSON_CreateObject();
	cJSON_AddBoolToObject(out, "healthy", true);
	cJSON_AddBoolToObject(out, "is_logged_in", true);
	reply_json(r, 200, out);
}

/* ---- users ---- */

static bool user_matches(const cJSON *u, const char *q)
{
	char full[512];
	snprintf(full, sizeof full, "%s %s", jstr(u, "first_name"), jstr(u, "last_name"));
	return text_contains(jstr(u, "name"), q) || text_contains(full, q) || text_contains(jstr(u, "email"), q);
}

void route_users_search(struct request *r)
{
	const char *q = param_str(r, "q_keywords");
	long page, per_page, total = 0, from, to;
	cJSON *out, *list, *u;

	if (!r->master) {
		/* scoped keys never list users, even with the scope ticked */
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "error", "This API key is not authorized to access api/v1/users/search. "
		                        "Request an API key from your administrator that includes this endpoint "
		                        "in its configured scope.");
		cJSON_AddStringToObject(e, "error_code", "API_INACCESSIBLE");
		reply_json(r, 403, e);
		return;
	}
	if (!page_params(r, &page, &per_page))
		return;
	from = (page - 1) * per_page;
	to = page * per_page;
	out = cJSON_CreateObject();
	list = cJSON_CreateArray();
	cJSON_ArrayForEach(u, store_list(&r->sb->store, "users")) {
		if (q && *q && !user_matches(u, q))
			continue;
		if (total >= from && total < to)
			cJSON_AddItemToArray(list, store_public(u));
		total++;
	}
	/* here Apollo writes page and per_page as strings */
	cJSON_AddItemToObject(out, "pagination", pagination(page, per_page, total, true));
	cJSON_AddItemToObject(out, "users", list);
	cJSON_AddNullToObject(out, "num_fetch_result");
	reply_json(r, 200, out);
}

/* ---- labels ---- */

/* how many records carry each label id, each record counted once */
static void count_labels(struct sandbox *sb, const char *list, struct strmap *counts)
{
	cJSON *rec, *id, *prev;
	cJSON_ArrayForEach(rec, store_list(&sb->store, list)) {
		cJSON *ids = cJSON_GetObjectItemCaseSensitive(rec, "label_ids");
		cJSON_ArrayForEach(id, ids) {
			bool seen = false;
			if (!cJSON_IsString(id) || !*id->valuestring)
				continue;
			for (prev = ids->child; prev != id && !seen; prev = prev->next)
				seen = cJSON_IsString(prev) && strcmp(prev->valuestring, id->valuestring) == 0;
			if (!seen)
				strmap_put(counts, id->valuestring,
				           (void *)((intptr_t)strmap_get(counts, id->valuestring) + 1));
		}
	}
}

/* "Q4 Prospects" -> "q4_prospects" */
static void label_key(const char *name, char *out, size_t size)
{
	size_t o = 0;
	for (; *name && o + 1 < size; name++) {
		unsigned char c = (unsigned char)*name;
		if ((c >= 'A' && c <= 'Z'))
			out[o++] = (char)(c + 32);
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)
			out[o++] = (char)c;
		else if (o > 0 && out[o - 1] != '_')
			out[o++] = '_';
	}
	while (o > 0 && out[o - 1] == '_')
		o--;
	out[o] = '\0';
}

void route_labels(struct request *r)
{
	struct strmap counts;
	cJSON *out = cJSON_CreateArray(), *l;
	const char *team = store_team_id(&r->sb->store);

	strmap_init(&counts);
	count_labels(r->sb, "contacts", &counts);
	count_labels(r->sb, "accounts", &counts);
	cJSON_ArrayForEach(l, store_list(&r->sb->store, "labels")) {
		cJSON *o = store_public(l);
		const char *id = jstr(l, "id");
		char key[512];
		if (!o)
			continue;
		jset_str(o, "_id", id);
		if (!jstr(o, "key")[0]) {
			label_key(jstr(l, "name"), key, sizeof key);
			jset_str(o, "key", key);
		}
		if (!jstr(o, "modality")[0])
			jset_str(o, "modality", "contacts");
		if (!jstr(o, "team_id")[0])
			jset_str(o, "team_id", *team ? team : NULL);
		cJSON_DeleteItemFromObjectCaseSensitive(o, "cached_count");
		cJSON_AddNumberToObject(o, "cached_count", *id ? (double)(intptr_t)strmap_get(&counts, id) : 0);
		cJSON_AddItemToArray(out, o);
	}
	strmap_free(&counts);
	/* a bare array, not an object: that is what Apollo sends here */
	reply_json(r, 200, out);
}

/* ---- usage stats ---- */

static const char *const window_key[W_COUNT] = { "minute", "hour", "day" };

static int by_string(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* "api/v1/contacts/search" -> "[\"api/v1/contacts\", \"search\"]" */
static cJSON *add_scope(cJSON *out, const char *scope)
{
	const char *slash = strrchr(scope, '/');
	size_t n = strlen(scope) + 16;
	char *key = malloc(n);
	cJSON *o;
	if (!key)
		return NULL;
	if (slash)
		snprintf(key, n, "[\"%.*s\", \"%s\"]", (int)(slash - scope), scope, slash + 1);
	else
		snprintf(key, n, "[\"%s\"]", scope);
	o = cJSON_AddObjectToObject(out, key);
	free(key);
	return o;
}

void route_usage_stats(struct request *r)
{
	struct sandbox *sb = r->sb;
	cJSON *out = cJSON_CreateObject();
	const char **scopes;
	size_t n = 0;

	scopes = calloc(sb->rates.cap ? sb->rates.cap : 1, sizeof *scopes);
	if (!scopes) {
		cJSON_Delete(out);
		reply_error(r, 500, "An error occurred. Please try again.");
		return;
	}
	for (size_t i = 0; i < sb->rates.cap; i++) {
		const char *k = sb->rates.slots[i].key;
		/* a scope name is never the map's tombstone, which is not a string */
		if (k && sb->rates.slots[i].value && strmap_get(&sb->rates, k) == sb->rates.slots[i].value)
			scopes[n++] = k;
	}
	qsort(scopes, n, sizeof *scopes, by_string);
	for (size_t i = 0; i < n; i++) {
		long counted[W_COUNT];
		cJSON *o = add_scope(out, scopes[i]);
		if (!o)
			continue;
		rate_peek(sb, scopes[i], counted);
		/* the day first, as Apollo lists them */
		for (int w = W_COUNT - 1; w >= 0; w--) {
			cJSON *win = cJSON_AddObjectToObject(o, window_key[w]);
			long limit = sb->cfg.limits[w];
			long used = counted[w];
			if (limit > 0) {
				cJSON_AddNumberToObject(win, "limit", (double)limit);
				cJSON_AddNumberToObject(win, "consumed", (double)used);
				cJSON_AddNumberToObject(win, "left_over", (double)(limit > used ? limit - used : 0));
			} else {
				/* a window the plan does not limit */
				cJSON_AddNullToObject(win, "limit");
				cJSON_AddNumberToObject(win, "consumed", (double)used);
				cJSON_AddNullToObject(win, "left_over");
			}
		}
	}
	free(scopes);
	reply_json(r, 200, out);
}
