/* rows/row_check.c - see rows/row_check.h. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "rows/row_check.h"
#include "rows/validate.h"
#include "values/clean.h"

void row_checker_init(struct row_checker *rc, const struct column_map *map, size_t ncols)
{
	memset(rc, 0, sizeof *rc);
	rc->map = map;
	rc->ncols = ncols;
	dedupe_init(&rc->seen);
	contact_init(&rc->contact);
	dynbuf_init(&rc->key, (size_t)-1);
	dynbuf_init(&rc->part, (size_t)-1);
	dynbuf_init(&rc->reason, (size_t)-1);
}

void row_checker_free(struct row_checker *rc)
{
	dedupe_free(&rc->seen);
	contact_free(&rc->contact);
	dynbuf_free(&rc->key);
	dynbuf_free(&rc->part);
	dynbuf_free(&rc->reason);
}

static bool is_blank(const struct csv_record *rec)
{
	for (size_t c = 0; c < rec->nfields; c++)
		for (size_t i = 0; i < rec->lens[c]; i++)
			if (!strchr(" \t\r\n", rec->fields[c][i]))
				return false;
	return true;
}

static void add_cstr(struct dynbuf *b, const char *s)
{
	dynbuf_add(b, s, strlen(s));
}

/* "the extra cells are "x" | "y"", in rc->part */
static const char *ragged_reason_extra(struct row_checker *rc, const struct csv_record *rec)
{
	dynbuf_reset(&rc->part);
	add_cstr(&rc->part, "the extra cells are ");
	for (size_t c = rc->ncols; c < rec->nfields; c++) {
		if (c > rc->ncols)
			add_cstr(&rc->part, " | ");
		dynbuf_addc(&rc->part, '"');
		dynbuf_add(&rc->part, rec->fields[c], rec->lens[c]);
		dynbuf_addc(&rc->part, '"');
	}
	return dynbuf_cstr(&rc->part);
}

/* "the row has 9 cells, the header has 7; the extra cells are "x" | "y"":
 * the extra cells are kept in the reason so nothing is lost */
static const char *ragged_reason(struct row_checker *rc, const struct csv_record *rec)
{
	char head[160];
	dynbuf_reset(&rc->reason);
	snprintf(head, sizeof head, "the row has %zu cell%s, the header has %zu",
	         rec->nfields, rec->nfields == 1 ? "" : "s", rc->ncols);
	add_cstr(&rc->reason, head);
	if (rec->nfields > rc->ncols) {
		add_cstr(&rc->reason, "; ");
		add_cstr(&rc->reason, ragged_reason_extra(rc, rec));
	}
	return dynbuf_cstr(&rc->reason);
}

static const enum field name_parts[] = { F_FIRST_NAME, F_LAST_NAME, F_ORGANIZATION_NAME };

/* the dedupe key: "e" + email, else "n" + name and company keys */
static const char *dedupe_key(struct row_checker *rc, bool *by_email)
{
	struct contact *c = &rc->contact;
	const char *email = contact_get(c, F_EMAIL);

	dynbuf_reset(&rc->key);
	*by_email = *email != '\0';
	if (*by_email) {
		dynbuf_addc(&rc->key, 'e');
		add_cstr(&rc->key, email);
		return dynbuf_cstr(&rc->key);
	}
	dynbuf_addc(&rc->key, 'n');
	for (size_t i = 0; i < sizeof name_parts / sizeof name_parts[0]; i++) {
		const char *v = contact_get(c, name_parts[i]);
		clean_match_key(v, strlen(v), &rc->part);
		dynbuf_add(&rc->key, dynbuf_cstr(&rc->part), rc->part.len);
		dynbuf_addc(&rc->key, '\x1f');
	}
	return dynbuf_cstr(&rc->key);
}

enum row_verdict row_check(struct row_checker *rc, const struct csv_record *rec,
                           struct row_problem *problem)
{
	enum field bad;
	char buf[1200];
	const char *why;
	bool by_email;
	unsigned long first;

	problem->reason = NULL;
	problem->line = rec->line;
	problem->col = 0;
	if (rec->error) {
		problem->reason = rec->error;
		problem->line = rec->error_line ? rec->error_line : rec->line;
		problem->col = rec->error_col;
		if (rec->nfields > rc->ncols) {
			/* the results keep the header's width: the extra cells of a
			 * malformed row go into its reason, as for a ragged row */
			dynbuf_reset(&rc->reason);
			add_cstr(&rc->reason, rec->error);
			add_cstr(&rc->reason, "; ");
			add_cstr(&rc->reason, ragged_reason_extra(rc, rec));
			problem->reason = dynbuf_cstr(&rc->reason);
		}
		return ROW_INVALID;
	}
	if (is_blank(rec)) {
		problem->reason = "blank row";
		return ROW_BLANK;
	}
	if (rec->nfields != rc->ncols) {
		problem->reason = ragged_reason(rc, rec);
		problem->col = (rec->nfields < rc->ncols ? rec->nfields : rc->ncols) + 1;
		return ROW_INVALID;
	}
	mapping_apply(rc->map, rec, &rc->contact);
	why = validate_contact(&rc->contact, &bad, buf, sizeof buf);
	if (why) {
		dynbuf_reset(&rc->reason);
		add_cstr(&rc->reason, why);
		problem->reason = dynbuf_cstr(&rc->reason);
		if (bad != F_COUNT && rc->map->col[bad] >= 0)
			problem->col = (unsigned long)rc->map->col[bad] + 1;
		return ROW_INVALID;
	}
	dedupe_key(rc, &by_email);
	first = dedupe_check_add(&rc->seen, rc->key.data, rc->key.len, (unsigned long)rec->number);
	if (first) {
		snprintf(buf, sizeof buf, "duplicate of row %lu (same %s)", first,
		         by_email ? "email" : "first name, last name and company");
		dynbuf_reset(&rc->reason);
		add_cstr(&rc->reason, buf);
		problem->reason = dynbuf_cstr(&rc->reason);
		return ROW_DUPLICATE;
	}
	/* a ready row may carry a note: an id of another system left out */
	if ((why = contact_left_out_ids(&rc->contact, buf, sizeof buf))) {
		dynbuf_reset(&rc->reason);
		add_cstr(&rc->reason, why);
		problem->reason = dynbuf_cstr(&rc->reason);
	}
	return ROW_READY;
}
