/* commands/update_accounts.c - update on an export of accounts, in the
 * columns of Apollo's accounts export (report/account_rows.h).
 *
 * A file `export accounts` wrote has a _checksum ("a1:", rows/roundtrip.h):
 * a cell whose hash still matches was not edited, and an unedited file
 * costs no call. A file Apollo's web app wrote has none: then the team's
 * accounts are read (accounts/search, every page: one call a hundred
 * accounts) with the names that show them (lists, stages, users, custom
 * fields: four calls), and each editable cell is compared with what
 * Apollo holds, as the export would write it; only the differences go.
 * Apollo's export writes the phone with a leading apostrophe and the
 * domain inside the Website (http://www....): both are undone on the way
 * back.
 *
 * What changed goes in the fewest calls: name, stage, owner and custom
 * fields in accounts/bulk_update's account_attributes (100 a call; only
 * there does it take typed_custom_fields), the domain and the phone, which
 * it does not take, with PATCH accounts/{id}, the lists with the labels
 * endpoints, one call a set of lists added or taken away. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "apollo/api.h"
#include "apollo/custom_field_lookup.h"
#include "commands/update_accounts.h"
#include "commands/update_edits.h"
#include "commands/update_outcome.h"
#include "common/exit_codes.h"
#include "common/interrupt.h"
#include "common/msg.h"
#include "report/account_rows.h"
#include "rows/chunk.h"
#include "rows/dedupe.h"
#include "rows/results.h"
#include "rows/roundtrip.h"
#include "values/clean.h"
#include "values/custom_fields.h"

/* where a row keeps its changes (held_row's v[]) */
enum {
	V_NAME, V_STAGE_ID, V_OWNER_ID, V_DOMAIN, V_PHONE,
	V_ADDED, V_REMOVED,        /* list names, "\x1f"-separated */
	V_CUSTOM, V_CUSTOM_NAMES,  /* typed_custom_fields as JSON text; their labels */
	V_PROBLEM,
	V_SLOTS
};
_Static_assert((int)V_SLOTS <= (int)F_COUNT, "held_row.v holds an account's changes");

struct accounts_run {
	const struct config *cfg;
	struct session *s;
	struct sheet_rows *rows;
	int id_col, sum_col, col[AC_COLUMNS];
	int *custom_col;
	char **custom_label;
	size_t ncustom;
	/* read once, when a row first needs them */
	cJSON *labels, *stages, *users, *accounts;
	struct custom_fields fields;
	struct account_names names;
	bool names_read, fields_read, accounts_read;
	/* why a look-up failed, each on its own: a column needs only its own */
	char *labels_why, *stages_why, *users_why, *fields_why, *accounts_why;
	struct dedupe_set by_id;   /* account id -> its index in accounts + 1 */
	struct dedupe_set changed;
	unsigned long long compared;   /* rows compared with Apollo's values (no _checksum) */
	bool gave_up;
};

static const char *cell(const struct csv_record *rec, int col)
{
	return col >= 0 && (size_t)col < rec->nfields ? rec->fields[col] : "";
}

bool update_accounts_file(const struct csv_record *h)
{
	bool account = false;
	for (size_t c = 0; c < h->nfields; c++) {
		if (strcasecmp(h->fields[c], "contact_id") == 0 || strcasecmp(h->fields[c], "Apollo Contact Id") == 0)
			return false;
		account = account || strcasecmp(h->fields[c], "Apollo Account Id") == 0;
	}
	return account;
}

static void find_columns(struct accounts_run *run, const struct csv_record *h)
{
	run->id_col = run->sum_col = -1;
	for (size_t f = 0; f < AC_COLUMNS; f++)
		run->col[f] = -1;
	run->custom_col = calloc(h->nfields + 1, sizeof *run->custom_col);
	run->custom_label = calloc(h->nfields + 1, sizeof *run->custom_label);
	for (size_t c = 0; c < h->nfields; c++) {
		const char *name = h->fields[c];
		if (strcasecmp(name, "Apollo Account Id") == 0 && run->id_col < 0)
			run->id_col = (int)c;
		else if (strcmp(name, "_checksum") == 0)
			run->sum_col = (int)c;
		for (size_t f = 0; f < AC_COLUMNS; f++)
			if (run->col[f] < 0 && strcasecmp(name, roundtrip_account_columns[f]) == 0)
				run->col[f] = (int)c;
		/* the others may be custom fields: both exports name them by label */
		if (run->custom_col && run->custom_label && *name && *name != '_' && !account_export_column(name) &&
		    (run->custom_label[run->ncustom] = strdup(name)))
			run->custom_col[run->ncustom++] = (int)c;
	}
}

/* ---- what Apollo holds, read when a row needs it ---- */

static void failed_once(char **why, const char *what, const struct http_request *failed)
{
	char buf[1200];
	if (*why)
		return;
	snprintf(buf, sizeof buf, "%s cannot be read (%s)", what, failed->message);
	*why = strdup(buf);
}

static void read_names(struct accounts_run *run)
{
	struct http_request failed;
	if (run->names_read)
		return;
	run->names_read = true;
	run->labels = cJSON_CreateArray();
	run->stages = cJSON_CreateArray();
	run->users = cJSON_CreateArray();
	if (api_list_labels(&run->s->hc, run->labels, &failed) < 0)
		failed_once(&run->labels_why, "Apollo's lists", &failed);
	if (api_list_account_stages(&run->s->hc, true, run->stages, &failed) < 0)
		failed_once(&run->stages_why, "Apollo's account stages", &failed);
	if (api_list_users(&run->s->hc, true, run->users, &failed) < 0)
		failed_once(&run->users_why, "Apollo's users (a master key can list them)", &failed);
	run->names = (struct account_names){ run->labels, run->stages, run->users, &run->fields };
}

static void read_fields(struct accounts_run *run)
{
	struct http_request failed;
	if (run->fields_read)
		return;
	run->fields_read = true;
	if (custom_field_lookup(&run->s->hc, &run->fields, &failed) < 0)
		failed_once(&run->fields_why, "the team's custom fields", &failed);
}

/* Apollo's copy of account id (every account read once, for a file
 * without _checksum); NULL when it has none */
static const cJSON *current(struct accounts_run *run, const char *id)
{
	unsigned long at;
	if (!run->accounts_read) {
		struct http_request failed;
		const cJSON *a;
		unsigned long i = 0;
		run->accounts_read = true;
		run->accounts = cJSON_CreateArray();
		if (api_list_accounts(&run->s->hc, run->accounts, &failed) < 0)
			failed_once(&run->accounts_why, "the team's accounts", &failed);
		cJSON_ArrayForEach(a, run->accounts) {
			const char *aid = api_str(a, "id");
			i++;
			if (*aid)
				dedupe_check_add(&run->by_id, aid, strlen(aid), i);
		}
	}
	if (!(at = dedupe_check_add(&run->by_id, id, strlen(id), 0)))
		return NULL;
	return cJSON_GetArrayItem(run->accounts, (int)at - 1);
}

/* ---- one row ---- */

static void add_problem(struct accounts_run *run, struct held_row *h, const char *problem)
{
	h->v[V_PROBLEM] = h->v[V_PROBLEM] ? chunk_printf(&run->rows->chunk, "%s; %s", h->v[V_PROBLEM], problem)
	                                  : problem;
}

/* Is name one of the names of a lists cell, split at seps and trimmed?
 * Our exports join names with "; " (a list's name may hold a comma), so
 * only ";" separates in a file with our _checksum (LISTS_OURS); Apollo's
 * own export joins them with commas (LISTS_APOLLOS: "," and ";"). */
#define LISTS_OURS ";"
#define LISTS_APOLLOS ";,"
static bool named_in(const char *cellv, const char *name, const char *seps)
{
	const char *p = cellv;
	while (*p) {
		size_t len = strcspn(p, seps);
		const char *q = p, *next = p + len + (p[len] ? 1 : 0);
		while (len && (*q == ' ' || *q == '\t'))
			q++, len--;
		while (len && (q[len - 1] == ' ' || q[len - 1] == '\t'))
			len--;
		if (len == strlen(name) && strncasecmp(q, name, len) == 0)
			return true;
		p = next;
	}
	return false;
}

/* lists cell edited to v ("(clear)": none): names added and the lists
 * of accounts it was on that it no longer names (was: from the
 * _checksum's hashes, else from Apollo's copy) */
static void list_changes(struct accounts_run *run, struct held_row *h, const struct roundtrip_sum *sum,
                         const cJSON *apollo, const char *v)
{
	struct dynbuf added, removed;
	const char *cellv = strcasecmp(v, ROUNDTRIP_CLEAR) == 0 ? "" : v, *p = cellv;
	const char *seps = sum ? LISTS_OURS : LISTS_APOLLOS;
	const cJSON *it;
	struct dynbuf was;

	dynbuf_init(&added, 1 << 20);
	dynbuf_init(&removed, 1 << 20);
	dynbuf_init(&was, 1 << 20);
	read_names(run);
	if (apollo) {
		account_value(&run->names, apollo, AC_LISTS, &was);
		dynbuf_add(&was, "", 1);
	}
	while (*p) {
		size_t len = strcspn(p, seps);
		const char *q = p, *next = p + len + (p[len] ? 1 : 0);
		char name[512];
		while (len && (*q == ' ' || *q == '\t'))
			q++, len--;
		while (len && (q[len - 1] == ' ' || q[len - 1] == '\t'))
			len--;
		snprintf(name, sizeof name, "%.*s", (int)len, q);
		if (len && !(sum ? roundtrip_had_list(sum, q, len) : named_in(was.data ? was.data : "", name, LISTS_OURS))) {
			if (added.len)
				dynbuf_add(&added, "\x1f", 1);
			dynbuf_add(&added, q, len);
		}
		p = next;
	}
	cJSON_ArrayForEach(it, run->labels) {
		const char *name = api_str(it, "name");
		bool had;
		if (!*name || strcmp(api_str(it, "modality"), "accounts") != 0)
			continue;
		had = sum ? roundtrip_had_list(sum, name, strlen(name)) : named_in(was.data ? was.data : "", name, LISTS_OURS);
		if (!had || named_in(cellv, name, seps))
			continue;
		if (removed.len)
			dynbuf_add(&removed, "\x1f", 1);
		dynbuf_add(&removed, name, strlen(name));
	}
	dynbuf_add(&added, "", 1);
	dynbuf_add(&removed, "", 1);
	h->v[V_ADDED] = added.len > 1 ? chunk_strdup(&run->rows->chunk, added.data) : NULL;
	h->v[V_REMOVED] = removed.len > 1 ? chunk_strdup(&run->rows->chunk, removed.data) : NULL;
	dynbuf_free(&added);
	dynbuf_free(&removed);
	dynbuf_free(&was);
	/* the lists cannot be read: which ones the cell takes away cannot be
	 * told, so none of the edit goes (half of it would say it was done) */
	if (run->labels_why) {
		h->v[V_ADDED] = h->v[V_REMOVED] = NULL;
		add_problem(run, h, chunk_printf(&run->rows->chunk, "Lists \"%s\" not changed: which lists it takes "
		                                 "away cannot be told: %s", v, run->labels_why));
	}
}

/* digits and a leading + only: how phones are compared */
static void phone_key(const char *p, char *out, size_t size)
{
	size_t n = 0;
	for (; *p && n + 1 < size; p++)
		if ((*p >= '0' && *p <= '9') || (*p == '+' && n == 0))
			out[n++] = *p;
	out[n] = '\0';
}

/* Is cell v (cleaned) what Apollo holds for column f? For a file without
 * _checksum: the website by its domain, the phone by its digits, the
 * lists as a set, stage and owner whatever their case. */
static bool same_as_apollo(struct accounts_run *run, const cJSON *a, size_t f, const char *v)
{
	struct dynbuf have, x, y;
	bool same;
	dynbuf_init(&have, 1 << 20);
	account_value(&run->names, a, f, &have);
	dynbuf_add(&have, "", 1);
	if (f == AC_WEBSITE) {
		dynbuf_init(&x, 1 << 16);
		dynbuf_init(&y, 1 << 16);
		clean_domain(v, strlen(v), &x);
		clean_domain(have.data, strlen(have.data), &y);
		same = x.len == y.len && (!x.len || strncasecmp(x.data, y.data, x.len) == 0);
		dynbuf_free(&x);
		dynbuf_free(&y);
	} else if (f == AC_PHONE) {
		char p1[128], p2[128];
		phone_key(v, p1, sizeof p1);
		phone_key(have.data, p2, sizeof p2);
		same = strcmp(p1, p2) == 0;
	} else if (f == AC_LISTS) {
		const cJSON *it;
		same = true;
		/* every list it names Apollo has, and no other */
		cJSON_ArrayForEach(it, run->labels)
			if (strcmp(api_str(it, "modality"), "accounts") == 0 && *api_str(it, "name") &&
			    named_in(v, api_str(it, "name"), LISTS_APOLLOS) !=
			    named_in(have.data, api_str(it, "name"), LISTS_OURS))
				same = false;
		for (const char *p = v; same && *p;) {
			size_t len = strcspn(p, LISTS_APOLLOS);
			char name[512];
			const char *q = p;
			while (len && *q == ' ')
				q++, len--;
			while (len && q[len - 1] == ' ')
				len--;
			snprintf(name, sizeof name, "%.*s", (int)len, q);
			same = !len || named_in(have.data, name, LISTS_OURS);
			p += strcspn(p, LISTS_APOLLOS);
			p += *p ? 1 : 0;
		}
	} else if (f == AC_NAME) {
		same = strcmp(v, have.data) == 0;
	} else {
		same = strcasecmp(v, have.data) == 0;
	}
	dynbuf_free(&have);
	return same;
}

/* an edited fixed column's value into its slot; problems noted */
static bool fixed_change(struct accounts_run *run, struct held_row *h, size_t f, const char *v,
                         const struct roundtrip_sum *sum, const cJSON *apollo)
{
	static const char *const stage_keys[] = { "name", "display_name", NULL };
	static const char *const user_keys[] = { "email", "name", NULL };
	struct chunk *c = &run->rows->chunk;
	bool clear = strcasecmp(v, ROUNDTRIP_CLEAR) == 0, several;
	const char *id, *why;

	switch (f) {
	case AC_NAME:
		if (clear) {
			add_problem(run, h, "an account's name cannot be cleared, only changed");
			return false;
		}
		h->v[V_NAME] = chunk_strdup(c, v);
		return true;
	case AC_STAGE:
	case AC_OWNER:
		if (clear) {
			add_problem(run, h, f == AC_STAGE ? "an account's stage cannot be cleared, only changed"
			                                  : "an account's owner cannot be cleared, only changed");
			return false;
		}
		read_names(run);
		id = f == AC_STAGE ? edits_find_named(run->stages, v, stage_keys, &several)
		                   : edits_find_named(run->users, v, user_keys, &several);
		if (id) {
			h->v[f == AC_STAGE ? V_STAGE_ID : V_OWNER_ID] = chunk_strdup(c, id);
			return true;
		}
		if (several) {
			add_problem(run, h, chunk_printf(c, "%s \"%s\" not sent: several %s answer to it; write %s",
			                                 roundtrip_account_columns[f], v, f == AC_STAGE ? "stages" : "users",
			                                 f == AC_STAGE ? "the stage's id" : "the user's email"));
			return false;
		}
		why = f == AC_STAGE ? run->stages_why : run->users_why;
		add_problem(run, h, why ? chunk_printf(c, "%s \"%s\" not sent: %s", roundtrip_account_columns[f], v, why)
		                   : chunk_printf(c, "%s \"%s\" is not the team's; %s %s", roundtrip_account_columns[f], v,
		                                  f == AC_STAGE ? "the account stages are" : "the users are",
		                                  edits_some_names(&run->rows->chunk, f == AC_STAGE ? run->stages : run->users,
		                                             f == AC_STAGE ? "name" : "email")));
		return false;
	case AC_WEBSITE: {
		struct dynbuf d;
		/* Apollo's export writes the website; the API takes a bare domain */
		dynbuf_init(&d, 1 << 16);
		if (!clear)
			clean_domain(v, strlen(v), &d);
		dynbuf_add(&d, "", 1);
		if (!clear && d.len <= 1) {
			add_problem(run, h, chunk_printf(c, "Website \"%s\" has no domain in it", v));
			dynbuf_free(&d);
			return false;
		}
		h->v[V_DOMAIN] = chunk_strdup(c, d.data);
		dynbuf_free(&d);
		return true;
	}
	case AC_PHONE:
		/* Apollo's export guards a phone against formulas with a ' */
		h->v[V_PHONE] = clear ? "" : chunk_strdup(c, *v == '\'' ? v + 1 : v);
		return true;
	default:
		list_changes(run, h, sum, apollo, v);
		return h->v[V_ADDED] || h->v[V_REMOVED];
	}
}

/* the custom cells edited (as custom_changes in update.c, by _checksum
 * or by Apollo's copy) */
static int custom_changes(struct accounts_run *run, struct held_row *h, const struct roundtrip_sum *sum,
                          const cJSON *apollo)
{
	struct chunk *c = &run->rows->chunk;
	const struct cf_reading how = { run->cfg->date_order, run->cfg->decimal_comma };
	struct custom_edits e;

	custom_edits_init(&e);
	for (size_t k = 0; k < run->ncustom; k++) {
		const char *label = run->custom_label[k], *v = cell(&h->rec, run->custom_col[k]);
		const struct custom_field *f;
		uint32_t was = 0;
		bool had = sum && roundtrip_custom_hash(sum, label, &was);
		struct dynbuf t;
		cJSON *out = NULL;
		char why[700];
		enum cf_value_kind kind;

		if (had && roundtrip_hash(v, strlen(v)) == was)
			continue;
		dynbuf_init(&t, 1 << 20);
		clean_text(v, strlen(v), &t);
		if (!t.len) {
			dynbuf_free(&t);
			continue;
		}
		read_fields(run);
		if (!(f = custom_fields_by_label(&run->fields, CF_ACCOUNT, label))) {
			/* (a column an export of ours did not write is the person's own) */
			if (run->fields_why && (had || !sum))
				add_problem(run, h, chunk_printf(c, "column \"%s\" not sent: %s", label, run->fields_why));
			dynbuf_free(&t);
			continue;
		}
		kind = edits_custom_read(f, t.data, t.len, &how, had, was, &out, why, sizeof why);
		dynbuf_free(&t);
		if (kind == CF_VALUE_BAD) {
			add_problem(run, h, chunk_printf(c, "column \"%s\" (custom field %s, %s) not sent: %s", label, f->label,
			                                 f->type_name ? f->type_name : "?", why));
			continue;
		}
		/* the same value written otherwise is no edit: by the _checksum,
		 * else by Apollo's copy */
		kind = edits_custom_changed(f, kind, &out, had, was,
		                            had || !apollo ? NULL
		                            : cJSON_GetObjectItemCaseSensitive(
		                                      cJSON_GetObjectItemCaseSensitive(apollo, "typed_custom_fields"), f->id));
		if (kind != CF_VALUE_NONE)
			custom_edits_add(&e, f, kind, out);
	}
	return custom_edits_finish(&e, c, &h->v[V_CUSTOM], &h->v[V_CUSTOM_NAMES]);
}

/* the row's changes, their count, or -1 with why */
static int changes_of(struct accounts_run *run, struct held_row *h, const char **why)
{
	const char *sumcell = cell(&h->rec, run->sum_col), *id = h->res.account_id;
	struct roundtrip_sum sum, *ps = NULL;
	const cJSON *apollo = NULL;
	int n = 0;

	if (*sumcell) {
		if (!roundtrip_parse(sumcell, &sum) || !sum.accounts) {
			*why = "the _checksum cell is not the one export accounts wrote; export the account again";
			return -1;
		}
		ps = &sum;
	} else {
		/* Apollo's own export: compare with what Apollo holds */
		read_names(run);
		read_fields(run);
		apollo = current(run, id);
		if (run->accounts_why) {
			*why = chunk_printf(&run->rows->chunk, "not compared with Apollo: %s", run->accounts_why);
			return -1;
		}
		if (!apollo) {
			*why = "Apollo has no account with this id (deleted, or another team's)";
			return -1;
		}
		run->compared++;
	}
	for (size_t f = 0; f < AC_COLUMNS; f++) {
		const char *v = cell(&h->rec, run->col[f]);
		struct dynbuf t;
		if (run->col[f] < 0 || (ps && roundtrip_hash(v, strlen(v)) == sum.fixed[f]))
			continue;
		dynbuf_init(&t, 1 << 20);
		clean_text(v, strlen(v), &t);
		dynbuf_add(&t, "", 1);
		if (t.len > 1 && (ps || !same_as_apollo(run, apollo, f, t.data)) &&
		    fixed_change(run, h, f, t.data, ps, apollo))
			n++;
		dynbuf_free(&t);
	}
	return n + custom_changes(run, h, ps, apollo);
}

static bool id_ok(const char *id)
{
	size_t n = strlen(id);
	for (const char *p = id; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') || (*p >= 'A' && *p <= 'F')))
			return false;
	return n >= 16 && n <= 40;
}

static void read_row(void *ctx, struct held_row *h)
{
	struct accounts_run *run = ctx;
	const char *id = cell(&h->rec, run->id_col), *why = NULL;
	unsigned long first;
	int n;

	h->res.account_id = chunk_strdup(&run->rows->chunk, id);
	if (h->rec.error) {
		h->res.status = ST_INVALID;
		h->res.reason = h->rec.error;
	} else if (!id_ok(id)) {
		h->res.status = ST_INVALID;
		h->res.reason = chunk_printf(&run->rows->chunk, "\"%s\" is not an Apollo account id", id);
	} else if ((n = changes_of(run, h, &why)) < 0) {
		h->res.status = ST_INVALID;
		h->res.reason = why;
	} else if (n == 0 && h->v[V_PROBLEM]) {
		h->res.status = ST_INVALID;
		h->res.reason = h->v[V_PROBLEM];
	} else if (n == 0) {
		h->res.status = ST_UNCHANGED;
		return;
	} else if ((first = dedupe_check_add(&run->changed, id, strlen(id), (unsigned long)h->rec.number))) {
		h->res.status = ST_DUPLICATE;
		h->res.reason = chunk_printf(&run->rows->chunk, "row %lu already changes this account; make each "
		                                  "change on one row", first);
	} else {
		h->send = true;
		h->res.status = ST_READY;
		run->rows->chunk.nsend++;
		return;
	}
	h->res.needs_attention = true;
}

/* ---- sending ---- */

/* what one call did for a row (commands/update_outcome.h) */
static void note(struct accounts_run *run, struct update_outcome *o, const char *what, struct api_item *it)
{
	update_outcome_note(&run->rows->chunk, run->s->hc.refused, o, what, it, &run->gave_up);
}

static bool can_send(const struct accounts_run *run)
{
	return !run->s->hc.stopped && !run->s->hc.refused;
}

/* bulk: accounts/bulk_update (name, stage, owner, custom fields); else
 * PATCH accounts/{id} (domain, phone) */
static void send_fields(struct accounts_run *run, struct held_row **rows, size_t n, struct update_outcome *o, bool bulk)
{
	static const char *const bulk_keys[] = { "name", "account_stage_id", "owner_id" };
	static const char *const bulk_words[] = { "Company Name", "Account Stage", "Account Owner" };
	static const char *const patch_keys[] = { "domain", "phone" };
	static const char *const patch_words[] = { "Website", "Company Phone" };
	struct api_update *u = calloc(n + 1, sizeof *u);
	struct api_item *out = calloc(n + 1, sizeof *out);
	size_t *who = calloc(n + 1, sizeof *who), k = 0;
	char (*what)[1024] = calloc(n + 1, sizeof *what);

	for (size_t i = 0; u && out && who && what && i < n; i++) {
		size_t first = bulk ? V_NAME : V_DOMAIN, count = bulk ? 3 : 2;
		for (size_t f = 0; f < count; f++)
			if (rows[i]->v[first + f]) {
				u[k].name[u[k].n] = bulk ? bulk_keys[f] : patch_keys[f];
				u[k].value[u[k].n++] = rows[i]->v[first + f];
				snprintf(what[k] + strlen(what[k]), sizeof what[k] - strlen(what[k]), "%s%s",
				         *what[k] ? ", " : "", bulk ? bulk_words[f] : patch_words[f]);
			}
		if (bulk && (u[k].typed_custom_fields = rows[i]->v[V_CUSTOM]))
			snprintf(what[k] + strlen(what[k]), sizeof what[k] - strlen(what[k]), "%s%s", *what[k] ? ", " : "",
			         rows[i]->v[V_CUSTOM_NAMES]);
		if (u[k].n || u[k].typed_custom_fields) {
			u[k].id = rows[i]->res.account_id;
			who[k++] = i;
		}
	}
	if (k && !can_send(run))
		for (size_t i = 0; i < k; i++)
			api_set_outcome(&out[i], API_STOPPED, "not sent");
	else if (k && bulk)
		api_update_accounts(&run->s->hc, u, k, out);
	else if (k)
		api_patch_accounts(&run->s->hc, u, k, out);
	for (size_t i = 0; i < k; i++)
		note(run, &o[who[i]], what[i], &out[i]);
	free(u);
	free(out);
	free(who);
	free(what);
}

/* one call for each set of lists added (taken away), with all its accounts */
static void send_lists(struct accounts_run *run, struct held_row **rows, size_t n, struct update_outcome *o, size_t slot)
{
	const char **ids = calloc(n + 1, sizeof *ids);
	size_t *who = calloc(n + 1, sizeof *who);
	struct api_item *out = calloc(n + 1, sizeof *out);
	bool *done = calloc(n + 1, sizeof *done);

	for (size_t i = 0; ids && who && out && done && i < n; i++) {
		const char *value = rows[i]->v[slot], *names[256];
		char *copy, *save = NULL;
		size_t k = 0, nn = 0;
		if (!value || done[i])
			continue;
		for (size_t j = i; j < n; j++)
			if (!done[j] && rows[j]->v[slot] && strcmp(rows[j]->v[slot], value) == 0) {
				done[j] = true;
				ids[k] = rows[j]->res.account_id;
				who[k++] = j;
			}
		copy = strdup(value);
		for (char *t = copy ? strtok_r(copy, "\x1f", &save) : NULL; t && nn < 256; t = strtok_r(NULL, "\x1f", &save))
			names[nn++] = t;
		if (can_send(run))
			api_change_lists(&run->s->hc, "accounts", slot == V_ADDED, names, nn, ids, k, out);
		else
			for (size_t j = 0; j < k; j++)
				api_set_outcome(&out[j], API_STOPPED, "not sent");
		free(copy);
		for (size_t j = 0; j < k; j++)
			note(run, &o[who[j]], slot == V_ADDED ? "Lists added" : "Lists taken away", &out[j]);
	}
	free(ids);
	free(who);
	free(out);
	free(done);
}

static void send_chunk(void *ctx)
{
	struct accounts_run *run = ctx;
	struct chunk *c = &run->rows->chunk;
	struct held_row **rows = calloc(c->nsend + 1, sizeof *rows);
	struct update_outcome *o = update_outcomes_new(c->nsend);
	size_t n = 0;

	if (rows && o) {
		for (size_t i = 0; i < c->n; i++)
			if (c->rows[i].send)
				rows[n++] = &c->rows[i];
		send_fields(run, rows, n, o, true);
		send_fields(run, rows, n, o, false);
		send_lists(run, rows, n, o, V_ADDED);
		send_lists(run, rows, n, o, V_REMOVED);
	}
	update_outcomes_finish(c, rows, o, n, V_PROBLEM, &run->gave_up);
	free(rows);
}

static void summary(void *ctx)
{
	const struct accounts_run *run = ctx;
	const struct results *r = &run->rows->results;
	msg_info("%s: %llu accounts updated, %llu unchanged, %llu failed, %llu invalid, %llu duplicate, "
	         "%llu unprocessed", run->rows->file, r->counts[ST_UPDATED], r->counts[ST_UNCHANGED],
	         r->counts[ST_FAILED], r->counts[ST_INVALID], r->counts[ST_DUPLICATE], r->counts[ST_UNPROCESSED]);
	if (run->compared)
		msg_info("%llu rows without a _checksum were compared with the %d accounts Apollo holds",
		         run->compared, cJSON_GetArraySize(run->accounts));
	session_report_calls(run->s);
	msg_info("results: %s", sheet_rows_out(run->rows));
}

int update_accounts(const struct config *cfg, struct session *s, struct sheet_rows *rows)
{
	struct accounts_run run = { .cfg = cfg, .s = s, .rows = rows };
	struct row_sender sender = { .ctx = &run, .read = read_row, .send = send_chunk, .summary = summary,
	                             .per_chunk = API_BULK_MAX * (size_t)cfg->jobs };
	struct msg_pos none = { 0 };
	int status;

	sender.most_held = 8 * sender.per_chunk;
	dedupe_init(&run.by_id);
	dedupe_init(&run.changed);
	find_columns(&run, rows->header);
	if ((status = sheet_rows_results(rows)) != EXIT_OK)
		goto out;
	session_show_progress(s, &rows->progress);
	status = sheet_rows_run(rows, &sender);
	session_show_progress(s, NULL);
	if (interrupted()) {
		/* sheet_rows said where the results are and how to go on */
	} else if (s->hc.refused) {
		msg_error(&none, "%s", s->hc.refusal);
		status = exit_code_worst(status, EXIT_CONFIG);
	} else if (s->hc.stopped || run.gave_up) {
		msg_error(&none, "%s; the rows not sent are unprocessed: run update --resume on the same file",
		          s->hc.stopped ? s->hc.stop_reason : "some requests got no answer after every retry");
		status = exit_code_worst(status, EXIT_API);
	}
out:
	dedupe_free(&run.by_id);
	dedupe_free(&run.changed);
	cJSON_Delete(run.labels);
	cJSON_Delete(run.stages);
	cJSON_Delete(run.users);
	cJSON_Delete(run.accounts);
	custom_fields_free(&run.fields);
	for (size_t i = 0; run.custom_label && i < run.ncustom; i++)
		free(run.custom_label[i]);
	free(run.custom_label);
	free(run.custom_col);
	free(run.labels_why);
	free(run.stages_why);
	free(run.users_why);
	free(run.fields_why);
	free(run.accounts_why);
	return status;
}
