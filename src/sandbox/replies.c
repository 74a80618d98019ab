/* replies.c - the reply forms of a route (replies.h): what was set, and
 * the applied forms worked around the route's handler. The forms that are
 * not applied (a status, hang) are answered by the server before the
 * handler is reached.
 *
 * job and omit-first need the request's list of contacts, so they are for
 * the two bulk routes whose answers the tool must not take as proof. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replies.h"
#include "sandbox.h"

static const char *const form_names[] = {
	[RF_NORMAL] = "normal", [RF_STATUS] = NULL, [RF_HANG] = "hang", [RF_STRING] = "string",
	[RF_OBJECT] = "object", [RF_JOB] = "job", [RF_OMIT_FIRST] = "omit-first",
	[RF_PAID_PLAN] = "paid-plan",
};

/* the routes that take a list of contacts */
static const struct contacts_route {
	const char *route;
	const char *job_type;
	const char *attributes;     /* a list of {"id": ...} read before contact_ids, or NULL */
} contacts_routes[] = {
	{ "contacts/bulk_update", "contact_bulk_update", "contact_attributes" },
	{ "emailer_campaigns/remove_or_stop_contact_ids", "emailer_campaign_remove_or_stop", NULL },
};

static const struct contacts_route *contacts_route(const char *route)
{
	for (size_t i = 0; i < sizeof contacts_routes / sizeof contacts_routes[0]; i++)
		if (strcmp(contacts_routes[i].route, route) == 0)
			return &contacts_routes[i];
	return NULL;
}

/* "503" -> 503; 0 when form is not three digits from 400 to 599 */
static int parse_status(const char *form)
{
	int n;
	if (strlen(form) != 3 || !isdigit((unsigned char)form[0]) || !isdigit((unsigned char)form[1]) ||
	    !isdigit((unsigned char)form[2]))
		return 0;
	n = atoi(form);
	return n >= 400 && n <= 599 ? n : 0;
}

static bool parse_form(const char *form, struct reply_rule *out)
{
	size_t k, n = sizeof form_names / sizeof form_names[0];
	memset(out, 0, sizeof *out);
	out->status = parse_status(form);
	if (out->status) {
		out->form = RF_STATUS;
	} else {
		for (k = 0; k < n && !(form_names[k] && strcmp(form_names[k], form) == 0); k++)
			;
		if (k == n)
			return false;
		out->form = (enum reply_form)k;
		if (out->form == RF_PAID_PLAN)
			out->status = 403;
	}
	snprintf(out->name, sizeof out->name, "%s", form);
	return true;
}

void replies_init(struct replies *rp)
{
	rp->forms = cJSON_CreateObject();
	rp->after = cJSON_CreateObject();
	rp->answered = cJSON_CreateObject();
}

void replies_free(struct replies *rp)
{
	cJSON_Delete(rp->forms);
	cJSON_Delete(rp->after);
	cJSON_Delete(rp->answered);
	rp->forms = rp->after = rp->answered = NULL;
}

void replies_clear(struct replies *rp)
{
	replies_free(rp);
	replies_init(rp);
}

bool replies_set(struct replies *rp, const char *route, const char *form, char *err, size_t errsize)
{
	struct reply_rule rule;
	if (!parse_form(form, &rule)) {
		snprintf(err, errsize, "no reply form \"%s\" (a status from 400 to 599, paid-plan, hang, string, "
		         "object, job, omit-first, or normal)", form);
		return false;
	}
	if ((rule.form == RF_JOB || rule.form == RF_OMIT_FIRST) && !contacts_route(route)) {
		snprintf(err, errsize, "the reply form %s is only for contacts/bulk_update and "
		         "emailer_campaigns/remove_or_stop_contact_ids, not %s", form, route);
		return false;
	}
	cJSON_DeleteItemFromObjectCaseSensitive(rp->forms, route);
	cJSON_DeleteItemFromObjectCaseSensitive(rp->after, route);
	if (rule.form != RF_NORMAL)
		cJSON_AddStringToObject(rp->forms, route, rule.name);
	return true;
}

void replies_after_count(struct replies *rp, const char *route, long after)
{
	cJSON_DeleteItemFromObjectCaseSensitive(rp->after, route);
	if (after > 0)
		cJSON_AddNumberToObject(rp->after, route, (double)after);
}

struct reply_rule replies_take(struct replies *rp, const char *route)
{
	struct reply_rule rule;
	const char *form = jstr(rp->forms, route);
	cJSON *after = cJSON_GetObjectItemCaseSensitive(rp->after, route);

	if (cJSON_IsNumber(after) && after->valuedouble >= 1) {
		cJSON_SetNumberValue(after, after->valuedouble - 1);
		form = "";
	}
	/* only valid forms are kept, so this parse cannot fail */
	parse_form(*form ? form : "normal", &rule);
	return rule;
}

cJSON *entity_progress_job(struct store *s, const char *job_type, cJSON *ids)
{
	cJSON *out = cJSON_CreateObject(), *job = cJSON_AddObjectToObject(out, "entity_progress_job");
	char jid[25];
	store_new_id(s, jid);
	cJSON_AddStringToObject(job, "id", jid);
	cJSON_AddStringToObject(job, "job_type", job_type);
	cJSON_AddStringToObject(job, "status", "pending");
	cJSON_AddItemToObject(job, "entity_ids", ids);
	return out;
}

/* the request's contacts as its handler reads them: the attributes list
 * when there is one, else contact_ids; NULL when neither is a list */
static cJSON *request_contacts(struct request *r, const struct contacts_route *cr)
{
	cJSON *attrs = cr->attributes ? cJSON_GetObjectItemCaseSensitive(r->params, cr->attributes) : NULL;
	return cJSON_IsArray(attrs) ? attrs : param_array(r, "contact_ids");
}

/* one contact of the request: an id, or an object with one */
static const char *contact_id(const cJSON *item)
{
	if (cJSON_IsObject(item))
		item = cJSON_GetObjectItemCaseSensitive(item, "id");
	return cJSON_IsString(item) ? item->valuestring : NULL;
}

cJSON *replies_before(struct request *r, const char *route, const struct reply_rule *rule)
{
	cJSON *list, *ids, *it;

	if (rule->form != RF_JOB && rule->form != RF_OMIT_FIRST)
		return NULL;
	/* replies_set took these two forms only for a contacts route */
	list = request_contacts(r, contacts_route(route));
	if (!list)
		return NULL;
	if (rule->form == RF_OMIT_FIRST) {
		/* the handler never sees it: not applied, not in its answer */
		cJSON_DeleteItemFromArray(list, 0);
		return NULL;
	}
	ids = cJSON_CreateArray();
	cJSON_ArrayForEach(it, list)
		if (contact_id(it))
			cJSON_AddItemToArray(ids, cJSON_CreateString(contact_id(it)));
	return ids;
}

bool replies_after(struct request *r, const char *route, const struct reply_rule *rule, cJSON *ids)
{
	if (rule->form == RF_NORMAL || r->status < 200 || r->status > 299) {
		/* a refusal is Apollo's answer whatever the form */
		cJSON_Delete(ids);
		return false;
	}
	if (rule->form == RF_STRING) {
		reply_json(r, 200, cJSON_CreateString("ok"));
	} else if (rule->form == RF_OBJECT) {
		reply_json(r, 200, cJSON_CreateObject());
	} else if (rule->form == RF_JOB) {
		reply_json(r, 200, entity_progress_job(&r->sb->store, contacts_route(route)->job_type,
		                                       ids ? ids : cJSON_CreateArray()));
		ids = NULL;
	}
	/* omit-first: the handler answered without the contact */
	cJSON_Delete(ids);
	return true;
}
