/* commands/import.c - `apollo-csv import`: read, map, validate and dedupe as
 * check does, then send the rows to Apollo a chunk at a time
 * (commands/import_chunk.c) and write each row's outcome, in input order.
 *
 * The results file is the journal: it is written as RESULTS.partial,
 * made safe after every chunk, and renamed when the run ends. --resume
 * keeps the journal's finished rows (rows/earlier_results.h), cuts off the rest and
 * goes on after them; every row before that point is still read and
 * checked, so duplicates are found exactly as in a whole run. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/command.h"
#include "commands/export.h"
#include "commands/import.h"
#include "commands/import_chunk.h"
#include "commands/import_enrich.h"
#include "commands/session.h"
#include "common/exit_codes.h"
#include "common/interrupt.h"
#include "common/msg.h"
#include "common/progress.h"
#include "files/readahead.h"
#include "files/row_count.h"
#include "apollo/custom_field_lookup.h"
#include "rows/chunk.h"
#include "rows/custom_values.h"
#include "rows/prospect_file.h"
#include "rows/results.h"
#include "rows/results_journal.h"
#include "rows/row_check.h"
#include "values/start_time.h"

struct import_run {
	const struct config *cfg;
	struct session *s;
	struct prospect_file pf;
	struct results results;
	struct row_checker checker;
	struct progress progress;
	struct chunk chunk;
	struct import_tally tally;
	size_t chunk_rows;             /* rows to send per chunk */
	unsigned long messages;
	struct results_journal rj;
	bool output_failed;
	/* custom fields */
	struct session *own;           /* the session the run opens itself */
	bool session_on;               /* s is open (shared, or opened for the look-up) */
	struct custom_fields fields;   /* the team's, when a column could feed one */
	bool fields_asked;             /* looked up this run (not read from the journal) */
	struct custom_row custom;      /* the row being held: its custom values */
};

/* does --map name a custom field? */
static bool maps_custom(const struct config *cfg)
{
	for (size_t i = 0; i < cfg->nmaps; i++)
		if (cfg->maps[i].custom)
			return true;
	return false;
}

/* --resume: the fields as the earlier run looked them up, from its log
 * (rows/run_log.h), so the rows go on mapped and converted as before and
 * Apollo is not asked again; false when it kept none */
static bool fields_from_journal(struct import_run *run)
{
	char *work = results_journal_work_path(run->cfg), *text = work ? run_log_earlier_fields(work) : NULL;
	cJSON *json = text ? cJSON_Parse(text) : NULL;
	char err[400];
	bool ok = json && custom_fields_from_json(&run->fields, json, err, sizeof err) == 0;

	if (ok && run->cfg->verbose)
		msg_info("custom fields: as the earlier run looked them up (%s.log)", work);
	cJSON_Delete(json);
	free(text);
	free(work);
	return ok;
}

/* The team's custom fields, asked of Apollo when the header has a column
 * no standard field took (rows/prospect_file.h): the session opens first,
 * so its names are resolved before the look-up as they would be anyway. */
static int look_up_fields(void *ctx, const struct custom_fields **set)
{
	struct import_run *run = ctx;
	struct http_request failed;
	struct msg_pos none = { 0 };
	int status;

	if (!run->session_on) {
		if ((status = session_open(run->own, run->cfg)) != EXIT_OK)
			return status;
		run->session_on = true;
	}
	if (run->cfg->resume && fields_from_journal(run)) {
		*set = &run->fields;
		return EXIT_OK;
	}
	run->fields_asked = true;
	if (custom_field_lookup(&run->s->hc, &run->fields, &failed) < 0) {
		if (failed.outcome == HTTP_REFUSED && failed.status == 403 && !maps_custom(run->cfg)) {
			/* a key scoped without the field lists: the contacts can still
			 * go, and the columns are named as not sent, and why */
			msg_warn(&none, "the key may not read the team's custom fields (%s): the columns no standard "
			         "field takes are not sent; a key with api/v1/fields/index would send those that are "
			         "custom fields", failed.message);
			run->fields_asked = false;
			*set = &run->fields;
			return EXIT_OK;
		}
		msg_error(&none, "cannot read the team's custom fields: %s", failed.message);
		return run->s->hc.refused || failed.outcome == HTTP_REFUSED ? EXIT_CONFIG : EXIT_API;
	}
	*set = &run->fields;
	return EXIT_OK;
}

/* JSON text of a row's custom values in the chunk, NULL when none */
static const char *custom_text(struct import_run *run)
{
	char *printed;
	const char *kept;

	if (!run->custom.typed)
		return NULL;
	printed = cJSON_PrintUnformatted(run->custom.typed);
	kept = chunk_strdup(&run->chunk, printed);
	free(printed);
	return kept;
}

/* A ready row's custom cells: sent with the contact when they fit; one
 * that does not is named in _reason and the contact goes without it (with
 * --strict-fields the row is invalid and nothing of it is sent). false
 * when the row is not to be sent. */
static bool hold_custom(struct import_run *run, struct held_row *h, const struct csv_record *rec)
{
	const struct cf_reading how = { run->cfg->date_order, run->cfg->decimal_comma };

	if (!custom_columns(&run->pf.map))
		return true;
	if (run->s->plan.update_existing) {
		custom_row_read(&run->custom, &run->pf.map, rec, &how, true);
		h->custom_update = custom_text(run);
	}
	custom_row_read(&run->custom, &run->pf.map, rec, &how, false);
	h->custom = custom_text(run);
	if (!run->custom.nbad)
		return true;
	for (size_t i = 0; i < run->custom.nbad; i++) {
		struct msg_pos pos = { run->pf.name, rec->line, run->custom.bad[i].col + 1 };
		if (run->messages++ < run->cfg->max_messages)
			msg_error(&pos, "%s", run->custom.bad[i].text);
	}
	h->res.needs_attention = true;
	if (run->cfg->strict_fields) {
		h->res.status = ST_INVALID;
		h->res.reason = chunk_printf(&run->chunk, "%s%s%s (--strict-fields: not sent)",
		                             h->res.reason ? h->res.reason : "", h->res.reason ? "; " : "",
		                             run->custom.reason.data);
		return false;
	}
	h->res.reason = chunk_printf(&run->chunk, "%s%s%s (sent without %s)", h->res.reason ? h->res.reason : "",
	                             h->res.reason ? "; " : "", run->custom.reason.data,
	                             run->custom.nbad == 1 ? "it" : "them");
	return true;
}

static void row_message(struct import_run *run, const struct row_problem *p)
{
	struct msg_pos pos = { run->pf.name, p->line, p->col };
	if (run->messages++ < run->cfg->max_messages)
		msg_error(&pos, "%s", p->reason);
}

/* Rows to send per chunk: whole bulk_create calls of 100 and whole
 * add_contact_ids calls, and enough calls to keep --jobs requests busy. */
static size_t chunk_size(const struct config *cfg)
{
	size_t a = 100, b = cfg->enroll_chunk, g, lcm, k;
	while (b) {
		size_t t = a % b;
		a = b;
		b = t;
	}
	g = a;
	lcm = 100 / g * cfg->enroll_chunk;
	if (lcm > 2000)
		lcm = (cfg->enroll_chunk + 99) / 100 * 100;
	k = ((size_t)cfg->jobs * 100 + lcm - 1) / lcm;
	return lcm * (k ? k : 1);
}

/* A row the journal has: counted as it was, and written to the errors
 * file (which a resumed run writes anew) if it needs attention. A row
 * after the journal's cut is written again, in its turn among the held
 * rows. false if the journal does not have it: the row is then processed
 * as a new one. */
static bool replay_row(struct import_run *run, const struct csv_record *rec, enum row_verdict v)
{
	struct row_result res;
	const char *seq;

	if (!results_journal_replay(&run->rj, rec, &res))
		return false;
	seq = res.sequence_status;
	res.needs_attention = res.status == ST_FAILED || strcmp(seq, "failed") == 0 ||
	                      (res.status == ST_INVALID && v == ROW_INVALID);
	if (strcmp(seq, "enrolled") == 0)
		run->tally.enrolled++;
	else if (strcmp(seq, "already_enrolled") == 0)
		run->tally.already++;
	else if (strcmp(seq, "skipped") == 0) {
		run->tally.skipped++;
		import_tally_skip(&run->tally, res.sequence_reason);
	} else if (strcmp(seq, "failed") == 0)
		run->tally.seq_failed++;
	if (run->s->plan.enrich)
		import_enrich_replayed(&run->tally, res.reason);
	/* the account an earlier run linked the row to by its company: known,
	 * not asked for again (the row's checked values are the checker's) */
	if (run->s->plan.accounts && res.account_id && *res.account_id && v == ROW_READY &&
	    (res.status == ST_CREATED || res.status == ST_EXISTING || res.status == ST_UPDATED ||
	     res.status == ST_UNCHANGED) && !*contact_get(&run->checker.contact, F_ACCOUNT_ID))
		import_learn_account(&run->tally, contact_get(&run->checker.contact, F_WEBSITE_URL),
		                     contact_get(&run->checker.contact, F_EMAIL),
		                     contact_get(&run->checker.contact, F_ORGANIZATION_NAME), res.account_id);
	if (!res.replayed)
		return chunk_hold_result(&run->chunk, rec, &res) != NULL;
	results_write(&run->results, rec, &res);
	progress_replayed(&run->progress, results_rows(&run->results));
	return true;
}

/* The rows in the file, for the progress display, when they were not
 * counted before the run: estimated from the share of the input read by
 * the batch the rows come from (exact once it is all read). */
static void estimate_rows(struct import_run *run, const struct readahead *ra)
{
	unsigned long long rows;
	double fraction;
	readahead_position(ra, &rows, &fraction);
	progress_estimate(&run->progress, rows, fraction);
}

static void write_chunk(struct import_run *run)
{
	char err[1024];
	for (size_t i = 0; i < run->chunk.n; i++)
		results_write(&run->results, &run->chunk.rows[i].rec, &run->chunk.rows[i].res);
	/* rows not sent after a stop are not done */
	progress_rows(&run->progress, results_rows(&run->results) - run->results.counts[ST_UNPROCESSED]);
	chunk_reset(&run->chunk);
	if (!run->output_failed && results_flush(&run->results, err, sizeof err) < 0) {
		struct msg_pos none = { 0 };
		msg_error(&none, "%s", err);
		run->output_failed = true;
	}
}

static void send_chunk(struct import_run *run)
{
	if (run->chunk.nsend && !run->s->hc.stopped && !run->s->hc.refused)
		import_chunk_run(&run->s->hc, &run->s->plan, &run->chunk, &run->tally);
	/* after a stop (or a refused key) the rest is not sent */
	for (size_t i = 0; i < run->chunk.n; i++) {
		struct held_row *h = &run->chunk.rows[i];
		if (h->send && h->res.status == ST_READY) {
			h->res.status = ST_UNPROCESSED;
			h->res.reason = run->s->hc.refused
				? chunk_printf(&run->chunk, "not sent: %s", run->s->hc.refusal)
				: chunk_printf(&run->chunk, "not sent: %s; run again with --resume",
				               run->s->hc.stop_reason);
		}
	}
	write_chunk(run);
}

static bool hold_row(struct import_run *run, const struct csv_record *rec, enum row_verdict v,
                     const struct row_problem *problem)
{
	struct held_row *h = chunk_hold(&run->chunk, rec);
	if (!h)
		return false;
	switch (v) {
	case ROW_READY:
		h->res.status = ST_READY;
		if (problem->reason)
			h->res.reason = chunk_strdup(&run->chunk, problem->reason);
		if (!hold_custom(run, h, rec))
			break;
		h->send = true;
		for (int f = 0; f < F_COUNT; f++)
			h->v[f] = chunk_strdup(&run->chunk, contact_get(&run->checker.contact, (enum field)f));
		run->chunk.nsend++;
		break;
	case ROW_BLANK:
		h->res.status = ST_INVALID;
		h->res.reason = chunk_strdup(&run->chunk, problem->reason);
		run->results.blank++;
		break;
	case ROW_DUPLICATE:
		h->res.status = ST_DUPLICATE;
		h->res.reason = chunk_strdup(&run->chunk, problem->reason);
		break;
	case ROW_INVALID:
		h->res.status = ST_INVALID;
		h->res.reason = chunk_strdup(&run->chunk, problem->reason);
		h->res.needs_attention = true;
		row_message(run, problem);
		break;
	}
	return true;
}

static int import_rows(struct import_run *run)
{
	const struct csv_record *rec;
	struct readahead ra;
	int rc;

	readahead_start(&ra, &run->pf.reader);
	while ((rc = readahead_next(&ra, &rec)) == 1) {
		struct row_problem problem;
		enum row_verdict v = row_check(&run->checker, rec, &problem);

		if (rec->number % 256 == 0)
			estimate_rows(run, &ra);
		if ((run->rj.replaying || run->rj.next_tail < run->rj.ntail) && replay_row(run, rec, v)) {
			/* done in an earlier run; one after the cut waits in the chunk */
			if (run->chunk.n >= 8 * run->chunk_rows)
				send_chunk(run);
			else if (!run->chunk.nsend && run->chunk.n >= run->chunk_rows)
				write_chunk(run);
		} else if (!hold_row(run, rec, v, &problem)) {
			struct msg_pos none = { 0 };
			msg_error(&none, "out of memory");
			readahead_stop(&ra);
			progress_done(&run->progress);
			return EXIT_INTERNAL;
		} else if (run->chunk.nsend >= run->chunk_rows || run->chunk.n >= 8 * run->chunk_rows) {
			send_chunk(run);
		} else if (!run->chunk.nsend) {
			write_chunk(run);   /* nothing to wait for */
		}
		if (run->output_failed)
			break;
	}
	if (rc == 0 && !run->output_failed)
		estimate_rows(run, &ra);
	readahead_stop(&ra);
	if (run->chunk.n)
		send_chunk(run);
	progress_done(&run->progress);
	if (rc < 0) {
		struct msg_pos pos = { run->pf.name, run->pf.reader.line, 0 };
		msg_error(&pos, "%s; the rows before this point are in the results", run->pf.reader.error);
		return EXIT_INPUT;
	}
	return EXIT_OK;
}

static const char *plural(unsigned long long n)
{
	return n == 1 ? "" : "s";
}

static void summary(struct import_run *run)
{
	const struct results *r = &run->results;
	const struct import_tally *t = &run->tally;
	unsigned long long rows = 0;
	char line[1024] = "";

	for (int s = 0; s < ST_COUNT; s++)
		rows += r->counts[s];
	if (run->messages > run->cfg->max_messages)
		msg_info("%s: %lu more row problems not shown (--verbose shows all)", run->pf.name,
		         run->messages - run->cfg->max_messages);
	for (int s = ST_CREATED; s < ST_COUNT; s++)
		if (r->counts[s])
			snprintf(line + strlen(line), sizeof line - strlen(line), "%s%llu %s",
			         *line ? ", " : "", r->counts[s], row_status_name((enum row_status)s));
	msg_info("%s: %llu row%s: %s", run->pf.name, rows, plural(rows), *line ? line : "none");
	if (t->accounts_created || t->accounts_matched)
		msg_info("accounts: %llu created, %llu matched", t->accounts_created, t->accounts_matched);
	import_enrich_report(&run->s->plan, t);
	if (run->s->plan.enrol)
		import_tally_report(t, run->s->plan.sequence.name);
	session_report_calls(run->s);
	if (strcmp(run->rj.out_path, "-"))
		msg_info("results: %s", run->rj.out_path);
	if (r->attention)
		msg_info("%llu row%s need%s attention: see the _reason column%s%s", r->attention,
		         plural(r->attention), r->attention == 1 ? "s" : "",
		         run->cfg->errors ? " or " : "", run->cfg->errors ? run->cfg->errors : "");
}

/* Why the run ended early, if it did: the message and the exit status. */
static int report_stop(const struct import_run *run)
{
	const struct http_client *hc = &run->s->hc;
	struct msg_pos none = { 0 };

	if (hc->refused) {
		session_say_refused(run->s);
		return EXIT_CONFIG;
	}
	if (interrupted()) {
		/* the one line with where it stopped and the command that goes on */
		interrupt_say_stopped(run->rj.work_path && strcmp(run->cfg->files[0], "-") != 0, run->rj.out_path);
		return EXIT_API;
	}
	if (hc->stopped && hc->resume_at <= time(NULL)) {
		/* a failed look-up: nothing to wait for */
		msg_error(&none, "stopped early: %s. Run the same command with --resume to go on",
		          hc->stop_reason);
		return EXIT_API;
	}
	if (hc->stopped) {
		char when[64];
		struct tm tm;
		localtime_r(&hc->resume_at, &tm);
		strftime(when, sizeof when, "%H:%M %Z on %Y-%m-%d", &tm);
		msg_error(&none, "stopped early: %s. Run the same command with --resume after %s",
		          hc->stop_reason, when);
		return EXIT_API;
	}
	if (run->tally.gave_up) {
		msg_error(&none, "some requests got no answer after every retry; their rows are "
		          "unprocessed. Run the same command with --resume to send them again");
		return EXIT_API;
	}
	return EXIT_OK;
}

int import_file(const struct config *cfg, struct session *shared)
{
	struct import_run run = { .cfg = cfg, .rj = { .lock_fd = -1 } };
	struct profile_set profiles;
	const struct profile *forced;
	struct session own, *s = shared ? shared : &own;
	/* prospect's people file (a shared session) is apollo-csv's own: none
	 * of its columns is a team's custom field, and none is looked up */
	struct custom_source fields = { .get = shared ? NULL : look_up_fields, .ctx = &run, .modality = CF_CONTACT };
	char err[1024];
	long long records;
	int status, rc;

	run.s = s;
	run.own = &own;
	run.session_on = shared != NULL;
	custom_row_init(&run.custom);
	if ((status = prospects_load_profiles(cfg, &profiles, &forced)) != EXIT_OK)
		return status;
	if ((status = prospects_open_custom(&run.pf, cfg, &profiles, forced, cfg->files[0], &fields)) != EXIT_OK) {
		if (!shared && run.session_on)
			session_close(&own);
		custom_fields_free(&run.fields);
		custom_row_free(&run.custom);
		profiles_free(&profiles);
		return status;
	}
	/* names are resolved before any output exists: a typo costs nothing */
	if (!run.session_on && (status = session_open(&own, cfg)) != EXIT_OK)
		goto out;
	if (custom_columns(&run.pf.map))
		s->plan.custom_fields = &run.fields;
	if ((status = results_journal_open(&run.rj, cfg, run.pf.name, run.pf.header, RESULTS_CONTACTS,
	                                   &run.results)) != EXIT_OK)
		goto out;
	if (run.fields_asked) {
		/* a --resume maps and converts with these, and asks no more */
		cJSON *snap = custom_fields_to_json(&run.fields);
		char *text = cJSON_PrintUnformatted(snap);
		if (text)
			run_log_fields(&run.rj.log, text);
		free(text);
		cJSON_Delete(snap);
	}
	run.chunk_rows = chunk_size(cfg);
	chunk_init(&run.chunk);
	row_checker_init(&run.checker, &run.pf.map, run.pf.header->nfields);
	progress_start(&run.progress, config_progress_mode(cfg), run.pf.name);
	if ((records = row_count_data(cfg->files[0], run.pf.reader.preamble_lines)) >= 0)
		progress_total(&run.progress, (unsigned long long)records, false);
	session_show_progress(s, &run.progress);
	status = import_rows(&run);
	session_show_progress(s, NULL);
	prospects_report_fallback(&run.pf);
	if (run.output_failed) {
		results_abort(&run.results);
		status = EXIT_OUTPUT;
	} else if ((rc = results_commit(&run.results, err, sizeof err)) < 0) {
		struct msg_pos none = { 0 };
		msg_error(&none, "%s", err);
		status = EXIT_OUTPUT;
	} else {
		summary(&run);
		if (run.results.attention)
			status = exit_code_worst(status, EXIT_ATTENTION);
		/* the log keeps the custom fields for the --resume that sends
		 * the rows left unprocessed */
		run.rj.keep_log = run.results.counts[ST_UNPROCESSED] > 0;
	}
	status = exit_code_worst(status, report_stop(&run));
	if (cfg->report && !s->hc.refused && !s->hc.stopped)
		status = exit_code_worst(status, export_sequence_report(cfg, &s->hc, s->plan.sequence.id,
		                                                        s->plan.sequence.name, cfg->report));
	row_checker_free(&run.checker);
	chunk_free(&run.chunk);
out:
	import_tally_free(&run.tally);
	results_journal_close(&run.rj);
	if (!shared)
		session_close(&own);
	prospects_close(&run.pf);
	custom_fields_free(&run.fields);
	custom_row_free(&run.custom);
	profiles_free(&profiles);
	return status;
}

int cmd_import(const struct config *cfg)
{
	return import_file(cfg, NULL);
}

/* ---- the command line: --help, options, what they must say together ---- */

static const char help[] =
"Usage: apollo-csv import [OPTIONS] FILE\n"
"\n"
"Read, map, validate and dedupe FILE as check does, then create its contacts\n"
"in Apollo with contacts/bulk_create (100 a call, with Apollo's dedupe, so a\n"
"contact already there is matched, not copied) and, with --sequence, enrol\n"
"them with add_contact_ids. FILE.results.csv says what happened to each row:\n"
"  _status           created, existing, updated, unchanged, duplicate,\n"
"                    invalid, failed, unprocessed (not sent; --resume sends it)\n"
"  _reason           why; for an existing contact, how Apollo matched it (by\n"
"                    email, or by name and company: then the email Apollo's\n"
"                    contact has, or that it has none), the file's values it\n"
"                    did not take and which --existing update would apply;\n"
"                    with --existing update, the fields it updated\n"
"  _contact_id, _account_id   Apollo's ids\n"
"  _sequence_status  enrolled, already_enrolled, skipped, failed\n"
"  _sequence_reason  Apollo's skip code, e.g. contacts_unverified_email\n"
"The summary explains each skip code and the --allow that would override it.\n"
"An account id Apollo refuses (\"... is not a valid ID\": an export from another\n"
"team, or a deleted account) refuses a whole bulk_create: the call is sent\n"
"once more without the file's account links (one extra call a chunk at most),\n"
"and each row sent without its link says so in _reason, with Apollo's words.\n"
"\n"
"Contacts:\n"
"      --existing skip|update  contacts Apollo already has: leave them (default)\n"
"                          or send the fields that differ (first_name,\n"
"                          last_name, title, organization_name, linkedin_url,\n"
"                          present_raw_address; a blank cell never clears one)\n"
"      --label NAME        add every contact to the list NAME (repeatable)\n"
"      --owner USER        owner of the new contacts (email, name or id)\n"
"      --accounts          link each contact to its account: by the file's Apollo\n"
"                          Account Id, else its domain (website, else the\n"
"                          email's), else its company name; the accounts\n"
"                          missing are made first (accounts/bulk_create, with\n"
"                          Apollo's dedupe), each company asked for once a run\n"
"      --enrich            rows with no email are matched with Apollo's people\n"
"                          database first (people/bulk_match, 10 rows a call)\n"
"                          and take the email it has; _reason says what was\n"
"                          found. Costs credits: about one a person found\n"
"      --max-credits N     enrich no more than N credits allow (counting the\n"
"                          runs --resume goes on from); the rows past it are\n"
"                          imported without an email, and say so\n"
"\n"
"Sequence:\n"
"      --sequence NAME|ID  enrol the contacts in this sequence; a misspelt name\n"
"                          is answered with the nearest names, a name several\n"
"                          sequences share with each one's id\n"
"      --sequence-id ID    the sequence by its id only (for a shared name)\n"
"      --from MAILBOX      the mailbox it sends from (email or id; repeat or\n"
"                          separate with commas to rotate several)\n"
"      --user USER         the user shown as adding them (email, name or id)\n"
"      --allow-inactive    enrol even if the sequence is inactive or archived\n"
"      --policy P          conservative (default): Apollo skips contacts that\n"
"                          are unverified, in or done with other sequences, ...;\n"
"                          aggressive: allows unverified, active-in-other and\n"
"                          finished-in-other\n"
"      --allow FLAG        allow one kind: no-email, unverified, job-change,\n"
"                          active-in-other, finished-in-other, same-company\n"
"      --paused-until TIME enrol paused until TIME (2026-12-01T09:00:00Z,\n"
"                          2026-12-01T09:00-05:00, or 2026-12-01 09:00 UTC)\n"
"      --start-at HH:MM    enrol paused until HH:MM in each contact's own time\n"
"                          zone (a time_zone column, IANA names such as\n"
"                          America/New_York)\n"
"      --timezone ZONE     --start-at zone for rows without one (default UTC)\n"
"      --enroll-chunk N    contacts per add_contact_ids call (default 100)\n"
"      --report FILE       after the run, write the sequence's numbers to FILE\n"
"                          (CSV; JSON, HTML or a workbook for a name ending .json,\n"
"                          .html, .xlsx), as export\n"
"                          sequences does; --rates and --wait as there\n"
"\n"
TALKING_TO_APOLLO
"\n"
"Reading: --format, --map, --encoding, --delimiter, --max-field-size, --sheet,\n"
"as for check (apollo-csv check --help); the mapping is shown before the\n"
"rows, as check shows it. Read but never sent: owner (--owner is),\n"
"email_status, contact_stage, contact_id; an account_id that is not an\n"
"Apollo id is left out.\n"
"\n"
"Custom fields: when a column is left that no standard field takes, the\n"
"team's custom fields are looked up once (apollo-csv fields lists them) and\n"
"a column whose header is a contact field's label (or --map LABEL=HEADER)\n"
"feeds it: its values are converted by type and sent in typed_custom_fields\n"
"(with --existing update too). A blank cell sends nothing; (clear) empties\n"
"the field of a contact being updated. A value that does not fit is named\n"
"in _reason with what would fit, the contact is sent without it, and the\n"
"exit status is 1; so are the values Apollo's reply lists in\n"
"custom_field_errors.\n"
"      --strict-fields     a row with such a value is invalid and not sent\n"
"      --date-format dmy|mdy|ymd  how to read a date such as 03/04/2026\n"
"      --decimal-comma     numbers are written 1.234,5 (tried first)\n"
"\n"
"Writing:\n"
"  -o, --output FILE       results file (default FILE.results.csv)\n"
"                          (a name ending .xlsx: an Excel workbook)\n"
"      --errors FILE       also write the rows that need attention to FILE\n"
"      --excel             results for Excel (UTF-8 BOM, CRLF)\n"
"      --raw               cells starting with = + - @ as they are, not\n"
"                          guarded by an apostrophe (see check --help)\n"
"      --force             start over, replacing earlier results\n"
"      --resume            go on with an interrupted or stopped run: the rows\n"
"                          already in the results are kept, the rest are sent\n"
"\n"
"While it runs, results are in RESULTS.partial, made safe after every chunk;\n"
"a killed run leaves it for --resume. Messages: -q, -v (every request,\n"
"never the key), --progress (a bar with N of TOTAL rows, the stage, the time\n"
"left, and until when Apollo's rate limit holds the run; the default on a\n"
"terminal), --no-progress. Ctrl-C ends with the line that goes on:\n"
"  stopped by Ctrl-C at row 8,200 of 20,000; to go on: apollo-csv import ... --resume\n"
"\n"
FOR_SCRIPTS
"\n"
"Exit status: 0 all rows went through; 1 some rows need attention; 2 bad\n"
"command line; 3 FILE cannot be read; 4 no key, a refused key, or a name\n"
"that matches no (or several) sequences, mailboxes or users; 5 stopped by a\n"
"rate limit or by faults: run again with --resume; 6 results not written;\n"
"130, 143 stopped by Ctrl-C or SIGTERM: run again with --resume.\n";

static int set_existing(struct config *cfg, char *arg)
{
	if (strcmp(arg, "skip") && strcmp(arg, "update"))
		return cli_usage_error("--existing %s: use skip or update", arg);
	cfg->update_existing = strcmp(arg, "update") == 0;
	return EXIT_OK;
}
static const struct cli_option opt_existing = { "existing", 0, true, set_existing, "skip update" };

static int set_accounts(struct config *cfg, char *v) { (void)v; cfg->accounts = true; return EXIT_OK; }
static const struct cli_option opt_accounts = { "accounts", 0, false, set_accounts, NULL };
static int set_enrich(struct config *cfg, char *v) { (void)v; cfg->enrich = true; return EXIT_OK; }
static const struct cli_option opt_enrich = { "enrich", 0, false, set_enrich, NULL };

static int set_start_at(struct config *cfg, char *arg)
{
	if (!parse_clock(arg, &cfg->start_at))
		return cli_usage_error("--start-at %s: give a time of day as HH:MM, e.g. 09:30", arg);
	return EXIT_OK;
}
static const struct cli_option opt_start_at = { "start-at", 0, true, set_start_at, NULL };

static const struct cli_option *const options[] = {
	&opt_format, &opt_map, OPTIONS_READING_FILE, OPTIONS_WRITING, &opt_resume, OPTIONS_MESSAGES,
	OPTIONS_TALKING, &opt_existing, &opt_label, &opt_owner, &opt_accounts, &opt_enrich,
	&opt_max_credits, &opt_sequence, &opt_sequence_id, OPTIONS_ENROLLING, &opt_start_at, &opt_timezone,
	&opt_strict_fields, &opt_date_format, &opt_decimal_comma, NULL
};

static int check(struct config *cfg)
{
	int rc;
	if ((rc = cli_check_files(cfg, "import")) != EXIT_OK || (rc = cli_check_one_file(cfg, "import")) != EXIT_OK ||
	    (rc = cli_check_resume(cfg, "import")) != EXIT_OK || (rc = cli_need_mailbox(cfg, "import")) != EXIT_OK)
		return rc;
	if (cfg->max_credits >= 0 && !cfg->enrich)
		return cli_usage_error("%s", "import: --max-credits limits --enrich; give --enrich too");
	if (!cfg->sequence && (cfg->nmailboxes || cfg->user || cfg->allow || cfg->paused_until ||
	                       cfg->start_at >= 0 || cfg->allow_inactive))
		return cli_usage_error("%s", "import: --from, --user, --allow, --policy, --paused-until and "
		                       "--start-at go with --sequence");
	if ((rc = cli_check_report(cfg, "import")) != EXIT_OK)
		return rc;
	return cli_check_start(cfg, "import");
}

const struct command import_command = {
	.name = "import", .id = CMD_IMPORT, .help = help, .options = options, .check = check, .run = cmd_import,
	.overview = "  import FILE     create the file's contacts in Apollo (and enrol them in a\n"
	            "                  sequence), writing what happened to each row\n"
};
