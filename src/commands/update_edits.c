/* commands/update_edits.c - see commands/update_edits.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "apollo/api.h"
#include "commands/update_edits.h"
#include "rows/roundtrip.h"
#include "values/sheet_values.h"

const char *edits_find_named(const cJSON *list, const char *v, const char *const *keys, bool *several)
{
	const cJSON *it;
	const char *found = NULL;

	*several = false;
	cJSON_ArrayForEach(it, list)
		if (strcmp(api_str(it, "id"), v) == 0)
			return api_str(it, "id");
	cJSON_ArrayForEach(it, list)
		for (const char *const *k = keys; *k; k++)
			if (*api_str(it, *k) && strcasecmp(api_str(it, *k), v) == 0) {
				/* two that answer to the name: which one is meant is not guessed */
				if (found && strcmp(found, api_str(it, "id")) != 0) {
					*several = true;
					return NULL;
				}
				found = api_str(it, "id");
				break;
			}
	return found;
}

const char *edits_some_names(struct chunk *c, const cJSON *list, const char *key)
{
	struct dynbuf b;
	const cJSON *it;
	const char *out;
	int n = 0;
	dynbuf_init(&b, 1 << 16);
	cJSON_ArrayForEach(it, list) {
		const char *name = api_str(it, key);
		if (!*name)
			continue;
		if (n == 10) {
			dynbuf_add(&b, ", ...", 5);
			break;
		}
		if (n++)
			dynbuf_add(&b, ", ", 2);
		dynbuf_add(&b, "\"", 1);
		dynbuf_add(&b, name, strlen(name));
		dynbuf_add(&b, "\"", 1);
	}
	dynbuf_add(&b, "", 1);
	out = chunk_strdup(c, n ? b.data : "none");
	dynbuf_free(&b);
	return out;
}

enum cf_value_kind edits_custom_changed(const struct custom_field *f, enum cf_value_kind kind, cJSON **out,
                                        bool had, uint32_t was, const cJSON *stored)
{
	struct dynbuf shown, held;
	bool same;

	if (kind == CF_VALUE_SET && (had || stored)) {
		dynbuf_init(&shown, 1 << 20);
		dynbuf_init(&held, 1 << 20);
		custom_value_show(f, *out, &shown);
		if (!had && !cJSON_IsNull(stored))
			custom_value_show(f, stored, &held);
		same = had ? roundtrip_hash(shown.data ? shown.data : "", shown.len) == was
		           : shown.len == held.len && (!shown.len || memcmp(shown.data, held.data, shown.len) == 0);
		dynbuf_free(&shown);
		dynbuf_free(&held);
		if (same)
			kind = CF_VALUE_NONE;
	}
	if (kind != CF_VALUE_SET && kind != CF_VALUE_CLEAR) {
		cJSON_Delete(*out);
		*out = NULL;
	}
	return kind;
}

/* does value (converted) show as the text whose hash is was? */
static bool shows_as(const struct custom_field *f, const cJSON *value, uint32_t was)
{
	struct dynbuf shown;
	bool same;
	dynbuf_init(&shown, 1 << 20);
	custom_value_show(f, value, &shown);
	same = roundtrip_hash(shown.data ? shown.data : "", shown.len) == was;
	dynbuf_free(&shown);
	return same;
}

enum cf_value_kind edits_custom_read(const struct custom_field *f, const char *text, size_t len,
                                     const struct cf_reading *how, bool had, uint32_t was, cJSON **out,
                                     char *why, size_t whylen)
{
	enum cf_value_kind kind = custom_value_convert_as(f, text, len, how, out, why, whylen);

	if (had && (f->type == CF_DATE || f->type == CF_DATETIME) &&
	    (kind == CF_VALUE_BAD || (kind == CF_VALUE_SET && !shows_as(f, *out, was)))) {
		static const int orders[] = { DATE_DMY, DATE_MDY, DATE_YMD };
		for (size_t i = 0; i < sizeof orders / sizeof *orders; i++) {
			struct cf_reading other = { orders[i], how->decimal_comma };
			cJSON *v = NULL;
			char ignored[200];
			bool same = custom_value_convert_as(f, text, len, &other, &v, ignored, sizeof ignored) ==
			            CF_VALUE_SET && shows_as(f, v, was);
			cJSON_Delete(v);
			if (same) {
				cJSON_Delete(*out);
				*out = NULL;
				return CF_VALUE_NONE;
			}
		}
	}
	return kind;
}

void custom_edits_init(struct custom_edits *e)
{
	e->typed = NULL;
	dynbuf_init(&e->names, 1 << 16);
	e->n = 0;
}

void custom_edits_add(struct custom_edits *e, const struct custom_field *f, enum cf_value_kind kind, cJSON *out)
{
	if (!e->typed)
		e->typed = cJSON_CreateObject();
	/* "(clear)": an empty value empties the field */
	cJSON_AddItemToObject(e->typed, f->id, kind == CF_VALUE_SET ? out : custom_value_empty(f));
	if (e->names.len)
		dynbuf_add(&e->names, ", ", 2);
	dynbuf_add(&e->names, f->label, strlen(f->label));
	e->n++;
}

int custom_edits_finish(struct custom_edits *e, struct chunk *c, const char **json, const char **names)
{
	int n = e->n;
	if (e->typed) {
		char *text = cJSON_PrintUnformatted(e->typed);
		*json = text ? chunk_strdup(c, text) : NULL;
		*names = chunk_strdup(c, e->names.len ? e->names.data : "");
		free(text);
		cJSON_Delete(e->typed);
	}
	dynbuf_free(&e->names);
	return n;
}
