/* record_shapes.c - see record_shapes.h. The field lists are the ones
 * Apollo's OpenAPI examples show for each record (apollo-api.md); they are
 * the fields a client may read and must find null when empty. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "record_shapes.h"

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

/* each key of `keys` (at most 64, none twice) the record lacks, added as
 * null. One pass over the record marks what it has (looking each key up
 * made shaping the 200,000 contacts of --generate-contacts most of the
 * sandbox's start). The keys are the static lists below, so the nulls
 * keep them without a copy. */
static void add_nulls(cJSON *rec, const char *const *keys, size_t n)
{
	unsigned long long has = 0;
	const cJSON *m;
	cJSON_ArrayForEach(m, rec) {
		if (!m->string)
			continue;
		for (size_t i = 0; i < n; i++)
			if (m->string[0] == keys[i][0] && strcmp(m->string, keys[i]) == 0) {
				has |= 1ULL << i;
				break;
			}
	}
	for (size_t i = 0; i < n; i++)
		if (!(has & (1ULL << i)))
			cJSON_AddItemToObjectCS(rec, keys[i], cJSON_CreateNull());
}
#define ADD_NULLS(rec, keys) do { \
	_Static_assert(COUNT(keys) <= 64, #keys " has more keys than add_nulls can mark"); \
	add_nulls(rec, keys, COUNT(keys)); \
} while (0)

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


/* A contact a request made, field by field in the order Apollo's reply
 * has them (apollo-api.md §2), with the value each starts with; what it
 * starts with is not stored (record_shapes.h). */
enum start { S_NULL, S_ARRAY, S_OBJECT, S_TEXT, S_FALSE, S_TRUE };
struct made_field {
	const char *key;
	enum start start;
	const char *text;           /* S_TEXT */
};
#define UNSET(k) { k, S_NULL, NULL },
static const struct made_field made_contact[] = {
	{ "id", S_NULL, NULL }, { "team_id", S_NULL, NULL },
	/* what a request may set (made_contacts.h's contact_text_fields) */
	{ "first_name", S_NULL, NULL }, { "last_name", S_NULL, NULL }, { "email", S_NULL, NULL },
	{ "title", S_NULL, NULL }, { "organization_name", S_NULL, NULL }, { "account_id", S_NULL, NULL },
	{ "contact_stage_id", S_NULL, NULL }, { "present_raw_address", S_NULL, NULL },
	{ "linkedin_url", S_NULL, NULL }, { "city", S_NULL, NULL }, { "state", S_NULL, NULL },
	{ "country", S_NULL, NULL }, { "owner_id", S_NULL, NULL }, { "time_zone", S_NULL, NULL },
	{ "website_url", S_NULL, NULL },
	{ "email_status", S_NULL, NULL }, { "creator_id", S_NULL, NULL },
	{ "phone_numbers", S_ARRAY, NULL }, { "sanitized_phone", S_NULL, NULL },
	/* what no request sets: null until Apollo has a value */
	UNSET("email_source") UNSET("organization_id") UNSET("person_id") UNSET("twitter_url")
	UNSET("facebook_url") UNSET("headline") UNSET("photo_url") UNSET("last_activity_date")
	UNSET("email_unsubscribed") UNSET("salesforce_id") UNSET("salesforce_lead_id")
	UNSET("salesforce_contact_id") UNSET("salesforce_account_id") UNSET("hubspot_vid")
	UNSET("crm_id") UNSET("crm_owner_id") UNSET("merged_crm_ids")
	{ "contact_emails", S_ARRAY, NULL }, { "custom_field_errors", S_OBJECT, NULL },
	{ "label_ids", S_ARRAY, NULL }, { "typed_custom_fields", S_OBJECT, NULL },
	{ "emailer_campaign_ids", S_ARRAY, NULL }, { "contact_campaign_statuses", S_ARRAY, NULL },
	{ "source", S_TEXT, "api" }, { "original_source", S_TEXT, "api" },
	{ "source_display_name", S_TEXT, "Created from API" }, { "existence_level", S_TEXT, "full" },
	{ "created_at", S_NULL, NULL }, { "updated_at", S_NULL, NULL },
	{ "_job_change", S_FALSE, NULL }, { "_owner_permission", S_TRUE, NULL },
	{ "name", S_NULL, NULL },
};
#undef UNSET
#define N_MADE COUNT(made_contact)

bool shape_contact_is_made(const cJSON *c)
{
	/* a seed or state contact has it always (shape_contact), a made one
	 * only when a request set it */
	return cJSON_IsObject(c) && !cJSON_GetObjectItemCaseSensitive(c, "existence_level");
}

/* key's place in made_contact, or -1 */
static int made_index(const char *key)
{
	for (size_t i = 0; i < N_MADE; i++)
		if (key[0] == made_contact[i].key[0] && strcmp(key, made_contact[i].key) == 0)
			return (int)i;
	return -1;
}

static cJSON *made_start(const struct made_field *f)
{
	switch (f->start) {
	case S_ARRAY: return cJSON_CreateArray();
	case S_OBJECT: return cJSON_CreateObject();
	case S_TEXT: return cJSON_CreateString(f->text);
	case S_FALSE: return cJSON_CreateFalse();
	case S_TRUE: return cJSON_CreateTrue();
	case S_NULL: break;
	}
	return cJSON_CreateNull();
}

cJSON *shape_contact_made(const cJSON *c, bool with_own)
{
	const cJSON *at[N_MADE] = { 0 }, *m;
	cJSON *out = cJSON_CreateObject();
	if (!out)
		return NULL;
	/* the first of a repeated key is the one a look-up finds */
	cJSON_ArrayForEach(m, c) {
		int i = m->string ? made_index(m->string) : -1;
		if (i >= 0 && !at[i])
			at[i] = m;
	}
	for (size_t i = 0; i < N_MADE; i++) {
		cJSON *v;
		if (!with_own && made_contact[i].key[0] == '_')
			continue;
		v = at[i] ? cJSON_Duplicate(at[i], 1) : made_start(&made_contact[i]);
		if (!v) {
			cJSON_Delete(out);
			return NULL;
		}
		cJSON_AddItemToObjectCS(out, made_contact[i].key, v);
	}
	/* then every other member (a repeated key too), in its order */
	cJSON_ArrayForEach(m, c) {
		int i = m->string ? made_index(m->string) : -1;
		cJSON *v;
		if ((i >= 0 && at[i] == m) || (!with_own && m->string && m->string[0] == '_'))
			continue;
		v = cJSON_Duplicate(m, 1);
		if (!v) {
			cJSON_Delete(out);
			return NULL;
		}
		cJSON_AddItemToArray(out, v);
	}
	return out;
}

void shape_contact(cJSON *c)
{
	cJSON *st;
	ADD_NULLS(c, contact_nulls);
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
	ADD_NULLS(st, membership_nulls);
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
	ADD_NULLS(a, account_nulls);
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
	ADD_NULLS(u, user_nulls);
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
	ADD_NULLS(m, mailbox_nulls);
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
	ADD_NULLS(st, stage_nulls);
}
