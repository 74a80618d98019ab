/* commands/check.c - `apollo-csv check`: read, map, validate and dedupe each
 * file and write its results file, with no network use. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands/check.h"
#include "files/csv_reader.h"
#include "common/exit_codes.h"
#include "rows/mapping.h"
#include "common/msg.h"
#include "rows/profiles.h"
#include "common/progress.h"
#include "rows/prospect_file.h"
#include "files/readahead.h"
#include "rows/results.h"
#include "rows/row_check.h"

struct check_run {
	const struct config *cfg;
	const struct profile_set *profiles;
	const char *file;
	struct column_map map;
	struct results results;
	struct row_checker checker;
	struct progress progress;
	unsigned long messages;
};

static void row_message(struct check_run *run, const struct row_problem *p)
{
	struct msg_pos pos = { run->file, p->line, p->col };
	if (run->messages++ < run->cfg->max_messages)
		msg_error(&pos, "%s", p->reason);
}

/* The rows of one file, after its header. Returns the exit status. */
static int check_rows(struct check_run *run, struct csv_reader *reader)
{
	const struct csv_record *rec;
	struct readahead ra;
	int rc;

	readahead_start(&ra, reader);
	while ((rc = readahead_next(&ra, &rec)) == 1) {
		struct row_problem problem;
		struct row_result res = { 0 };
		switch (row_check(&run->checker, rec, &problem)) {
		case ROW_READY:
			res.status = ST_READY;
			break;
		case ROW_BLANK:
			res.status = ST_INVALID;
			res.reason = problem.reason;
			run->results.blank++;
			break;
		case ROW_DUPLICATE:
			res.status = ST_DUPLICATE;
			res.reason = problem.reason;
			break;
		case ROW_INVALID:
			res.status = ST_INVALID;
			res.reason = problem.reason;
			res.needs_attention = true;
			row_message(run, &problem);
			break;
		}
		results_write(&run->results, rec, &res);
		progress_rows(&run->progress, rec->number);
	}
	readahead_stop(&ra);
	progress_done(&run->progress);
	if (rc < 0) {
		struct msg_pos pos = { run->file, reader->line, 0 };
		msg_error(&pos, "%s; the rows before this point are in the results", reader->error);
		return EXIT_INPUT;
	}
	return EXIT_OK;
}

static void summary(const struct check_run *run, const char *out_path)
{
	const struct results *r = &run->results;
	unsigned long long rows = 0;
	for (int s = 0; s < ST_COUNT; s++)
		rows += r->counts[s];
	if (run->messages > run->cfg->max_messages)
		msg_info("%s: %lu more row problems not shown (--verbose shows all)", run->file,
		         run->messages - run->cfg->max_messages);
	if (r->blank)
		msg_info("%s: %llu row%s: %llu ready, %llu duplicate, %llu invalid, %llu blank (nothing to fix)",
		         run->file, rows, rows == 1 ? "" : "s", r->counts[ST_READY],
		         r->counts[ST_DUPLICATE], r->counts[ST_INVALID] - r->blank, r->blank);
	else
		msg_info("%s: %llu row%s: %llu ready, %llu duplicate, %llu invalid",
		         run->file, rows, rows == 1 ? "" : "s", r->counts[ST_READY],
		         r->counts[ST_DUPLICATE], r->counts[ST_INVALID]);
	if (strcmp(out_path, "-"))
		msg_info("results: %s", out_path);
	if (r->attention)
		msg_info("%llu row%s need%s attention: see the _reason column%s%s",
		         r->attention, r->attention == 1 ? "" : "s", r->attention == 1 ? "s" : "",
		         run->cfg->errors ? " or " : "", run->cfg->errors ? run->cfg->errors : "");
}

static int check_file(const struct config *cfg, const struct profile_set *profiles,
                      const struct profile *forced, const char *path)
{
	struct check_run run = { .cfg = cfg, .profiles = profiles };
	struct prospect_file pf;
	struct csv_writer_options wopt = { .excel = cfg->excel, .force = cfg->force };
	char err[2048];
	char *out_path = NULL;
	int status;

	if ((status = prospects_open(&pf, cfg, profiles, forced, path)) != EXIT_OK)
		return status;
	run.file = pf.name;
	run.map = pf.map;
	out_path = cfg->output ? strdup(cfg->output)
	         : strcmp(path, "-") == 0 ? strdup("-") : default_results_path(path);
	if (out_path && (same_file(out_path, path) || (cfg->errors && same_file(cfg->errors, path)))) {
		struct msg_pos none = { 0 };
		msg_error(&none, "%s: the results would replace the input file; choose another name with "
		          "-o or --errors", path);
		free(out_path);
		prospects_close(&pf);
		return EXIT_USAGE;
	}
	if (!out_path || results_open(&run.results, out_path, cfg->errors, &wopt, pf.header, err, sizeof err) < 0) {
		struct msg_pos none = { 0 };
		msg_error(&none, "%s", out_path ? err : "out of memory");
		free(out_path);
		prospects_close(&pf);
		return EXIT_OUTPUT;
	}
	row_checker_init(&run.checker, &run.map, pf.header->nfields);
	progress_start(&run.progress, cfg->quiet ? 0 : cfg->progress, run.file);
	status = check_rows(&run, &pf.reader);
	prospects_report_fallback(&pf);
	if (results_commit(&run.results, err, sizeof err) < 0) {
		struct msg_pos none = { 0 };
		msg_error(&none, "%s", err);
		status = EXIT_OUTPUT;
	} else {
		summary(&run, out_path);
		if (run.results.attention)
			status = exit_code_worst(status, EXIT_ATTENTION);
	}
	row_checker_free(&run.checker);
	prospects_close(&pf);
	free(out_path);
	return status;
}

int cmd_check(const struct config *cfg)
{
	struct profile_set profiles;
	const struct profile *forced = NULL;
	int status = prospects_load_profiles(cfg, &profiles, &forced);

	if (status != EXIT_OK)
		return status;
	for (size_t i = 0; i < cfg->nfiles; i++)
		status = exit_code_worst(status, check_file(cfg, &profiles, forced, cfg->files[i]));
	profiles_free(&profiles);
	return status;
}
