/* rows/custom_values.c - see rows/custom_values.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rows/custom_values.h"

void custom_row_init(struct custom_row *r)
{
	memset(r, 0, sizeof *r);
	dynbuf_init(&r->reason, 1 << 16);
}

static void drop(struct custom_row *r)
{
	cJSON_Delete(r->typed);
	r->typed = NULL;
	r->nbad = 0;
	dynbuf_reset(&r->reason);
}

void custom_row_free(struct custom_row *r)
{
	drop(r);
	free(r->bad);
	r->bad = NULL;
	dynbuf_free(&r->reason);
}

bool custom_columns(const struct column_map *m)
{
	for (size_t c = 0; m->custom && c < m->ncols; c++)
		if (m->custom[c])
			return true;
	return false;
}

/* "Persona: <why>", or "Role (custom field Persona): <why>" for a column
 * --map gave a field of another name */
static void add_problem(struct custom_row *r, const struct column_map *m, size_t c, const char *why)
{
	const struct custom_field *f = m->custom[c];
	struct custom_problem *p;

	if (!r->bad && !(r->bad = calloc(m->ncols + 1, sizeof *r->bad)))
		abort();
	p = &r->bad[r->nbad++];
	p->col = c;
	if (m->custom_by_override[c] && strcmp(m->custom_name[c], f->label) != 0)
		snprintf(p->text, sizeof p->text, "%.120s (custom field %.120s): %.440s", m->custom_name[c], f->label,
		         why);
	else
		snprintf(p->text, sizeof p->text, "%.120s: %.560s", f->label, why);
	if (r->reason.len)
		dynbuf_add(&r->reason, "; ", 2);
	dynbuf_add(&r->reason, p->text, strlen(p->text));
}

void custom_row_read(struct custom_row *r, const struct column_map *m, const struct csv_record *rec,
                     const struct cf_reading *how, bool clears)
{
	drop(r);
	for (size_t c = 0; m->custom && c < m->ncols; c++) {
		const struct custom_field *f = m->custom[c];
		cJSON *v = NULL;
		char why[600];
		if (!f || c >= rec->nfields)
			continue;
		switch (custom_value_convert_as(f, rec->fields[c], rec->lens[c], how, &v, why, sizeof why)) {
		case CF_VALUE_NONE:
			break;
		case CF_VALUE_CLEAR:
			if (clears)
				v = custom_value_empty(f);
			break;
		case CF_VALUE_BAD:
			add_problem(r, m, c, why);
			break;
		case CF_VALUE_SET:
			break;
		}
		if (!v)
			continue;
		if (!r->typed)
			r->typed = cJSON_CreateObject();
		cJSON_DeleteItemFromObjectCaseSensitive(r->typed, f->id);
		cJSON_AddItemToObject(r->typed, f->id, v);
	}
	dynbuf_cstr(&r->reason);
}
