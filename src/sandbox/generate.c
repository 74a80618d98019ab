/* generate.c - --generate-contacts (generate.h says what they look like). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "generate.h"

/* after the default seed's newest contact (2025-08-28), so the seed's own
 * contacts stay the oldest */
#define FIRST_CREATED 1756684800   /* 2025-09-01T00:00:00Z */
#define SPACING_S 7

static void created_at(long i, char out[32])
{
	time_t t = (time_t)FIRST_CREATED + (time_t)i * SPACING_S;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%S.000Z", &tm);
}

int generate_contacts(struct store *s, long n, bool keep_live, char *err, size_t errlen)
{
	cJSON *contacts = cJSON_GetObjectItemCaseSensitive(s->seed, "contacts");
	cJSON *labels = cJSON_GetObjectItemCaseSensitive(s->seed, "labels");
	cJSON *users = cJSON_GetObjectItemCaseSensitive(s->seed, "users");
	const char *owner = jstr(cJSON_GetArrayItem(users, 0), "id");
	const cJSON *lists[64], *it;
	int nlists = 0, nseed;
	cJSON **stage_of;

	if (!cJSON_IsArray(contacts)) {
		contacts = cJSON_AddArrayToObject(s->seed, "contacts");
		if (!contacts)
			goto oom;
	}
	cJSON_ArrayForEach(it, labels) {
		const char *m = jstr(it, "modality");
		if ((!*m || strcmp(m, "contacts") == 0) && nlists < (int)(sizeof lists / sizeof lists[0]))
			lists[nlists++] = it;
	}
	/* the seed's stages in its order, before the new contacts join it */
	nseed = cJSON_GetArraySize(contacts);
	stage_of = calloc(nseed ? (size_t)nseed : 1, sizeof *stage_of);
	if (!stage_of)
		goto oom;
	{
		int k = 0;
		cJSON_ArrayForEach(it, contacts)
			stage_of[k++] = cJSON_GetObjectItemCaseSensitive(it, "contact_stage_id");
	}
	for (long i = 0; i < n; i++) {
		cJSON *c = cJSON_CreateObject();
		char id[25], when[32], text[160];
		const cJSON *stage = nseed ? stage_of[i % nseed] : NULL;

		if (!c)
			goto oom_free;
		store_new_id(s, id);
		cJSON_AddStringToObject(c, "id", id);
		snprintf(text, sizeof text, "Gen%ld", i);
		cJSON_AddStringToObject(c, "first_name", text);
		snprintf(text, sizeof text, "Contact%ld", i);
		cJSON_AddStringToObject(c, "last_name", text);
		snprintf(text, sizeof text, "Gen%ld Contact%ld", i, i);
		cJSON_AddStringToObject(c, "name", text);
		snprintf(text, sizeof text, "gen%ld@generated-%ld.example", i, i % 1000);
		cJSON_AddStringToObject(c, "email", text);
		cJSON_AddStringToObject(c, "email_status", "verified");
		cJSON_AddStringToObject(c, "title", "Buyer");
		snprintf(text, sizeof text, "Generated Co %ld", i % 1000);
		cJSON_AddStringToObject(c, "organization_name", text);
		if (*owner)
			cJSON_AddStringToObject(c, "owner_id", owner);
		{
			cJSON *ids = cJSON_AddArrayToObject(c, "label_ids");
			if (nlists)
				cJSON_AddItemToArray(ids, cJSON_CreateString(jstr(lists[i % nlists], "id")));
		}
		if (cJSON_IsString(stage))
			cJSON_AddStringToObject(c, "contact_stage_id", stage->valuestring);
		created_at(i, when);
		cJSON_AddStringToObject(c, "created_at", when);
		cJSON_AddStringToObject(c, "updated_at", when);
		cJSON_AddItemToArray(contacts, c);
	}
	free(stage_of);
	if (!keep_live && store_reset(s) < 0)
		goto oom;
	return 0;
oom_free:
	free(stage_of);
oom:
	snprintf(err, errlen, "--generate-contacts: out of memory");
	return -1;
}
