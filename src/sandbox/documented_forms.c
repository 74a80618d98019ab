/* documented_forms.c - see documented_forms.h.
 *
 * The table below is the one place the documented forms are written down.
 * Sources: [OAS op] Apollo's OpenAPI document (docs.apollo.io/openapi,
 * harvested 2026-08; the operation's parameters "in: query" or its
 * requestBody), [DOCS page] the docs.apollo.io reference page's "Query
 * Params" / "Body Params", [API §n] shared/apollo-api.md (which cites the
 * OAS), [OLD] Apollo's older docs. Where Apollo's own CLI or older clients
 * send another form (a JSON body for query parameters, POST users/search),
 * the sandbox takes it unless --strict-docs is given. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "documented_forms.h"

enum params_in { IN_NONE, IN_QUERY, IN_BODY, IN_QUERY_AND_BODY };

struct documented_form {
	const char *route;     /* as the server's route table names it */
	const char *method;
	enum params_in in;
	const char *query;     /* the query parameters, space-separated; arrays end in [] */
	const char *body;      /* the JSON body's top-level members */
};

#define CONTACT_FIELDS "first_name last_name organization_name title account_id email website_url " \
	"label_names contact_stage_id present_raw_address direct_phone corporate_phone mobile_phone " \
	"home_phone other_phone typed_custom_fields"

static const struct documented_form forms[] = {
	/* [OAS create-a-contact] requestBody */
	{ "contacts", "POST", IN_BODY, NULL, CONTACT_FIELDS " run_dedupe" },
	/* [OAS bulk-create-contacts] requestBody [API §3] */
	{ "contacts/bulk_create", "POST", IN_BODY, NULL, "contacts append_label_names owner_id run_dedupe" },
	/* [OAS bulk-update-contacts] [API §4] */
	{ "contacts/bulk_update", "POST", IN_BODY, NULL,
	  "contact_ids contact_attributes owner_id email organization_name title first_name last_name "
	  "account_id present_raw_address linkedin_url typed_custom_fields async visible_entity_ids" },
	/* [OAS search-for-contacts] requestBody */
	{ "contacts/search", "POST", IN_BODY, NULL,
	  "q_keywords contact_stage_ids contact_label_ids sort_by_field sort_ascending page per_page" },
	/* [OAS view-a-contact]: the path only */
	{ "contacts/{id}", "GET", IN_NONE, NULL, NULL },
	/* [OAS update-a-contact] requestBody; PUT is the older docs' [OLD] */
	{ "contacts/{id}", "PATCH", IN_BODY, NULL, CONTACT_FIELDS },
	/* [OAS create-an-account] [API §6] */
	{ "accounts", "POST", IN_BODY, NULL,
	  "name domain owner_id account_stage_id phone raw_address typed_custom_fields" },
	/* [OAS bulk-create-accounts] [API §6] */
	{ "accounts/bulk_create", "POST", IN_BODY, NULL, "accounts append_label_names run_dedupe" },
	/* [OAS bulk-update-accounts] [API §6]: custom values only per
	 * account_attributes item */
	{ "accounts/bulk_update", "POST", IN_BODY, NULL,
	  "account_ids account_attributes name owner_id account_stage_id async" },
	/* [OAS update-account-ownership] in: query [API §6] */
	{ "accounts/update_owners", "POST", IN_QUERY, "account_ids[] owner_id", NULL },
	/* [OAS update-contact-stage], [OAS update-contact-ownership] in: query
	 * [API §4] (apollo-csv sends update_stages in the query form, and a
	 * JSON body under APOLLO_PARAMS=body: taken unless --strict-docs) */
	{ "contacts/update_stages", "POST", IN_QUERY, "contact_ids[] contact_stage_id", NULL },
	{ "contacts/update_owners", "POST", IN_QUERY, "contact_ids[] owner_id", NULL },
	/* [DOCS search-for-accounts] Body Params */
	{ "accounts/search", "POST", IN_BODY, NULL,
	  "q_organization_name account_stage_ids account_label_ids sort_by_field sort_ascending page per_page" },
	/* [OAS search-for-sequences] in: query */
	{ "emailer_campaigns/search", "POST", IN_QUERY, "q_name page per_page", NULL },
	/* [OAS add-contacts-to-sequence] in: query; the mailbox is one id or
	 * several (then with []) */
	{ "emailer_campaigns/{id}/add_contact_ids", "POST", IN_QUERY,
	  "emailer_campaign_id contact_ids[] label_names[] send_email_from_email_account_id "
	  "send_email_from_email_account_id[] send_email_from_email_address sequence_no_email "
	  "sequence_unverified_email sequence_job_change sequence_active_in_other_campaigns "
	  "sequence_finished_in_other_campaigns sequence_same_company_in_same_campaign "
	  "contacts_without_ownership_permission add_if_in_queue contact_verification_skipped user_id "
	  "status auto_unpause_at", NULL },
	/* [OAS update-contact-status-sequence] in: query */
	{ "emailer_campaigns/remove_or_stop_contact_ids", "POST", IN_QUERY,
	  "emailer_campaign_ids[] contact_ids[] mode", NULL },
	/* [OAS update-an-account] requestBody */
	{ "accounts/{id}", "PATCH", IN_BODY, NULL,
	  "name domain owner_id account_stage_id phone raw_address typed_custom_fields" },
	/* [OAS add-records-to-a-list], [OAS remove-records-from-a-list]: body */
	{ "labels/add_entity_ids_to_label_names", "POST", IN_BODY, NULL, "entity_ids label_names modality async" },
	{ "labels/remove_entity_ids_from_label_names", "POST", IN_BODY, NULL, "entity_ids label_names modality async" },
	/* [OAS get-a-list-of-email-accounts]: no parameters */
	{ "email_accounts", "GET", IN_NONE, NULL, NULL },
	/* [OAS get-a-list-of-users] GET, in: query [API §10] */
	{ "users/search", "GET", IN_QUERY, "page per_page", NULL },
	/* [OAS get-a-list-of-all-lists], [OAS get-a-list-of-all-custom-fields],
	 * [DOCS list-contact-stages], [OAS opportunity stages]: no parameters */
	{ "labels", "GET", IN_NONE, NULL, NULL },
	{ "typed_custom_fields", "GET", IN_NONE, NULL, NULL },
	{ "opportunity_stages", "GET", IN_NONE, NULL, NULL },
	{ "contact_stages", "GET", IN_NONE, NULL, NULL },
	/* [OAS list-account-stages]: no parameters */
	{ "account_stages", "GET", IN_NONE, NULL, NULL },
	/* [OAS get-a-list-of-fields] in: query */
	{ "fields", "GET", IN_QUERY, "source", NULL },
	/* [OAS create-a-task] requestBody */
	{ "tasks", "POST", IN_BODY, NULL, "user_id contact_id type priority status due_at title note" },
	/* [OAS bulk-create-tasks] requestBody (Apollo's CLI sends tasks_attributes
	 * instead: not documented) */
	{ "tasks/bulk_create", "POST", IN_BODY, NULL, "user_id contact_ids type priority status due_at note" },
	/* [DOCS search-tasks] Query Params */
	{ "tasks/search", "POST", IN_QUERY, "sort_by_field open_factor_names[] page per_page", NULL },
	/* [OAS create-deal] [API §12] */
	{ "opportunities", "POST", IN_BODY, NULL,
	  "name owner_id account_id amount opportunity_stage_id closed_date typed_custom_fields" },
	/* [OAS list-all-deals] GET, in: query [API §12] */
	{ "opportunities/search", "GET", IN_QUERY, "sort_by_field page per_page", NULL },
	/* [OAS people-enrichment] in: query */
	{ "people/match", "POST", IN_QUERY,
	  "first_name last_name name email hashed_email organization_name domain id linkedin_url "
	  "run_waterfall_email run_waterfall_phone reveal_personal_emails reveal_phone_number webhook_url", NULL },
	/* [OAS bulk-people-enrichment] options in: query, details in the requestBody */
	{ "people/bulk_match", "POST", IN_QUERY_AND_BODY,
	  "run_waterfall_email run_waterfall_phone reveal_personal_emails reveal_phone_number webhook_url", "details" },
	/* [OAS organization-enrichment] GET, in: query [API §15] */
	{ "organizations/enrich", "GET", IN_QUERY, "domain linkedin_url name website", NULL },
	/* [OAS bulk-organization-enrichment] in: query [API §15] */
	{ "organizations/bulk_enrich", "POST", IN_QUERY, "domains[]", NULL },
	/* [OAS people-api-search] in: query [API §15] */
	{ "mixed_people/api_search", "POST", IN_QUERY,
	  "person_titles[] include_similar_titles q_keywords person_locations[] person_seniorities[] "
	  "organization_locations[] q_organization_domains_list[] contact_email_status[] organization_ids[] "
	  "organization_num_employees_ranges[] revenue_range[min] revenue_range[max] "
	  "currently_using_all_of_technology_uids[] currently_using_any_of_technology_uids[] "
	  "currently_not_using_any_of_technology_uids[] q_organization_job_titles[] "
	  "organization_job_locations[] organization_num_jobs_range[min] organization_num_jobs_range[max] "
	  "organization_job_posted_at_range[min] organization_job_posted_at_range[max] page per_page", NULL },
	/* [OAS post_apiusage]: POST, no parameters */
	{ "usage_stats/api_usage_stats", "POST", IN_NONE, NULL, NULL },
	/* [OLD _authentication.md] */
	{ "auth/health", "GET", IN_NONE, NULL, NULL },
};

/* name is one of the space-separated words of list */
static bool listed(const char *list, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = list; p && *p;) {
		size_t l = strcspn(p, " ");
		if (l == n && strncmp(p, name, n) == 0)
			return true;
		p += l;
		p += strspn(p, " ");
	}
	return false;
}

static const struct documented_form *find_form(const char *route, const char *method, const char **other)
{
	*other = NULL;
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		if (strcmp(forms[i].route, route) != 0)
			continue;
		if (strcmp(forms[i].method, method) == 0)
			return &forms[i];
		*other = forms[i].method;
	}
	return NULL;
}

/* why a query key is not in the documented form, or NULL when it is */
static const char *query_fault(const struct documented_form *f, const char *key, char *buf, size_t size)
{
	size_t kl = strlen(key);
	char arr[300];
	if (f->in == IN_BODY || f->in == IN_NONE) {
		snprintf(buf, size, "the query parameter %.100s, where Apollo documents %s", key,
		         f->in == IN_NONE ? "no parameters" : "a JSON body");
		return buf;
	}
	if (listed(f->query, key))
		return NULL;
	snprintf(arr, sizeof arr, "%.200s[]", key);
	if (!(kl > 2 && strcmp(key + kl - 2, "[]") == 0) && listed(f->query, arr)) {
		snprintf(buf, size, "the array parameter %.100s in the query without [] (documented as %.100s)",
		         key, arr);
		return buf;
	}
	snprintf(buf, size, "the query parameter %.100s, which Apollo does not document here", key);
	return buf;
}

/* why a body member is not in the documented form, or NULL when it is */
static const char *body_fault(const struct documented_form *f, const char *key, char *buf, size_t size)
{
	char arr[300];
	if (f->in == IN_BODY || f->in == IN_QUERY_AND_BODY) {
		if (listed(f->body, key))
			return NULL;
		snprintf(arr, sizeof arr, "%.200s[]", key);
		if (f->in == IN_QUERY_AND_BODY && (listed(f->query, key) || listed(f->query, arr)))
			snprintf(buf, size, "%.100s in the JSON body, where Apollo documents it as a query parameter", key);
		else
			snprintf(buf, size, "the body parameter %.100s, which Apollo does not document here", key);
		return buf;
	}
	snprintf(arr, sizeof arr, "%.200s[]", key);
	if (f->in == IN_QUERY && (listed(f->query, key) || listed(f->query, arr)))
		snprintf(buf, size, "JSON body parameters (%.100s), where Apollo documents query parameters", key);
	else if (f->in == IN_QUERY)
		snprintf(buf, size, "the body parameter %.100s, which Apollo does not document here (its "
		         "parameters go in the query)", key);
	else
		snprintf(buf, size, "the body parameter %.100s, where Apollo documents no parameters", key);
	return buf;
}

bool documented_form_check(const char *route, const char *method, const cJSON *body, bool has_body,
                           const cJSON *query, int *status, char *msg, size_t msgsize)
{
	const char *other, *why = NULL;
	const struct documented_form *f = find_form(route, method, &other);
	const cJSON *it;
	char buf[400];

	if (!f) {
		*status = 405;
		if (other)
			snprintf(buf, sizeof buf, "Apollo documents it with %s", other);
		else
			snprintf(buf, sizeof buf, "Apollo does not document this endpoint");
		why = buf;
	} else if (has_body && strcmp(method, "GET") == 0) {
		*status = 422;
		why = "a JSON body on a GET";
	} else {
		*status = 422;
		cJSON_ArrayForEach(it, body)
			if (it->string && (why = body_fault(f, it->string, buf, sizeof buf)) != NULL)
				break;
		if (!why)
			cJSON_ArrayForEach(it, query)
				if (it->string && (why = query_fault(f, it->string, buf, sizeof buf)) != NULL)
					break;
	}
	if (!why)
		return true;
	snprintf(msg, msgsize, "%s %s is not in the documented form: %s", method, route, why);
	return false;
}
