/* rows/mapping.c - header to fields, row to contact; see rows/mapping.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/msg.h"
#include "rows/mapping.h"
#include "values/clean.h"

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
	for (int f = 0; f < F_COUNT; f++)
		m->col[f] = -1;
	m->profile = req->forced ? req->forced
	           : profiles_choose(req->profiles, header->fields, header->nfields);
	map_with(m, m->profile, header, req->skip_col, req->file);
	if (m->profile != req->profiles->generic)
		map_with(m, req->profiles->generic, header, req->skip_col, NULL);
	for (size_t i = 0; i < req->noverrides; i++) {
		const struct map_override *o = &req->overrides[i];
		int c;
		if (!*o->header) {
			m->col[o->field] = -1;
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
			if (m->col[f] == c)
				m->col[f] = -1;
		m->col[o->field] = c;
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
	return 0;
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
