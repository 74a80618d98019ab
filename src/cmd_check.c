/* cmd_check.c - `apollo-csv check`: read, map, validate and dedupe each
 * file and write its results file, with no network use. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_check.h"
#include "csv_in.h"
#include "exit_codes.h"
#include "mapping.h"
#include "msg.h"
#include "profiles.h"
#include "progress.h"
#include "readahead.h"
#include "results.h"
#include "row_check.h"

/* "leads.csv" and "leads.csv.gz" -> "leads.results.csv" */
char *default_results_path(const char *input)
{
	static const char *const exts[] = { ".csv", ".tsv", ".txt" };
	size_t len = strlen(input);
	char *out = malloc(len + 16);

	if (!out)
		return NULL;
	memcpy(out, input, len + 1);
	if (len > 3 && strcmp(out + len - 3, ".gz") == 0)
		out[len -= 3] = '\0';
	for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
		size_t el = strlen(exts[i]);
		if (len > el && strcmp(out + len - el, exts[i]) == 0) {
			out[len -= el] = '\0';
			break;
		}
	}
	strcat(out, ".results.csv");
	return out;
}

static void report_reading(const struct csv_reader *r, const char *file)
{
	struct msg_pos pos = { file, 0, 0 };
	if (r->in.sniffed_legacy)
		msg_warn(&pos, "not valid UTF-8: read as Windows-1252 (use --encoding to choose another)");
	else if (r->in.enc == ENC_UTF16LE || r->in.enc == ENC_UTF16BE)
		msg_info("%s: read as %s", file, encoding_name(r->in.enc));
	if (r->sniff.delimiter_from_sep_line)
		msg_info("%s: delimiter \"%c\" from the file's sep= line", file, r->sniff.delimiter);
	/* Excel's sep= line is not a preamble worth a word */
	if (r->preamble_lines > (r->sniff.delimiter_from_sep_line ? 1u : 0u)) {
		unsigned long n = r->preamble_lines;
		msg_info("%s: the header is on line %lu; the %lu line%s before it %s skipped",
		         file, r->sniff.header_line, n, n == 1 ? "" : "s", n == 1 ? "is" : "are");
	}
}

static void report_fallback(const struct csv_reader *r, const char *file)
{
	struct msg_pos pos = { file, 0, 0 };
	if (r->in.fallback_bytes)
		msg_warn(&pos, "%lu byte%s that are not valid UTF-8 (the first at byte %llu) "
		         "were read as Windows-1252", r->in.fallback_bytes,
		         r->in.fallback_bytes == 1 ? "" : "s", r->in.first_fallback);
}

static void report_mapping(const struct column_map *m, const struct csv_record *h, const char *file)
{
	msg_info("%s: columns read with the \"%s\" profile (%s)", file, m->profile->name,
	         m->profile->title ? m->profile->title : "");
	for (int f = 0; f < F_COUNT; f++)
		if (m->col[f] >= 0)
			msg_info("%s:   %-19s <- column %d \"%s\"", file, field_name((enum field)f),
			         m->col[f] + 1, h->fields[m->col[f]]);
}

struct check_run {
	const struct config *cfg;
	const struct profile_set *profiles;
	const char *file;
	struct csv_reader reader;
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
static int check_rows(struct check_run *run)
{
	const struct csv_record *rec;
	struct readahead ra;
	int rc;

	readahead_start(&ra, &run->reader);
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
		struct msg_pos pos = { run->file, run->reader.line, 0 };
		msg_error(&pos, "%s; the rows before this point are in the results", run->reader.error);
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
	struct csv_reader_options ropt = {
		.delimiter = cfg->delimiter,
		.encoding = cfg->encoding,
		.max_field = cfg->max_field,
		.known_header = profiles_known_header,
		.known_header_ctx = (void *)profiles,
	};
	struct csv_writer_options wopt = { .excel = cfg->excel, .force = cfg->force };
	const struct csv_record *header;
	char err[2048];
	char *out_path = NULL;
	bool *skip = NULL;
	int status, rc;

	run.file = strcmp(path, "-") == 0 ? "<stdin>" : path;
	if (csv_reader_open(&run.reader, path, &ropt) < 0) {
		struct msg_pos pos = { run.file, 0, 0 };
		msg_error(&pos, "%s", run.reader.error);
		csv_reader_close(&run.reader);
		return EXIT_INPUT;
	}
	report_reading(&run.reader, run.file);
	rc = csv_reader_next(&run.reader, &header);
	if (rc <= 0) {
		struct msg_pos pos = { run.file, 0, 0 };
		msg_error(&pos, "%s", rc < 0 ? run.reader.error
		          : "the file is empty: there is no header line naming the columns");
		csv_reader_close(&run.reader);
		return EXIT_INPUT;
	}
	if (header->error) {
		struct msg_pos pos = { run.file, header->error_line ? header->error_line : header->line,
		                       header->error_col };
		msg_error(&pos, "the header line cannot be read: %s", header->error);
		csv_reader_close(&run.reader);
		return EXIT_INPUT;
	}
	skip = results_outcome_columns(header);
	{
		struct mapping_request req = {
			.profiles = profiles, .forced = forced, .overrides = cfg->maps,
			.noverrides = cfg->nmaps, .skip_col = skip, .file = run.file,
		};
		if (mapping_build(&run.map, &req, header, err, sizeof err) < 0) {
			struct msg_pos pos = { run.file, header->line, 0 };
			msg_error(&pos, "%s", err);
			free(skip);
			csv_reader_close(&run.reader);
			return EXIT_INPUT;
		}
	}
	free(skip);
	if (cfg->verbose)
		report_mapping(&run.map, header, run.file);
	out_path = cfg->output ? strdup(cfg->output)
	         : strcmp(path, "-") == 0 ? strdup("-") : default_results_path(path);
	if (!out_path || results_open(&run.results, out_path, cfg->errors, &wopt, header, err, sizeof err) < 0) {
		struct msg_pos none = { 0 };
		msg_error(&none, "%s", out_path ? err : "out of memory");
		free(out_path);
		csv_reader_close(&run.reader);
		return EXIT_OUTPUT;
	}
	row_checker_init(&run.checker, &run.map, header->nfields);
	progress_start(&run.progress, cfg->quiet ? 0 : cfg->progress, run.file);
	status = check_rows(&run);
	report_fallback(&run.reader, run.file);
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
	csv_reader_close(&run.reader);
	free(out_path);
	return status;
}

int cmd_check(const struct config *cfg)
{
	struct profile_set profiles;
	const struct profile *forced = NULL;
	char err[1024];
	int status = EXIT_OK;

	if (profiles_load(&profiles, profiles_dir(), err, sizeof err) < 0) {
		struct msg_pos none = { 0 };
		msg_error(&none, "%s", err);
		profiles_free(&profiles);
		return EXIT_CONFIG;
	}
	if (cfg->format && !(forced = profiles_find(&profiles, cfg->format))) {
		struct msg_pos none = { 0 };
		char names[512] = "";
		for (size_t i = 0; i < profiles.n; i++)
			snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s",
			         i ? ", " : "", profiles.v[i].name);
		msg_error(&none, "--format %s: no such profile; the profiles are %s", cfg->format, names);
		profiles_free(&profiles);
		return EXIT_USAGE;
	}
	for (size_t i = 0; i < cfg->nfiles; i++)
		status = exit_code_worst(status, check_file(cfg, &profiles, forced, cfg->files[i]));
	profiles_free(&profiles);
	return status;
}
