/* rows/mapping.c - header to fields, row to contact; see rows/mapping.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "common/msg.h"
#include "rows/mapping.h"
#include "values/clean.h"
#include "values/ids.h"

/* the fields whose values go to Apollo only as Apollo ids */
static const enum field id_fields[] = { F_CONTACT_ID, F_ACCOUNT_ID };

static bool same_name(const char *a, const char *b)
{
	char ka[128], kb[128];
	clean_match_key_into(a, strlen(a), ka, sizeof ka);
	clean_match_key_into(b, strlen(b), kb, sizeof kb);
	return *ka && strcmp(ka, kb) == 0;
}

/* Map each column through profile p, first column of a name winning. */
static void map_with(struct column_map *m, const struct profile *p,
                     const struct csv_record *h, const bool *skip, const char *file)
{
	for (size_t c = 0; c < h->nfields; c++) {
		enum field f;
		if ((skip && skip[c]) || !profile_lookup(p, h->fields[c], h->lens[c], &f))
			continue;
		if (m->col[f] < 0) {
			/* a column already taken by another field stays with it */
			bool taken = false;
			for (int g = 0; g < F_COUNT; g++)
				taken = taken || m->col[g] == (int)c;
			if (!taken)
				m->col[f] = (int)c;
		} else if (file && m->col[f] != (int)c && same_name(h->fields[m->col[f]], h->fields[c])) {
			struct msg_pos pos = { file, h->line, c + 1 };
			msg_warn(&pos, "column %zu \"%s\" has the same name as column %d; column %d is used as %s",
			         c + 1, h->fields[c], m->col[f] + 1, m->col[f] + 1, field_name(f));
		}
	}
}

static int find_column(const struct csv_record *h, const char *name, const bool *skip)
{
	for (size_t c = 0; c < h->nfields; c++)
		if (!(skip && skip[c]) && strcmp(h->fields[c], name) == 0)
			return (int)c;
	for (size_t c = 0; c < h->nfields; c++)
		if (!(skip && skip[c]) && same_name(h->fields[c], name))
			return (int)c;
	return -1;
}

/* A header name as a message shows it: control characters (a newline in
 * a quoted header) as spaces, cut to fit without splitting a character;
 * "column N" when it is empty. */
static void shown_name(const struct csv_record *h, size_t c, char *buf, size_t size)
{
	const char *s = h->fields[c];
	size_t len = h->lens[c], o = 0;

	bool blank = true;

	for (size_t i = 0; i < len && o + 1 < size; i++) {
		buf[o++] = (unsigned char)s[i] < 0x20 ? ' ' : s[i];
		blank = blank && buf[o - 1] == ' ';
	}
	if (o < len)
		while (o > 0 && ((unsigned char)s[o] & 0xC0) == 0x80)
			o--;
	buf[o] = '\0';
	if (blank)
		snprintf(buf, size, "column %zu", c + 1);
}

static void list_columns(const struct csv_record *h, char *buf, size_t size)
{
	size_t o = 0;
	buf[0] = '\0';
	for (size_t c = 0; c < h->nfields && o + 8 < size; c++)
		o += (size_t)snprintf(buf + o, size - o, "%s\"%s\"", c ? ", " : "", h->fields[c]);
}

int mapping_build(struct column_map *m, const struct mapping_request *req,
                  const struct csv_record *header, char *err, size_t errlen)
{
	memset(m, 0, sizeof *m);
	for (int f = 0; f < F_COUNT; f++)
		m->col[f] = -1;
	m->forced = req->forced != NULL;
	m->profile = req->forced ? req->forced
	           : profiles_choose(req->profiles, header->fields, header->nfields);
	map_with(m, m->profile, header, req->skip_col, req->file);
	if (m->profile != req->profiles->generic)
		map_with(m, req->profiles->generic, header, req->skip_col, NULL);
	for (size_t i = 0; i < req->noverrides; i++) {
		const struct map_override *o = &req->overrides[i];
		int c;
		if (o->custom)
			continue; /* mapping_add_custom's, once the fields are known */
		if (!*o->header) {
			m->col[o->field] = -1;
			m->by_override[o->field] = false;
			continue;
		}
		c = find_column(header, o->header, req->skip_col);
		if (c < 0) {
			char cols[1024];
			list_columns(header, cols, sizeof cols);
			snprintf(err, errlen, "--map %s=%s: no column has that name; the columns are %s",
			         field_name(o->field), o->header, cols);
			return -1;
		}
		for (int f = 0; f < F_COUNT; f++)
			if (m->col[f] == c) {
				m->col[f] = -1;
				m->by_override[f] = false;
			}
		m->col[o->field] = c;
		m->by_override[o->field] = true;
	}
	if (m->col[F_EMAIL] < 0 && m->col[F_FIRST_NAME] < 0 && m->col[F_LAST_NAME] < 0 &&
	    m->col[F_NAME] < 0) {
		char cols[1024];
		list_columns(header, cols, sizeof cols);
		snprintf(err, errlen, "no column could be read as an email or a name (profile \"%s\"); "
		         "the columns are %s; name them with --map email=HEADER or choose --format",
		         m->profile->name, cols);
		return -1;
	}
	for (int f = 0; f < F_COUNT; f++)
		if (m->col[f] >= 0)
			shown_name(header, (size_t)m->col[f], m->name[f], sizeof m->name[f]);
	return 0;
}

/* ---- custom fields ---- */

static bool standard_column(const struct column_map *m, size_t c)
{
	for (int f = 0; f < F_COUNT; f++)
		if (m->col[f] == (int)c)
			return true;
	return false;
}

bool mapping_wants_custom(const struct column_map *m, const struct mapping_request *req,
                          const struct csv_record *h)
{
	char key[8];

	for (size_t i = 0; i < req->noverrides; i++)
		if (req->overrides[i].custom)
			return true;
	for (size_t c = 0; c < h->nfields; c++) {
		if ((req->skip_col && req->skip_col[c]) || standard_column(m, c))
			continue;
		clean_match_key_into(h->fields[c], h->lens[c], key, sizeof key);
		if (*key)
			return true;
	}
	return false;
}

int mapping_no_custom(const struct mapping_request *req, const char *how, char *err, size_t errlen)
{
	for (size_t i = 0; i < req->noverrides; i++)
		if (req->overrides[i].custom) {
			snprintf(err, errlen, "--map %s=%s: \"%s\" is not a standard field (they are %s); as a custom "
			         "field's label or id it needs %s", req->overrides[i].custom, req->overrides[i].header,
			         req->overrides[i].custom, field_list(), how);
			return -1;
		}
	return 0;
}

/* "the custom fields of contacts are A, B, C" or the nearest of them */
static void no_such_custom(const struct custom_fields *set, enum cf_modality mod, const struct map_override *o,
                           char *err, size_t errlen)
{
	const char *near = custom_fields_nearest(set, mod, o->custom);
	const struct custom_field *other = custom_fields_by_id(set, o->custom);
	size_t n = 0, at;

	at = (size_t)snprintf(err, errlen, "--map %s=%s: no %s custom field has the label or id \"%s\"", o->custom,
	                      o->header, cf_modality_name(mod), o->custom);
	if (at >= errlen)
		return;
	if (other)
		snprintf(err + at, errlen - at, " (it is a field of %ss)", cf_modality_name(other->modality));
	else if (near)
		snprintf(err + at, errlen - at, "; did you mean \"%s\"?", near);
	else {
		for (size_t i = 0; i < set->n && at < errlen; i++)
			if (set->fields[i].modality == mod)
				at += (size_t)snprintf(err + at, errlen - at, "%s\"%s\"", n++ ? ", " : "; they are ",
				                       set->fields[i].label);
		if (!n && at < errlen)
			snprintf(err + at, errlen - at, "; the team has none on %ss", cf_modality_name(mod));
	}
}

static void drop_standard(struct column_map *m, size_t c)
{
	for (int f = 0; f < F_COUNT; f++)
		if (m->col[f] == (int)c) {
			m->col[f] = -1;
			m->by_override[f] = false;
			m->name[f][0] = '\0';
		}
}

int mapping_add_custom(struct column_map *m, const struct mapping_request *req, const struct csv_record *h,
                       const struct custom_fields *set, enum cf_modality mod, char *err, size_t errlen)
{
	const struct custom_field **none = calloc(req->noverrides + 1, sizeof *none); /* FIELD= */
	size_t nnone = 0;

	mapping_free(m);
	m->custom = calloc(h->nfields + 1, sizeof *m->custom);
	m->custom_by_override = calloc(h->nfields + 1, sizeof *m->custom_by_override);
	m->custom_name = calloc(h->nfields + 1, sizeof *m->custom_name);
	if (!none || !m->custom || !m->custom_by_override || !m->custom_name)
		abort();
	for (size_t c = 0; c < h->nfields; c++)
		shown_name(h, c, m->custom_name[c], sizeof m->custom_name[c]);
	m->ncols = h->nfields;
	m->fields = set;
	m->modality = mod;
	for (size_t i = 0; i < req->noverrides; i++) {
		const struct map_override *o = &req->overrides[i];
		const struct custom_field *f;
		int c;
		if (!o->custom)
			continue;
		f = custom_fields_by_id(set, o->custom);
		if (!f || f->modality != mod)
			f = custom_fields_by_label(set, mod, o->custom);
		if (!f) {
			no_such_custom(set, mod, o, err, errlen);
			free(none);
			return -1;
		}
		for (size_t k = 0; k < m->ncols; k++)
			if (m->custom[k] == f)
				m->custom[k] = NULL; /* the last --map of a field wins */
		if (!*o->header) {
			none[nnone++] = f;
			continue;
		}
		if ((c = find_column(h, o->header, req->skip_col)) < 0) {
			char cols[1024];
			list_columns(h, cols, sizeof cols);
			snprintf(err, errlen, "--map %s=%s: no column has that name; the columns are %s", o->custom,
			         o->header, cols);
			free(none);
			return -1;
		}
		drop_standard(m, (size_t)c);
		m->custom[c] = f;
		m->custom_by_override[c] = true;
	}
	for (size_t c = 0; c < m->ncols; c++) {
		const struct custom_field *f;
		bool taken = false;
		if ((req->skip_col && req->skip_col[c]) || standard_column(m, c) || m->custom[c])
			continue;
		f = custom_fields_by_label(set, mod, h->fields[c]);
		if (!f || f->type == CF_UNSUPPORTED)
			continue;
		for (size_t k = 0; k < nnone; k++)
			taken = taken || none[k] == f;
		for (size_t k = 0; k < m->ncols; k++)
			taken = taken || m->custom[k] == f;
		if (!taken)
			m->custom[c] = f;
	}
	free(none);
	return 0;
}

void mapping_free(struct column_map *m)
{
	free(m->custom);
	free(m->custom_by_override);
	free(m->custom_name);
	m->custom = NULL;
	m->custom_by_override = NULL;
	m->custom_name = NULL;
	m->ncols = 0;
}

/* What import does with a field, where its line must say it: fields it
 * never sends (apollo/api.c sends the others), and the ids it sends only
 * when they are Apollo's. */
static const char *field_note(enum field f)
{
	switch (f) {
	case F_OWNER:
		return "not sent: import's owner is --owner";
	case F_EMAIL_STATUS: case F_CONTACT_STAGE: case F_CONTACT_ID:
		return "not sent";
	case F_ACCOUNT_ID:
		return "sent only when it is an Apollo id";
	default:
		return NULL;
	}
}

static void add_str(struct dynbuf *out, const char *s)
{
	dynbuf_add(out, s, strlen(s));
}

static void add_column(struct dynbuf *out, const struct csv_record *h, size_t c)
{
	char name[MAP_NAME_MAX];
	shown_name(h, c, name, sizeof name);
	add_str(out, name);
}

/* does another column have c's name? (then its number tells them apart) */
static bool shares_name(const struct csv_record *h, size_t c)
{
	for (size_t k = 0; k < h->nfields; k++)
		if (k != c && same_name(h->fields[k], h->fields[c]))
			return true;
	return false;
}

/* the line that names the profile and why it was chosen */
static void describe_profile(const struct column_map *m, const struct csv_record *h,
                             struct dynbuf *out)
{
	size_t hits = 0;

	add_str(out, "profile \"");
	add_str(out, m->profile->name);
	add_str(out, "\"");
	if (m->profile->title) {
		add_str(out, " (");
		add_str(out, m->profile->title);
		add_str(out, ")");
	}
	if (m->forced) {
		add_str(out, ", from --format\n");
		return;
	}
	for (size_t c = 0; c < h->nfields; c++) {
		if (!profile_detects(m->profile, h->fields[c], h->lens[c]))
			continue;
		add_str(out, hits++ ? ", " : ": the header has ");
		add_column(out, h, c);
	}
	if (!hits)
		add_str(out, ": no column marks an export (--format NAME chooses a profile)");
	add_str(out, "\n");
}

/* "  Persona -> custom field Persona (picklist)" */
static void describe_custom(const struct column_map *m, const struct csv_record *h, size_t c, bool verbose,
                            struct dynbuf *out)
{
	const struct custom_field *f = m->custom && c < m->ncols ? m->custom[c] : NULL;
	char more[200];

	if (!f)
		return;
	snprintf(more, sizeof more, " (%s%s", m->custom_by_override[c] ? "--map, " : "", f->type_name);
	if (verbose)
		snprintf(more + strlen(more), sizeof more - strlen(more), ", column %zu", c + 1);
	add_str(out, "  ");
	add_column(out, h, c);
	add_str(out, " -> custom field ");
	add_str(out, f->label);
	add_str(out, more);
	add_str(out, ")\n");
}

/* a column not sent: the custom field it may have been meant for */
static void add_nearest(const struct column_map *m, const struct csv_record *h, size_t c, struct dynbuf *out)
{
	const struct custom_field *same;
	const char *near;

	if (!m->fields)
		return;
	same = custom_fields_by_label(m->fields, m->modality, h->fields[c]);
	if (same && same->type == CF_UNSUPPORTED) {
		add_str(out, " (custom field of a type apollo-csv cannot write: ");
		add_str(out, same->type_name);
		add_str(out, ")");
		return;
	}
	if (same) {
		for (size_t k = 0; m->custom && k < m->ncols; k++)
			if (m->custom[k] == same) {
				char num[64];
				add_str(out, " (custom field ");
				add_str(out, same->label);
				snprintf(num, sizeof num, " is read from column %zu)", k + 1);
				add_str(out, num);
				return;
			}
		return;
	}
	if (!(near = custom_fields_nearest(m->fields, m->modality, h->fields[c])))
		return;
	add_str(out, " (near custom field \"");
	add_str(out, near);
	add_str(out, "\")");
}

void mapping_describe(const struct column_map *m, const struct csv_record *h,
                      const bool *skip, bool verbose, struct dynbuf *out)
{
	size_t unused = 0;

	describe_profile(m, h, out);
	for (size_t c = 0; c < h->nfields; c++) {
		char more[160] = "";
		const char *note;
		int f;
		for (f = 0; f < F_COUNT && m->col[f] != (int)c; f++)
			;
		if (f == F_COUNT) {
			describe_custom(m, h, c, verbose, out);
			continue;
		}
		note = field_note((enum field)f);
		snprintf(more, sizeof more, "%s%s%s", m->by_override[f] ? "--map" : "",
		         m->by_override[f] && note ? ", " : "", note ? note : "");
		if (verbose)
			snprintf(more + strlen(more), sizeof more - strlen(more), "%scolumn %zu",
			         *more ? ", " : "", c + 1);
		add_str(out, "  ");
		add_str(out, m->name[f]);
		add_str(out, " -> ");
		add_str(out, field_name((enum field)f));
		if (*more) {
			add_str(out, " (");
			add_str(out, more);
			add_str(out, ")");
		}
		add_str(out, "\n");
	}
	for (size_t c = 0; c < h->nfields; c++) {
		bool mapped = false;
		for (int f = 0; f < F_COUNT; f++)
			mapped = mapped || m->col[f] == (int)c;
		mapped = mapped || (m->custom && c < m->ncols && m->custom[c]);
		if (mapped || (skip && skip[c]))
			continue;
		char name[MAP_NAME_MAX];
		add_str(out, unused++ ? ", " : m->custom_unknown ? "  not checked: " : "  not sent: ");
		shown_name(h, c, name, sizeof name);
		add_str(out, name);
		/* a column without a name is already shown by its number */
		if ((verbose || shares_name(h, c)) && strncmp(name, "column ", 7) != 0) {
			char num[32];
			snprintf(num, sizeof num, " (column %zu)", c + 1);
			add_str(out, num);
		}
		add_nearest(m, h, c, out);
	}
	if (unused && m->custom_unknown) {
		add_str(out, " (may be the team's custom fields, which import sends; ");
		add_str(out, m->custom_unknown);
		add_str(out, " checks them)");
	}
	if (unused)
		add_str(out, "\n");
}

void contact_init(struct contact *c)
{
	memset(c, 0, sizeof *c);
	for (int f = 0; f < F_COUNT; f++)
		dynbuf_init(&c->val[f], (size_t)-1);
}

void contact_free(struct contact *c)
{
	for (int f = 0; f < F_COUNT; f++)
		dynbuf_free(&c->val[f]);
}

void split_full_name(const char *full, struct dynbuf *first, struct dynbuf *last)
{
	const char *comma = strchr(full, ',');
	const char *space = strchr(full, ' ');

	if (comma) {
		/* "Diaz, Ana" */
		clean_text(comma + 1, strlen(comma + 1), first);
		clean_text(full, (size_t)(comma - full), last);
	} else if (space) {
		clean_text(full, (size_t)(space - full), first);
		clean_text(space + 1, strlen(space + 1), last);
	} else {
		clean_text(full, strlen(full), first);
		dynbuf_reset(last);
	}
}

void mapping_apply(const struct column_map *m, const struct csv_record *rec, struct contact *c)
{
	c->map = m;
	c->rec = rec;
	memset(c->ready, 0, sizeof c->ready);
}

static void clean_field(struct contact *c, enum field f)
{
	struct dynbuf *out = &c->val[f];
	int col = c->map ? c->map->col[f] : -1;
	const char *v;
	size_t len;

	if (col < 0 || !c->rec || (size_t)col >= c->rec->nfields) {
		dynbuf_reset(out);
		return;
	}
	v = c->rec->fields[col];
	len = c->rec->lens[col];
	switch (f) {
	case F_EMAIL:
		clean_email(v, len, out);
		break;
	case F_WEBSITE_URL:
		clean_domain(v, len, out);
		break;
	case F_DIRECT_PHONE: case F_MOBILE_PHONE: case F_CORPORATE_PHONE:
	case F_HOME_PHONE: case F_OTHER_PHONE: case F_PHONE:
		clean_phone(v, len, out);
		break;
	case F_EMAIL_STATUS:
		clean_lower(v, len, out);
		break;
	case F_CONTACT_ID: case F_ACCOUNT_ID:
		clean_text(v, len, out);
		if (out->len && !apollo_id_shaped(dynbuf_cstr(out)))
			dynbuf_reset(out);
		break;
	default:
		clean_text(v, len, out);
		break;
	}
}

const char *contact_get(struct contact *c, enum field f)
{
	if (f < 0 || f >= F_COUNT)
		return "";
	if (!c->ready[f]) {
		if (f == F_FIRST_NAME || f == F_LAST_NAME) {
			clean_field(c, F_FIRST_NAME);
			clean_field(c, F_LAST_NAME);
			if (!c->val[F_FIRST_NAME].len && !c->val[F_LAST_NAME].len &&
			    *contact_get(c, F_NAME))
				split_full_name(c->val[F_NAME].data, &c->val[F_FIRST_NAME],
				                &c->val[F_LAST_NAME]);
			c->ready[F_FIRST_NAME] = c->ready[F_LAST_NAME] = 1;
		} else {
			clean_field(c, f);
			c->ready[f] = 1;
		}
	}
	return c->val[f].len ? c->val[f].data : "";
}

const char *contact_left_out_ids(struct contact *c, char *buf, size_t size)
{
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof id_fields / sizeof id_fields[0]; i++) {
		enum field f = id_fields[i];
		int col = c->map ? c->map->col[f] : -1;
		char mangled[400];
		struct dynbuf raw;
		if (col < 0 || !c->rec || (size_t)col >= c->rec->nfields || *contact_get(c, f))
			continue;
		dynbuf_init(&raw, (size_t)-1);
		clean_text(c->rec->fields[col], c->rec->lens[col], &raw);
		if (raw.len && o + 1 < size) {
			const char *id = dynbuf_cstr(&raw);
			if (apollo_id_mangled_reason(id, f == F_ACCOUNT_ID ? "account" : "contact",
			                             mangled, sizeof mangled))
				o += (size_t)snprintf(buf + o, size - o, "%s%s: %s; the row is sent without it",
				                      o ? "; " : "", c->map->name[f], mangled);
			else
				o += (size_t)snprintf(buf + o, size - o, "%s%s \"%.40s\" is not an Apollo id "
				                      "(24 hex digits): the row is sent without it",
				                      o ? "; " : "", c->map->name[f], id);
			if (o >= size)
				o = size - 1;
		}
		dynbuf_free(&raw);
	}
	return o ? buf : NULL;
}

char *mapping_json(const struct column_map *m, const struct csv_record *h, const bool *skip,
                   const char *file)
{
	cJSON *o = cJSON_CreateObject(), *cols;
	char *text;

	if (!o)
		return NULL;
	cJSON_AddStringToObject(o, "file", file ? file : "");
	cJSON_AddStringToObject(o, "profile", m->profile ? m->profile->name : "");
	if (m->profile && m->profile->title)
		cJSON_AddStringToObject(o, "title", m->profile->title);
	else
		cJSON_AddNullToObject(o, "title");
	cJSON_AddStringToObject(o, "chosen_by", m->forced ? "--format" : "header");
	cols = cJSON_AddArrayToObject(o, "columns");
	for (size_t c = 0; cols && c < h->nfields; c++) {
		cJSON *col = cJSON_CreateObject();
		char *header = malloc(h->lens[c] + 1);
		const struct custom_field *cf = m->custom && c < m->ncols ? m->custom[c] : NULL;
		bool by_map = cf && m->custom_by_override[c];
		int f;

		if (!col || !header) {
			cJSON_Delete(col);
			free(header);
			break;
		}
		memcpy(header, h->fields[c], h->lens[c]);
		header[h->lens[c]] = '\0';
		for (f = 0; f < F_COUNT && m->col[f] != (int)c; f++)
			;
		cJSON_AddNumberToObject(col, "column", (double)(c + 1));
		cJSON_AddStringToObject(col, "header", header);
		if (f < F_COUNT) {
			cJSON_AddStringToObject(col, "field", field_name((enum field)f));
			by_map = m->by_override[f];
		} else {
			cJSON_AddNullToObject(col, "field");
		}
		if (cf)
			cJSON_AddStringToObject(col, "custom_field", cf->label);
		else
			cJSON_AddNullToObject(col, "custom_field");
		cJSON_AddBoolToObject(col, "by_map", by_map);
		cJSON_AddBoolToObject(col, "outcome", skip && skip[c]);
		cJSON_AddItemToArray(cols, col);
		free(header);
	}
	text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return text;
}
