/* commands/update.c - `apollo-csv update FILE`: an edited export of contacts
 * (export contacts, perhaps after a trip through Excel) sent back with
 * only what changed. Each row's editable cells are compared with the
 * hashes in its _checksum cell (rows/roundtrip.h): a row where none changed
 * costs no call; the changed fields of the others go to
 * contacts/bulk_update, 100 contacts a call. A blank cell leaves a field
 * as it is; "(clear)" clears it. Every row gets a result row, written as
 * a journal (rows/sheet_rows.h): --resume after a stop, a kill or a
 * Ctrl-C sends only the rows the run before did not finish (an update
 * sent twice leaves the contact as once, so the rows that were at Apollo
 * when it was killed are simply sent again). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "apollo/api.h"
#include "cli/command.h"
#include "commands/session.h"
#include "commands/update.h"
#include "commands/update_accounts.h"
#include "commands/update_edits.h"
#include "commands/update_outcome.h"
#include "common/exit_codes.h"
#include "common/interrupt.h"
#include "common/msg.h"
#include "rows/chunk.h"
#include "rows/dedupe.h"
#include "rows/results.h"
#include "rows/roundtrip.h"
#include "rows/sheet_rows.h"
#include "rows/validate.h"
#include "apollo/custom_field_lookup.h"
#include "report/contact_rows.h"
#include "values/clean.h"
#include "values/custom_fields.h"
#include "values/ids.h"

struct update_run {
	const struct config *cfg;
	struct session *s;
	struct sheet_rows rows;                /* FILE and its results */
	int id_col, sum_col;
	int field_col[ROUNDTRIP_MAX_FIELDS];   /* -1: the column was deleted */
	/* Apollo's stages, users and lists, read once, when a row first needs
	 * them (NULL: not yet; an empty array and the reason when unreadable) */
	cJSON *stages, *users, *labels;
	const char *stages_why, *users_why, *labels_why;
	/* the columns that are not the export's own: custom fields by label
	 * (the team's fields read once, when an edit in one first needs them) */
	int *custom_col;
	char **custom_label;                   /* their headers (the header record is not kept) */
	size_t ncustom_cols;
	struct custom_fields fields;
	bool fields_read;
	char *fields_why;
	struct dedupe_set changed;             /* ids of contacts changed so far */
	struct dedupe_set change_sets;         /* id + the change, for repeated rows */
	bool legacy_encoding;                  /* FILE was not UTF-8 (Excel's plain CSV) */
	bool gave_up;
};

/* a header cell as letters and digits, lower case: "Contact ID" -> "contactid" */
static bool header_is(const char *cell, size_t len, const char *name)
{
	struct dynbuf a, b;
	bool same;
	dynbuf_init(&a, 4096);
	dynbuf_init(&b, 4096);
	clean_match_key(cell, len, &a);
	clean_match_key(name, strlen(name), &b);
	same = a.len && a.len == b.len && memcmp(a.data, b.data, a.len) == 0;
	dynbuf_free(&a);
	dynbuf_free(&b);
	return same;
}

static int find_columns(struct update_run *run, const struct csv_record *h)
{
	static const char *const id_names[] = { "contact_id", "_contact_id", "id" };
	run->id_col = run->sum_col = -1;
	for (size_t f = 0; f < roundtrip_nfields; f++)
		run->field_col[f] = -1;
	for (size_t c = 0; c < h->nfields; c++) {
		for (size_t k = 0; k < 3 && run->id_col < 0; k++)
			if (header_is(h->fields[c], h->lens[c], id_names[k]))
				run->id_col = (int)c;
		if (strcmp(h->fields[c], "_checksum") == 0)
			run->sum_col = (int)c;
		for (size_t f = 0; f < roundtrip_nfields; f++)
			if (run->field_col[f] < 0 && header_is(h->fields[c], h->lens[c], roundtrip_fields[f]))
				run->field_col[f] = (int)c;
	}
	/* the others may be custom fields: the export names them by label */
	run->custom_col = calloc(h->nfields + 1, sizeof *run->custom_col);
	run->custom_label = calloc(h->nfields + 1, sizeof *run->custom_label);
	for (size_t c = 0; run->custom_col && run->custom_label && c < h->nfields; c++)
		if (*h->fields[c] && *h->fields[c] != '_' && !contact_export_column(h->fields[c]) &&
		    (int)c != run->id_col && (int)c != run->sum_col &&
		    (run->custom_label[run->ncustom_cols] = strdup(h->fields[c])))
			run->custom_col[run->ncustom_cols++] = (int)c;
	return run->id_col >= 0 && run->sum_col >= 0;
}

static const char *cell(const struct csv_record *rec, int col)
{
	return col >= 0 && (size_t)col < rec->nfields ? rec->fields[col] : "";
}

/* Where a row keeps what it changes (held_row's v[]): the new values of
 * the columns bulk_update takes, the ids of its new stage and owner, the
 * lists it adds and takes away ("\x1f"-separated names), and a problem
 * with one of its values, which does not stop the rest of the row. */
#define V_STAGE_ID RT_STAGE
#define V_OWNER_ID RT_OWNER
#define V_ADDED RT_LISTS
#define V_REMOVED RT_COLUMNS
#define V_PROBLEM (RT_COLUMNS + 1)
#define V_CUSTOM (RT_COLUMNS + 2)          /* typed_custom_fields, JSON text */
#define V_CUSTOM_NAMES (RT_COLUMNS + 3)    /* their labels, for _reason */
#define V_SLOTS (RT_COLUMNS + 4)
_Static_assert(V_SLOTS <= F_COUNT, "held_row.v holds an update's changes");

/* A look-up of Apollo's names, done once for the run: *list, or an empty
 * one and *why. */
static void look_up(struct update_run *run, cJSON **list, const char **why, const char *what,
                    int (*get)(struct http_client *, cJSON *, struct http_request *))
{
	struct http_request failed;
	if (*list)
		return;
	*list = cJSON_CreateArray();
	if (get(&run->s->hc, *list, &failed) < 0)
		*why = chunk_printf(&run->rows.chunk, "Apollo's %s cannot be read (%s)", what, failed.message);
	/* the reason must outlive the chunk it was written in */
	if (*why)
		*why = strdup(*why);
}

static int get_stages(struct http_client *hc, cJSON *out, struct http_request *failed)
{
	return api_list_contact_stages(hc, true, out, failed);
}

static int get_users(struct http_client *hc, cJSON *out, struct http_request *failed)
{
	return api_list_users(hc, true, out, failed);
}

/* a row's stage, owner or lists cell, edited to v: what to send into
 * h->v, or a problem (the rest of the row still goes) */
static const char *named_change(struct update_run *run, struct held_row *h, size_t f, const char *v)
{
	static const char *const stage_keys[] = { "name", "display_name", NULL };
	static const char *const user_keys[] = { "email", "name", NULL };
	bool clear = strcasecmp(v, ROUNDTRIP_CLEAR) == 0, several;
	const char *id;

	if (f == RT_STAGE) {
		if (clear)
			return "a contact's stage cannot be cleared, only changed";
		look_up(run, &run->stages, &run->stages_why, "contact stages", get_stages);
		if ((id = edits_find_named(run->stages, v, stage_keys, &several))) {
			h->v[V_STAGE_ID] = chunk_strdup(&run->rows.chunk, id);
			return NULL;
		}
		if (several)
			return chunk_printf(&run->rows.chunk, "stage \"%s\" not sent: several stages have that name; "
			                    "write the stage's id", v);
		return run->stages_why ? chunk_printf(&run->rows.chunk, "stage \"%s\" not sent: %s", v, run->stages_why)
		                       : chunk_printf(&run->rows.chunk, "stage \"%s\" is no contact stage of the team; "
		                                      "the stages are %s", v, edits_some_names(&run->rows.chunk, run->stages, "name"));
	}
	if (f == RT_OWNER) {
		if (clear)
			return "a contact's owner cannot be cleared, only changed";
		look_up(run, &run->users, &run->users_why, "users (a master key can list them)", get_users);
		if ((id = edits_find_named(run->users, v, user_keys, &several))) {
			h->v[V_OWNER_ID] = chunk_strdup(&run->rows.chunk, id);
			return NULL;
		}
		if (several)
			return chunk_printf(&run->rows.chunk, "owner \"%s\" not sent: several users answer to it; write "
			                    "the user's email", v);
		return run->users_why ? chunk_printf(&run->rows.chunk, "owner \"%s\" not sent: %s", v, run->users_why)
		                      : chunk_printf(&run->rows.chunk, "owner \"%s\" is no user of the team; the "
		                                     "users are %s", v, edits_some_names(&run->rows.chunk, run->users, "email"));
	}
	return NULL;
}

/* The lists cell edited to v ("(clear)": none): the names it adds, and
 * the lists of the team the contact was on (its _checksum says which)
 * that it no longer names. Each "\x1f"-separated; NULL when none. */
static const char *list_changes(struct update_run *run, struct held_row *h, const struct roundtrip_sum *sum,
                                const char *v)
{
	struct dynbuf added, removed;
	const char *p = strcasecmp(v, ROUNDTRIP_CLEAR) == 0 ? "" : v;
	const cJSON *it;

	dynbuf_init(&added, 1 << 20);
	dynbuf_init(&removed, 1 << 20);
	while (*p) {
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		const char *q = p;
		while (len && (*q == ' ' || *q == '\t'))
			q++, len--;
		while (len && (q[len - 1] == ' ' || q[len - 1] == '\t'))
			len--;
		if (len && !roundtrip_had_list(sum, q, len)) {
			if (added.len)
				dynbuf_add(&added, "\x1f", 1);
			dynbuf_add(&added, q, len);
		}
		p = end ? end + 1 : p + strlen(p);
	}
	look_up(run, &run->labels, &run->labels_why, "lists", api_list_labels);
	cJSON_ArrayForEach(it, run->labels) {
		const char *name = api_str(it, "name"), *m = api_str(it, "modality");
		bool named = false;
		if (!*name || (*m && strcmp(m, "contacts") != 0) || !roundtrip_had_list(sum, name, strlen(name)))
			continue;
		/* still named in the cell? */
		for (const char *c = strcasecmp(v, ROUNDTRIP_CLEAR) == 0 ? "" : v; *c && !named;) {
			const char *end = strchr(c, ';');
			size_t len = end ? (size_t)(end - c) : strlen(c);
			while (len && (*c == ' ' || *c == '\t'))
				c++, len--;
			while (len && (c[len - 1] == ' ' || c[len - 1] == '\t'))
				len--;
			named = len == strlen(name) && strncasecmp(c, name, len) == 0;
			c = end ? end + 1 : c + strlen(c);
		}
		if (named)
			continue;
		if (removed.len)
			dynbuf_add(&removed, "\x1f", 1);
		dynbuf_add(&removed, name, strlen(name));
	}
	dynbuf_add(&added, "", 1);
	dynbuf_add(&removed, "", 1);
	h->v[V_ADDED] = added.len > 1 ? chunk_strdup(&run->rows.chunk, added.data) : NULL;
	h->v[V_REMOVED] = removed.len > 1 ? chunk_strdup(&run->rows.chunk, removed.data) : NULL;
	dynbuf_free(&added);
	dynbuf_free(&removed);
	/* the lists cannot be read: which ones the cell takes away cannot be
	 * told, so none of the edit goes (half of it would say it was done) */
	if (run->labels_why) {
		h->v[V_ADDED] = h->v[V_REMOVED] = NULL;
		return chunk_printf(&run->rows.chunk, "lists \"%s\" not changed: which lists it takes away cannot be "
		                    "told: %s", v, run->labels_why);
	}
	return NULL;
}

/* The custom-field cells of a v2 row that differ from their hash in
 * _checksum (or that the export did not write, when not blank), converted
 * by the field's type into h->v[V_CUSTOM]; a column no custom field of
 * contacts is labelled with is not the tool's to send. A value that does
 * not fit is a problem of the row; the rest of the row still goes. The
 * count of fields to send. */
static int custom_changes(struct update_run *run, struct held_row *h, const struct roundtrip_sum *sum)
{
	const struct csv_record *rec = &h->rec;
	const struct cf_reading how = { run->cfg->date_order, run->cfg->decimal_comma };
	struct custom_edits e;

	custom_edits_init(&e);
	for (size_t k = 0; k < run->ncustom_cols; k++) {
		int col = run->custom_col[k];
		const char *label = run->custom_label[k], *v = cell(rec, col), *problem = NULL;
		const struct custom_field *f;
		uint32_t was;
		bool had = roundtrip_custom_hash(sum, label, &was);
		struct dynbuf t;
		cJSON *out = NULL;
		char why[700];
		enum cf_value_kind kind = CF_VALUE_NONE;

		if (had && roundtrip_hash(v, strlen(v)) == was)
			continue;
		dynbuf_init(&t, 1 << 20);
		clean_text(v, strlen(v), &t);
		if (!t.len) {
			dynbuf_free(&t);
			continue;   /* a blank cell leaves the field as it is */
		}
		if (!run->fields_read) {
			struct http_request failed;
			run->fields_read = true;
			if (custom_field_lookup(&run->s->hc, &run->fields, &failed) < 0)
				run->fields_why = strdup(failed.message);
		}
		f = custom_fields_by_label(&run->fields, CF_CONTACT, label);
		if (run->fields_why && !had) {
			dynbuf_free(&t);
			continue;   /* not a column the export wrote: the person's own */
		} else if (run->fields_why) {
			problem = chunk_printf(&run->rows.chunk, "column \"%s\" not sent: the team's custom fields cannot be "
			                       "read (%s)", label, run->fields_why);
		} else if (!f) {
			dynbuf_free(&t);
			continue;   /* a column of the person's own */
		} else if ((kind = edits_custom_read(f, t.data, t.len, &how, had, was, &out, why, sizeof why)) ==
		           CF_VALUE_BAD) {
			problem = chunk_printf(&run->rows.chunk, "column \"%s\" (custom field %s, %s) not sent: %s", label,
			                       f->label, f->type_name ? f->type_name : "?", why);
		}
		dynbuf_free(&t);
		if (problem) {
			cJSON_Delete(out);
			h->v[V_PROBLEM] = h->v[V_PROBLEM] ? chunk_printf(&run->rows.chunk, "%s; %s", h->v[V_PROBLEM], problem)
			                                  : problem;
			continue;
		}
		/* a value the spreadsheet only wrote otherwise (a date Excel
		 * reformatted) is no edit */
		if ((kind = edits_custom_changed(f, kind, &out, had, was, NULL)) != CF_VALUE_NONE)
			custom_edits_add(&e, f, kind, out);
	}
	return custom_edits_finish(&e, &run->rows.chunk, &h->v[V_CUSTOM], &h->v[V_CUSTOM_NAMES]);
}

/* The row's changed fields into h->v (rows/roundtrip.h's columns, and
 * the slots above), their count, or -1 with a reason for a row that
 * cannot be sent. A value that does not fit is noted in h->v[V_PROBLEM]
 * and the rest of the row still goes. */
static int changes_of(struct update_run *run, struct held_row *h, const char **why)
{
	const struct csv_record *rec = &h->rec;
	struct roundtrip_sum sum;
	int n = 0;

	if (!roundtrip_parse(cell(rec, run->sum_col), &sum) || sum.accounts) {
		*why = "the _checksum cell is not the one the export wrote; export the contact again";
		return -1;
	}
	for (size_t f = 0; f < sum.nfixed; f++) {
		const char *v = cell(rec, run->field_col[f]), *problem = NULL;
		struct dynbuf t;
		if (run->field_col[f] < 0 || roundtrip_hash(v, strlen(v)) == sum.fixed[f])
			continue;
		dynbuf_init(&t, 1 << 20);
		clean_text(v, strlen(v), &t);
		if (!t.len) {
			dynbuf_free(&t);
			continue;   /* a blank cell leaves the field as it is */
		}
		if (run->legacy_encoding && strchr(t.data, '?')) {
			/* Excel's plain "CSV" cannot hold every letter and writes ? */
			*why = chunk_printf(&run->rows.chunk, "%s \"%s\" has a ? and the file is not UTF-8: a "
			                         "letter may have been lost when it was saved; save it as "
			                         "\"CSV UTF-8\" and update again", roundtrip_fields[f], t.data);
			dynbuf_free(&t);
			return -1;
		}
		if (f == RT_STAGE || f == RT_OWNER)
			problem = named_change(run, h, f, t.data);
		else if (f == RT_LISTS)
			problem = list_changes(run, h, &sum, t.data);
		else if (strcasecmp(t.data, ROUNDTRIP_CLEAR) == 0)
			h->v[f] = "";
		else
			h->v[f] = chunk_strdup(&run->rows.chunk, t.data);
		dynbuf_free(&t);
		if (problem) {
			h->v[V_PROBLEM] = h->v[V_PROBLEM] ? chunk_printf(&run->rows.chunk, "%s; %s", h->v[V_PROBLEM],
			                                                  problem) : problem;
			continue;
		}
		if (f == RT_EMAIL && *h->v[f] && (*why = validate_email(h->v[f]))) {
			*why = chunk_printf(&run->rows.chunk, "email \"%s\" %s", h->v[f], *why);
			return -1;
		}
		if (f == RT_LISTS && !h->v[V_ADDED] && !h->v[V_REMOVED])
			continue;   /* the same lists, written otherwise */
		n++;
	}
	if (sum.version >= 2)
		n += custom_changes(run, h, &sum);
	return n;
}

static bool id_ok(const char *id)
{
	size_t n = strlen(id);
	for (const char *p = id; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') || (*p >= 'A' && *p <= 'F')))
			return false;
	return n >= 16 && n <= 40;
}

/* the row number that made exactly this change to this contact, or 0 */
static unsigned long same_change_before(struct update_run *run, const struct held_row *h, const char *id)
{
	struct dynbuf key;
	unsigned long first;

	dynbuf_init(&key, 16u << 20);
	dynbuf_add(&key, id, strlen(id));
	for (size_t f = 0; f < V_SLOTS; f++) {
		char tag[32];
		if (f == V_PROBLEM || f == V_CUSTOM_NAMES)
			continue;
		if (!h->v[f])
			continue;
		snprintf(tag, sizeof tag, "\x1f%zu=", f);
		dynbuf_add(&key, tag, strlen(tag));
		dynbuf_add(&key, h->v[f], strlen(h->v[f]));
	}
	first = dedupe_check_add(&run->change_sets, key.data ? key.data : "", key.len,
	                         (unsigned long)h->rec.number);
	dynbuf_free(&key);
	return first;
}

static void classify(struct update_run *run, struct held_row *h)
{
	const char *id = cell(&h->rec, run->id_col), *why = NULL;
	unsigned long first;
	int n;
	char mangled[512];

	h->res.contact_id = chunk_strdup(&run->rows.chunk, id);
	if (h->rec.error) {
		h->res.status = ST_INVALID;
		h->res.reason = h->rec.error;
	} else if (apollo_id_mangled_reason(id, "contact", mangled, sizeof mangled)) {
		h->res.status = ST_INVALID;
		h->res.reason = chunk_strdup(&run->rows.chunk, mangled);
	} else if (!id_ok(id)) {
		h->res.status = ST_INVALID;
		h->res.reason = chunk_printf(&run->rows.chunk, "\"%s\" is not an Apollo contact id", id);
	} else if ((n = changes_of(run, h, &why)) < 0) {
		h->res.status = ST_INVALID;
		h->res.reason = why;
	} else if (n == 0 && h->v[V_PROBLEM]) {
		h->res.status = ST_INVALID;
		h->res.reason = h->v[V_PROBLEM];
	} else if (n == 0) {
		h->res.status = ST_UNCHANGED;
		return;
	} else if ((first = same_change_before(run, h, id))) {
		/* a per-sequence export repeats a contact: the same edit on its
		 * other rows (a fill-down) is one change */
		h->res.status = ST_UNCHANGED;
		h->res.reason = chunk_printf(&run->rows.chunk, "the same change as row %lu", first);
		return;
	} else if ((first = dedupe_check_add(&run->changed, id, strlen(id), (unsigned long)h->rec.number))) {
		h->res.status = ST_DUPLICATE;
		h->res.reason = chunk_printf(&run->rows.chunk, "row %lu already changes this contact; make "
		                                  "each change on one row", first);
	} else {
		h->send = true;
		h->res.status = ST_READY;
		run->rows.chunk.nsend++;
		return;
	}
	h->res.needs_attention = h->res.status == ST_INVALID || h->res.status == ST_DUPLICATE;
}

/* what one call did for a row (commands/update_outcome.h) */
static void note(struct update_run *run, struct update_outcome *o, const char *what, struct api_item *it)
{
	update_outcome_note(&run->rows.chunk, run->s->hc.refused, o, what, it, &run->gave_up);
}

static bool can_send(const struct update_run *run)
{
	return !run->s->hc.stopped && !run->s->hc.refused;
}

/* contacts/bulk_update (bulk) for the columns it takes, the first seven
 * and the owner (its owner_id, which saves update_owners' call a
 * distinct owner); else PATCH contacts/{id} for the phones, which
 * bulk_update does not take */
static void send_fields(struct update_run *run, struct held_row **rows, size_t n, struct update_outcome *o, bool bulk)
{
	struct api_update *u = calloc(n + 1, sizeof *u);
	struct api_item *out = calloc(n + 1, sizeof *out);
	size_t *who = calloc(n + 1, sizeof *who), k = 0;
	size_t first = bulk ? 0 : RT_DIRECT_PHONE, last = bulk ? RT_PRESENT_RAW_ADDRESS : RT_OTHER_PHONE;

	if (u && out && who) {
		for (size_t i = 0; i < n; i++) {
			for (size_t f = first; f <= last; f++)
				if (rows[i]->v[f]) {
					u[k].name[u[k].n] = roundtrip_fields[f];
					u[k].value[u[k].n++] = rows[i]->v[f];
				}
			if (bulk && rows[i]->v[V_OWNER_ID]) {
				u[k].name[u[k].n] = "owner_id";
				u[k].value[u[k].n++] = rows[i]->v[V_OWNER_ID];
			}
			if (bulk)
				u[k].typed_custom_fields = rows[i]->v[V_CUSTOM];
			if (u[k].n || u[k].typed_custom_fields) {
				u[k].id = rows[i]->res.contact_id;
				who[k++] = i;
			}
		}
		if (k && !can_send(run))
			for (size_t i = 0; i < k; i++)
				api_set_outcome(&out[i], API_STOPPED, "not sent");
		else if (k && bulk)
			api_update_contacts(&run->s->hc, u, k, out);
		else if (k)
			api_patch_contacts(&run->s->hc, u, k, out);
		for (size_t i = 0; i < k; i++) {
			char list[1024] = "";
			for (size_t f = 0; f < u[i].n; f++)
				snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", f ? ", " : "",
				         strcmp(u[i].name[f], "owner_id") ? u[i].name[f] : "owner");
			if (u[i].typed_custom_fields)
				snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", u[i].n ? ", " : "",
				         rows[who[i]]->v[V_CUSTOM_NAMES]);
			note(run, &o[who[i]], list, &out[i]);
		}
	}
	free(u);
	free(out);
	free(who);
}

/* One call for each distinct value of slot among the rows (a stage, an
 * set of lists to add or take away), with every contact that takes it. */
static void send_grouped(struct update_run *run, struct held_row **rows, size_t n, struct update_outcome *o,
                         size_t slot, const char *what)
{
	const char **ids = calloc(n + 1, sizeof *ids);
	size_t *who = calloc(n + 1, sizeof *who);
	struct api_item *out = calloc(n + 1, sizeof *out);
	bool *done = calloc(n + 1, sizeof *done);

	for (size_t i = 0; ids && who && out && done && i < n; i++) {
		const char *value = rows[i]->v[slot];
		size_t k = 0;
		if (!value || done[i])
			continue;
		for (size_t j = i; j < n; j++)
			if (!done[j] && rows[j]->v[slot] && strcmp(rows[j]->v[slot], value) == 0) {
				done[j] = true;
				ids[k] = rows[j]->res.contact_id;
				who[k++] = j;
			}
		if (!can_send(run)) {
			for (size_t j = 0; j < k; j++)
				api_set_outcome(&out[j], API_STOPPED, "not sent");
		} else if (slot == V_STAGE_ID) {
			api_set_contacts_stage(&run->s->hc, value, ids, k, out);
		} else {
			/* the names, "\x1f"-separated */
			char *copy = strdup(value), *save = NULL;
			const char *names[256];
			size_t nn = 0;
			for (char *t = copy ? strtok_r(copy, "\x1f", &save) : NULL; t && nn < 256; t = strtok_r(NULL, "\x1f", &save))
				names[nn++] = t;
			api_change_contacts_lists(&run->s->hc, slot == V_ADDED, names, nn, ids, k, out);
			free(copy);
		}
		for (size_t j = 0; j < k; j++)
			note(run, &o[who[j]], what, &out[j]);
	}
	free(ids);
	free(who);
	free(out);
	free(done);
}

static void send_chunk(void *ctx)
{
	struct update_run *run = ctx;
	struct chunk *c = &run->rows.chunk;
	struct held_row **rows = calloc(c->nsend + 1, sizeof *rows);
	struct update_outcome *o = update_outcomes_new(c->nsend);
	size_t n = 0;

	if (rows && o) {
		for (size_t i = 0; i < c->n; i++)
			if (c->rows[i].send)
				rows[n++] = &c->rows[i];
		/* the fields first: a stage or list is no reason to hold them back */
		send_fields(run, rows, n, o, true);
		send_fields(run, rows, n, o, false);
		send_grouped(run, rows, n, o, V_STAGE_ID, "stage");
		send_grouped(run, rows, n, o, V_ADDED, "lists added");
		send_grouped(run, rows, n, o, V_REMOVED, "lists taken away");
	}
	update_outcomes_finish(c, rows, o, n, V_PROBLEM, &run->gave_up);
	free(rows);
}

/* every row is compared; one --resume keeps is noted as it was (its
 * change made, for the rows after it) and keeps its result */
static void read_row(void *ctx, struct held_row *h)
{
	classify(ctx, h);
}

static void summary(void *ctx)
{
	const struct update_run *run = ctx;
	const struct results *r = &run->rows.results;
	msg_info("%s: %llu updated, %llu unchanged (no call), %llu failed, %llu invalid, %llu duplicate, "
	         "%llu unprocessed", run->rows.file, r->counts[ST_UPDATED], r->counts[ST_UNCHANGED],
	         r->counts[ST_FAILED], r->counts[ST_INVALID], r->counts[ST_DUPLICATE], r->counts[ST_UNPROCESSED]);
	session_report_calls(run->s);
	msg_info("results: %s", sheet_rows_out(&run->rows));
}

int cmd_update(const struct config *cfg)
{
	struct update_run run = { .cfg = cfg };
	struct row_sender sender = { .ctx = &run, .read = read_row, .send = send_chunk, .summary = summary,
	                             .per_chunk = API_BULK_MAX * (size_t)cfg->jobs };
	struct msg_pos none = { 0 };
	struct session s;
	int status;

	/* rows that need no call wait for the ready ones to write in order:
	 * a file of mostly unchanged rows is not held whole */
	sender.most_held = 8 * sender.per_chunk;
	dedupe_init(&run.changed);
	dedupe_init(&run.change_sets);
	if ((status = session_open(&s, cfg)) != EXIT_OK)
		goto out;
	run.s = &s;
	if ((status = sheet_rows_open(&run.rows, cfg)) != EXIT_OK)
		goto out;
	if (update_accounts_file(run.rows.header)) {
		status = update_accounts(cfg, &s, &run.rows);
		goto out;
	}
	if (!find_columns(&run, run.rows.header)) {
		struct msg_pos pos = { run.rows.file, run.rows.header->line, 0 };
		msg_error(&pos, "not an export of apollo-csv: it needs the contact_id and _checksum columns "
		          "that `apollo-csv export contacts` writes");
		status = EXIT_INPUT;
		goto out;
	}
	run.legacy_encoding = run.rows.reader.in.enc == ENC_CP1252 ||
	                      run.rows.reader.in.enc == ENC_LATIN1 || run.rows.reader.in.sniffed_legacy;
	if ((status = sheet_rows_results(&run.rows)) != EXIT_OK)
		goto out;
	session_show_progress(&s, &run.rows.progress);
	status = sheet_rows_run(&run.rows, &sender);
	session_show_progress(&s, NULL);
	if (interrupted()) {
		/* sheet_rows said where the results are and how to go on */
	} else if (s.hc.refused) {
		msg_error(&none, "%s", s.hc.refusal);
		status = exit_code_worst(status, EXIT_CONFIG);
	} else if (s.hc.stopped || run.gave_up) {
		msg_error(&none, "%s; the rows not sent are unprocessed: run update --resume on the same file",
		          s.hc.stopped ? s.hc.stop_reason : "some requests got no answer after every retry");
		status = exit_code_worst(status, EXIT_API);
	}
out:
	dedupe_free(&run.changed);
	dedupe_free(&run.change_sets);
	cJSON_Delete(run.stages);
	cJSON_Delete(run.users);
	cJSON_Delete(run.labels);
	free((char *)run.stages_why);
	free((char *)run.users_why);
	free((char *)run.labels_why);
	free(run.custom_col);
	for (size_t i = 0; run.custom_label && i < run.ncustom_cols; i++)
		free(run.custom_label[i]);
	free(run.custom_label);
	free(run.fields_why);
	custom_fields_free(&run.fields);
	sheet_rows_close(&run.rows);
	session_close(&s);
	return status;
}

/* ---- the command line: --help, options, what they must say together ---- */

static const char help[] =
"Usage: apollo-csv update [OPTIONS] FILE\n"
"\n"
"Send back the edits made to FILE, a file written by `apollo-csv export\n"
"contacts` (also after a trip through Excel: its BOM, CRLF, guarded cells and\n"
"reordered or deleted columns are fine). Each row's editable cells are\n"
"compared with its _checksum: a row where none changed costs no API call;\n"
"what changed, and only that, is sent, in as few calls as Apollo allows:\n"
"  first_name, last_name, email, title, organization_name, linkedin_url,\n"
"  present_raw_address, owner (a user's email or name) and the custom fields\n"
"  (a column each, named by its label; values converted by the field's type:\n"
"  a picklist's label, a date in any form a spreadsheet writes)\n"
"                          contacts/bulk_update, 100 contacts a call\n"
"  direct_phone, corporate_phone, mobile_phone, home_phone, other_phone\n"
"                          PATCH contacts/ID, one call a contact (bulk_update\n"
"                          does not take phones)\n"
"  stage (by name)         contacts/update_stages, one call a stage\n"
"  lists (\"; \"-joined)     labels/add_entity_ids_to_label_names and\n"
"                          remove_entity_ids_from_label_names: one call for\n"
"                          each set of lists added or taken away, for all\n"
"                          the contacts it applies to\n"
"A stage or owner that is not the team's, or a custom value that does not fit\n"
"its field, is the row's problem (the column, the field, the value and what\n"
"would fit); the rest of the row is still sent. Files exported by\n"
"earlier versions (_checksum \"v1:\") still work, for their seven fields.\n"
"\n"
"An export of accounts (export accounts, or Apollo's own accounts export: a\n"
"file with Apollo Account Id and no contact id) is sent back the same way:\n"
"Company Name, Account Stage, Account Owner and custom fields with\n"
"accounts/bulk_update, Website (as its bare domain) and Company Phone (its\n"
"leading ' dropped) with PATCH accounts/ID, Lists with the lists endpoints.\n"
"A file without _checksum (Apollo's own) is compared with the accounts\n"
"Apollo holds, read once (one accounts/search call a 100 accounts, and the\n"
"look-ups of lists, stages, users and custom fields): only differences go.\n"
"\n"
"A blank cell leaves the field as it is (a spreadsheet makes blanks too\n"
"easily); write (clear) in a cell to clear the field in Apollo (lists: take\n"
"the contact out of every list; a stage or owner cannot be cleared).\n"
"\n"
"FILE.results.csv gets every row with _status updated (and the fields in\n"
"_reason), unchanged, failed (Apollo refused it: a deleted contact, ...),\n"
"invalid (a malformed id, an edited _checksum, a bad email, a ? in a file\n"
"not saved as UTF-8, a stage, owner or custom value that does not fit and\n"
"nothing else edited),\n"
"duplicate (another row changes the same contact differently; the same change\n"
"on several rows is made once) or unprocessed\n""(not sent: run update --resume on the same file).\n"
"\n"
"  -o, --output FILE       results file (default FILE.results.csv), written as\n"
"                          FILE.results.csv.partial until the run ends\n"
"                          (a name ending .xlsx: an Excel workbook)\n"
"      --resume            go on after a stop, a kill or Ctrl-C: the rows the\n"
"                          last run finished are kept (an updated row is not\n"
"                          sent again) and only the others are sent\n"
"      --errors FILE       also write the rows that need attention to FILE\n"
"      --date-format dmy|mdy|ymd  how to read an edited date such as 03/04/2026\n"
"                          in a custom column (a date only rewritten by the\n"
"                          spreadsheet, in any order, is no edit)\n"
"      --decimal-comma     numbers in custom columns are written 1.234,5\n"
"      --excel, --raw, --force, --encoding, --delimiter, --max-field-size,\n"
"      --sheet\n"
"      --api-key-file, --jobs, --retries, --backoff, --timeout, --max-wait\n"
"  -q, --quiet, -v, --verbose, --progress, --no-progress\n"
"\n"
FOR_SCRIPTS
"\n"
"Exit status: 0 done; 1 some rows need attention; 2 bad command line; 3 FILE\n"
"cannot be read or is not an export; 4 no key or a refused key; 5 stopped\n"
"early: run again with --resume; 6 the results file cannot be written; 130,\n"
"143 stopped by Ctrl-C or SIGTERM: run again with --resume.\n";

static const struct cli_option *const options[] = {
	OPTIONS_READING_FILE, OPTIONS_WRITING, &opt_resume, OPTIONS_MESSAGES, OPTIONS_TALKING, &opt_date_format,
	&opt_decimal_comma, NULL
};

static int check(struct config *cfg)
{
	int rc;
	if ((rc = cli_check_files(cfg, "update")) != EXIT_OK || (rc = cli_check_resume(cfg, "update")) != EXIT_OK)
		return rc;
	if (cfg->nfiles != 1)
		return cli_usage_error("%s", "update: name one FILE (an edited export of contacts)");
	return EXIT_OK;
}

const struct command update_command = {
	.name = "update", .id = CMD_UPDATE, .help = help, .options = options, .check = check, .run = cmd_update,
	.overview = "  update FILE     send back the edits made to an export of contacts or\n"
	            "                  accounts\n"
};
