/* commands/record_per_row.c - see commands/record_per_row.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands/record_per_row.h"
#include "common/exit_codes.h"
#include "common/interrupt.h"
#include "common/msg.h"
#include "files/row_count.h"
#include "files/xlsx_writer.h"
#include "rows/results_amend.h"
#include "values/ids.h"

int record_rows_open(struct record_rows *rr, const struct config *cfg, const struct record_kind *kind,
                     void *ctx, size_t per_chunk)
{
	struct csv_reader_options ropt = { .delimiter = cfg->delimiter, .encoding = cfg->encoding,
	                                   .max_field = cfg->max_field, .sheet = cfg->sheet };

	memset(rr, 0, sizeof *rr);
	rr->cfg = cfg;
	rr->kind = kind;
	rr->ctx = ctx;
	rr->per_chunk = per_chunk;
	rr->rj.lock_fd = -1;
	rr->file = strcmp(cfg->files[0], "-") == 0 ? "<stdin>" : cfg->files[0];
	chunk_init(&rr->chunk);
	dedupe_init(&rr->seen);
	if (csv_reader_open(&rr->reader, cfg->files[0], &ropt) < 0 ||
	    csv_reader_next(&rr->reader, &rr->header) != 1) {
		struct msg_pos pos = { rr->file, 0, 0 };
		msg_error(&pos, "%s", rr->reader.error[0] ? rr->reader.error : "the file is empty");
		return EXIT_INPUT;
	}
	csv_reader_tell_sheet(&rr->reader, rr->file);
	return EXIT_OK;
}

void *record_rows_row(struct record_rows *rr, size_t i)
{
	return rr->rows + i * rr->kind->row_size;
}

/* room for the data of the chunk's i-th row */
static bool room_for_row(struct record_rows *rr, size_t i)
{
	size_t cap = rr->rows_cap ? rr->rows_cap : 256;
	unsigned char *r;

	if (i < rr->rows_cap)
		return true;
	while (cap <= i)
		cap *= 2;
	if (!(r = realloc(rr->rows, cap * rr->kind->row_size)))
		return false;
	rr->rows = r;
	rr->rows_cap = cap;
	return true;
}

/* the row number of an earlier row with the same record, or 0 (and the
 * row is remembered) */
static unsigned long same_before(struct record_rows *rr, const void *row, unsigned long number)
{
	struct dynbuf key;
	unsigned long first;

	dynbuf_init(&key, 64u << 20);
	rr->kind->identity(row, &key);
	first = dedupe_check_add(&rr->seen, key.data ? key.data : "", key.len, number);
	dynbuf_free(&key);
	return first;
}

/* record_rows_stop's answer: a pointer no reason can be */
static const char stopped_marker[] = "stopped";

const char *record_rows_stop(struct record_rows *rr, const char *why)
{
	http_client_stop(&rr->s->hc, why);
	return stopped_marker;
}

static void record_rows_invalid(struct record_rows *rr, struct held_row *h, const char *why)
{
	struct msg_pos pos = { rr->file, h->rec.line, 0 };
	h->res.status = ST_INVALID;
	h->res.reason = why;
	h->res.needs_attention = true;
	if (rr->messages++ < rr->cfg->max_messages)
		msg_error(&pos, "%s", why);
}

/* what the row is: invalid, a duplicate, or one to make */
static void classify(struct record_rows *rr, struct held_row *h, size_t i)
{
	const char *why;
	unsigned long first;
	void *row;

	if (!room_for_row(rr, i)) {
		record_rows_invalid(rr, h, "out of memory");
		return;
	}
	row = record_rows_row(rr, i);
	memset(row, 0, rr->kind->row_size);
	if ((why = rr->kind->read(rr, &h->rec, row)) == stopped_marker) {
		record_rows_not_sent(rr, h, NULL);
	} else if (why) {
		record_rows_invalid(rr, h, why);
	} else if ((first = same_before(rr, row, (unsigned long)h->rec.number))) {
		h->res.status = ST_DUPLICATE;
		h->res.reason = chunk_printf(&rr->chunk, "the same %s as row %lu", rr->kind->what, first);
	} else {
		rr->kind->ready(h, row);
		h->send = true;
		h->res.status = ST_READY;
		rr->chunk.nsend++;
	}
}

void record_rows_not_sent(struct record_rows *rr, struct held_row *h, const struct api_item *it)
{
	const struct http_client *hc = &rr->s->hc;
	const char *why = it && it->message ? it->message : hc->refused ? hc->refusal
	                : hc->stopped ? hc->stop_reason : "not sent";
	h->res.status = ST_UNPROCESSED;
	h->res.reason = chunk_printf(&rr->chunk, "not sent: %s; %s%srun %s --resume on this file", why,
	                             hc->refused ? hc->refusal_fix : "", hc->refused ? ", then " : "",
	                             rr->kind->command);
	rr->gave_up = rr->gave_up || (it && it->result == API_GAVE_UP);
}

/* the outcome of making the row's record: its id on API_CREATED, and
 * `note` in _reason when it has no other (may be NULL) */
static void record_outcome(struct record_rows *rr, struct held_row *h, const struct api_item *it,
                           const char *note)
{
	struct chunk *c = &rr->chunk;

	switch (it->result) {
	case API_CREATED:
		h->res.status = ST_CREATED;
		h->res.record_id = chunk_strdup(c, it->id);
		if (strcmp(it->reason, "logged") == 0) {
			rr->found++;
			h->res.reason = chunk_printf(c, "made by the interrupted run before it wrote this row "
			                             "(written in its log; not made again)");
		} else if (strcmp(it->reason, "found") == 0) {
			rr->found++;
			h->res.reason = chunk_printf(c, "made by an earlier try whose answer was lost (found in "
			                             "Apollo, not made again)");
		} else {
			h->res.reason = note;
			h->res.needs_attention = note && rr->kind->note_needs_attention;
		}
		/* made without a custom value Apollo listed beside the record */
		if (it->custom_field_errors) {
			h->res.reason = chunk_printf(c, "%s%sApollo did not take every custom value: %s",
			                             h->res.reason ? h->res.reason : "", h->res.reason ? "; " : "",
			                             it->custom_field_errors);
			h->res.needs_attention = true;
		}
		break;
	case API_EXISTING:
		/* Apollo's dedupe matched it (accounts): "updated" or "unchanged"
		 * when the command went on to change it or found nothing to */
		h->res.status = strcmp(it->reason, "updated") == 0 ? ST_UPDATED
		              : strcmp(it->reason, "unchanged") == 0 ? ST_UNCHANGED : ST_EXISTING;
		h->res.record_id = chunk_strdup(c, it->id);
		h->res.reason = it->message ? chunk_strdup(c, it->message) : note;
		break;
	case API_REFUSED:
		if (rr->s->hc.refused) {
			record_rows_not_sent(rr, h, it);
			break;
		}
		h->res.status = ST_FAILED;
		/* a record Apollo has (its id known) whose change it refused says so itself */
		h->res.reason = it->id[0] ? chunk_strdup(c, it->message ? it->message : "?")
		                : chunk_printf(c, "Apollo did not make the %s: %s", rr->kind->what,
		                               it->message ? it->message : "?");
		if (it->id[0])
			h->res.record_id = chunk_strdup(c, it->id);
		h->res.needs_attention = true;
		break;
	case API_UNKNOWN:
	case API_UNCONFIRMED:
		/* perhaps made: failed, never unprocessed (--resume would make it again) */
		h->res.status = ST_FAILED;
		h->res.reason = chunk_strdup(c, it->message);
		if (it->id[0])
			h->res.record_id = chunk_strdup(c, it->id);
		h->res.needs_attention = true;
		break;
	default:
		record_rows_not_sent(rr, h, it);
		break;
	}
	/* an accounts file's record is the account itself */
	if (rr->kind->results == RESULTS_ACCOUNTS && h->res.record_id)
		h->res.account_id = h->res.record_id;
}

static void write_chunk(struct record_rows *rr)
{
	struct chunk *c = &rr->chunk;
	char err[1024];

	for (size_t i = 0; i < c->n; i++)
		results_write(&rr->results, &c->rows[i].rec, &c->rows[i].res);
	progress_rows(&rr->progress, results_rows(&rr->results));
	chunk_reset(c);
	if (!rr->output_failed && results_flush(&rr->results, err, sizeof err) < 0) {
		struct msg_pos none = { 0 };
		msg_error(&none, "%s", err);
		rr->output_failed = true;
	}
}

/* ---- what is sent and made, written down at once (rows/run_log.h) ---- */

struct log_arg {
	struct record_rows *rr;
	const size_t *rows;        /* the items' rows in the chunk */
};

static unsigned long long item_row(const struct log_arg *a, size_t item)
{
	return a->rr->chunk.rows[a->rows[item]].rec.number;
}

/* Apollo's clock and the slowest reply, as soon as they are known */
static void log_clock(struct record_rows *rr)
{
	const struct http_client *hc = &rr->s->hc;
	run_log_start(&rr->rj.log, hc->apollo_start);
	run_log_slowest(&rr->rj.log, hc->slowest);
}

/* the items' row numbers (malloc'd), or NULL when out of memory */
static unsigned long long *item_rows(const struct log_arg *a, const size_t *items, size_t n)
{
	unsigned long long *rows = calloc(n + 1, sizeof *rows);
	for (size_t k = 0; rows && k < n; k++)
		rows[k] = item_row(a, items[k]);
	return rows;
}

static void log_sending(void *arg, const size_t *items, size_t n)
{
	struct log_arg *a = arg;
	unsigned long long *rows = item_rows(a, items, n);
	log_clock(a->rr);
	if (!rows) {
		a->rr->rj.log.failed = true;
		return;
	}
	run_log_sent(&a->rr->rj.log, rows, n);
	free(rows);
}

static void log_not_sent(void *arg, const size_t *items, size_t n)
{
	struct log_arg *a = arg;
	unsigned long long *rows = item_rows(a, items, n);
	if (!rows)
		return;   /* such a row is looked for before it is sent: a call, not a copy */
	run_log_unsent(&a->rr->rj.log, rows, n);
	free(rows);
}

static void log_made(void *arg, const size_t *items, size_t n, const struct api_item *out)
{
	struct log_arg *a = arg;
	for (size_t k = 0; k < n; k++)
		run_log_made(&a->rr->rj.log, item_row(a, items[k]), out[items[k]].id);
	log_clock(a->rr);
	run_log_sync(&a->rr->rj.log);
}

/* --resume: may an earlier run have sent this row without its outcome
 * being written down? Its log says; without a log (a journal older than
 * logs), any row after the last it wrote may have been */
static bool maybe_in_flight(const struct record_rows *rr, unsigned long long row)
{
	if (!rr->rj.resumed)
		return false;
	if (rr->rj.log.read_back)
		return run_log_in_flight(&rr->rj.log, row);
	return row > rr->rj.last_row;
}

/* a row made after an unknown outcome, kept for the end-of-run look */
static void keep_unsure(struct record_rows *rr, const struct held_row *h, const void *row)
{
	const char *field[RECORD_FIELDS] = { 0 };
	struct unsure_row *u;

	if (!rr->kind->content)
		return;
	if (rr->nunsure == rr->unsure_cap) {
		size_t cap = rr->unsure_cap ? 2 * rr->unsure_cap : 64;
		struct unsure_row *r = realloc(rr->unsure, cap * sizeof *r);
		if (!r)
			return;   /* the look then misses it: a second copy stays unseen */
		rr->unsure = r;
		rr->unsure_cap = cap;
	}
	rr->kind->content(row, field);
	u = &rr->unsure[rr->nunsure++];
	u->row = h->rec.number;
	for (int f = 0; f < RECORD_FIELDS; f++)
		u->field[f] = field[f] ? strdup(field[f]) : NULL;
}

/* what the rows need first, then their records, then each row's outcome */
static void make_chunk(struct record_rows *rr)
{
	struct chunk *c = &rr->chunk;
	const struct http_client *hc = &rr->s->hc;
	struct api_item *out = NULL;
	size_t *rows = NULL, n = 0;
	struct log_arg arg = { rr, NULL };
	struct once_hooks hooks = { .settle = rr->cfg->settle, .sending = log_sending, .made = log_made,
	                            .not_sent = log_not_sent, .arg = &arg };

	rr->kind->prepare(rr);
	if (hc->stopped || hc->refused || !(rows = calloc(c->nsend + 1, sizeof *rows)) ||
	    !(out = calloc(c->nsend + 1, sizeof *out)))
		goto done;   /* the rows left ready are not sent */
	for (size_t i = 0; i < c->n; i++) {
		struct held_row *h = &c->rows[i];
		const char *id;
		if (!h->send || h->res.status != ST_READY)
			continue;
		/* made by an earlier run that was stopped before it wrote the row */
		if (rr->rj.resumed && (id = run_log_made_id(&rr->rj.log, h->rec.number))) {
			struct api_item made = { .result = API_CREATED };
			snprintf(made.id, sizeof made.id, "%s", id);
			snprintf(made.reason, sizeof made.reason, "logged");
			record_outcome(rr, h, &made, NULL);
			continue;
		}
		hooks.resumed = hooks.resumed || maybe_in_flight(rr, h->rec.number);
		rows[n++] = i;
	}
	arg.rows = rows;
	if (hooks.resumed) {
		/* the earlier run's requests in flight: let them settle once */
		hooks.start = rr->rj.earlier_start;
		if (!rr->settled) {
			double slowest = rr->rj.log.slowest > hc->slowest ? rr->rj.log.slowest : hc->slowest;
			hooks.settle_first = 2 * slowest > rr->cfg->settle ? 2 * slowest : rr->cfg->settle;
			if (hooks.settle_first <= 0)
				hooks.settle_first = API_SETTLE_DEFAULT;
		}
		rr->settled = true;
	}
	if (n)
		rr->kind->make(rr, rows, n, &hooks, out);
	for (size_t k = 0; k < n; k++) {
		if (out[k].result != API_NONE)
			record_outcome(rr, &c->rows[rows[k]], &out[k],
			               rr->kind->note ? rr->kind->note(record_rows_row(rr, rows[k])) : NULL);
		if (out[k].unsure && out[k].result == API_CREATED)
			keep_unsure(rr, &c->rows[rows[k]], record_rows_row(rr, rows[k]));
		api_item_clear(&out[k]);
	}
done:
	free(rows);
	free(out);
}

/* A stop was asked for: the rows with an outcome are written, up to the
 * first without one (its request's answer is not known, or it was not
 * sent); the rest wait for --resume, which looks first for what the
 * requests in flight made (the log says which they were). */
static void write_until_unknown(struct record_rows *rr)
{
	struct chunk *c = &rr->chunk;
	size_t keep = 0;
	while (keep < c->n && c->rows[keep].res.status != ST_READY)
		keep++;
	c->n = keep;
	rr->suspended = true;
}

static void send_chunk(struct record_rows *rr)
{
	struct chunk *c = &rr->chunk;
	const struct http_client *hc = &rr->s->hc;

	if (c->nsend && !hc->stopped && !hc->refused)
		make_chunk(rr);
	if (interrupted())
		write_until_unknown(rr);
	/* rows never sent: a stop, a refused key, or no memory */
	for (size_t i = 0; i < c->n; i++)
		if (c->rows[i].res.status == ST_READY)
			record_rows_not_sent(rr, &c->rows[i], NULL);
	write_chunk(rr);
}

/* --resume: a row the earlier run finished keeps its outcome */
static bool replay(struct record_rows *rr, const struct csv_record *rec)
{
	struct chunk *c = &rr->chunk;
	struct row_result res;

	if (!results_journal_replay(&rr->rj, rec, &res))
		return false;
	/* a record the earlier run made (or, for accounts, found): a later
	 * row with the same one is still a duplicate */
	if (res.status == ST_CREATED || res.status == ST_EXISTING || res.status == ST_UPDATED ||
	    res.status == ST_UNCHANGED) {
		void *row = calloc(1, rr->kind->row_size);
		if (row && !rr->kind->read(rr, rec, row))
			same_before(rr, row, (unsigned long)rec->number);
		free(row);
		if (!c->n)
			chunk_reset(c);     /* read's strings */
	}
	res.needs_attention = res.status == ST_FAILED || res.status == ST_INVALID;
	if (res.replayed && !c->n) {
		results_write(&rr->results, rec, &res);
		progress_replayed(&rr->progress, results_rows(&rr->results));
		return true;
	}
	return chunk_hold_result(c, rec, &res) != NULL;
}

static bool blank(const struct csv_record *rec)
{
	for (size_t c = 0; c < rec->nfields; c++)
		for (const char *p = rec->fields[c]; *p; p++)
			if (*p != ' ' && *p != '\t')
				return false;
	return true;
}

static int make_rows(struct record_rows *rr)
{
	const struct csv_record *rec;
	size_t per_chunk = rr->per_chunk;
	int rc;

	while ((rc = csv_reader_next(&rr->reader, &rec)) == 1) {
		struct held_row *h;
		if (rec->number % 256 == 0)
			progress_estimate(&rr->progress, rec->number, csv_reader_fraction(&rr->reader));
		if ((rr->rj.replaying || rr->rj.next_tail < rr->rj.ntail) && replay(rr, rec)) {
			if (rr->chunk.n >= 8 * per_chunk)
				send_chunk(rr);
			continue;
		}
		if (!(h = chunk_hold(&rr->chunk, rec))) {
			struct msg_pos none = { 0 };
			msg_error(&none, "out of memory");
			progress_done(&rr->progress);
			return EXIT_INTERNAL;
		}
		if (h->rec.error) {
			record_rows_invalid(rr, h, h->rec.error);
		} else if (blank(&h->rec)) {
			/* as check and import do: a row of empty cells is a gap */
			h->res.status = ST_INVALID;
			h->res.reason = "blank row";
			rr->results.blank++;
		} else {
			classify(rr, h, rr->chunk.n - 1);
		}
		if (rr->chunk.nsend >= per_chunk || rr->chunk.n >= 8 * per_chunk)
			send_chunk(rr);
		if (rr->output_failed || rr->suspended)
			break;
	}
	if (rc == 0)
		progress_estimate(&rr->progress, rr->reader.next_number ? rr->reader.next_number - 1 : 0, 1);
	if (rr->chunk.n && !rr->output_failed && !rr->suspended)
		send_chunk(rr);
	progress_done(&rr->progress);
	if (rc < 0) {
		struct msg_pos pos = { rr->file, rr->reader.line, 0 };
		msg_error(&pos, "%s; the rows before this point are in the results", rr->reader.error);
		return EXIT_INPUT;
	}
	return EXIT_OK;
}

static void summary(struct record_rows *rr)
{
	struct msg_pos none = { 0 };
	const struct results *r = &rr->results;
	unsigned long long rows = 0;
	char line[1024] = "";

	for (int s = 0; s < ST_COUNT; s++)
		rows += r->counts[s];
	if (rr->messages > rr->cfg->max_messages)
		msg_info("%s: %lu more row problems not shown (--verbose shows all)", rr->file,
		         rr->messages - rr->cfg->max_messages);
	for (int s = ST_CREATED; s < ST_COUNT; s++)
		if (r->counts[s])
			snprintf(line + strlen(line), sizeof line - strlen(line), "%s%llu %s", *line ? ", " : "",
			         r->counts[s], row_status_name((enum row_status)s));
	msg_info("%s: %llu row%s: %s", rr->file, rows, rows == 1 ? "" : "s", *line ? line : "none");
	if (rr->kind->summary)
		rr->kind->summary(rr);
	if (rr->found)
		msg_info("%llu %s%s found already made (an answer was lost, or the last run was "
		         "interrupted) and not made again", rr->found, rr->kind->what, rr->found == 1 ? "" : "s");
	if (rr->second_copies)
		msg_warn(&none, "%llu row%s ha%s a second copy in Apollo, made late from a request whose answer "
		         "was lost: see the _reason column and delete the extra one%s", rr->second_copies,
		         rr->second_copies == 1 ? "" : "s", rr->second_copies == 1 ? "s" : "ve",
		         rr->second_copies == 1 ? "" : "s");
	session_report_calls(rr->s);
	if (strcmp(rr->rj.out_path, "-"))
		msg_info("results: %s", rr->rj.out_path);
	if (r->attention)
		msg_info("%llu row%s need%s attention: see the _reason column", r->attention,
		         r->attention == 1 ? "" : "s", r->attention == 1 ? "s" : "");
}

/* The end of a run in which some answers were lost: a request may have
 * been applied by Apollo after the look that did not find it, and sent
 * again. One more look, after the settling wait twice over, for records
 * that fit a row twice: each becomes a word in its _reason (amends), the
 * summary and the exit status. amends: malloc'd, sorted by row. */
static size_t look_for_second_copies(struct record_rows *rr, struct amend **amends)
{
	const struct http_client *hc = &rr->s->hc;
	struct msg_pos none = { 0 };
	double wait = rr->cfg->settle > 0 ? rr->cfg->settle : API_SETTLE_DEFAULT;
	double start = rr->rj.resumed ? rr->rj.earlier_start : hc->apollo_start;
	char why[700];
	unsigned *counts = NULL;
	size_t found = 0;
	char ***all = NULL;

	*amends = NULL;
	if (!rr->nunsure || !rr->kind->count || hc->stopped || hc->refused || interrupted())
		return 0;
	if (2 * hc->slowest > wait)
		wait = 2 * hc->slowest;
	wait *= 2;
	msg_info("%zu %s%s made after an answer was lost: looking once more, in %.0f s, for a second copy "
	         "Apollo may have made late", rr->nunsure, rr->kind->what, rr->nunsure == 1 ? " was" : "s were",
	         wait);
	if (!interrupt_sleep(wait))
		return 0;
	if (!(counts = calloc(rr->nunsure, sizeof *counts)) || !(all = calloc(rr->nunsure, sizeof *all)) ||
	    !(*amends = calloc(rr->nunsure, sizeof **amends)))
		goto out;
	for (size_t i = 0; i < rr->nunsure; i++)
		all[i] = rr->unsure[i].field;
	if (rr->kind->count(rr, (char *const *const *)all, rr->nunsure,
	                    start > API_LOOK_MARGIN ? start - API_LOOK_MARGIN : 0, counts, why, sizeof why) < 0) {
		msg_warn(&none, "could not look for second copies of the %ss made after a lost answer (%s): "
		         "look in Apollo for the rows whose _reason says \"found\" or \"lost\"", rr->kind->what, why);
		goto out;
	}
	for (size_t i = 0; i < rr->nunsure; i++)
		if (counts[i] > 1)
			(*amends)[found++] = (struct amend){ rr->unsure[i].row,
				counts[i] == 2 ? "a second copy: Apollo holds 2 records with this row's content, "
				                 "one made late from a request whose answer was lost; look in Apollo "
				                 "and delete one"
				               : "second copies: Apollo holds several records with this row's "
				                 "content, made late from requests whose answers were lost; look in "
				                 "Apollo and keep one" };
out:
	free(counts);
	free(all);
	if (!found) {
		free(*amends);
		*amends = NULL;
	}
	return found;
}

static int report_stop(const struct record_rows *rr)
{
	const struct http_client *hc = &rr->s->hc;
	struct msg_pos none = { 0 };

	if (hc->refused) {
		session_say_refused(rr->s);
		return EXIT_CONFIG;
	}
	if (hc->stopped || rr->gave_up) {
		msg_error(&none, "%s; the rows not sent are unprocessed: run the same command with --resume "
		          "(a %s already made is not made again)",
		          hc->stopped ? hc->stop_reason : "some requests got no answer after every retry",
		          rr->kind->what);
		return EXIT_API;
	}
	return EXIT_OK;
}

int record_rows_run(struct record_rows *rr, struct session *s)
{
	const struct config *cfg = rr->cfg;
	struct msg_pos none = { 0 };
	char err[1024];
	long long records;
	int status;

	rr->s = s;
	if ((status = results_journal_open(&rr->rj, cfg, rr->file, rr->header, rr->kind->results,
	                                   &rr->results)) != EXIT_OK)
		return status;
	progress_start(&rr->progress, config_progress_mode(cfg), rr->file);
	if ((records = row_count_data(cfg->files[0], rr->reader.preamble_lines)) >= 0)
		progress_total(&rr->progress, (unsigned long long)records, false);
	session_show_progress(s, &rr->progress);
	status = make_rows(rr);
	session_show_progress(s, NULL);
	if (rr->suspended && !rr->output_failed) {
		/* the journal stays, made safe, for --resume */
		if (results_flush(&rr->results, err, sizeof err) < 0) {
			msg_error(&none, "%s", err);
			status = EXIT_OUTPUT;
		}
		results_abort(&rr->results);
		/* --resume looks first for what the requests in flight made */
		interrupt_say_stopped(rr->rj.work_path && strcmp(rr->cfg->files[0], "-") != 0, rr->rj.work_path);
		return exit_code_worst(status, EXIT_API);
	}
	if (rr->output_failed || status == EXIT_INTERNAL) {
		results_abort(&rr->results);
		status = rr->output_failed ? EXIT_OUTPUT : status;
	} else {
		struct amend *amends = NULL;
		size_t namends = look_for_second_copies(rr, &amends);
		/* a workbook is made from the journal when committed: the
		 * journal is amended first */
		bool book = rr->rj.work_path && xlsx_is_name(rr->rj.out_path);
		if (namends && book && (results_flush(&rr->results, err, sizeof err) < 0 ||
		                        results_amend(rr->rj.work_path, cfg->excel, cfg->raw, amends, namends,
		                                      err, sizeof err) < 0))
			msg_error(&none, "cannot add the second copies to the results: %s", err);
		if (results_commit(&rr->results, err, sizeof err) < 0) {
			msg_error(&none, "%s", err);
			status = EXIT_OUTPUT;
		} else {
			/* only a file can be read back and written again */
			if (namends && !book && rr->rj.work_path &&
			    results_amend(rr->rj.out_path, cfg->excel, cfg->raw, amends, namends, err, sizeof err) < 0)
				msg_error(&none, "cannot add the second copies to the results: %s", err);
			rr->second_copies = namends;
			/* a row that gave up after every try may yet be made by Apollo:
			 * its --resume looks first, as the log says it was sent */
			rr->rj.keep_log = rr->results.counts[ST_UNPROCESSED] > 0;
			summary(rr);
			if (rr->results.attention || namends)
				status = exit_code_worst(status, EXIT_ATTENTION);
		}
		free(amends);
	}
	return exit_code_worst(status, report_stop(rr));
}

void record_rows_close(struct record_rows *rr)
{
	for (size_t i = 0; i < rr->nunsure; i++)
		for (int f = 0; f < RECORD_FIELDS; f++)
			free(rr->unsure[i].field[f]);
	free(rr->unsure);
	rr->unsure = NULL;
	rr->nunsure = 0;
	free(rr->rows);
	rr->rows = NULL;
	dedupe_free(&rr->seen);
	results_journal_close(&rr->rj);
	chunk_free(&rr->chunk);
	csv_reader_close(&rr->reader);
}

const char *record_rows_owner(struct record_rows *rr, const char *owner, const char **id)
{
	struct chunk *c = &rr->chunk;
	struct resolver *rv = &rr->s->rv;
	char found[64], why[512];
	const char *error = rv->error;

	if (apollo_id_mangled_reason(chunk_trimmed(c, owner), "user", why, sizeof why))
		return chunk_printf(c, "owner %s", why);
	if (resolve_user(rv, chunk_trimmed(c, owner), found) == EXIT_OK) {
		*id = chunk_strdup(c, found);
		return NULL;
	}
	/* a question Apollo did not answer says nothing of the row */
	if (rv->lookup_failed)
		return record_rows_stop(rr, error);
	if (strstr(error, "several users have this name"))
		return chunk_printf(c, "owner \"%s\": several users have this name; give the email", owner);
	return chunk_printf(c, "owner \"%s\" is not one of the team's users", owner);
}
