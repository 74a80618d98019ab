/* made_contacts.c - see made_contacts.h. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "made_contacts.h"

const char *const contact_text_fields[N_CONTACT_TEXT] = {
	"first_name", "last_name", "email", "title", "organization_name", "account_id",
	"contact_stage_id", "present_raw_address", "linkedin_url", "city", "state", "country",
	"owner_id", "time_zone", "website_url",
};
const char *const contact_phone_fields[N_CONTACT_PHONE] = {
	"direct_phone", "corporate_phone", "mobile_phone", "home_phone", "other_phone", "phone",
};
const char *const contact_phone_types[N_CONTACT_PHONE] = {
	"work_direct", "work_hq", "mobile", "home", "other", "other",
};

/* a closed contact's valueint (no contact object has another but 0) */
#define MADE_CLOSED 0x4d414445

/* the values a block holds, each at its offset in data (0: not given) */
enum { R_ID, R_TEXT, R_PHONE = R_TEXT + N_CONTACT_TEXT, R_NOW = R_PHONE + N_CONTACT_PHONE, R_NAME, R_COUNT };

struct block {
	const char *team_id, *email_status;
	uint32_t off[R_COUNT];
	char data[];                /* data[0] is no value's: offset 0 is "not given" */
};

static const char *value(const struct block *b, int k)
{
	return b->off[k] ? b->data + b->off[k] : NULL;
}

cJSON *made_contact_new(const struct made_values *v)
{
	const char *val[R_COUNT];
	size_t len[R_COUNT], total = 1, at = 1;
	struct block *b;
	cJSON *c;
	bool was;

	val[R_ID] = v->id ? v->id : "";
	for (int i = 0; i < N_CONTACT_TEXT; i++)
		val[R_TEXT + i] = v->text[i];
	for (int i = 0; i < N_CONTACT_PHONE; i++)
		val[R_PHONE + i] = v->phone[i];
	val[R_NOW] = v->now;
	val[R_NAME] = v->name ? v->name : "";
	for (int k = 0; k < R_COUNT; k++) {
		/* the id and the name are kept even when empty, as they always were */
		bool kept = val[k] && (*val[k] || k == R_ID || k == R_NAME);
		len[k] = kept ? strlen(val[k]) + 1 : 0;
		total += len[k];
	}
	was = arena_pack(true);
	b = cJSON_malloc(sizeof *b + total);
	c = cJSON_CreateObject();
	arena_pack(was);
	if (!b || !c) {
		cJSON_free(b);
		cJSON_Delete(c);
		return NULL;
	}
	b->team_id = v->team_id;
	b->email_status = v->email_status;
	b->data[0] = '\0';
	for (int k = 0; k < R_COUNT; k++) {
		b->off[k] = 0;
		if (!len[k])
			continue;
		b->off[k] = (uint32_t)at;
		memcpy(b->data + at, val[k], len[k]);
		at += len[k];
	}
	c->valuestring = (char *)b;
	c->valueint = MADE_CLOSED;
	return c;
}

bool made_contact_is_closed(const cJSON *c)
{
	return c && cJSON_IsObject(c) && c->valueint == MADE_CLOSED && c->valuestring && !c->child;
}

/* key is a string literal: kept, not copied */
static void add(cJSON *c, const char *key, cJSON *v)
{
	cJSON_AddItemToObjectCS(c, key, v);
}

void made_contact_open(cJSON *c)
{
	const struct block *b;
	const char *owner;
	cJSON *phones;
	bool was;

	if (!made_contact_is_closed(c))
		return;
	b = (const struct block *)c->valuestring;
	c->valuestring = NULL;
	c->valueint = 0;
	was = arena_pack(true);
	add(c, "id", cJSON_CreateString(value(b, R_ID)));
	add(c, "team_id", cJSON_CreateString(b->team_id ? b->team_id : ""));
	for (int i = 0; i < N_CONTACT_TEXT; i++)
		if (value(b, R_TEXT + i))
			add(c, contact_text_fields[i], cJSON_CreateString(value(b, R_TEXT + i)));
	add(c, "email_status", b->email_status ? cJSON_CreateString(b->email_status) : cJSON_CreateNull());
	owner = value(b, R_TEXT + CONTACT_TEXT_OWNER);
	if (owner)
		add(c, "creator_id", cJSON_CreateString(owner));
	phones = cJSON_CreateArray();
	for (int i = 0; i < N_CONTACT_PHONE; i++) {
		const char *n = value(b, R_PHONE + i);
		cJSON *p;
		if (!n)
			continue;
		p = cJSON_CreateObject();
		add(p, "raw_number", cJSON_CreateString(n));
		add(p, "sanitized_number", cJSON_CreateString(n));
		add(p, "type", cJSON_CreateString(contact_phone_types[i]));
		add(p, "position", cJSON_CreateNumber(cJSON_GetArraySize(phones)));
		add(p, "status", cJSON_CreateString("no_status"));
		cJSON_AddItemToArray(phones, p);
	}
	add(c, "phone_numbers", phones);
	if (phones && phones->child)
		add(c, "sanitized_phone", cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(
		    phones->child, "sanitized_number"), 0));
	add(c, "custom_field_errors", cJSON_CreateObject());
	add(c, "label_ids", cJSON_CreateArray());
	add(c, "typed_custom_fields", cJSON_CreateObject());
	add(c, "emailer_campaign_ids", cJSON_CreateArray());
	add(c, "contact_campaign_statuses", cJSON_CreateArray());
	add(c, "created_at", cJSON_CreateString(value(b, R_NOW) ? value(b, R_NOW) : ""));
	add(c, "updated_at", cJSON_CreateString(value(b, R_NOW) ? value(b, R_NOW) : ""));
	add(c, "name", cJSON_CreateString(value(b, R_NAME)));
	arena_pack(was);
	/* a block in the arena stays until the reset; a malloc'd one goes */
	cJSON_free((void *)b);
}
