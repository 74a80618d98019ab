/* typed_fields.c - see typed_fields.h. Shapes as in
 * shared/apollo-custom-fields.md §1.1: GET /fields lists system fields
 * (ids "contact.attr2") and custom ones (ids "<modality>.<24-hex>", a
 * label, source "custom"); GET /typed_custom_fields lists the custom ones
 * with bare ids, a "name", and picklist_values {id, _id, key, name}. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "typed_fields.h"

const cJSON *typed_field(struct store *s, const char *id)
{
	const cJSON *f;
	if (!id || !*id)
		return NULL;
	cJSON_ArrayForEach(f, store_list(s, "typed_custom_fields"))
		if (strcmp(jstr(f, "id"), id) == 0)
			return f;
	return NULL;
}

/* ---- the two lists ---- */

static void add_null(cJSON *o, const char *key)
{
	if (!cJSON_GetObjectItemCaseSensitive(o, key))
		cJSON_AddNullToObject(o, key);
}

/* a seed definition as GET /typed_custom_fields shows it */
static cJSON *typed_item(const cJSON *def)
{
	cJSON *o = store_public(def);
	const char *type = jstr(def, "type");
	bool pick = strcmp(type, "picklist") == 0 || strcmp(type, "multipicklist") == 0;

	if (pick && !cJSON_GetObjectItemCaseSensitive(o, "picklist_values"))
		cJSON_AddArrayToObject(o, "picklist_values");
	cJSON_ArrayForEach(def, cJSON_GetObjectItemCaseSensitive(o, "picklist_values"))
		if (!cJSON_GetObjectItemCaseSensitive(def, "mapped_crm_values"))
			cJSON_AddObjectToObject((cJSON *)def, "mapped_crm_values");
	add_null(o, "text_field_max_length");
	add_null(o, "mapped_crm_field");
	add_null(o, "additional_mapped_crm_field");
	if (!cJSON_GetObjectItemCaseSensitive(o, "is_readonly_mapped_crm_field"))
		cJSON_AddFalseToObject(o, "is_readonly_mapped_crm_field");
	add_null(o, "picklist_options_last_synced_at");
	add_null(o, "picklist_value_set_id");
	if (!cJSON_GetObjectItemCaseSensitive(o, "mirrored"))
		cJSON_AddFalseToObject(o, "mirrored");
	add_null(o, "system_name");
	if (!cJSON_GetObjectItemCaseSensitive(o, "finder_view_ids"))
		cJSON_AddArrayToObject(o, "finder_view_ids");
	if (!cJSON_GetObjectItemCaseSensitive(o, "is_local"))
		cJSON_AddFalseToObject(o, "is_local");
	return o;
}

void route_custom_fields(struct request *r)
{
	cJSON *out = cJSON_CreateObject(), *list = cJSON_AddArrayToObject(out, "typed_custom_fields");
	const cJSON *def;
	cJSON_ArrayForEach(def, store_list(&r->sb->store, "typed_custom_fields"))
		cJSON_AddItemToArray(list, typed_item(def));
	reply_json(r, 200, out);
}

static const char *category_of(const char *modality)
{
	return strcmp(modality, "contact") == 0 ? "person" : strcmp(modality, "account") == 0 ? "company"
	       : modality;
}

/* the keys every item of GET /fields has, when the seed does not say */
static void field_defaults(cJSON *o, const char *label)
{
	const char *modality = jstr(o, "modality");
	if (!cJSON_GetObjectItemCaseSensitive(o, "category"))
		cJSON_AddStringToObject(o, "category", category_of(modality));
	if (!cJSON_GetObjectItemCaseSensitive(o, "context")) {
		cJSON *c = cJSON_AddArrayToObject(o, "context");
		cJSON_AddItemToArray(c, cJSON_CreateString("csv_export"));
		cJSON_AddItemToArray(c, cJSON_CreateString("finder"));
	}
	add_null(o, "description");
	if (!cJSON_GetObjectItemCaseSensitive(o, "editable"))
		cJSON_AddBoolToObject(o, "editable", strcmp(jstr(o, "source"), "custom") == 0);
	add_null(o, "example");
	if (!cJSON_GetObjectItemCaseSensitive(o, "field_name"))
		cJSON_AddStringToObject(o, "field_name", label);
	add_null(o, "group");
	add_null(o, "icon_class");
	add_null(o, "parent");
	if (!cJSON_GetObjectItemCaseSensitive(o, "finder_view_ids"))
		cJSON_AddArrayToObject(o, "finder_view_ids");
	add_null(o, "project_workspace_id");
	if (!cJSON_GetObjectItemCaseSensitive(o, "finder_views"))
		cJSON_AddArrayToObject(o, "finder_views");
	if (!cJSON_GetObjectItemCaseSensitive(o, "is_local"))
		cJSON_AddFalseToObject(o, "is_local");
	if (!cJSON_GetObjectItemCaseSensitive(o, "meta"))
		cJSON_AddObjectToObject(o, "meta");
}

/* a custom field as GET /fields shows it: "<modality>.<id>", its label,
 * and its limits and picklist values under meta */
static cJSON *custom_item(const cJSON *def)
{
	cJSON *o = cJSON_CreateObject(), *meta;
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(def, "picklist_values");
	const cJSON *max = cJSON_GetObjectItemCaseSensitive(def, "text_field_max_length");
	char id[128];

	snprintf(id, sizeof id, "%s.%s", jstr(def, "modality"), jstr(def, "id"));
	cJSON_AddStringToObject(o, "id", id);
	cJSON_AddStringToObject(o, "label", jstr(def, "name"));
	cJSON_AddStringToObject(o, "modality", jstr(def, "modality"));
	cJSON_AddStringToObject(o, "type", jstr(def, "type"));
	cJSON_AddStringToObject(o, "source", "custom");
	meta = cJSON_AddObjectToObject(o, "meta");
	if (cJSON_IsNumber(max))
		cJSON_AddNumberToObject(meta, "max_length", max->valuedouble);
	if (cJSON_IsArray(v))
		cJSON_AddItemToObject(meta, "picklist_values", cJSON_Duplicate(v, 1));
	field_defaults(o, jstr(def, "name"));
	if (jstr(def, "created_at")[0])
		cJSON_AddStringToObject(o, "created_at", jstr(def, "created_at"));
	return o;
}

/* GET /fields[?source=system|custom|crm_synced]: every field, not paginated */
void route_fields(struct request *r)
{
	const char *source = param_str(r, "source");
	cJSON *out, *list;
	const cJSON *f;

	if (source && *source && strcmp(source, "system") != 0 && strcmp(source, "custom") != 0 &&
	    strcmp(source, "crm_synced") != 0) {
		reply_error(r, 422, "source must be one of system, custom, crm_synced");
		return;
	}
	if (source && !*source)
		source = NULL;
	out = cJSON_CreateObject();
	list = cJSON_AddArrayToObject(out, "fields");
	cJSON_ArrayForEach(f, store_list(&r->sb->store, "system_fields")) {
		const char *src = jstr(f, "source")[0] ? jstr(f, "source") : "system";
		cJSON *o;
		if (source && strcmp(source, src) != 0)
			continue;
		o = store_public(f);
		if (!jstr(o, "source")[0])
			jset_str(o, "source", src);
		field_defaults(o, jstr(f, "label"));
		cJSON_AddItemToArray(list, o);
	}
	if (!source || strcmp(source, "custom") == 0)
		cJSON_ArrayForEach(f, store_list(&r->sb->store, "typed_custom_fields"))
			cJSON_AddItemToArray(list, custom_item(f));
	reply_json(r, 200, out);
}

/* ---- values ---- */

static bool is_type(const cJSON *def, const char *a, const char *b)
{
	const char *t = jstr(def, "type");
	return strcmp(t, a) == 0 || (b && strcmp(t, b) == 0);
}

static bool picklist_has(const cJSON *def, const char *id)
{
	const cJSON *v;
	cJSON_ArrayForEach(v, cJSON_GetObjectItemCaseSensitive(def, "picklist_values"))
		if (strcmp(jstr(v, "id"), id) == 0)
			return true;
	return false;
}

static bool digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* YYYY-MM-DD, a day the calendar has; the rest after it in *rest */
static bool iso_date(const char *s, const char **rest)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d;
	if (strlen(s) < 10 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' ||
	    !digits(s + 8, 2))
		return false;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return false;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return false;
	*rest = s + 10;
	return true;
}

/* YYYY-MM-DD[THH:MM[:SS[.fff]][Z|+HH:MM|-HH:MM]] */
static bool iso_datetime(const char *s)
{
	const char *p;
	if (!iso_date(s, &p))
		return false;
	if (!*p)
		return true;
	if ((*p != 'T' && *p != ' ') || !digits(p + 1, 2) || p[3] != ':' || !digits(p + 4, 2) ||
	    atoi(p + 1) > 23 || atoi(p + 4) > 59)
		return false;
	p += 6;
	if (*p == ':') {
		if (!digits(p + 1, 2) || atoi(p + 1) > 59)
			return false;
		p += 3;
		if (*p == '.') {
			p++;
			if (!isdigit((unsigned char)*p))
				return false;
			while (isdigit((unsigned char)*p))
				p++;
		}
	}
	if (*p == 'Z')
		return p[1] == '\0';
	if (*p == '+' || *p == '-')
		return digits(p + 1, 2) && p[3] == ':' && digits(p + 4, 2) && p[6] == '\0';
	return *p == '\0';
}

static bool clears(const cJSON *v)
{
	return cJSON_IsNull(v) || (cJSON_IsString(v) && !*v->valuestring) ||
	       (cJSON_IsArray(v) && cJSON_GetArraySize(v) == 0);
}

/* v as text for a message (cut) */
static void shown(const cJSON *v, char *out, size_t size)
{
	char *text = cJSON_IsString(v) ? NULL : cJSON_PrintUnformatted(v);
	snprintf(out, size, "%.80s", cJSON_IsString(v) ? v->valuestring : text ? text : "?");
	free(text);
}

/* The value to keep for v in field def: *out (NULL: clear), or false with
 * why set. */
static bool convert(const cJSON *def, const cJSON *v, cJSON **out, char *why, size_t size)
{
	const char *label = jstr(def, "name");
	char val[96];
	const char *s = cJSON_IsString(v) ? v->valuestring : NULL;

	*out = NULL;
	if (clears(v))
		return true;
	shown(v, val, sizeof val);
	if (is_type(def, "multipicklist", "multi_select")) {
		cJSON *ids = cJSON_CreateArray(), *it;
		if (cJSON_IsArray(v)) {
			cJSON_ArrayForEach(it, v) {
				if (!cJSON_IsString(it) || !picklist_has(def, it->valuestring)) {
					shown(it, val, sizeof val);
					snprintf(why, size, "'%s' is not a value id of the picklist %s", val, label);
					cJSON_Delete(ids);
					return false;
				}
				cJSON_AddItemToArray(ids, cJSON_CreateString(it->valuestring));
			}
		} else if (s) {
			/* "id1;id2": the ids joined as a spreadsheet cell joins them */
			char *copy = strdup(s), *save = NULL;
			for (char *tok = strtok_r(copy, ";", &save); tok; tok = strtok_r(NULL, ";", &save)) {
				char *end = tok + strlen(tok);
				while (isspace((unsigned char)*tok))
					tok++;
				while (end > tok && isspace((unsigned char)end[-1]))
					*--end = '\0';
				if (!*tok)
					continue;
				if (!picklist_has(def, tok)) {
					snprintf(why, size, "'%.80s' is not a value id of the picklist %s", tok, label);
					free(copy);
					cJSON_Delete(ids);
					return false;
				}
				cJSON_AddItemToArray(ids, cJSON_CreateString(tok));
			}
			free(copy);
		} else {
			snprintf(why, size, "%s is not a list of value ids of the picklist %s", val, label);
			cJSON_Delete(ids);
			return false;
		}
		if (cJSON_GetArraySize(ids) == 0) {
			cJSON_Delete(ids);
			return true;
		}
		*out = ids;
		return true;
	}
	if (is_type(def, "picklist", NULL)) {
		if (!s || !picklist_has(def, s)) {
			snprintf(why, size, "'%s' is not a value id of the picklist %s", val, label);
			return false;
		}
		*out = cJSON_CreateString(s);
		return true;
	}
	if (is_type(def, "number", "currency")) {
		char *end;
		double d;
		if (cJSON_IsNumber(v)) {
			*out = cJSON_CreateNumber(v->valuedouble);
			return true;
		}
		d = s ? strtod(s, &end) : 0;
		if (!s || end == s || *end || isspace((unsigned char)*s)) {
			snprintf(why, size, "'%s' is not a number", val);
			return false;
		}
		*out = cJSON_CreateNumber(d);
		return true;
	}
	if (is_type(def, "date", NULL)) {
		const char *rest;
		if (!s || !iso_date(s, &rest) || *rest) {
			snprintf(why, size, "'%s' is not a date (YYYY-MM-DD)", val);
			return false;
		}
		*out = cJSON_CreateString(s);
		return true;
	}
	if (is_type(def, "datetime", NULL)) {
		if (!s || !iso_datetime(s)) {
			snprintf(why, size, "'%s' is not a date and time (ISO 8601)", val);
			return false;
		}
		*out = cJSON_CreateString(s);
		return true;
	}
	if (is_type(def, "boolean", NULL)) {
		if (cJSON_IsBool(v)) {
			*out = cJSON_CreateBool(cJSON_IsTrue(v));
			return true;
		}
		if (s && (strcasecmp(s, "true") == 0 || strcasecmp(s, "false") == 0)) {
			*out = cJSON_CreateBool(strcasecmp(s, "true") == 0);
			return true;
		}
		snprintf(why, size, "'%s' is not true or false", val);
		return false;
	}
	/* text: string, textarea and the other text-like types */
	{
		const cJSON *max = cJSON_GetObjectItemCaseSensitive(def, "text_field_max_length");
		char num[64];
		if (cJSON_IsNumber(v)) {
			snprintf(num, sizeof num, "%.15g", v->valuedouble);
			s = num;
		}
		if (!s) {
			snprintf(why, size, "%s is not text", val);
			return false;
		}
		if (cJSON_IsNumber(max) && max->valuedouble > 0) {
			/* characters, not bytes: UTF-8 continuation bytes do not count */
			long n = 0;
			for (const char *p = s; *p; p++)
				n += ((unsigned char)*p & 0xC0) != 0x80;
			if (n > (long)max->valuedouble) {
				snprintf(why, size, "the text is %ld characters long, longer than the %ld %s takes",
				         n, (long)max->valuedouble, label);
				return false;
			}
		}
		*out = cJSON_CreateString(s);
		return true;
	}
}

/* the field for key on a record of modality, or NULL with why set */
static const cJSON *field_for(struct store *s, const char *key, const char *modality, char *why, size_t size)
{
	const cJSON *def = typed_field(s, key);
	if (!def) {
		snprintf(why, size, "%.64s is not a custom field of this team", key);
		return NULL;
	}
	if (strcmp(jstr(def, "modality"), modality) != 0) {
		snprintf(why, size, "%.64s is a custom field of %ss, not of %ss", key, jstr(def, "modality"),
		         modality);
		return NULL;
	}
	return def;
}

bool typed_values_check(struct request *r, const cJSON *tcf, const char *modality, const char *record_id)
{
	const cJSON *v;
	if (!tcf || cJSON_IsNull(tcf))
		return true;
	if (!cJSON_IsObject(tcf)) {
		reply_error(r, 422, "typed_custom_fields must be an object of custom field id -> value");
		return false;
	}
	if (!r->sb->cfg.custom_field_errors_422)
		return true;
	cJSON_ArrayForEach(v, tcf) {
		char why[300], idkey[32];
		const cJSON *def = field_for(&r->sb->store, v->string, modality, why, sizeof why);
		cJSON *out = NULL, *e, *d;
		if (def && convert(def, v, &out, why, sizeof why)) {
			cJSON_Delete(out);
			continue;
		}
		e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "error", "Validation failed");
		d = cJSON_AddObjectToObject(e, "error_details");
		snprintf(idkey, sizeof idkey, "%s_id", modality);
		jset_str(d, idkey, record_id);
		cJSON_AddStringToObject(d, "field", v->string);
		cJSON_AddStringToObject(d, "message", why);
		reply_json(r, 422, e);
		return false;
	}
	return true;
}

void typed_values_apply(struct sandbox *sb, cJSON *record, const cJSON *tcf, const char *modality)
{
	cJSON *stored = cJSON_GetObjectItemCaseSensitive(record, "typed_custom_fields");
	cJSON *errors;
	const cJSON *v;

	if (!cJSON_IsObject(tcf))
		return;
	if (!cJSON_IsObject(stored)) {
		cJSON_DeleteItemFromObjectCaseSensitive(record, "typed_custom_fields");
		stored = cJSON_AddObjectToObject(record, "typed_custom_fields");
	}
	errors = cJSON_GetObjectItemCaseSensitive(record, "custom_field_errors");
	if (cJSON_IsObject(errors)) {
		/* emptied where it is, so the record keeps its order of keys */
		while (errors->child)
			cJSON_Delete(cJSON_DetachItemViaPointer(errors, errors->child));
	} else {
		cJSON_DeleteItemFromObjectCaseSensitive(record, "custom_field_errors");
		errors = cJSON_AddObjectToObject(record, "custom_field_errors");
	}
	cJSON_ArrayForEach(v, tcf) {
		char why[300];
		const cJSON *def = field_for(&sb->store, v->string, modality, why, sizeof why);
		cJSON *out = NULL;
		if (!def || !convert(def, v, &out, why, sizeof why)) {
			cJSON_DeleteItemFromObjectCaseSensitive(errors, v->string);
			cJSON_AddStringToObject(errors, v->string, why);
			continue;
		}
		cJSON_DeleteItemFromObjectCaseSensitive(stored, v->string);
		if (out)
			cJSON_AddItemToObject(stored, v->string, out);
	}
}
