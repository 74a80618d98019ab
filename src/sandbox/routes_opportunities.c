/* routes_opportunities.c - deals: create and search (apollo-api.md §12).
 *
 * amount is documented as a string of digits; Apollo's CLI sends a JSON
 * number. Both are taken. A string with anything else in it (commas,
 * currency signs, letters) leaves the amount blank, as Apollo does, rather
 * than failing the call. The amount always comes back as a number. */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sandbox.h"
#include "search.h"
#include "typed_fields.h"

/* a string field of an object, or NULL */
static const char *text(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) && *v->valuestring ? v->valuestring : NULL;
}

static cJSON *find_stage(struct sandbox *sb, const char *id)
{
	cJSON *s;
	cJSON_ArrayForEach(s, store_list(&sb->store, "opportunity_stages"))
		if (strcmp(jstr(s, "id"), id) == 0)
			return s;
	return NULL;
}

/* true and the amount (NaN: blank) unless the value is of a wrong type */
static bool parse_amount(const cJSON *v, double *out)
{
	const char *s;
	bool digit = false, point = false;

	*out = NAN;
	if (!v || cJSON_IsNull(v))
		return true;
	if (cJSON_IsNumber(v)) {
		*out = v->valuedouble;
		return true;
	}
	if (!cJSON_IsString(v))
		return false;
	for (s = v->valuestring; *s; s++) {
		if (isdigit((unsigned char)*s))
			digit = true;
		else if (*s == '.' && !point)
			point = true;
		else
			return true;        /* "1,000", "$500", "12k": blank */
	}
	if (digit)
		*out = strtod(v->valuestring, NULL);
	if (!isfinite(*out))
		*out = NAN;
	return true;
}

/* "2026-10-15" -> "2026-10-15T00:00:00.000+00:00"; false when not a date */
static bool parse_closed_date(const char *s, char out[64])
{
	struct tm tm = { 0 }, back;
	int y, m, d;
	time_t t;

	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !isdigit((unsigned char)s[i]))
			return false;
	if (s[10])
		return false;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	t = timegm(&tm);
	if (!gmtime_r(&t, &back) || back.tm_mday != d || back.tm_mon != m - 1)
		return false;
	snprintf(out, 64, "%.10sT00:00:00.000+00:00", s);
	return true;
}

/* an id that must name an existing record, when given: false after a 422 */
static bool valid_ref(struct request *r, const char *field, cJSON **found)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(r->params, field);
	const char *id = text(r->params, field);
	*found = NULL;
	if (!v || cJSON_IsNull(v) || (cJSON_IsString(v) && !*v->valuestring))
		return true;
	if (id) {
		if (strcmp(field, "account_id") == 0)
			*found = store_find(&r->sb->store, IX_ACCOUNT_ID, id);
		else if (strcmp(field, "owner_id") == 0)
			*found = store_find(&r->sb->store, IX_USER_ID, id);
		else
			*found = find_stage(r->sb, id);
	}
	if (*found)
		return true;
	if (id)
		reply_error(r, 422, "Parameters misconfigured. %s is not a valid ID", id);
	else
		reply_error(r, 422, "Parameters misconfigured. %s must be an ID", field);
	return false;
}

/* a deal as Apollo returns it, with its account in brief */
static cJSON *deal_out(struct sandbox *sb, const cJSON *o)
{
	cJSON *out = store_public(o);
	cJSON *a = store_find(&sb->store, IX_ACCOUNT_ID, jstr(o, "account_id"));
	if (!out)
		return NULL;
	if (a) {
		cJSON *s = cJSON_AddObjectToObject(out, "account");
		cJSON_AddStringToObject(s, "id", jstr(a, "id"));
		jset_str(s, "name", jstr(a, "name"));
		jset_str(s, "domain", jstr(a, "domain")[0] ? jstr(a, "domain") : NULL);
	} else {
		cJSON_AddNullToObject(out, "account");
	}
	return out;
}

void route_opportunities_create(struct request *r)
{
	const char *name = text(r->params, "name");
	const cJSON *closed = cJSON_GetObjectItemCaseSensitive(r->params, "closed_date");
	const cJSON *tcf = cJSON_GetObjectItemCaseSensitive(r->params, "typed_custom_fields");
	cJSON *account, *owner, *stage, *o, *cur, *out;
	char id[25], now[32], closed_at[64] = "";
	double amount;

	if (!name) {
		reply_error(r, 422, "Name is required");
		return;
	}
	if (!parse_amount(cJSON_GetObjectItemCaseSensitive(r->params, "amount"), &amount)) {
		reply_error(r, 422, "amount must be a number, or a string of digits");
		return;
	}
	if (closed && !cJSON_IsNull(closed) && !(cJSON_IsString(closed) && !*closed->valuestring) &&
	    !(cJSON_IsString(closed) && parse_closed_date(closed->valuestring, closed_at))) {
		reply_error(r, 422, "closed_date is not a valid date");
		return;
	}
	if (!typed_values_check(r, tcf, "opportunity", NULL))
		return;
	if (!valid_ref(r, "account_id", &account) || !valid_ref(r, "owner_id", &owner) ||
	    !valid_ref(r, "opportunity_stage_id", &stage))
		return;

	store_new_id(&r->sb->store, id);
	store_now(now);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", id);
	cJSON_AddStringToObject(o, "team_id", store_team_id(&r->sb->store));
	jset_str(o, "owner_id", owner ? jstr(owner, "id") : NULL);
	cJSON_AddStringToObject(o, "name", name);
	if (isnan(amount)) {
		cJSON_AddNullToObject(o, "amount");
		cJSON_AddNullToObject(o, "amount_in_team_currency");
	} else {
		cJSON_AddNumberToObject(o, "amount", amount);
		cJSON_AddNumberToObject(o, "amount_in_team_currency", amount);
	}
	cur = cJSON_AddObjectToObject(o, "currency");
	cJSON_AddStringToObject(cur, "name", "US Dollar");
	cJSON_AddStringToObject(cur, "iso_code", "USD");
	cJSON_AddStringToObject(cur, "symbol", "$");
	cJSON_AddStringToObject(o, "exchange_rate_code", "USD");
	jset_str(o, "closed_date", *closed_at ? closed_at : NULL);
	cJSON_AddNullToObject(o, "actual_close_date");
	cJSON_AddBoolToObject(o, "is_closed", stage && jbool(stage, "is_closed", false));
	cJSON_AddBoolToObject(o, "is_won", stage && jbool(stage, "is_won", false));
	jset_str(o, "opportunity_stage_id", stage ? jstr(stage, "id") : NULL);
	jset_str(o, "stage_name", stage && jstr(stage, "name")[0] ? jstr(stage, "name") : NULL);
	jset_str(o, "opportunity_pipeline_id", stage && jstr(stage, "opportunity_pipeline_id")[0]
	         ? jstr(stage, "opportunity_pipeline_id") : NULL);
	jset_str(o, "account_id", account ? jstr(account, "id") : NULL);
	cJSON_AddStringToObject(o, "source", "api");
	jset_str(o, "forecast_category", stage && jstr(stage, "forecast_category")[0]
	         ? jstr(stage, "forecast_category") : NULL);
	{
		const cJSON *p = stage ? cJSON_GetObjectItemCaseSensitive(stage, "probability") : NULL;
		if (cJSON_IsNumber(p)) {
			cJSON_AddNumberToObject(o, "deal_probability", p->valuedouble);
			if (!isnan(amount))
				cJSON_AddNumberToObject(o, "forecasted_revenue", amount * p->valuedouble / 100);
			else
				cJSON_AddNullToObject(o, "forecasted_revenue");
		} else {
			cJSON_AddNullToObject(o, "deal_probability");
			cJSON_AddNullToObject(o, "forecasted_revenue");
		}
	}
	cJSON_AddStringToObject(o, "created_at", now);
	cJSON_AddStringToObject(o, "updated_at", now);
	jset_str(o, "created_by_id", owner ? jstr(owner, "id") : NULL);
	cJSON_AddNullToObject(o, "last_activity_date");
	cJSON_AddObjectToObject(o, "typed_custom_fields");
	cJSON_AddObjectToObject(o, "custom_field_errors");
	typed_values_apply(r->sb, o, tcf, "opportunity");
	cJSON_AddArrayToObject(o, "opportunity_contact_roles");
	cJSON_AddItemToArray(store_list(&r->sb->store, "opportunities"), o);
	store_index_put(&r->sb->store, IX_OPPORTUNITY_ID, id, o, false);

	out = cJSON_CreateObject();
	cJSON_AddItemToObject(out, "opportunity", deal_out(r->sb, o));
	reply_json(r, 200, out);
}

/* ---- search ---- */

static double sort_value(const cJSON *o, const char *field)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, field);
	if (cJSON_IsNumber(v))
		return v->valuedouble;
	if (cJSON_IsBool(v))
		return cJSON_IsTrue(v);
	return -HUGE_VAL;           /* a blank amount sorts below every amount */
}

/* sort_by_field names the deal field itself; amounts and flags sort as numbers */
static const struct search_sort deal_sorts[] = {
	{ "amount", "amount", sort_value },
	{ "is_closed", "is_closed", sort_value },
	{ "is_won", "is_won", sort_value },
};

void route_opportunities_search(struct request *r)
{
	/* no filters: every deal is a hit */
	const struct search s = {
		.list = "opportunities", .show = deal_out,
		.sorts = deal_sorts, .n_sorts = sizeof deal_sorts / sizeof deal_sorts[0],
	};
	struct search_reply rep;

	if (!search_run(r, &s, &rep))
		return;
	cJSON_AddItemToObject(rep.out, "pagination", rep.pagination);
	cJSON_AddArrayToObject(rep.out, "breadcrumbs");
	cJSON_AddArrayToObject(rep.out, "salesforce_users");
	reply_json(r, 200, rep.out);
}
