/* record_shapes.c - see record_shapes.h. The field lists are the ones
 * Apollo's OpenAPI examples show for each record (apollo-api.md); they are
 * the fields a client may read and must find null when empty. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "record_shapes.h"

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

/* each key of `keys` the record lacks, added as null */
static void add_nulls(cJSON *rec, const char *const *keys, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!cJSON_GetObjectItemCaseSensitive(rec, keys[i]))
			cJSON_AddNullToObject(rec, keys[i]);
}

static void add_array(cJSON *rec, const char *key)
{
	if (!cJSON_GetObjectItemCaseSensitive(rec, key))
		cJSON_AddArrayToObject(rec, key);
}

static void add_object(cJSON *rec, const char *key)
{
	if (!cJSON_GetObjectItemCaseSensitive(rec, key))
		cJSON_AddObjectToObject(rec, key);
}

static void add_string(cJSON *rec, const char *key, const char *value)
{
	if (!cJSON_GetObjectItemCaseSensitive(rec, key))
		cJSON_AddStringToObject(rec, key, value);
}

static const char *const contact_nulls[] = {
	"first_name", "last_name", "title", "email", "email_status", "email_source",
	"organization_name", "organization_id", "account_id", "owner_id", "creator_id",
	"contact_stage_id", "person_id", "linkedin_url", "twitter_url", "facebook_url", "headline",
	"photo_url", "present_raw_address", "city", "state", "country", "time_zone", "sanitized_phone",
	"last_activity_date", "email_unsubscribed", "salesforce_id", "salesforce_lead_id",
	"salesforce_contact_id", "salesforce_account_id", "hubspot_vid", "crm_id", "crm_owner_id",
	"merged_crm_ids",
};

static const char *const contact_unset[] = {
	"email_source", "organization_id", "person_id", "twitter_url", "facebook_url", "headline",
	"photo_url", "last_activity_date", "email_unsubscribed", "salesforce_id", "salesforce_lead_id",
	"salesforce_contact_id", "salesforce_account_id", "hubspot_vid", "crm_id", "crm_owner_id",
	"merged_crm_ids",
};

void shape_contact_unset(cJSON *c)
{
	cJSON *after = cJSON_GetObjectItemCaseSensitive(c, "sanitized_phone");
	if (!c || cJSON_GetObjectItemCaseSensitive(c, contact_unset[0]))
		return;
	for (size_t i = 0; i < COUNT(contact_unset); i++) {
		cJSON *v = cJSON_CreateNull();
		if (!v)
			return;
		/* a literal key, kept, not copied, as cJSON_AddItemToObjectCS keeps it */
		v->string = (char *)contact_unset[i];
		v->type |= cJSON_StringIsConst;
		if (!after) {
			cJSON_AddItemToArray(c, v);
			continue;
		}
		/* after `after`, by hand: cJSON inserts only by position */
		v->prev = after;
		v->next = after->next;
		if (after->next)
			after->next->prev = v;
		else
			c->child->prev = v;    /* the new last item */
		after->next = v;
		after = v;
	}
}

void shape_contact(cJSON *c)
{
	cJSON *st;
	add_nulls(c, contact_nulls, COUNT(contact_nulls));
	add_array(c, "label_ids");
	add_array(c, "emailer_campaign_ids");
	add_array(c, "contact_campaign_statuses");
	add_array(c, "phone_numbers");
	add_array(c, "contact_emails");
	add_object(c, "typed_custom_fields");
	add_object(c, "custom_field_errors");
	add_string(c, "existence_level", "full");
	cJSON_ArrayForEach(st, cJSON_GetObjectItemCaseSensitive(c, "contact_campaign_statuses"))
		shape_membership(st);
}

static const char *const membership_nulls[] = {
	"inactive_reason", "finished_at", "paused_at", "auto_unpause_at", "send_email_from_email_address",
	"manually_set_unpause", "failure_reason", "current_step_id", "current_step_position",
	"in_response_to_emailer_message_id", "cc_emails", "bcc_emails", "to_emails",
};

void shape_membership(cJSON *st)
{
	add_nulls(st, membership_nulls, COUNT(membership_nulls));
}

static const char *const account_nulls[] = {
	"domain", "organization_id", "account_stage_id", "owner_id", "creator_id", "phone",
	"sanitized_phone", "phone_status", "linkedin_url", "raw_address", "hubspot_id", "salesforce_id",
	"parent_account_id", "last_activity_date", "created_at", "crm_owner_id", "website_url",
};

void shape_account(cJSON *a)
{
	const cJSON *domain = cJSON_GetObjectItemCaseSensitive(a, "domain");
	/* the website Apollo shows for an account with a domain */
	if (!cJSON_GetObjectItemCaseSensitive(a, "website_url") && cJSON_IsString(domain) && *domain->valuestring) {
		char url[300];
		snprintf(url, sizeof url, "http://www.%s", domain->valuestring);
		cJSON_AddStringToObject(a, "website_url", url);
	}
	add_nulls(a, account_nulls, COUNT(account_nulls));
	add_array(a, "label_ids");
	add_object(a, "typed_custom_fields");
	add_object(a, "custom_field_errors");
	add_string(a, "modality", "account");
	add_string(a, "existence_level", "full");
	/* the seed's accounts stand for a team's earlier upload */
	add_string(a, "source", "csv_import");
	add_string(a, "original_source", "csv_import");
	add_string(a, "source_display_name", "Uploaded from CSV");
}

static const char *const user_nulls[] = {
	"first_name", "last_name", "name", "email", "title", "created_at", "credit_limit",
};

void shape_user(cJSON *u, const char *team_id)
{
	if (team_id && *team_id)
		add_string(u, "team_id", team_id);
	add_nulls(u, user_nulls, COUNT(user_nulls));
	if (!cJSON_GetObjectItemCaseSensitive(u, "deleted"))
		cJSON_AddFalseToObject(u, "deleted");
}

static const char *const mailbox_nulls[] = {
	"provider_display_name", "last_synced_at", "revoked_at", "inactive_reason", "created_at",
	"seconds_delay_between_emails", "email_daily_threshold", "max_outbound_emails_per_hour",
	"signature_html",
};

void shape_mailbox(cJSON *m)
{
	add_nulls(m, mailbox_nulls, COUNT(mailbox_nulls));
	add_array(m, "aliases");
}

static const char *const stage_nulls[] = { "category", "is_meeting_set" };

void shape_account_stage(cJSON *st, const char *team_id)
{
	const cJSON *name = cJSON_GetObjectItemCaseSensitive(st, "name");
	if (team_id && *team_id)
		add_string(st, "team_id", team_id);
	if (cJSON_IsString(name))
		add_string(st, "display_name", name->valuestring);
	if (!cJSON_GetObjectItemCaseSensitive(st, "default_exclude_for_leadgen"))
		cJSON_AddFalseToObject(st, "default_exclude_for_leadgen");
	add_nulls(st, stage_nulls, COUNT(stage_nulls));
}
