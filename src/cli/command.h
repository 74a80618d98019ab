/* cli/command.h - what a command file gives the command line: its name,
 * its lines in `apollo-csv --help`, its --help text, the options it takes
 * and what they must say together, and the function that runs it.
 *
 * Each command file (src/commands/NAME.c) defines one `const struct
 * command`; cli/commands.c lists them. The options every command shares
 * (reading, writing, talking to Apollo, messages, the sequence) are
 * defined once in cli/options.c and named here; an option only one
 * command takes is defined in that command's file. */
#ifndef APOLLO_CLI_COMMAND_H
#define APOLLO_CLI_COMMAND_H

#include <stdbool.h>

#include "cli/command_line.h"

struct cli_option {
	const char *name;              /* the long form, without "--" */
	char letter;                   /* the short form ('o', 'q', 'v'), or 0 */
	bool takes_value;
	/* EXIT_OK, or EXIT_USAGE after printing why (cli_usage_error) */
	int (*set)(struct config *cfg, char *value);
	/* the values it takes, for the shell's completion (src/cli/
	 * make_completion.c): words separated by commas or spaces, each one
	 * `set` accepts (tests/unit/test_cli holds them to it); "@formats":
	 * the mapping profiles' names; NULL: anything (a file name is offered) */
	const char *words;
};

struct command {
	const char *name;
	enum command_id id;
	const char *overview;          /* its lines under "Commands:" in --help */
	const char *help;              /* COMMAND --help */
	const struct cli_option *const *options;   /* NULL-terminated */
	const char *words;             /* what its first argument may be, for completion
	                                * (export: sequences contacts); NULL: file names */
	bool words_repeat;             /* every argument is one of the words (doctor's
	                                * commands), not the first alone */
	/* what the options and FILEs must say together, once all are read;
	 * EXIT_OK or EXIT_USAGE after printing why */
	int (*check)(struct config *cfg);
	int (*run)(const struct config *cfg);
};

/* the commands, in the order --help lists them (cli/commands.c) */
extern const struct command *const cli_commands[];
const struct command *cli_command_find(const char *name);

/* "apollo-csv: <fmt with arg>" and the pointer to --help; EXIT_USAGE */
int cli_usage_error(const char *fmt, const char *arg);

/* EXIT_OK when v can be a sequence's id (--sequence-id), else EXIT_USAGE
 * after saying a name goes with --sequence */
int cli_check_sequence_id(const char *v);

/* value parsers for option setters: false if the value is not one */
bool cli_parse_long(const char *s, long lo, long hi, long *out);
bool cli_parse_duration(const char *s, long *out);     /* "90", "90s", "15m", "2h" */
bool cli_push(const char ***list, size_t *n, const char *v);
bool cli_parse_size(const char *s, size_t *out);             /* "100M", "512K", "1048576" */

/* what several commands' options must say together (cli/option_checks.c);
 * each returns EXIT_OK or EXIT_USAGE after printing why, the message
 * starting with the command's name */
int cli_check_files(struct config *cfg, const char *cmd);      /* FILEs, -o, --errors, one stdout */
int cli_check_resume(struct config *cfg, const char *cmd);     /* --resume's FILE and results */
int cli_check_one_file(struct config *cfg, const char *cmd);   /* exactly one FILE */
int cli_need_sequence(struct config *cfg, const char *cmd);    /* --sequence given */
int cli_need_mailbox(struct config *cfg, const char *cmd);     /* --from with --sequence */
int cli_check_report(struct config *cfg, const char *cmd);     /* --report with --sequence */
int cli_check_start(struct config *cfg, const char *cmd);      /* --paused-until, --start-at, --timezone */

/* the options several commands take (cli/options.c) */
extern const struct cli_option opt_format, opt_map, opt_encoding, opt_delimiter, opt_max_field_size,
	opt_sheet;
extern const struct cli_option opt_output, opt_errors, opt_excel, opt_raw, opt_force;
extern const struct cli_option opt_quiet, opt_verbose, opt_progress, opt_no_progress, opt_json,
	opt_summary;
extern const struct cli_option opt_api_key_file, opt_jobs, opt_retries, opt_timeout, opt_backoff,
	opt_max_wait;
extern const struct cli_option opt_resume, opt_label, opt_owner, opt_stage, opt_pipeline, opt_max_credits;
extern const struct cli_option opt_sequence, opt_sequence_id, opt_from, opt_user, opt_allow_inactive, opt_policy,
	opt_allow, opt_paused_until, opt_timezone, opt_enroll_chunk, opt_report, opt_rates, opt_wait;
extern const struct cli_option opt_type, opt_due, opt_priority, opt_status, opt_note;
extern const struct cli_option opt_date_format, opt_decimal_comma, opt_settle;
extern const struct cli_option opt_strict_fields;

/* groups of them, as command option lists take them */
#define OPTIONS_READING_FILE &opt_encoding, &opt_delimiter, &opt_max_field_size, &opt_sheet
#define OPTIONS_WRITING &opt_output, &opt_errors, &opt_excel, &opt_raw, &opt_force
#define OPTIONS_MESSAGES &opt_quiet, &opt_verbose, &opt_progress, &opt_no_progress, OPTIONS_SCRIPTS
#define OPTIONS_SCRIPTS &opt_json, &opt_summary
#define OPTIONS_TALKING &opt_api_key_file, &opt_jobs, &opt_retries, &opt_timeout, &opt_backoff, \
	&opt_max_wait
#define OPTIONS_ENROLLING &opt_from, &opt_user, &opt_allow_inactive, &opt_policy, &opt_allow, \
	&opt_paused_until, &opt_enroll_chunk, &opt_report, &opt_rates, &opt_wait
#define OPTIONS_TASK_VALUES &opt_type, &opt_due, &opt_priority, &opt_status, &opt_note

/* help text blocks several commands' --help share */
/* the run's summary, which every command that does a run writes */
#define FOR_SCRIPTS \
"For scripts:\n" \
"      --json              the run's summary as one JSON object on standard\n" \
"                          output, last, whatever the exit status\n" \
"      --summary FILE      the same object written to FILE (replaced each run)\n"

/* the options every command that talks to Apollo takes */
#define TALKING_TO_APOLLO \
"Talking to Apollo:\n" \
"      --api-key-file FILE the API key, from a file only you can read\n" \
"                          (default: APOLLO_API_KEY, or api_key in\n" \
"                          ~/.config/apollo-csv/config)\n" \
"      --jobs N            requests in flight at once (default 4)\n" \
"      --retries N         retries after a 5xx, a dropped connection, a timeout\n" \
"                          or a reply that is not JSON (default 6)\n" \
"      --backoff MS        first retry delay; doubles each retry (default 500)\n" \
"      --timeout DURATION  longest wait for one reply (default 60s)\n" \
"      --max-wait DURATION longest wait for a spent rate window before\n" \
"                          stopping with the rest unprocessed (default 15m)\n"

/* the writing, talking and message options of tasks and deals, which make
 * one record a row and keep a journal */
#define RECORDS_WRITING_AND_TALKING \
"Writing:\n" \
"  -o, --output FILE       results file (default FILE.results.csv)\n" \
"                          (a name ending .xlsx: an Excel workbook)\n" \
"      --resume            go on after an interrupted or stopped run: the rows\n" \
"                          it finished are kept and not sent again\n" \
"      --errors FILE       also write the rows that need attention to FILE\n" \
"      --excel, --raw, --force, --encoding, --delimiter, --max-field-size,\n" \
"      --sheet\n" \
"\n" \
TALKING_TO_APOLLO \
"      --settle DURATION   after a request whose answer was lost (or a kill),\n" \
"                          wait this long at least before looking whether\n" \
"                          Apollo made its record, so that none is made\n" \
"                          twice (default 5s; longer when replies are slow)\n" \
"\n" \
"Messages: -q, --quiet; -v, --verbose; --progress; --no-progress.\n" \
"\n" \
FOR_SCRIPTS \
"\n"

#endif
