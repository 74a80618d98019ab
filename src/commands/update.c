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
#include "common/exit_codes.h"
#include "common/interrupt.h"
#include "common/msg.h"
#include "rows/chunk.h"
#include "rows/dedupe.h"
#include "rows/results.h"
#include "rows/roundtrip.h"
#include "rows/sheet_rows.h"
#include "rows/validate.h"
#include "values/clean.h"
#include "values/ids.h"

struct update_run {
	const struct config *cfg;
	struct session *s;
	struct sheet_rows rows;                /* FILE and its results */
	int id_col, sum_col;
	int field_col[ROUNDTRIP_MAX_FIELDS];   /* -1: the column was deleted */
	struct dedupe_set changed;             /* ids of contacts changed so far */
	struct dedupe_set change_sets;         /* id + the change, for repeated rows */
	bool legacy_encoding;                  /* FILE was not UTF-8 (Excel's plain CSV) */
	unsigned long long unchanged, updated, failed;
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
	return run->id_col >= 0 && run->sum_col >= 0;
}

static const char *cell(const struct csv_record *rec, int col)
{
	return col >= 0 && (size_t)col < rec->nfields ? rec->fields[col] : "";
}

/* The row's changed fields into h->v (field index -> new value), its
 * count, or -1 with a reason for a row that cannot be sent. */
static int changes_of(struct update_run *run, struct held_row *h, const char **why)
{
	const struct csv_record *rec = &h->rec;
	uint32_t hashes[ROUNDTRIP_MAX_FIELDS];
	int n = 0;

	if (!roundtrip_parse(cell(rec, run->sum_col), hashes)) {
		*why = "the _checksum cell is not the one the export wrote; export the contact again";
		return -1;
	}
	for (size_t f = 0; f < roundtrip_nfields; f++) {
		const char *v = cell(rec, run->field_col[f]);
		struct dynbuf t;
		if (run->field_col[f] < 0 || roundtrip_hash(v, strlen(v)) == hashes[f])
			continue;
		dynbuf_init(&t, 1 << 20);
		clean_text(v, strlen(v), &t);
		if (!t.len) {
			dynbuf_free(&t);
			continue;   /* a blank cell leaves the field as it is */
		}
		if (strcasecmp(t.data, ROUNDTRIP_CLEAR) == 0)
			h->v[f] = "";
		else
			h->v[f] = chunk_strdup(&run->rows.chunk, t.data);
		dynbuf_free(&t);
		if (run->legacy_encoding && strchr(h->v[f], '?')) {
			/* Excel's plain "CSV" cannot hold every letter and writes ? */
			*why = chunk_printf(&run->rows.chunk, "%s \"%s\" has a ? and the file is not UTF-8: a "
			                         "letter may have been lost when it was saved; save it as "
			                         "\"CSV UTF-8\" and update again", roundtrip_fields[f], h->v[f]);
			return -1;
		}
		if (strcmp(roundtrip_fields[f], "email") == 0 && *h->v[f] && (*why = validate_email(h->v[f]))) {
			*why = chunk_printf(&run->rows.chunk, "email \"%s\" %s", h->v[f], *why);
			return -1;
		}
		n++;
	}
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
	for (size_t f = 0; f < roundtrip_nfields; f++) {
		char tag[32];
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

static void send_chunk(void *ctx)
{
	struct update_run *run = ctx;
	struct chunk *c = &run->rows.chunk;
	struct api_update *u = calloc(c->nsend + 1, sizeof *u);
	struct api_item *out = calloc(c->nsend + 1, sizeof *out);
	struct held_row **who = calloc(c->nsend + 1, sizeof *who);
	size_t n = 0;

	if (u && out && who && !run->s->hc.stopped && !run->s->hc.refused) {
		for (size_t i = 0; i < c->n; i++) {
			struct held_row *h = &c->rows[i];
			if (!h->send)
				continue;
			u[n].id = h->res.contact_id;
			for (size_t f = 0; f < roundtrip_nfields; f++)
				if (h->v[f]) {
					u[n].name[u[n].n] = roundtrip_fields[f];
					u[n].value[u[n].n++] = h->v[f];
				}
			who[n++] = h;
		}
		if (n)
			api_update_contacts(&run->s->hc, u, n, out);
	}
	for (size_t i = 0; i < n; i++) {
		struct held_row *h = who[i];
		if (out[i].result == API_DONE) {
			char list[256] = "";
			for (size_t f = 0; f < u[i].n; f++)
				snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", f ? ", " : "", u[i].name[f]);
			h->res.status = ST_UPDATED;
			h->res.reason = *out[i].reason ? chunk_printf(c, "changed: %s (Apollo does it in job %s)", list,
			                                              out[i].reason)
			                               : chunk_printf(c, "changed: %s", list);
			run->updated++;
		} else if (out[i].result == API_UNCONFIRMED) {
			h->res.status = ST_FAILED;
			h->res.reason = chunk_strdup(c, out[i].message ? out[i].message : "Apollo did not confirm this change");
			h->res.needs_attention = true;
			run->failed++;
		} else if (out[i].result == API_REFUSED && !run->s->hc.refused) {
			h->res.status = ST_FAILED;
			h->res.reason = chunk_printf(c, "Apollo did not update it: %s", out[i].message ? out[i].message : "?");
			h->res.needs_attention = true;
			run->failed++;
		} else {
			h->res.status = ST_UNPROCESSED;
			h->res.reason = chunk_printf(c, "not sent: %s; run update --resume on this file",
			                             out[i].message ? out[i].message : "?");
			run->gave_up = run->gave_up || out[i].result == API_GAVE_UP;
		}
		api_item_clear(&out[i]);
	}
	/* rows never sent (a stop before this chunk, or no memory) */
	for (size_t i = 0; i < c->n; i++)
		if (c->rows[i].res.status == ST_READY) {
			c->rows[i].res.status = ST_UNPROCESSED;
			c->rows[i].res.reason = "not sent; run update --resume on this file";
			run->gave_up = true;
		}
	free(u);
	free(out);
	free(who);
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
"reordered or deleted columns are fine). Each row's editable cells\n"
"(first_name, last_name, email, title, organization_name, linkedin_url,\n"
"present_raw_address) are compared with its _checksum: a row where none\n"
"changed costs no API call; the changed fields, and only those, go to\n"
"contacts/bulk_update, 100 contacts a call.\n"
"\n"
"A blank cell leaves the field as it is (a spreadsheet makes blanks too\n"
"easily); write (clear) in a cell to clear the field in Apollo.\n"
"\n"
"FILE.results.csv gets every row with _status updated (and the fields in\n"
"_reason), unchanged, failed (Apollo refused it: a deleted contact, ...),\n"
"invalid (a malformed id, an edited _checksum, a bad email, a ? in a file\n"
"not saved as UTF-8), duplicate (another row changes the same contact\n"
"differently; the same change on several rows is made once) or unprocessed\n"
"(not sent: run update --resume on the same file).\n"
"\n"
"  -o, --output FILE       results file (default FILE.results.csv), written as\n"
"                          FILE.results.csv.partial until the run ends\n"
"                          (a name ending .xlsx: an Excel workbook)\n"
"      --resume            go on after a stop, a kill or Ctrl-C: the rows the\n"
"                          last run finished are kept (an updated row is not\n"
"                          sent again) and only the others are sent\n"
"      --errors FILE       also write the rows that need attention to FILE\n"
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
	OPTIONS_READING_FILE, OPTIONS_WRITING, &opt_resume, OPTIONS_MESSAGES, OPTIONS_TALKING, NULL
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
	.overview = "  update FILE     send back the edits made to an export of contacts\n"
};
