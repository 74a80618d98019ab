/* cli/command_line.h - the whole command line, parsed and checked into one
 * struct before any file is opened (cli/parse.c). Commands read it; the
 * row helpers that open a run's files (rows/prospect_file.h,
 * rows/results_journal.h) read its reading and writing settings. */
#ifndef APOLLO_CLI_COMMAND_LINE_H
#define APOLLO_CLI_COMMAND_LINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "files/input.h"
#include "rows/mapping.h"

enum command_id {
	CMD_NONE,
	CMD_HELP,
	CMD_VERSION,
	CMD_CHECK,
	CMD_IMPORT,
	CMD_ENROLL,
	CMD_UNENROLL,
	CMD_EXPORT,
	CMD_UPDATE,
	CMD_TASKS,
	CMD_DEALS,
	CMD_PROSPECT,
	CMD_DOCTOR,
	CMD_FIELDS,
	CMD_ACCOUNTS,
	CMD_SERVE,
};

struct config {
	enum command_id command;
	const char *help_topic;        /* help COMMAND */
	char **files;
	size_t nfiles;

	/* reading */
	const char *format;            /* profile name, or NULL to choose */
	struct map_override *maps;
	size_t nmaps;
	enum encoding encoding;
	const char *sheet;             /* --sheet: a workbook's sheet, by name or number */
	char delimiter;                /* 0: detect */
	size_t max_field;

	/* writing */
	const char *output;            /* -o */
	const char *errors;            /* --errors */
	bool force;
	bool excel;                    /* --excel: BOM and CRLF */
	bool raw;                      /* --raw: formula-like cells unguarded */

	/* Apollo (import, enroll, unenroll) */
	const char *api_key_file;
	int jobs;                      /* requests in flight */
	int retries;
	long timeout_ms;
	double settle;                 /* --settle, seconds */
	long backoff_ms;
	long max_wait;                 /* seconds */
	bool resume;

	/* import */
	bool update_existing;          /* --existing update */
	const char **labels;           /* import: lists to add to; enroll: lists to enrol */
	size_t nlabels;
	const char *owner;
	bool accounts;
	bool enrich;                   /* --enrich */
	long max_credits;              /* --max-credits, -1: no limit */

	/* sequence */
	const char *sequence;          /* --sequence NAME|ID, or --sequence-id ID */
	bool sequence_by_id;           /* it came with --sequence-id: an id only */
	const char **mailboxes;
	size_t nmailboxes;
	const char *user;
	bool allow_inactive;
	unsigned allow;                /* enum api_allow bits */
	const char *paused_until;      /* as given; checked by cli */
	long long paused_until_t;      /* seconds since the epoch, 0: none */
	int start_at;                  /* minute of the day, -1: none */
	const char *timezone;          /* --start-at for rows without a zone; tasks: due
	                                * times without an offset */
	size_t enroll_chunk;

	/* export */
	bool export_contacts;          /* export contacts (else sequences) */
	bool export_accounts;          /* export accounts */
	bool per_sequence;
	const char *query;             /* --query TEXT */
	const char *stage;             /* --stage NAME */
	const char *pipeline;          /* --pipeline NAME|ID: where --stage and stage
	                                * cells are looked up */

	/* export sequences; import --report */
	const char **sequences;        /* --sequence, repeatable, for export */
	size_t nsequences;
	bool active_only;
	int report_format;             /* --format: 0 csv, 1 json, 2 html */
	bool fraction_rates;           /* --rates fraction */
	long wait;                     /* --wait: seconds to wait out "loading" */
	const char *report;            /* import --report FILE */

	/* tasks: values for blank cells */
	const char *task_type;
	const char *task_due;
	const char *task_priority;
	const char *task_status;
	const char *task_note;
	/* tasks, deals */
	int date_order;                /* enum date_order: --date-format */
	/* deals */
	bool create_accounts;
	bool decimal_comma;

	/* prospect */
	const char **titles;           /* --title */
	size_t ntitles;
	const char **seniorities;      /* --seniority */
	size_t nseniorities;
	size_t per_company;            /* --per-company */
	const char *deal_name;         /* --deal NAME ({company} in it) */
	const char *deal_amount;       /* --amount */
	const char *closed_date;       /* --closed-date */

	/* custom fields */
	const char *fields_file;       /* check --fields: a snapshot of the team's fields */
	bool strict_fields;            /* --strict-fields: a custom value that does not
	                                * fit makes its row invalid */
	/* fields */
	const char *modality;          /* --modality: contact, account, opportunity; NULL: all */

	/* unenroll */
	const char *mode;              /* mark_as_finished, remove, stop */

	/* serve */
	long port;                     /* --port, 0: a free one */
	const char *listen;            /* --listen ADDR; NULL: 127.0.0.1 */
	bool no_open;                  /* --no-open */
	const char *serve_dir;         /* --dir */
	unsigned long long max_upload; /* --max-upload, bytes */

	/* talking */
	bool quiet;
	bool verbose;
	int progress;                  /* -1: when stderr is a terminal */
	unsigned long max_messages;    /* row problems printed per file */
	/* for scripts: the run's summary (common/run_summary.h) */
	bool json;                     /* --json: on standard output */
	const char *summary;           /* --summary FILE */
};

/* the outputs that go to standard output (config_on_stdout) */
enum {
	ON_STDOUT_OUTPUT = 1,          /* -o - */
	ON_STDOUT_STDIN_RESULTS = 2,   /* FILE - without -o: its results */
	ON_STDOUT_ERRORS = 4,          /* --errors - */
	ON_STDOUT_REPORT = 8           /* --report - */
};

/* Which outputs the command line sends to standard output: the one rule
 * for the joint checks (one output there at most, --json alone there)
 * and the progress display. */
static inline unsigned config_on_stdout(const struct config *cfg)
{
	unsigned on = 0;
	if (cfg->output && strcmp(cfg->output, "-") == 0)
		on |= ON_STDOUT_OUTPUT;
	else if (!cfg->output && cfg->command != CMD_EXPORT && cfg->nfiles && strcmp(cfg->files[0], "-") == 0)
		on |= ON_STDOUT_STDIN_RESULTS;
	if (cfg->errors && strcmp(cfg->errors, "-") == 0)
		on |= ON_STDOUT_ERRORS;
	if (cfg->report && strcmp(cfg->report, "-") == 0)
		on |= ON_STDOUT_REPORT;
	return on;
}

/* The progress display's mode (common/progress.h): off with -q; and by
 * default off when results go to standard output on a terminal, where the
 * display would be drawn over them. */
static inline int config_progress_mode(const struct config *cfg)
{
	if (cfg->quiet)
		return 0;
	if (cfg->progress < 0 && config_on_stdout(cfg) && isatty(STDOUT_FILENO))
		return 0;
	return cfg->progress;
}

#endif
