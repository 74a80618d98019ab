/* commands/check.c - `apollo-csv check`: read, map, validate and dedupe each
 * file and write its results file, with no network use. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/command.h"
#include "commands/check.h"
#include "common/exit_codes.h"
#include "common/msg.h"
#include "common/progress.h"
#include "files/csv_reader.h"
#include "files/output_target.h"
#include "files/readahead.h"
#include "files/row_count.h"
#include "rows/custom_values.h"
#include "rows/mapping.h"
#include "rows/profiles.h"
#include "rows/prospect_file.h"
#include "rows/results.h"
#include "rows/row_check.h"
#include "values/sheet_values.h"

struct check_run {
	const struct config *cfg;
	const struct profile_set *profiles;
	const char *file;
	struct column_map map;
	struct results results;
	struct row_checker checker;
	struct progress progress;
	unsigned long messages;
	bool contact_ids, account_ids;   /* a ready row held an Apollo id */
	struct custom_row custom;        /* the row's custom-field cells */
	struct dynbuf reason;
};

/* a ready row's custom cells as import would send them: a value that does
 * not fit is the row's problem, named in its _reason, and (with
 * --strict-fields) makes it invalid */
static void check_custom(struct check_run *run, const struct csv_record *rec, struct row_result *res)
{
	const struct cf_reading how = { run->cfg->date_order, run->cfg->decimal_comma };

	if (!custom_columns(&run->map))
		return;
	custom_row_read(&run->custom, &run->map, rec, &how, false);
	if (!run->custom.nbad)
		return;
	for (size_t i = 0; i < run->custom.nbad; i++) {
		struct msg_pos pos = { run->file, rec->line, run->custom.bad[i].col + 1 };
		if (run->messages++ < run->cfg->max_messages)
			msg_error(&pos, "%s", run->custom.bad[i].text);
	}
	dynbuf_reset(&run->reason);
	if (res->reason)
		dynbuf_add(&run->reason, res->reason, strlen(res->reason));
	if (run->reason.len)
		dynbuf_add(&run->reason, "; ", 2);
	dynbuf_add(&run->reason, run->custom.reason.data, run->custom.reason.len);
	if (!run->cfg->strict_fields)
		dynbuf_add(&run->reason, " (the contact would be sent without it)", 39);
	res->reason = dynbuf_cstr(&run->reason);
	res->needs_attention = true;
	if (run->cfg->strict_fields)
		res->status = ST_INVALID;
}

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
			res.reason = problem.reason;
			run->contact_ids = run->contact_ids || *contact_get(&run->checker.contact, F_CONTACT_ID);
			run->account_ids = run->account_ids || *contact_get(&run->checker.contact, F_ACCOUNT_ID);
			check_custom(run, rec, &res);
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
		if (rec->number % 256 == 0 && run->progress.on) {
			unsigned long long read;
			double fraction;
			readahead_position(&ra, &read, &fraction);
			progress_estimate(&run->progress, read, fraction);
		}
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

/* the snapshot --fields named, read once for every file */
static int snapshot_fields(void *ctx, const struct custom_fields **set)
{
	*set = ctx;
	return EXIT_OK;
}

static int check_file(const struct config *cfg, const struct profile_set *profiles,
                      const struct profile *forced, const struct custom_fields *fields, const char *path)
{
	struct check_run run = { .cfg = cfg, .profiles = profiles };
	struct custom_source src = {
		.get = fields ? snapshot_fields : NULL, .ctx = (void *)fields, .modality = CF_CONTACT,
		.missing = "--fields FILE (the snapshot `apollo-csv fields -o FILE` writes)",
	};
	struct prospect_file pf;
	struct csv_writer_options wopt = { .excel = cfg->excel, .raw = cfg->raw, .force = cfg->force };
	char err[2048];
	char *out_path = NULL;
	long long records;
	int status;

	if ((status = prospects_open_custom(&pf, cfg, profiles, forced, path, &src)) != EXIT_OK)
		return status;
	run.file = pf.name;
	custom_row_init(&run.custom);
	dynbuf_init(&run.reason, 1 << 20);
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
	progress_start(&run.progress, config_progress_mode(cfg), run.file);
	if (run.progress.on && (records = row_count_data(path, pf.reader.preamble_lines)) >= 0)
		progress_total(&run.progress, (unsigned long long)records, false);
	status = check_rows(&run, &pf.reader);
	prospects_report_fallback(&pf);
	prospects_warn_exported_ids(&pf, run.contact_ids, run.account_ids);
	if (results_commit(&run.results, err, sizeof err) < 0) {
		struct msg_pos none = { 0 };
		msg_error(&none, "%s", err);
		status = EXIT_OUTPUT;
	} else {
		/* a link was followed: the summary names the file written */
		char *target = output_kind(out_path) == OUTPUT_FILE ? output_file_path(out_path) : NULL;
		summary(&run, target ? target : out_path);
		free(target);
		if (run.results.attention)
			status = exit_code_worst(status, EXIT_ATTENTION);
	}
	row_checker_free(&run.checker);
	custom_row_free(&run.custom);
	dynbuf_free(&run.reason);
	prospects_close(&pf);
	free(out_path);
	return status;
}

/* --fields FILE: the team's fields as `apollo-csv fields -o FILE` saved them */
static int load_snapshot(const char *path, struct custom_fields *set)
{
	struct msg_pos pos = { path, 0, 0 };
	FILE *f = fopen(path, "rb");
	struct dynbuf text;
	char buf[8192], err[600];
	cJSON *json;
	size_t n;
	int rc = 0;

	if (!f) {
		msg_error(&pos, "cannot read the --fields snapshot: %s", strerror(errno));
		return EXIT_INPUT;
	}
	dynbuf_init(&text, 64u << 20);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		if (!dynbuf_add(&text, buf, n)) {
			rc = -1;
			break;
		}
	fclose(f);
	json = rc == 0 ? cJSON_Parse(dynbuf_cstr(&text)) : NULL;
	dynbuf_free(&text);
	if (!json) {
		msg_error(&pos, "%s", rc ? "the --fields snapshot is too large"
		          : "the --fields snapshot is not JSON (write it with apollo-csv fields -o FILE)");
		return EXIT_INPUT;
	}
	rc = custom_fields_from_json(set, json, err, sizeof err);
	cJSON_Delete(json);
	if (rc < 0) {
		msg_error(&pos, "the --fields snapshot cannot be read: %s", err);
		return EXIT_INPUT;
	}
	return EXIT_OK;
}

int cmd_check(const struct config *cfg)
{
	struct profile_set profiles;
	const struct profile *forced = NULL;
	struct custom_fields fields = { NULL, 0 };
	int status = prospects_load_profiles(cfg, &profiles, &forced);

	if (status != EXIT_OK)
		return status;
	if (cfg->fields_file && (status = load_snapshot(cfg->fields_file, &fields)) != EXIT_OK) {
		profiles_free(&profiles);
		return status;
	}
	for (size_t i = 0; i < cfg->nfiles; i++)
		status = exit_code_worst(status, check_file(cfg, &profiles, forced,
		                                            cfg->fields_file ? &fields : NULL, cfg->files[i]));
	custom_fields_free(&fields);
	profiles_free(&profiles);
	return status;
}

/* ---- the command line: --help, options, what they must say together ---- */

static const char help[] =
"Usage: apollo-csv check [OPTIONS] FILE...\n"
"\n"
"Read prospect files (.csv, .csv.gz, .xlsx workbooks, or - for standard\n"
"input), map their columns to Apollo fields, validate and dedupe every row,\n"
"and write the results file exactly as an import would, without any network\n"
"use.\n"
"\n"
"Each row of FILE gets one row in FILE.results.csv (\"leads.csv\" and\n"
"\"leads.csv.gz\" give \"leads.results.csv\", \"leads.xlsx\" gives the\n"
"workbook \"leads.results.xlsx\"): all its columns as read, then\n"
"_row, _line, _status, _reason and the (empty) Apollo columns. _status is\n"
"  ready      valid: an import would send it\n"
"  duplicate  the same email (or name + company) as an earlier row, named\n"
"             in _reason\n"
"  invalid    cannot become a contact; _reason says why\n"
"\n"
"Before the rows, the mapping is shown on stderr: the profile and why it\n"
"was chosen, one line a column read (\"Email -> email\"; \"not sent\" when\n"
"import never sends the field) and the columns not sent. An id column of\n"
"another system is never read as an Apollo id (24 hex digits): such a\n"
"cell is left out and _reason says so. Apollo ids from an export get one\n"
"warning: they cannot be checked offline.\n"
"\n"
"Reading:\n"
"      --format NAME       mapping profile: apollo, hubspot, salesforce,\n"
"                          linkedin, generic (default: chosen from the header)\n"
"      --map FIELD=HEADER  read FIELD from the column named HEADER (repeatable);\n"
"                          FIELD= reads it from no column. Fields: first_name,\n"
"                          last_name, name, email, title, organization_name,\n"
"                          website_url, phone, ... (see apollo-csv(1)); or a\n"
"                          custom field's label or id (with --fields)\n"
"      --encoding ENC      utf-8, utf-16le, utf-16be, windows-1252 or latin-1\n"
"                          (default: detected)\n"
"      --delimiter C       , ; tab or | (default: detected)\n"
"      --max-field-size N  longest cell accepted, e.g. 1M or 512K (default 1M)\n"
"      --sheet NAME|N      the sheet of an .xlsx workbook to read, by name or\n"
"                          number (default: the first visible sheet)\n"
"\n"
"Custom fields:\n"
"      --fields FILE       the team's custom fields, as apollo-csv fields -o FILE\n"
"                          saved them: a column whose header is a field's label\n"
"                          (or that --map LABEL=HEADER names) is checked as\n"
"                          import would convert it (picklist labels, dates,\n"
"                          numbers, yes/no, text length); a value that does not\n"
"                          fit is a row problem naming the column, the field,\n"
"                          the value and what would fit (exit status 1)\n"
"      --strict-fields     such a row is invalid (import would not send it),\n"
"                          rather than ready without that value\n"
"      --date-format dmy|mdy|ymd  how to read a date such as 03/04/2026\n"
"                          (default: refused when it reads two ways)\n"
"      --decimal-comma     numbers are written 1.234,5 (tried first)\n"
"\n"
"Writing:\n"
"  -o, --output FILE       results file (one input only; - for standard output)\n"
"                          (a name ending .xlsx: an Excel workbook; a device\n"
"                          or FIFO is written in place, a link is followed)\n"
"      --errors FILE       also write the rows that need attention to FILE,\n"
"                          ready to fix in a spreadsheet and check again\n"
"                          (- if the results are not on standard output)\n"
"      --excel             for Excel: UTF-8 BOM and CRLF line ends\n"
"      --raw               cells exactly as they are, formulas too, for a\n"
"                          program to read (by default a cell starting with\n"
"                          = + - @ gets an apostrophe, so that no spreadsheet\n"
"                          runs it; apollo-csv reads it back without it)\n"
"      --force             replace existing output files\n"
"\n"
"Messages:\n"
"  -q, --quiet             only errors and warnings (no mapping, no summary)\n"
"  -v, --verbose           every row problem (default: the first 20 a file),\n"
"                          and the column numbers in the mapping\n"
"      --progress          show the progress bar: N of TOTAL rows, the stage,\n"
"                          the time left, and until when a rate limit waits\n"
"                          (default: when stderr is a terminal)\n"
"      --no-progress       never show progress\n"
"  -h, --help              show this help\n"
"\n"
FOR_SCRIPTS
"\n"
"Exit status: 0 all rows ready; 1 some rows are invalid; 2 bad command line;\n"
"3 a file cannot be read; 6 a result file cannot be written.\n";

static int set_fields_file(struct config *cfg, char *v) { cfg->fields_file = v; return EXIT_OK; }
static const struct cli_option opt_fields_file = { "fields", 0, true, set_fields_file, NULL };

static const struct cli_option *const options[] = {
	&opt_format, &opt_map, OPTIONS_READING_FILE, OPTIONS_WRITING, OPTIONS_MESSAGES, &opt_fields_file,
	&opt_strict_fields, &opt_date_format, &opt_decimal_comma, NULL
};

static int check(struct config *cfg)
{
	if (cfg->nfiles == 0)
		return cli_usage_error("%s", "check: name at least one FILE (or - for standard input)");
	return cli_check_files(cfg, "check");
}

const struct command check_command = {
	.name = "check", .id = CMD_CHECK, .help = help, .options = options, .check = check, .run = cmd_check,
	.overview = "  check FILE...   read, map, validate and dedupe prospect files and write\n"
	            "                  the results file an import would write; no network use\n"
};
