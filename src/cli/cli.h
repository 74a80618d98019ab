/* cli/cli.h - the whole command line, parsed and checked into one struct
 * before any file is opened. */
#ifndef APOLLO_CLI_H
#define APOLLO_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "files/input.h"
#include "rows/mapping.h"

enum command {
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
};

struct config {
	enum command command;
	const char *help_topic;        /* help COMMAND */
	char **files;
	size_t nfiles;

	/* reading */
	const char *format;            /* profile name, or NULL to choose */
	struct map_override *maps;
	size_t nmaps;
	enum encoding encoding;
	char delimiter;                /* 0: detect */
	size_t max_field;

	/* writing */
	const char *output;            /* -o */
	const char *errors;            /* --errors */
	bool force;
	bool excel;

	/* Apollo (import, enroll, unenroll) */
	const char *api_key_file;
	int jobs;                      /* requests in flight */
	int retries;
	long timeout_ms;
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
	const char *sequence;
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
	bool per_sequence;
	const char *query;             /* --query TEXT */
	const char *stage;             /* --stage NAME */

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

	/* unenroll */
	const char *mode;              /* mark_as_finished, remove, stop */

	/* talking */
	bool quiet;
	bool verbose;
	int progress;                  /* -1: when stderr is a terminal */
	unsigned long max_messages;    /* row problems printed per file */
};

/* EXIT_OK with cfg filled, or EXIT_USAGE after printing why. */
int cli_parse(int argc, char **argv, struct config *cfg);
void cli_free(struct config *cfg);
/* help for one command (or the overview for NULL); false if unknown */
bool cli_print_help(const char *command, FILE *out);
void cli_print_version(FILE *out);

#endif
