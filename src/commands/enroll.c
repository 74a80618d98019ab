/* commands/enroll.c - `apollo-csv enroll` and `unenroll`: contacts already in
 * Apollo put into a sequence (by the ids in a file, or every contact on
 * some lists, in one call) or taken out of one (remove_or_stop_contact_ids).
 * The file is an id list or an earlier results file: the id is read from
 * its _contact_id column, else a column named like "contact id" or "id".
 * Every row gets a result row, as for import, written as a journal
 * (rows/sheet_rows.h) so that --resume goes on after a stop, a kill or a
 * Ctrl-C without sending a finished row again. A contact the interrupted
 * run may have enrolled or taken out, its answer lost, is told apart from
 * one that was so before by its membership (apollo/memberships.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apollo/api.h"
#include "apollo/memberships.h"
#include "cli/command.h"
#include "commands/enroll.h"
#include "commands/export.h"
#include "commands/session.h"
#include "common/exit_codes.h"
#include "common/interrupt.h"
#include "common/msg.h"
#include "common/run_summary.h"
#include "rows/chunk.h"
#include "rows/dedupe.h"
#include "rows/find_column.h"
#include "rows/results.h"
#include "rows/sheet_rows.h"
#include "values/ids.h"

struct enroll_run {
	const struct config *cfg;
	struct session *s;
	struct sheet_rows rows;       /* FILE and its results */
	struct import_tally tally;
	int id_col;
	struct dedupe_set seen;       /* ids so far, for duplicates */
	unsigned long long unenrolled; /* unenroll: confirmed by Apollo */
	/* --resume: what the interrupted run did without writing it down */
	unsigned long long by_earlier;    /* enrolled by it, by Apollo's clock */
	unsigned long long maybe_earlier; /* found so already, perhaps by it */
	unsigned long long lost_try;      /* left out of a reply, found so already */
};

/* What the interrupted run did to a row it may have sent, its answer
 * lost, that Apollo now finds done already. */
enum earlier { EARLIER_NO, EARLIER_DID, EARLIER_MAYBE, EARLIER_LOST_TRY };

static const char already_code[] = "contacts_already_exists_in_current_campaign";
static const char by_interrupted[] = "enrolled by the interrupted run (its answer was lost; not "
                                     "enrolled twice)";
static const char maybe_enrolled[] = "already in the sequence; the interrupted run may have enrolled it";
static const char maybe_done[] = "the interrupted run may have done it (its answer was lost)";
static const char lost_try_done[] = "Apollo's reply left it out, and a look shows it so (a try whose "
                                    "answer was lost may have done it)";

static const char *unenrol_word(const char *mode)
{
	return strcmp(mode, "remove") == 0 ? "removed" : strcmp(mode, "stop") == 0 ? "stopped" : "finished";
}

static void item_outcome(struct enroll_run *run, struct held_row *h, const struct api_item *it,
                         enum earlier earlier)
{
	struct chunk *c = &run->rows.chunk;
	if (run->cfg->command == CMD_UNENROLL && (it->result == API_DONE || earlier != EARLIER_NO)) {
		const char *word = unenrol_word(run->cfg->mode);
		h->res.status = ST_EXISTING;
		h->res.sequence_status = word;
		if (earlier != EARLIER_NO) {
			/* Apollo's reply left it out: it was so already */
			const char *who = earlier == EARLIER_LOST_TRY ? lost_try_done : maybe_done;
			h->res.reason = strcmp(word, "removed") == 0
			              ? chunk_printf(c, "already out of the sequence; %s", who)
			              : chunk_printf(c, "already %s in the sequence; %s", word, who);
			if (earlier == EARLIER_LOST_TRY)
				run->lost_try++;
			else
				run->maybe_earlier++;
		} else if (*it->reason) {
			h->res.sequence_reason = chunk_printf(c, "Apollo does it in job %s", it->reason);
		}
		run->unenrolled++;
		return;
	}
	switch (it->result) {
	case API_DONE:
		h->res.status = ST_EXISTING;
		h->res.sequence_status = "enrolled";
		if (it->message)
			h->res.sequence_reason = chunk_strdup(c, it->message);
		run->tally.enrolled++;
		break;
	case API_SKIPPED:
		h->res.status = strcmp(it->reason, "contact_not_found") == 0 ? ST_FAILED : ST_EXISTING;
		h->res.needs_attention = h->res.status == ST_FAILED;
		if (earlier == EARLIER_DID) {
			h->res.sequence_status = "enrolled";
			h->res.reason = by_interrupted;
			run->tally.enrolled++;
			run->by_earlier++;
			break;
		}
		if (strcmp(it->reason, already_code) == 0) {
			h->res.sequence_status = "already_enrolled";
			run->tally.already++;
			if (earlier == EARLIER_MAYBE) {
				h->res.reason = maybe_enrolled;
				run->maybe_earlier++;
			}
		} else {
			h->res.sequence_status = "skipped";
			run->tally.skipped++;
			import_tally_skip(&run->tally, it->reason);
		}
		/* the reply's own words when it dates the contact before the run */
		h->res.sequence_reason = chunk_strdup(c, it->message ? it->message : it->reason);
		break;
	case API_STOPPED:
		h->res.status = ST_UNPROCESSED;
		h->res.reason = chunk_printf(c, "not sent: %s; run %s --resume on this file",
		                             it->message ? it->message : "stopped", run->cfg->command == CMD_ENROLL
		                             ? "enroll" : "unenroll");
		break;
	case API_REFUSED:
		if (run->s->hc.refused) {
			/* the key, the plan or the base URL, not the row: --resume
			 * sends it once that is mended */
			h->res.status = ST_UNPROCESSED;
			h->res.reason = chunk_printf(c, "not done: %s; %s, then run %s --resume on this file",
			                             it->message ? it->message : "refused", run->s->hc.refusal_fix,
			                             run->cfg->command == CMD_ENROLL ? "enroll" : "unenroll");
			break;
		}
		/* Apollo refused this row */
		/* fall through */
	default:
		h->res.status = ST_FAILED;
		h->res.sequence_status = "failed";
		h->res.sequence_reason = chunk_strdup(c, it->message ? it->message : "no reason given");
		h->res.needs_attention = true;
		run->tally.seq_failed++;
		break;
	}
}

/* the membership the unenroll mode leaves: out of the sequence, or finished
 * or stopped in it */
static bool left_as_asked(const struct api_membership *m, const char *mode)
{
	if (strcmp(mode, "remove") == 0)
		return m->state == API_MEMBER_NOT_IN;
	if (m->state != API_MEMBER_IN)
		return false;
	return strcmp(mode, "mark_as_finished") == 0 ? strcmp(m->status, "finished") == 0
	                                             : strcmp(m->status, "active") != 0;
}

/* Rows the interrupted run may have sent (--resume), or that a try whose
 * answer was lost may have done (unenroll: item.unsure), that Apollo finds
 * done already (enroll: "already in the sequence"; unenroll: left out of
 * the reply). Who did it, the contact's membership tells:
 * when it was added (Apollo's clock) against when the interrupted run
 * began, or whether it has left the sequence. Not known: MAYBE. */
static void look_back(struct enroll_run *run, struct held_row **rows, const struct api_item *out, size_t n,
                      enum earlier *earlier)
{
	bool enrolling = run->cfg->command == CMD_ENROLL;
	double began = run->rows.rj.earlier_start;
	const char **ids = calloc(n + 1, sizeof *ids);
	size_t *at = calloc(n + 1, sizeof *at), k = 0;
	struct api_membership *m = calloc(n + 1, sizeof *m);

	for (size_t i = 0; i < n; i++) {
		bool done_before = enrolling ? out[i].result == API_SKIPPED && strcmp(out[i].reason, already_code) == 0
		                             : out[i].result == API_UNCONFIRMED;
		earlier[i] = EARLIER_NO;
		/* sent by the interrupted run, or retried here after a lost answer */
		if (!done_before || !(sheet_rows_maybe_sent(&run->rows, rows[i]) || out[i].unsure))
			continue;
		earlier[i] = enrolling ? EARLIER_MAYBE : EARLIER_NO;
		if (ids && at) {
			ids[k] = rows[i]->res.contact_id;
			at[k++] = i;
		}
	}
	/* without the interrupted run's start no time tells who enrolled it */
	if (k && m && (!enrolling || began > 0)) {
		api_look_up_memberships(&run->s->hc, run->s->plan.sequence.id, ids, k, m);
		for (size_t j = 0; j < k; j++) {
			size_t i = at[j];
			if (!enrolling)
				earlier[i] = !left_as_asked(&m[j], run->cfg->mode) ? EARLIER_NO
				           : sheet_rows_maybe_sent(&run->rows, rows[i]) ? EARLIER_MAYBE : EARLIER_LOST_TRY;
			else if (api_added_since(&m[j], began) == API_ADDED_SINCE)
				earlier[i] = EARLIER_DID;
			else if (api_added_since(&m[j], began) == API_ADDED_BEFORE)
				earlier[i] = EARLIER_NO;
		}
	}
	free(ids);
	free(at);
	free(m);
}

static bool any_unsure(const struct api_item *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (out[i].unsure)
			return true;
	return false;
}

static void send_chunk(void *ctx)
{
	struct enroll_run *run = ctx;
	struct chunk *c = &run->rows.chunk;
	const struct import_plan *p = &run->s->plan;
	struct api_enrol_options opt = { p->sequence.id, p->mailbox_ids, p->nmailboxes, p->user_id, p->allow };
	const char **ids = calloc(c->nsend + 1, sizeof *ids);
	struct held_row **rows = calloc(c->nsend + 1, sizeof *rows);
	struct api_item *out = calloc(c->nsend + 1, sizeof *out);
	struct api_enrol_call *calls = calloc(c->nsend + 1, sizeof *calls);
	enum earlier *earlier = calloc(c->nsend + 1, sizeof *earlier);
	size_t n = 0, ncalls = 0;

	if (!ids || !rows || !out || !calls || !earlier)
		goto done;
	/* Apollo's clock at the run's start, in the journal's log, for a
	 * --resume to tell what this run enrolled (the look-ups before the
	 * first chunk have read it; else the first chunk's replies will) */
	run_log_start(&run->rows.rj.log, run->s->hc.apollo_start);
	for (size_t i = 0; i < c->n; i++)
		if (c->rows[i].send) {
			rows[n] = &c->rows[i];
			ids[n++] = c->rows[i].res.contact_id;
		}
	if (n && run->cfg->command == CMD_UNENROLL) {
		api_unenrol(&run->s->hc, p->sequence.id, run->cfg->mode, ids, n, p->enroll_chunk, out);
	} else if (n) {
		/* calls of --enroll-chunk ids, all with the same unpause time */
		for (size_t off = 0; off < n; off += p->enroll_chunk) {
			size_t k = n - off < p->enroll_chunk ? n - off : p->enroll_chunk;
			calls[ncalls++] = (struct api_enrol_call){ .ids = ids + off, .n = k,
			                                           .unpause_at = p->paused_until, .out = out + off };
		}
		api_enrol(&run->s->hc, &opt, calls, ncalls);
	}
	run_log_start(&run->rows.rj.log, run->s->hc.apollo_start);
	if (n && (run->rows.rj.resumed || any_unsure(out, n)))
		look_back(run, rows, out, n, earlier);
	for (size_t i = 0; i < n; i++)
		item_outcome(run, rows[i], &out[i], earlier[i]);
done:
	for (size_t i = 0; i < n; i++)
		api_item_clear(&out[i]);
	free(ids);
	free(rows);
	free(out);
	free(calls);
	free(earlier);
}

/* the row's contact id, and whether it is one to send */
static void read_row(void *ctx, struct held_row *h)
{
	struct enroll_run *run = ctx;
	struct chunk *c = &run->rows.chunk;
	const struct csv_record *rec = &h->rec;
	const char *id = (size_t)run->id_col < rec->nfields ? rec->fields[run->id_col] : "";
	unsigned long first;
	char why[512];

	while (*id == ' ')
		id++;
	h->res.contact_id = chunk_strdup(c, id);
	if (rec->error) {
		h->res.status = ST_INVALID;
		h->res.reason = h->rec.error;
		h->res.needs_attention = true;
	} else if (!*id) {
		h->res.status = ST_INVALID;
		h->res.reason = "no contact id in this row";
		h->res.contact_id = NULL;
	} else if (apollo_id_mangled_reason(id, "contact", why, sizeof why)) {
		h->res.status = ST_INVALID;
		h->res.reason = chunk_strdup(c, why);
		h->res.needs_attention = true;
	} else if (!apollo_id_valid(id)) {
		h->res.status = ST_INVALID;
		h->res.reason = chunk_printf(c, "\"%s\" is not an Apollo contact id", id);
		h->res.needs_attention = true;
	} else if ((first = dedupe_check_add(&run->seen, id, strlen(id), (unsigned long)rec->number))) {
		h->res.status = ST_DUPLICATE;
		h->res.reason = chunk_printf(c, "the same contact id as row %lu", first);
	} else {
		h->send = true;
		h->res.status = ST_READY;
		c->nsend++;
	}
}

/* --resume: a row the earlier run finished, counted as it ended */
static void replayed(void *ctx, const struct held_row *h)
{
	struct enroll_run *run = ctx;
	const char *seq = h->res.sequence_status, *reason = h->res.reason;

	if (strstr(reason, "the interrupted run may have"))
		run->maybe_earlier++;
	else if (strstr(reason, lost_try_done))
		run->lost_try++;
	else if (strcmp(reason, by_interrupted) == 0)
		run->by_earlier++;
	if (run->cfg->command == CMD_UNENROLL && strcmp(seq, unenrol_word(run->cfg->mode)) == 0) {
		run->unenrolled++;
	} else if (strcmp(seq, "enrolled") == 0) {
		run->tally.enrolled++;
	} else if (strcmp(seq, "already_enrolled") == 0) {
		run->tally.already++;
	} else if (strcmp(seq, "skipped") == 0) {
		run->tally.skipped++;
		import_tally_skip(&run->tally, h->res.sequence_reason);
	} else if (strcmp(seq, "failed") == 0) {
		run->tally.seq_failed++;
	}
}

static void summary(void *ctx)
{
	struct enroll_run *run = ctx;
	if (run->cfg->command == CMD_ENROLL) {
		import_tally_report(&run->tally, run->s->plan.sequence.name);
		if (run->by_earlier)
			msg_info("  %llu enrolled by the interrupted run (its answers were lost; none enrolled "
			         "twice)", run->by_earlier);
		if (run->maybe_earlier)
			msg_info("  %llu already in it, perhaps enrolled by the interrupted run (when they were "
			         "added cannot be told)", run->maybe_earlier);
	} else {
		msg_info("%s: %llu %s, %llu failed", run->s->plan.sequence.name, run->unenrolled,
		         unenrol_word(run->cfg->mode), run->tally.seq_failed);
		run_summary_count(RS_SEQUENCE_STATUS, unenrol_word(run->cfg->mode), run->unenrolled);
		run_summary_count(RS_SEQUENCE_STATUS, "failed", run->tally.seq_failed);
		if (run->maybe_earlier)
			msg_info("  %llu of them %s already, perhaps by the interrupted run (its answers were "
			         "lost)", run->maybe_earlier, unenrol_word(run->cfg->mode));
		if (run->lost_try)
			msg_info("  %llu of them left out of Apollo's reply and found %s already (perhaps by a try "
			         "whose answer was lost)", run->lost_try, unenrol_word(run->cfg->mode));
	}
	session_report_calls(run->s);
	msg_info("results: %s", sheet_rows_out(&run->rows));
}

/* why the run ended early, if it did, and the exit status that says so */
static void report_stop(const struct session *s, int *status)
{
	struct msg_pos none = { 0 };
	if (interrupted()) {
		/* sheet_rows said where the results are and how to go on */
	} else if (s->hc.refused) {
		session_say_refused(s);
		*status = exit_code_worst(*status, EXIT_CONFIG);
	} else if (s->hc.stopped) {
		msg_error(&none, "stopped early: %s; the rows not sent are unprocessed: run the same "
		          "command with --resume", s->hc.stop_reason);
		*status = exit_code_worst(*status, EXIT_API);
	}
}

static int enroll_labels(const struct config *cfg, struct session *s)
{
	const struct import_plan *p = &s->plan;
	struct api_enrol_options opt = { p->sequence.id, p->mailbox_ids, p->nmailboxes, p->user_id, p->allow };
	struct api_enrol_call call = { .labels = cfg->labels, .nlabels = cfg->nlabels,
	                               .unpause_at = p->paused_until };
	struct msg_pos none = { 0 };

	api_enrol_labels(&s->hc, &opt, &call);
	if (call.result == API_UNCONFIRMED) {
		msg_error(&none, "%s: look at the sequence in Apollo", call.message ? call.message : "?");
		free(call.message);
		return EXIT_ATTENTION;
	}
	if (call.result != API_DONE) {
		msg_error(&none, "Apollo did not enrol the lists: %s", call.message ? call.message : "?");
		free(call.message);
		return s->hc.refused ? EXIT_CONFIG : EXIT_API;
	}
	msg_info("sequence \"%s\": %lu contacts enrolled from %zu list%s, %lu skipped", p->sequence.name,
	         call.enrolled, cfg->nlabels, cfg->nlabels == 1 ? "" : "s", call.skipped);
	if (call.already)
		msg_info("  %lu more in the sequence already: Apollo's reply dates them before this run", call.already);
	session_report_calls(s);
	if (cfg->report)
		return export_sequence_report(cfg, &s->hc, p->sequence.id, p->sequence.name, cfg->report);
	return EXIT_OK;
}

int cmd_enroll(const struct config *cfg)
{
	/* header_find passes over an earlier run's outcome columns, but not
	 * _contact_id, the one an earlier results file gives the ids in */
	static const char *const id_names[] = { "contactid", "apollocontactid", "id", "apolloid", NULL };
	struct enroll_run run = { .cfg = cfg };
	struct row_sender sender = { .ctx = &run, .read = read_row, .replayed = replayed, .send = send_chunk,
	                             .summary = summary };
	struct session s;
	int status;

	if ((status = session_open(&s, cfg)) != EXIT_OK) {
		session_close(&s);
		return status;
	}
	run.s = &s;
	if (cfg->nlabels) {
		status = enroll_labels(cfg, &s);
		session_close(&s);
		return status;
	}
	if ((status = sheet_rows_open(&run.rows, cfg)) != EXIT_OK)
		goto out;
	if ((run.id_col = header_find(run.rows.header, id_names)) < 0) {
		struct msg_pos pos = { run.rows.file, run.rows.header->line, 0 };
		msg_error(&pos, "no column of contact ids: name it _contact_id, contact_id or id");
		status = EXIT_INPUT;
		goto out;
	}
	if ((status = sheet_rows_results(&run.rows)) != EXIT_OK)
		goto out;
	dedupe_init(&run.seen);
	sender.per_chunk = s.plan.enroll_chunk * (size_t)cfg->jobs;
	session_show_progress(&s, &run.rows.progress);
	status = sheet_rows_run(&run.rows, &sender);
	session_show_progress(&s, NULL);
	report_stop(&s, &status);
	if (cfg->report && status != EXIT_INTERNAL && !s.hc.refused && !s.hc.stopped)
		status = exit_code_worst(status, export_sequence_report(cfg, &s.hc, s.plan.sequence.id,
		                                                        s.plan.sequence.name, cfg->report));
out:
	dedupe_free(&run.seen);
	sheet_rows_close(&run.rows);
	session_close(&s);
	return status;
}

/* ---- the command line: --help, options, what they must say together ---- */

static const char enroll_help[] =
"Usage: apollo-csv enroll --sequence S --from MAILBOX --label NAME...\n"
"       apollo-csv enroll --sequence S --from MAILBOX [OPTIONS] FILE\n"
"\n"
"Add contacts that are already in Apollo to a sequence: every contact on the\n"
"lists named by --label, in one call; or the contacts whose ids are in FILE\n"
"(an import's results file, read from its _contact_id column, or any CSV\n"
"with a contact_id or id column). With FILE, FILE.results.csv gets each\n"
"row's _sequence_status and Apollo's skip code, as for import.\n"
"\n"
"The results are written as FILE.results.csv.partial, made safe after every\n"
"round of calls, until the run ends. After a stop, a kill or Ctrl-C, run\n"
"the same command with --resume: the rows the run finished are kept and not\n"
"sent again. A contact the interrupted run enrolled without its answer being\n"
"written is enrolled \"by the interrupted run\" when Apollo's clock shows it\n"
"was added since that run began, or already_enrolled \"the interrupted run\n"
"may have enrolled it\" when that cannot be told; never enrolled twice.\n"
"\n"
"Sequence options, as for import: --sequence, --sequence-id, --from, --user,\n"
"--allow-inactive, --policy, --allow, --paused-until, --enroll-chunk,\n"
"--report FILE (the sequence's numbers after the run; --rates, --wait).\n"
"\n"
TALKING_TO_APOLLO
"\n"
"Reading and writing (FILE only): --encoding, --delimiter, --max-field-size,\n"
"--sheet, -o, --errors, --excel, --raw, --force, --resume. Messages: -q, -v,\n"
"--progress, --no-progress.\n"
"\n"
FOR_SCRIPTS
"\n"
"Exit status as for import.\n";

static const char unenroll_help[] =
"Usage: apollo-csv unenroll --sequence S --mode finished|remove|stop FILE\n"
"\n"
"Take the contacts whose ids are in FILE (as for enroll) out of a sequence\n"
"with remove_or_stop_contact_ids:\n"
"  finished  mark them finished in the sequence\n"
"  remove    take them out of it\n"
"  stop      halt their progress in it\n"
"FILE.results.csv gets _sequence_status finished, removed or stopped, or\n"
"failed with Apollo's message. It is written as FILE.results.csv.partial,\n"
"made safe after every call, until the run ends: after a stop, a kill or\n"
"Ctrl-C, run the same command with --resume to go on; a contact the\n"
"interrupted run took out without its answer being written says so.\n"
"\n"
"      --sequence NAME|ID  the sequence (inactive ones too)\n"
"      --sequence-id ID    the sequence by its id only (for a shared name)\n"
"      --mode MODE         finished, remove or stop\n"
"      --enroll-chunk N    contacts per call (default 100)\n"
"\n"
TALKING_TO_APOLLO
"\n"
"Reading and writing: --encoding, --delimiter, --max-field-size, --sheet, -o,\n"
"--errors, --excel, --raw, --force, --resume. Messages: -q, -v, --progress,\n"
"--no-progress.\n"
"\n"
FOR_SCRIPTS
"\n"
"Exit status as for import.\n";

static const struct cli_option *const enroll_options[] = {
	OPTIONS_READING_FILE, OPTIONS_WRITING, &opt_resume, OPTIONS_MESSAGES, OPTIONS_TALKING, &opt_label,
	&opt_sequence, &opt_sequence_id, OPTIONS_ENROLLING, NULL
};

static int enroll_check(struct config *cfg)
{
	int rc;
	if ((rc = cli_check_files(cfg, "enroll")) != EXIT_OK || (rc = cli_check_resume(cfg, "enroll")) != EXIT_OK)
		return rc;
	if (cfg->nfiles > 1 || (cfg->nfiles == 1) == (cfg->nlabels > 0))
		return cli_usage_error("%s", "enroll: give either one FILE of contact ids or --label NAME...");
	if ((rc = cli_need_sequence(cfg, "enroll")) != EXIT_OK || (rc = cli_need_mailbox(cfg, "enroll")) != EXIT_OK)
		return rc;
	if (cfg->nlabels && (cfg->output || cfg->errors || cfg->resume))
		return cli_usage_error("%s", "enroll --label writes no results file: -o, --errors and --resume "
		                       "go with a FILE");
	return EXIT_OK;
}

static int set_mode(struct config *cfg, char *arg)
{
	if (strcmp(arg, "finished") == 0)
		cfg->mode = "mark_as_finished";
	else if (strcmp(arg, "remove") == 0 || strcmp(arg, "stop") == 0)
		cfg->mode = arg;
	else
		return cli_usage_error("--mode %s: use finished, remove or stop", arg);
	return EXIT_OK;
}
static const struct cli_option opt_mode = { "mode", 0, true, set_mode, "finished remove stop" };

static const struct cli_option *const unenroll_options[] = {
	OPTIONS_READING_FILE, OPTIONS_WRITING, &opt_resume, OPTIONS_MESSAGES, OPTIONS_TALKING, &opt_sequence, &opt_sequence_id,
	&opt_enroll_chunk, &opt_mode, NULL
};

static int unenroll_check(struct config *cfg)
{
	int rc;
	if ((rc = cli_check_files(cfg, "unenroll")) != EXIT_OK || (rc = cli_check_resume(cfg, "unenroll")) != EXIT_OK)
		return rc;
	if (cfg->nfiles != 1)
		return cli_usage_error("%s", "unenroll: name one FILE of contact ids");
	if ((rc = cli_need_sequence(cfg, "unenroll")) != EXIT_OK)
		return rc;
	if (!cfg->mode)
		return cli_usage_error("%s", "unenroll: --mode finished|remove|stop is required");
	return EXIT_OK;
}

const struct command enroll_command = {
	.name = "enroll", .id = CMD_ENROLL, .help = enroll_help, .options = enroll_options,
	.check = enroll_check, .run = cmd_enroll,
	.overview = "  enroll          add contacts already in Apollo to a sequence, by list\n"
	            "                  name or from a file of contact ids\n"
};

const struct command unenroll_command = {
	.name = "unenroll", .id = CMD_UNENROLL, .help = unenroll_help, .options = unenroll_options,
	.check = unenroll_check, .run = cmd_enroll,
	.overview = "  unenroll FILE   finish, remove or stop contacts in a sequence\n"
};
