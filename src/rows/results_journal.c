/* rows/results_journal.c - see rows/results_journal.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/exit_codes.h"
#include "common/msg.h"
#include "files/output_target.h"
#include "files/xlsx_writer.h"
#include "rows/prospect_file.h"
#include "rows/results_journal.h"

struct kept_row {
	unsigned long long row;
	char *cell[JC_COUNT];
};

enum row_status row_status_from_name(const char *s)
{
	for (int i = 0; i < ST_COUNT; i++)
		if (strcmp(row_status_name((enum row_status)i), s) == 0)
			return (enum row_status)i;
	return ST_FAILED;
}

/* Every file the run will write is checked before the first row is sent:
 * none may be the input, and none may already exist (without --force; the
 * errors file is rewritten by --resume). */
static int check_outputs(const struct results_journal *rj, const struct config *cfg)
{
	struct msg_pos none = { 0 };
	const char *outs[] = { rj->out_path, cfg->errors, cfg->report };
	const char *what[] = { "the results file", "--errors", "--report" };

	for (size_t i = 0; i < 3; i++) {
		/* standard output, a device or a FIFO is written in place */
		if (!outs[i] || output_kind(outs[i]) != OUTPUT_FILE)
			continue;
		if (same_file(outs[i], cfg->files[0])) {
			msg_error(&none, "%s %s is the input file; choose another name", what[i], outs[i]);
			return EXIT_USAGE;
		}
		if (i > 0 && !cfg->force && !(i == 1 && cfg->resume) && access(outs[i], F_OK) == 0) {
			msg_error(&none, "%s: already exists; use --force to replace it, or choose another "
			          "name", outs[i]);
			return EXIT_OUTPUT;
		}
	}
	return EXIT_OK;
}

/* One run at a time on a journal: a second one (another window, a script
 * run twice) would interleave its rows with the first's. The lock goes
 * with the process, so a killed run never leaves it behind. */
static int lock_journal(struct results_journal *rj)
{
	struct msg_pos none = { 0 };
	int fd = open(rj->work_path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);

	if (fd < 0) {
		msg_error(&none, "%s: cannot create: %s", rj->work_path, strerror(errno));
		return EXIT_OUTPUT;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		msg_error(&none, "%s: another apollo-csv run is writing these results; wait for it, "
		          "or use -o to choose another name", rj->work_path);
		close(fd);
		return EXIT_OUTPUT;
	}
	rj->lock_fd = fd;
	return EXIT_OK;
}

/* The finished rows after the first `rows` ones, into rj->tail; and the
 * last row number written. -1 with err set when reading fails. */
static int read_tail(struct results_journal *rj, const char *path, unsigned long long rows,
                     char *err, size_t errlen)
{
	struct journal j;
	unsigned long long n = 0, row, last = 0;
	size_t cap = 0;
	int rc;

	if (journal_open(&j, path) < 0) {
		snprintf(err, errlen, "%s", j.error);
		journal_close(&j);
		return -1;
	}
	while ((rc = journal_next(&j)) == 1) {
		struct kept_row *k;
		if (!journal_row_number(journal_cell(&j, JC_ROW), &row) || row <= last)
			break;          /* not a row this tool wrote in order: the end */
		last = row;
		if (++n <= rows || strcmp(journal_cell(&j, JC_STATUS), "unprocessed") == 0)
			continue;
		if (rj->ntail == cap) {
			struct kept_row *t = realloc(rj->tail, (cap = cap ? cap * 2 : 64) * sizeof *t);
			if (!t) {
				rc = -1;
				snprintf(j.error, sizeof j.error, "out of memory");
				break;
			}
			rj->tail = t;
		}
		k = &rj->tail[rj->ntail++];
		k->row = row;
		for (int c = 0; c < JC_COUNT; c++)
			k->cell[c] = strdup(journal_cell(&j, (enum journal_col)c));
	}
	if (rc < 0)
		snprintf(err, errlen, "%s", j.error);
	rj->last_row = last;
	journal_close(&j);
	return rc < 0 ? -1 : 0;
}

/* --resume: find the journal, keep its finished rows, cut the rest. */
static int prepare_resume(struct results_journal *rj, const char *input_name,
                          const struct csv_record *header, enum results_kind kind, bool *append)
{
	struct msg_pos none = { 0 };
	const char *from = NULL;
	unsigned long long rows = 0;
	size_t ncols;
	off_t bytes;
	char err[1024];

	*append = false;
	/* the log first: a run killed before it wrote a row may have sent some */
	if (run_log_open(&rj->log, rj->work_path, true, err, sizeof err) < 0) {
		msg_error(&none, "--resume: %s", err);
		return EXIT_INPUT;
	}
	rj->resumed = rj->log.read_back;
	rj->earlier_start = rj->log.start;
	if (access(rj->work_path, F_OK) == 0 && !journal_is_empty(rj->work_path))
		from = rj->work_path;
	else if (access(rj->out_path, F_OK) == 0)
		from = rj->out_path;
	if (!from) {
		msg_info("%s: no earlier results to resume from; starting at the first row", input_name);
		return EXIT_OK;
	}
	/* a workbook is made when its run ends; one with rows left keeps its
	 * journal (files/csv_writer.h), so one without is finished */
	if (from == rj->out_path && xlsx_is_name(from)) {
		msg_error(&none, "--resume: %s is finished: its run did every row, so there is nothing to go "
		          "on with (--force starts over)", from);
		/* the empty journal the lock made would say a run was stopped */
		if (journal_is_empty(rj->work_path))
			unlink(rj->work_path);
		return EXIT_INPUT;
	}
	if (journal_prefix(from, "unprocessed", &rows, &bytes, &ncols, err, sizeof err) < 0) {
		msg_error(&none, "--resume: %s", err);
		return EXIT_INPUT;
	}
	for (size_t c = 0; c < header->nfields; c++)
		ncols += results_is_outcome_column(header->fields[c]);
	if (ncols != header->nfields + results_outcome_count(kind)) {
		msg_error(&none, "--resume: %s was written for a file with other columns than %s, or by "
		          "another command", from, input_name);
		return EXIT_INPUT;
	}
	if (read_tail(rj, from, rows, err, sizeof err) < 0) {
		msg_error(&none, "--resume: %s", err);
		return EXIT_INPUT;
	}
	if (from == rj->out_path && rename(rj->out_path, rj->work_path) != 0) {
		msg_error(&none, "--resume: cannot rename %s: %s", rj->out_path, strerror(errno));
		return EXIT_OUTPUT;
	}
	if (truncate(rj->work_path, bytes) != 0) {
		msg_error(&none, "--resume: cannot shorten %s: %s", rj->work_path, strerror(errno));
		return EXIT_OUTPUT;
	}
	if (journal_open(&rj->journal, rj->work_path) < 0) {
		msg_error(&none, "--resume: %s", rj->journal.error);
		return EXIT_INPUT;
	}
	rj->replaying = rows > 0;
	rj->replay_rows = rows;
	rj->resumed = true;
	*append = true;
	if (rj->ntail)
		msg_info("%s: resuming after row %llu (the rows before it are done, and %zu after it)",
		         input_name, rows, rj->ntail);
	else
		msg_info("%s: resuming after row %llu (the rows before it are done)", input_name, rows);
	return EXIT_OK;
}

/* The results go to a file: beside it RESULTS.partial, the journal, which
 * must not be another run's (without --resume or --force); locked, read
 * back for --resume, with its log. */
static int open_journal(struct results_journal *rj, const struct config *cfg, const char *input_name,
                        const struct csv_record *header, enum results_kind kind,
                        struct csv_writer_options *wopt)
{
	struct msg_pos none = { 0 };
	size_t len = strlen(rj->out_path);
	bool append = false;
	char err[2048];
	int rc;

	if (!(rj->work_path = malloc(len + 16)))
		return EXIT_INTERNAL;
	snprintf(rj->work_path, len + 16, "%s.partial", rj->out_path);
	if (!cfg->resume && !cfg->force &&
	    (access(rj->out_path, F_OK) == 0 || access(rj->work_path, F_OK) == 0)) {
		msg_error(&none, "%s: %s; use --resume to go on with that run, --force to start over, "
		          "or -o to choose another name", rj->out_path,
		          access(rj->work_path, F_OK) == 0
		          ? "an interrupted run's results are there (.partial)" : "already exists");
		return EXIT_OUTPUT;
	}
	if ((rc = check_outputs(rj, cfg)) != EXIT_OK || (rc = lock_journal(rj)) != EXIT_OK)
		return rc;
	if (cfg->resume && (rc = prepare_resume(rj, input_name, header, kind, &append)) != EXIT_OK)
		return rc;
	if (!rj->log.path && run_log_open(&rj->log, rj->work_path, false, err, sizeof err) < 0) {
		msg_error(&none, "%s", err);
		return EXIT_OUTPUT;
	}
	wopt->work_path = rj->work_path;
	wopt->append = append;
	return EXIT_OK;
}

/* The results file's name: -o, standard output for standard input, or
 * beside the input; a link is followed to the file it points to, which is
 * the one written (files/output_target.h), and the one messages name. */
static int results_name(struct results_journal *rj, const struct config *cfg)
{
	struct msg_pos none = { 0 };
	const char *given = cfg->output ? cfg->output : strcmp(cfg->files[0], "-") == 0 ? "-" : NULL;
	char *name = given ? strdup(given) : default_results_path(cfg->files[0]);

	if (!name)
		return EXIT_INTERNAL;
	if (output_kind(name) != OUTPUT_FILE) {
		rj->out_path = name;
		return EXIT_OK;
	}
	if (!(rj->out_path = output_file_path(name))) {
		msg_error(&none, "%s: cannot follow the link: %s", name, strerror(errno));
		free(name);
		return EXIT_OUTPUT;
	}
	free(name);
	return EXIT_OK;
}

char *results_journal_work_path(const struct config *cfg)
{
	struct results_journal rj = { .lock_fd = -1 };
	char *work = NULL;

	if (results_name(&rj, cfg) == EXIT_OK && rj.out_path && output_kind(rj.out_path) == OUTPUT_FILE &&
	    (work = malloc(strlen(rj.out_path) + 16)))
		snprintf(work, strlen(rj.out_path) + 16, "%s.partial", rj.out_path);
	free(rj.out_path);
	return work;
}

int results_journal_open(struct results_journal *rj, const struct config *cfg, const char *input_name,
                         const struct csv_record *header, enum results_kind kind,
                         struct results *results)
{
	struct csv_writer_options wopt = { .excel = cfg->excel, .raw = cfg->raw, .force = true };
	struct msg_pos none = { 0 };
	char err[2048];
	int rc;

	memset(rj, 0, sizeof *rj);
	rj->lock_fd = -1;
	rj->log.fd = -1;
	if ((rc = results_name(rj, cfg)) != EXIT_OK)
		return rc;
	switch (output_kind(rj->out_path)) {
	case OUTPUT_FILE:
		rc = open_journal(rj, cfg, input_name, header, kind, &wopt);
		break;
	case OUTPUT_IN_PLACE:
		/* what was written there cannot be read back */
		if (cfg->resume) {
			msg_error(&none, "--resume reads the results file, so it cannot be a device or FIFO "
			          "(%s): there is nothing to resume from; name a file with -o", rj->out_path);
			return EXIT_USAGE;
		}
		/* fall through */
	case OUTPUT_STDOUT:
		rc = check_outputs(rj, cfg);
		break;
	}
	if (rc != EXIT_OK)
		return rc;
	if (results_open_kind(results, kind, rj->out_path, cfg->errors, &wopt, header, err, sizeof err) < 0 ||
	    results_flush(results, err, sizeof err) < 0) {
		msg_error(&none, "%s", err);
		return EXIT_OUTPUT;
	}
	return EXIT_OK;
}

static void fill(struct row_result *res, const char *const cell[JC_COUNT])
{
	res->status = row_status_from_name(cell[JC_STATUS]);
	res->reason = cell[JC_REASON];
	res->contact_id = cell[JC_CONTACT];
	res->account_id = cell[JC_ACCOUNT];
	res->sequence_status = cell[JC_SEQ_STATUS];
	res->sequence_reason = cell[JC_SEQ_REASON];
	res->record_id = cell[JC_RECORD];
}

bool results_journal_replay(struct results_journal *rj, const struct csv_record *rec,
                            struct row_result *res)
{
	memset(res, 0, sizeof *res);
	if (rj->replaying) {
		const char *cell[JC_COUNT];
		if (journal_next(&rj->journal) == 1) {
			for (int c = 0; c < JC_COUNT; c++)
				cell[c] = journal_cell(&rj->journal, (enum journal_col)c);
			fill(res, cell);
			res->replayed = true;
			if (rec->number >= rj->replay_rows)
				rj->replaying = false;
			return true;
		}
		rj->replaying = false;
	}
	while (rj->next_tail < rj->ntail && rj->tail[rj->next_tail].row < rec->number)
		rj->next_tail++;
	if (rj->next_tail < rj->ntail && rj->tail[rj->next_tail].row == rec->number) {
		const struct kept_row *k = &rj->tail[rj->next_tail++];
		const char *cell[JC_COUNT];
		for (int c = 0; c < JC_COUNT; c++)
			cell[c] = k->cell[c] ? k->cell[c] : "";
		fill(res, cell);
		return true;
	}
	return false;
}

void results_journal_close(struct results_journal *rj)
{
	journal_close(&rj->journal);
	for (size_t i = 0; i < rj->ntail; i++)
		for (int c = 0; c < JC_COUNT; c++)
			free(rj->tail[i].cell[c]);
	free(rj->tail);
	rj->tail = NULL;
	rj->ntail = rj->next_tail = 0;
	/* committed: what the log said is in the results now, unless rows are
	 * left for a --resume, which must know which of them went out */
	run_log_close(&rj->log, !rj->keep_log && rj->work_path && access(rj->work_path, F_OK) != 0);
	if (rj->lock_fd >= 0)
		close(rj->lock_fd);
	free(rj->out_path);
	free(rj->work_path);
	rj->out_path = rj->work_path = NULL;
	rj->lock_fd = -1;
}
