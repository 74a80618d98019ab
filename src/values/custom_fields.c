/* values/custom_fields.c - see values/custom_fields.h: a team's custom fields
 * read from any of the shapes Apollo (or a snapshot) gives them in, and a
 * cell turned into what a field takes.
 *
 * Reading is lenient about where a field keeps its options and length
 * (GET /fields puts them under "meta", GET /typed_custom_fields at the top,
 * a snapshot under "options"), and strict about what a field cannot be
 * used without: its id, label, type and modality. A reply that lacks one
 * of them is refused as a whole, because a look-up that half worked would
 * send columns to the wrong place or drop them without a word. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/near_names.h"
#include "values/clean.h"
#include "values/custom_fields.h"
#include "values/sheet_internal.h"

/* at most this many picklist labels in a reason */
#define LABELS_SHOWN 10

static const char *const modality_names[CF_MODALITIES] = { "contact", "account", "opportunity" };

/* Apollo's words for types, in its three vocabularies (see the facts §1.2) */
static const struct {
	const char *name;
	enum cf_type type;
} type_names[] = {
	{ "string", CF_TEXT },          { "textarea", CF_TEXT },        { "text", CF_TEXT },
	{ "url", CF_TEXT },             { "email", CF_TEXT },           { "phone", CF_TEXT },
	{ "number", CF_NUMBER },        { "currency", CF_NUMBER },      { "date", CF_DATE },
	{ "datetime", CF_DATETIME },    { "date_time", CF_DATETIME },   { "boolean", CF_BOOLEAN },
	{ "checkbox", CF_BOOLEAN },     { "picklist", CF_PICKLIST },    { "multipicklist", CF_MULTIPICKLIST },
	{ "multi_select", CF_MULTIPICKLIST }, { "multi_picklist", CF_MULTIPICKLIST },
};

static const char *const true_words[] = { "yes", "y", "true", "t", "1", "x", "checked", "on" };
static const char *const false_words[] = { "no", "n", "false", "f", "0", "unchecked", "off" };

const char *cf_modality_name(enum cf_modality m)
{
	return m >= 0 && m < CF_MODALITIES ? modality_names[m] : "?";
}

bool cf_modality_from_name(const char *s, enum cf_modality *m)
{
	for (int i = 0; i < CF_MODALITIES; i++)
		if (s && strcasecmp(s, modality_names[i]) == 0) {
			*m = (enum cf_modality)i;
			return true;
		}
	return false;
}

static enum cf_type type_from_name(const char *name)
{
	for (size_t i = 0; i < sizeof type_names / sizeof type_names[0]; i++)
		if (strcasecmp(name, type_names[i].name) == 0)
			return type_names[i].type;
	return CF_UNSUPPORTED;
}

/* ---- definitions ---- */

static char *dup(const char *s)
{
	char *d = strdup(s ? s : "");
	if (!d)
		abort();
	return d;
}

static void field_free(struct custom_field *f)
{
	free(f->id);
	free(f->label);
	free(f->type_name);
	for (size_t i = 0; i < f->noptions; i++) {
		free(f->options[i].id);
		free(f->options[i].label);
	}
	free(f->options);
}

void custom_fields_free(struct custom_fields *set)
{
	for (size_t i = 0; i < set->n; i++)
		field_free(&set->fields[i]);
	free(set->fields);
	set->fields = NULL;
	set->n = 0;
}

void custom_fields_keep(struct custom_fields *set, enum cf_modality m)
{
	size_t kept = 0;

	for (size_t i = 0; i < set->n; i++) {
		if (set->fields[i].modality == m)
			set->fields[kept++] = set->fields[i];
		else
			field_free(&set->fields[i]);
	}
	set->n = kept;
}

static const char *string_of(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) && v->valuestring[0] ? v->valuestring : NULL;
}

/* the first of keys o holds as a non-empty string */
static const char *first_string(const cJSON *o, const char *const *keys)
{
	for (; *keys; keys++) {
		const char *s = string_of(o, *keys);
		if (s)
			return s;
	}
	return NULL;
}

static const char *json_kind(const cJSON *v)
{
	if (!v)
		return "missing";
	if (cJSON_IsArray(v))
		return "a list";
	if (cJSON_IsObject(v))
		return "an object";
	if (cJSON_IsString(v))
		return "a string";
	if (cJSON_IsNumber(v))
		return "a number";
	if (cJSON_IsBool(v))
		return "true or false";
	return "null";
}

/* picklist values from any list of them the item carries */
static void read_options(struct custom_field *f, const cJSON *item)
{
	static const char *const id_keys[] = { "id", "_id", "key", NULL };
	static const char *const label_keys[] = { "label", "name", "value", NULL };
	const cJSON *meta = cJSON_GetObjectItemCaseSensitive(item, "meta");
	const cJSON *lists[] = {
		cJSON_GetObjectItemCaseSensitive(item, "options"),
		cJSON_GetObjectItemCaseSensitive(item, "picklist_values"),
		cJSON_GetObjectItemCaseSensitive(item, "picklist_options"),
		cJSON_IsObject(meta) ? cJSON_GetObjectItemCaseSensitive(meta, "picklist_values") : NULL,
	};
	const cJSON *list = NULL, *o;
	size_t n = 0;

	for (size_t i = 0; i < sizeof lists / sizeof lists[0] && !list; i++)
		if (cJSON_IsArray(lists[i]) && cJSON_GetArraySize(lists[i]) > 0)
			list = lists[i];
	if (!list)
		return;
	f->options = calloc((size_t)cJSON_GetArraySize(list), sizeof *f->options);
	if (!f->options)
		abort();
	cJSON_ArrayForEach(o, list) {
		const char *id = first_string(o, id_keys), *label = first_string(o, label_keys);
		if (!id || !label)
			continue; /* an option without an id cannot be sent */
		f->options[n].id = dup(id);
		f->options[n].label = dup(label);
		n++;
	}
	f->noptions = n;
}

static long read_max_length(const cJSON *item)
{
	const cJSON *meta = cJSON_GetObjectItemCaseSensitive(item, "meta");
	const cJSON *v[] = {
		cJSON_GetObjectItemCaseSensitive(item, "max_length"),
		cJSON_GetObjectItemCaseSensitive(item, "text_field_max_length"),
		cJSON_IsObject(meta) ? cJSON_GetObjectItemCaseSensitive(meta, "max_length") : NULL,
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		if (cJSON_IsNumber(v[i]) && v[i]->valuedouble >= 1)
			return (long)v[i]->valuedouble;
	return 0;
}

/* A custom field is one whose source says so or, without a source (the
 * older reply, a snapshot), one whose id is not a system field's
 * "contact.name". 1 kept, 0 skipped, -1 refused. */
static int read_field(struct custom_field *f, const cJSON *item, size_t i, char *err, size_t errlen)
{
	static const char *const label_keys[] = { "label", "name", NULL };
	const char *source = string_of(item, "source");
	const char *id = string_of(item, "id"), *label = first_string(item, label_keys);
	const char *type = string_of(item, "type"), *modality = string_of(item, "modality");
	const char *dot = id ? strchr(id, '.') : NULL;
	char prefix[32] = "";

	if (!cJSON_IsObject(item)) {
		snprintf(err, errlen, "field %zu is %s, not an object", i + 1, json_kind(item));
		return -1;
	}
	if (source && strcmp(source, "custom") != 0)
		return 0;
	if (!id) {
		snprintf(err, errlen, "field %zu has no \"id\" (it is %s)", i + 1,
		         json_kind(cJSON_GetObjectItemCaseSensitive(item, "id")));
		return -1;
	}
	if (dot && (size_t)(dot - id) < sizeof prefix)
		snprintf(prefix, sizeof prefix, "%.*s", (int)(dot - id), id);
	if (!source && dot && strlen(dot + 1) != 24)
		return 0; /* contact.attr2: a system field in a reply without sources */
	if (!modality && *prefix)
		modality = prefix;
	if (!label || !type || !modality) {
		snprintf(err, errlen, "field %zu (%s) has no \"%s\"", i + 1, id,
		         !label ? "label" : !type ? "type" : "modality");
		return -1;
	}
	if (!cf_modality_from_name(modality, &f->modality))
		return 0; /* lead, custom_object: nothing apollo-csv writes */
	f->id = dup(dot ? dot + 1 : id);
	f->label = dup(label);
	f->type_name = dup(type);
	f->type = type_from_name(type);
	f->max_length = read_max_length(item);
	read_options(f, item);
	return 1;
}

int custom_fields_from_json(struct custom_fields *set, const cJSON *json, char *err, size_t errlen)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(json, "fields"), *item;
	size_t i = 0;

	set->fields = NULL;
	set->n = 0;
	if (!list)
		list = cJSON_GetObjectItemCaseSensitive(json, "typed_custom_fields");
	if (!cJSON_IsObject(json) || !cJSON_IsArray(list)) {
		snprintf(err, errlen, "%s", !cJSON_IsObject(json)
		         ? "the reply is not a JSON object"
		         : "the reply has no list of \"fields\" or \"typed_custom_fields\"");
		return -1;
	}
	set->fields = calloc((size_t)cJSON_GetArraySize(list) + 1, sizeof *set->fields);
	if (!set->fields)
		abort();
	cJSON_ArrayForEach(item, list) {
		int r = read_field(&set->fields[set->n], item, i++, err, errlen);
		if (r < 0) {
			field_free(&set->fields[set->n]);
			custom_fields_free(set);
			return -1;
		}
		if (r > 0)
			set->n++;
		else
			memset(&set->fields[set->n], 0, sizeof set->fields[set->n]);
	}
	return 0;
}

cJSON *custom_fields_to_json(const struct custom_fields *set)
{
	cJSON *root = cJSON_CreateObject(), *list = cJSON_AddArrayToObject(root, "fields");

	for (size_t i = 0; i < set->n; i++) {
		const struct custom_field *f = &set->fields[i];
		cJSON *o = cJSON_CreateObject();
		char id[128];

		snprintf(id, sizeof id, "%s.%s", cf_modality_name(f->modality), f->id);
		cJSON_AddStringToObject(o, "id", id);
		cJSON_AddStringToObject(o, "label", f->label);
		cJSON_AddStringToObject(o, "modality", cf_modality_name(f->modality));
		cJSON_AddStringToObject(o, "type", f->type_name);
		cJSON_AddStringToObject(o, "source", "custom");
		if (f->max_length > 0)
			cJSON_AddNumberToObject(o, "max_length", (double)f->max_length);
		if (f->noptions) {
			cJSON *opts = cJSON_AddArrayToObject(o, "options");
			for (size_t k = 0; k < f->noptions; k++) {
				cJSON *opt = cJSON_CreateObject();
				cJSON_AddStringToObject(opt, "id", f->options[k].id);
				cJSON_AddStringToObject(opt, "label", f->options[k].label);
				cJSON_AddItemToArray(opts, opt);
			}
		}
		cJSON_AddItemToArray(list, o);
	}
	return root;
}

/* ---- finding a field ---- */

static bool same_header(const char *a, const char *b)
{
	struct dynbuf ka, kb;
	bool same;

	dynbuf_init(&ka, 1 << 16);
	dynbuf_init(&kb, 1 << 16);
	clean_match_key(a, strlen(a), &ka);
	clean_match_key(b, strlen(b), &kb);
	same = ka.len > 0 && ka.len == kb.len && memcmp(ka.data, kb.data, ka.len) == 0;
	dynbuf_free(&ka);
	dynbuf_free(&kb);
	return same;
}

const struct custom_field *custom_fields_by_label(const struct custom_fields *set, enum cf_modality m,
                                                  const char *header)
{
	for (size_t i = 0; i < set->n; i++)
		if (set->fields[i].modality == m && same_header(set->fields[i].label, header))
			return &set->fields[i];
	return NULL;
}

const struct custom_field *custom_fields_by_id(const struct custom_fields *set, const char *id)
{
	const char *dot = strchr(id, '.');
	enum cf_modality m = CF_MODALITIES;
	char prefix[32];

	if (dot) {
		snprintf(prefix, sizeof prefix, "%.*s", (int)(dot - id), id);
		if (!cf_modality_from_name(prefix, &m))
			return NULL;
		id = dot + 1;
	}
	for (size_t i = 0; i < set->n; i++)
		if (strcasecmp(set->fields[i].id, id) == 0 && (m == CF_MODALITIES || set->fields[i].modality == m))
			return &set->fields[i];
	return NULL;
}

const char *custom_fields_nearest(const struct custom_fields *set, enum cf_modality m, const char *header)
{
	const char **names = calloc(set->n + 1, sizeof *names);
	size_t n = 0, best;
	const char *found = NULL;

	if (!names)
		abort();
	for (size_t i = 0; i < set->n; i++)
		if (set->fields[i].modality == m)
			names[n++] = set->fields[i].label;
	if (n && near_names(header, names, n, &best, 1) > 0)
		found = names[best];
	free(names);
	return found;
}

/* ---- values ---- */

struct cell {
	char *text; /* trimmed, NUL-terminated */
	const struct custom_field *f;
	char *why;
	size_t whylen;
};

static enum cf_value_kind bad(struct cell *c, const char *fmt, const char *what)
{
	sheet_refuse(c->why, c->whylen, c->text, fmt, c->f->label, what);
	return CF_VALUE_BAD;
}

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static enum cf_value_kind convert_text(struct cell *c, cJSON **out)
{
	size_t n = utf8_chars(c->text);

	if (c->f->max_length > 0 && n > (size_t)c->f->max_length) {
		sheet_refuse(c->why, c->whylen, c->text, "is %zu characters long; %s takes at most %ld", n,
		             c->f->label, c->f->max_length);
		return CF_VALUE_BAD;
	}
	*out = cJSON_CreateString(c->text);
	return CF_VALUE_SET;
}

/* one '.' or ',' and exactly three digits after it ("1.500", "2,000k"):
 * 1.5 or 1500, as the convention says */
static bool reads_both_ways(const char *s)
{
	size_t seps = 0, at = 0;

	for (size_t i = 0; s[i]; i++)
		if (s[i] == '.' || s[i] == ',') {
			seps++;
			at = i;
		}
	return seps == 1 && strspn(s + at + 1, "0123456789") == 3;
}

/* as the amount cleaner reads money, with a sign in front allowed: the
 * file's convention first, then the other, so a number only one of them
 * reads ("1.234,5") is taken and one both read differently is not */
static enum cf_value_kind convert_number(struct cell *c, const struct cf_reading *how, cJSON **out)
{
	const char *digits = c->text, *number;
	bool minus = false;
	char mine[48], theirs[48], reason[160], value[52];
	const char *r1, *r2;

	if (*digits == '-' || *digits == '+') {
		minus = *digits == '-';
		digits++;
	} else if (strncmp(digits, "\xE2\x88\x92", 3) == 0) { /* − */
		minus = true;
		digits += 3;
	}
	r1 = sheet_amount(digits, how->decimal_comma, mine, reason, sizeof reason);
	r2 = sheet_amount(digits, !how->decimal_comma, theirs, value, sizeof value);
	if (r1 && !r2 && reads_both_ways(digits))
		r2 = reason; /* "1.500": the file's own reading is refused, so is the other */
	if (r1 && r2) {
		snprintf(c->why, c->whylen, "%s (%s takes a number)", reason, c->f->label);
		return CF_VALUE_BAD;
	}
	number = r1 ? theirs : mine;
	if (!*number)
		return bad(c, "is not a number for %s%s", "");
	if (!r1 && !r2 && strcmp(mine, theirs) != 0) {
		sheet_refuse(c->why, c->whylen, c->text, "could be %s or %s (%s takes a number)", mine, theirs,
		             c->f->label);
		return CF_VALUE_BAD;
	}
	snprintf(value, sizeof value, "%s%s", minus && strcmp(number, "0") != 0 ? "-" : "", number);
	*out = cJSON_CreateString(value);
	return CF_VALUE_SET;
}

static enum cf_value_kind convert_date(struct cell *c, const struct cf_reading *how, cJSON **out)
{
	char date[11], reason[160];

	if (sheet_date(c->text, (enum date_order)how->dates, date, reason, sizeof reason)) {
		snprintf(c->why, c->whylen, "%s (%s takes a date)", reason, c->f->label);
		return CF_VALUE_BAD;
	}
	*out = cJSON_CreateString(date);
	return CF_VALUE_SET;
}

/* a date alone stays a date (Apollo's own example for a datetime field is
 * "2025-08-07"); with a time, the UTC instant */
static enum cf_value_kind convert_datetime(struct cell *c, const struct cf_reading *how, cJSON **out)
{
	char when[21], reason[160];

	if (sheet_due(c->text, (enum date_order)how->dates, NULL, when, reason, sizeof reason)) {
		snprintf(c->why, c->whylen, "%s (%s takes a date and time)", reason, c->f->label);
		return CF_VALUE_BAD;
	}
	if (strcmp(when + 10, "T00:00:00Z") == 0)
		when[10] = '\0';
	*out = cJSON_CreateString(when);
	return CF_VALUE_SET;
}

static int word_in(const char *s, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(s, words[i]) == 0)
			return 1;
	return 0;
}

/* 1 true, 0 false, -1 neither */
static int boolean_of(const char *s)
{
	if (word_in(s, true_words, sizeof true_words / sizeof true_words[0]))
		return 1;
	if (word_in(s, false_words, sizeof false_words / sizeof false_words[0]))
		return 0;
	return -1;
}

static enum cf_value_kind convert_boolean(struct cell *c, cJSON **out)
{
	int b = boolean_of(c->text);

	if (b < 0)
		return bad(c, "is not a yes or no for %s (%s)", "yes/no, true/false, 1/0, x, checked");
	*out = cJSON_CreateString(b ? "true" : "false");
	return CF_VALUE_SET;
}

static const struct cf_option *option_of(const struct custom_field *f, const char *s)
{
	for (size_t i = 0; i < f->noptions; i++)
		if (strcasecmp(f->options[i].label, s) == 0)
			return &f->options[i];
	for (size_t i = 0; i < f->noptions; i++)
		if (strcmp(f->options[i].id, s) == 0)
			return &f->options[i];
	return NULL;
}

/* "is not one of Persona's values: Buyer, Champion, ..." */
static enum cf_value_kind bad_option(struct cell *c, const char *value)
{
	char labels[512];
	size_t o = 0;

	labels[0] = '\0';
	for (size_t i = 0; i < c->f->noptions && i < LABELS_SHOWN && o < sizeof labels; i++)
		o += (size_t)snprintf(labels + o, sizeof labels - o, "%s%s", i ? ", " : "", c->f->options[i].label);
	if (c->f->noptions > LABELS_SHOWN && o < sizeof labels)
		snprintf(labels + o, sizeof labels - o, ", ... (%zu in all)", c->f->noptions);
	if (!c->f->noptions)
		snprintf(labels, sizeof labels, "none: the field has no values");
	sheet_refuse(c->why, c->whylen, value, "is not one of %s's values: %s", c->f->label, labels);
	return CF_VALUE_BAD;
}

static enum cf_value_kind convert_picklist(struct cell *c, cJSON **out)
{
	struct dynbuf t;
	const struct cf_option *o;

	dynbuf_init(&t, strlen(c->text) + 1);
	clean_text(c->text, strlen(c->text), &t); /* "Economic  Buyer" is the label */
	o = option_of(c->f, dynbuf_cstr(&t));
	dynbuf_free(&t);
	if (!o)
		return bad_option(c, c->text);
	*out = cJSON_CreateString(o->id);
	return CF_VALUE_SET;
}

static bool listed(const cJSON *ids, const char *id)
{
	const cJSON *had;
	cJSON_ArrayForEach(had, ids)
		if (strcmp(had->valuestring, id) == 0)
			return true;
	return false;
}

static enum cf_value_kind convert_multipicklist(struct cell *c, cJSON **out)
{
	cJSON *ids = cJSON_CreateArray();
	struct dynbuf part;
	char *p = c->text;

	dynbuf_init(&part, 1 << 20);
	for (;;) {
		char *end = strchr(p, ';');
		const struct cf_option *o;
		size_t len = end ? (size_t)(end - p) : strlen(p);

		clean_text(p, len, &part);
		dynbuf_cstr(&part);
		if (part.len) {
			if (!(o = option_of(c->f, part.data))) {
				bad_option(c, part.data);
				dynbuf_free(&part);
				cJSON_Delete(ids);
				return CF_VALUE_BAD;
			}
			if (!listed(ids, o->id)) /* "A; a" names one value */
				cJSON_AddItemToArray(ids, cJSON_CreateString(o->id));
		}
		if (!end)
			break;
		p = end + 1;
	}
	dynbuf_free(&part);
	if (cJSON_GetArraySize(ids) == 0) {
		cJSON_Delete(ids);
		return CF_VALUE_NONE; /* only separators: as blank as a blank cell */
	}
	*out = ids;
	return CF_VALUE_SET;
}

enum cf_value_kind custom_value_convert_as(const struct custom_field *f, const char *cell, size_t len,
                                           const struct cf_reading *how, cJSON **out, char *why,
                                           size_t whylen)
{
	struct dynbuf t;
	struct cell c = { NULL, f, why, whylen };
	enum cf_value_kind k;
	size_t a = 0, b = len;

	*out = NULL;
	if (whylen)
		why[0] = '\0';
	/* the ends trimmed, but inside a multi-line text stays as written */
	while (a < b) {
		size_t n = cell[a] == '\n' || cell[a] == '\r' ? 1 : sheet_blank_at(cell + a);
		if (n == 0 || a + n > b)
			break;
		a += n;
	}
	while (b > a) {
		size_t n = cell[b - 1] == '\n' || cell[b - 1] == '\r' ? 1 : sheet_blank_before(cell + a, cell + b);
		if (n == 0)
			break;
		b -= n;
	}
	if (a == b)
		return CF_VALUE_NONE;
	dynbuf_init(&t, len + 1);
	dynbuf_add(&t, cell + a, b - a);
	c.text = t.data;
	if (strcasecmp(c.text, CUSTOM_VALUE_CLEAR) == 0) {
		dynbuf_free(&t);
		return CF_VALUE_CLEAR;
	}
	switch (f->type) {
	case CF_TEXT:
		k = convert_text(&c, out);
		break;
	case CF_NUMBER:
		k = convert_number(&c, how, out);
		break;
	case CF_DATE:
		k = convert_date(&c, how, out);
		break;
	case CF_DATETIME:
		k = convert_datetime(&c, how, out);
		break;
	case CF_BOOLEAN:
		k = convert_boolean(&c, out);
		break;
	case CF_PICKLIST:
		k = convert_picklist(&c, out);
		break;
	case CF_MULTIPICKLIST:
		k = convert_multipicklist(&c, out);
		break;
	default:
		sheet_refuse(why, whylen, c.text, "cannot be sent: apollo-csv does not write %s's type (%s)",
		             f->label, f->type_name);
		k = CF_VALUE_BAD;
		break;
	}
	dynbuf_free(&t);
	return k;
}

enum cf_value_kind custom_value_convert(const struct custom_field *f, const char *cell, size_t len,
                                        cJSON **out, char *why, size_t whylen)
{
	const struct cf_reading defaults = { DATE_AUTO, false };
	return custom_value_convert_as(f, cell, len, &defaults, out, why, whylen);
}

/* ---- showing a stored value ---- */

static const char *label_of(const struct custom_field *f, const char *id)
{
	for (size_t i = 0; i < f->noptions; i++)
		if (strcmp(f->options[i].id, id) == 0)
			return f->options[i].label;
	return id; /* a value the snapshot does not know: its id, not nothing */
}

static void show_number(double d, struct dynbuf *out)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%.15g", d);
	dynbuf_add(out, buf, strlen(buf));
}

/* "T00:00:00.000Z" after a date: the time of a date a person typed alone */
static bool midnight(const char *t)
{
	if (*t != 'T' && *t != ' ')
		return false;
	t++;
	if (strspn(t, "0:.") < 5)
		return false;
	t += strspn(t, "0:.");
	return !*t || strcmp(t, "Z") == 0 || strcmp(t, "+00:00") == 0;
}

static void show_when(const struct custom_field *f, const char *s, struct dynbuf *out)
{
	size_t n = strlen(s);

	if (n > 10 && (f->type == CF_DATE || midnight(s + 10)))
		n = 10;
	dynbuf_add(out, s, n);
}

static void show_one(const struct custom_field *f, const cJSON *v, struct dynbuf *out)
{
	const char *s;

	if (cJSON_IsBool(v)) {
		s = cJSON_IsTrue(v) ? "true" : "false";
		dynbuf_add(out, s, strlen(s));
	} else if (cJSON_IsNumber(v)) {
		if (f->type == CF_BOOLEAN) {
			s = v->valuedouble != 0 ? "true" : "false";
			dynbuf_add(out, s, strlen(s));
		} else
			show_number(v->valuedouble, out);
	} else if (cJSON_IsString(v)) {
		s = v->valuestring;
		if (f->type == CF_PICKLIST || f->type == CF_MULTIPICKLIST)
			s = label_of(f, s);
		else if (f->type == CF_BOOLEAN && boolean_of(s) >= 0)
			s = boolean_of(s) ? "true" : "false";
		if (f->type == CF_DATE || f->type == CF_DATETIME)
			show_when(f, s, out);
		else
			dynbuf_add(out, s, strlen(s));
	}
}

void custom_value_show(const struct custom_field *f, const cJSON *stored, struct dynbuf *out)
{
	if (cJSON_IsArray(stored)) {
		const cJSON *v;
		bool first = true;
		cJSON_ArrayForEach(v, stored) {
			if (cJSON_IsNull(v))
				continue;
			if (!first)
				dynbuf_add(out, "; ", 2);
			show_one(f, v, out);
			first = false;
		}
		return;
	}
	if (f->type == CF_MULTIPICKLIST && cJSON_IsString(stored) && strchr(stored->valuestring, ';')) {
		/* a multi-picklist written as one string of ;-joined ids */
		const char *p = stored->valuestring;
		for (bool first = true;; first = false) {
			const char *end = strchr(p, ';');
			char id[128];
			struct dynbuf t;
			dynbuf_init(&t, sizeof id);
			clean_text(p, end ? (size_t)(end - p) : strlen(p), &t);
			snprintf(id, sizeof id, "%s", t.len ? t.data : "");
			dynbuf_free(&t);
			if (!first)
				dynbuf_add(out, "; ", 2);
			dynbuf_add(out, label_of(f, id), strlen(label_of(f, id)));
			if (!end)
				break;
			p = end + 1;
		}
		return;
	}
	show_one(f, stored, out);
}

cJSON *custom_value_empty(const struct custom_field *f)
{
	return f->type == CF_MULTIPICKLIST ? cJSON_CreateArray() : cJSON_CreateString("");
}
