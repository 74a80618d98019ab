/* rows/sheet_rows.c - see rows/sheet_rows.h. */
#include "config.h"

#include <string.h>

#include "common/exit_codes.h"
#include "common/interrupt.h"
#include "common/msg.h"
#include "common/progress.h"
#include "files/row_count.h"
#include "rows/sheet_rows.h"

int sheet_rows_open(struct sheet_rows *sr, const struct config *cfg)
{
	struct csv_reader_options ropt = { .delimiter = cfg->delimiter, .encoding = cfg->encoding,
	                                   .max_field = cfg->max_field, .sheet = cfg->sheet };

	sr->cfg = cfg;
	sr->rj.lock_fd = -1;
	sr->file = strcmp(cfg->files[0], "-") == 0 ? "<stdin>" : cfg->files[0];
	chunk_init(&sr->chunk);
	if (csv_reader_open(&sr->reader, cfg->files[0], &ropt) < 0 ||
	    csv_reader_next(&sr->reader, &sr->header) != 1) {
		struct msg_pos pos = { sr->file, 0, 0 };
		msg_error(&pos, "%s", sr->reader.error[0] ? sr->reader.error : "the file is empty");
		return EXIT_INPUT;
	}
	csv_reader_tell_sheet(&sr->reader, sr->file);
	return EXIT_OK;
}

int sheet_rows_results(struct sheet_rows *sr)
{
	int status = results_journal_open(&sr->rj, sr->cfg, sr->file, sr->header, RESULTS_CONTACTS,
	                                  &sr->results);
	long long records;

	sr->results_open = status == EXIT_OK;
	progress_start(&sr->progress, config_progress_mode(sr->cfg), sr->file);
	if ((records = row_count_data(sr->cfg->files[0], sr->reader.preamble_lines)) >= 0)
		progress_total(&sr->progress, (unsigned long long)records, false);
	return status;
}

const char *sheet_rows_out(const struct sheet_rows *sr)
{
	return sr->rj.out_path;
}

bool sheet_rows_maybe_sent(const struct sheet_rows *sr, const struct held_row *h)
{
	return h->rec.number > sr->rj.last_row && h->rec.number <= sr->maybe_end;
}

static bool has_outcome(const struct row_result *res)
{
	return res->status != ST_READY && res->status != ST_UNPROCESSED;
}

/* the chunk to the command, then its rows to the results in input order,
 * made safe; after a Ctrl-C only those up to the first without an outcome
 * (--resume does the rest). true when every row was written. */
static bool send_chunk(struct sheet_rows *sr, const struct row_sender *how)
{
	struct chunk *c = &sr->chunk;
	size_t n = c->n;
	bool all;
	char err[1024];

	how->send(how->ctx);
	if (interrupted())
		for (n = 0; n < c->n && has_outcome(&c->rows[n].res); n++)
			;
	all = n == c->n;
	for (size_t i = 0; i < n; i++)
		results_write(&sr->results, &c->rows[i].rec, &c->rows[i].res);
	progress_rows(&sr->progress, results_rows(&sr->results));
	chunk_reset(c);
	if (!sr->output_failed && results_flush(&sr->results, err, sizeof err) < 0) {
		struct msg_pos none = { 0 };
		msg_error(&none, "%s", err);
		sr->output_failed = true;
	}
	return all;
}

static bool chunk_full(const struct chunk *c, const struct row_sender *how)
{
	size_t most = how->most_held ? how->most_held : 8 * how->per_chunk;
	return c->nsend >= how->per_chunk || c->n >= most;
}

/* --resume: a row the earlier run finished keeps its result; read has
 * noted it (an id, a change) so that a later row is a duplicate as before */
static void keep_result(struct sheet_rows *sr, const struct row_sender *how, struct held_row *h,
                        const struct row_result *kept)
{
	struct chunk *c = &sr->chunk;
	bool attention = h->res.needs_attention || kept->status == ST_FAILED;

	if (h->send) {
		h->send = false;
		c->nsend--;
	}
	h->res = (struct row_result){
		.status = kept->status,
		.reason = chunk_strdup(c, kept->reason),
		.contact_id = chunk_strdup(c, kept->contact_id),
		.account_id = chunk_strdup(c, kept->account_id),
		.sequence_status = chunk_strdup(c, kept->sequence_status),
		.sequence_reason = chunk_strdup(c, kept->sequence_reason),
		.needs_attention = attention,
		.replayed = kept->replayed,
	};
	if (how->replayed)
		how->replayed(how->ctx, h);
	/* still in the journal: only counted, and at once when nothing waits before it */
	if (h->res.replayed && c->n == 1) {
		results_write(&sr->results, &h->rec, &h->res);
		progress_replayed(&sr->progress, results_rows(&sr->results));
		chunk_reset(c);
	}
}

/* the row held, read by the command, and given its kept result if it has
 * one; false when out of memory */
static bool hold(struct sheet_rows *sr, const struct row_sender *how, const struct csv_record *rec)
{
	struct row_result kept;
	bool keep = results_journal_replay(&sr->rj, rec, &kept);
	struct held_row *h = chunk_hold(&sr->chunk, rec);

	if (!h)
		return false;
	how->read(how->ctx, h);
	if (keep) {
		keep_result(sr, how, h, &kept);
	} else if (h->send && h->rec.number > sr->rj.last_row && sr->maybe_left) {
		/* the interrupted run's last chunk was at Apollo: as many rows to send */
		sr->maybe_left--;
		sr->maybe_end = h->rec.number;
	}
	return true;
}

static int send_rows(struct sheet_rows *sr, const struct row_sender *how)
{
	const struct csv_record *rec;
	int rc;

	while ((rc = csv_reader_next(&sr->reader, &rec)) == 1) {
		if (rec->number % 256 == 0)
			progress_estimate(&sr->progress, rec->number, csv_reader_fraction(&sr->reader));
		if (!hold(sr, how, rec)) {
			struct msg_pos none = { 0 };
			msg_error(&none, "out of memory");
			return EXIT_INTERNAL;
		}
		/* a Ctrl-C: no more rows are read after the chunk held */
		if (chunk_full(&sr->chunk, how) || interrupted()) {
			send_chunk(sr, how);
			sr->stopped = interrupted();
		}
		if (sr->stopped || sr->output_failed)
			return EXIT_OK;
	}
	sr->stopped = !send_chunk(sr, how);
	if (rc == 0)
		progress_estimate(&sr->progress, sr->reader.next_number ? sr->reader.next_number - 1 : 0, 1);
	if (rc < 0) {
		struct msg_pos pos = { sr->file, sr->reader.line, 0 };
		msg_error(&pos, "%s; the rows before this point are in the results", sr->reader.error);
		return EXIT_INPUT;
	}
	return EXIT_OK;
}

/* After a Ctrl-C: the journal stays as it is, safe up to its last row. */
static int stop_here(struct sheet_rows *sr)
{
	struct msg_pos none = { 0 };
	char err[2048];

	if (sr->rj.work_path) {
		results_abort(&sr->results);
	} else {
		/* standard output cannot be resumed: what was written stands */
		if (results_commit(&sr->results, err, sizeof err) < 0)
			msg_error(&none, "%s", err);
	}
	interrupt_say_stopped(sr->rj.work_path && strcmp(sr->cfg->files[0], "-") != 0, sr->rj.work_path);
	sr->results_open = false;
	return EXIT_API;
}

int sheet_rows_run(struct sheet_rows *sr, const struct row_sender *how)
{
	int status;
	char err[2048];

	sr->maybe_left = sr->rj.resumed ? how->per_chunk : 0;
	status = send_rows(sr, how);
	progress_done(&sr->progress);
	if (status == EXIT_INTERNAL || sr->output_failed) {
		/* RESULTS.partial keeps the rows made safe so far, for --resume */
		results_abort(&sr->results);
		sr->results_open = false;
		return sr->output_failed ? EXIT_OUTPUT : status;
	}
	if (sr->stopped)
		return stop_here(sr);
	sr->results_open = false;
	if (results_commit(&sr->results, err, sizeof err) < 0) {
		struct msg_pos none = { 0 };
		msg_error(&none, "%s", err);
		return EXIT_OUTPUT;
	}
	how->summary(how->ctx);
	if (sr->results.attention)
		status = exit_code_worst(status, EXIT_ATTENTION);
	return status;
}

void sheet_rows_close(struct sheet_rows *sr)
{
	progress_done(&sr->progress);
	if (sr->results_open)
		results_abort(&sr->results);
	sr->results_open = false;
	if (sr->cfg)
		results_journal_close(&sr->rj);
	chunk_free(&sr->chunk);
	csv_reader_close(&sr->reader);
}
