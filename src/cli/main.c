/* apollo-csv - move spreadsheets of prospects in and out of Apollo.io.
 *
 * Design: the whole command line is parsed into one struct config
 * (cli/parse.c, with the options each command lists in its file) before
 * any I/O; then the command's run function (src/commands/NAME.c) does the
 * work. A command streams its input through stages that know rows, never
 * HTTP: files/input.c (bytes: gzip, encodings) -> files/csv_reader.c
 * (records, with line numbers) -> rows/mapping.c (columns to Apollo fields,
 * clean-up) -> rows/row_check.c (validate, dedupe) -> rows/results.c (one
 * result row per input row, in input order, written via files/csv_writer.c
 * under a temporary name and renamed when complete). src/README draws the
 * layers and what each may include.
 * Three worker threads (common/bgjob.c) keep two cores busy: one
 * decompresses and decodes (files/input.c), one parses a batch of records
 * ahead (files/readahead.c), one writes (files/csv_writer.c); the stages
 * themselves stay single-threaded code.
 *
 * Invariants: every input row gets exactly one result row; bad input never
 * stops a run, it becomes an invalid row with a reason; every diagnostic
 * goes through common/msg.c as "apollo-csv: FILE:LINE:COL: message"; the exit
 * status is one of common/exit_codes.h; with --json or --summary FILE the
 * run's summary (common/run_summary.h) is written once, last, whatever
 * the status, even for a command line that could not be parsed. */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "apollo/skip_reasons.h"
#include "cli/cli.h"
#include "common/dynbuf.h"
#include "common/exit_codes.h"
#include "common/interrupt.h"
#include "common/msg.h"
#include "common/run_summary.h"
#include "files/output_target.h"
#include "files/xlsx_writer.h"
#include "rows/results.h"

/* Apollo's skip code in words, and the --allow that lets such a contact
 * in, for a workbook's About sheet */
static const char *skip_note(const char *code)
{
	static char buf[400];
	const struct skip_reason *sr = skip_reason_find(code);

	if (!sr)
		return NULL;
	if (sr->allow)
		snprintf(buf, sizeof buf, "Apollo skipped the contact: %s; --allow %s lets such contacts in",
		         sr->words, sr->allow);
	else
		snprintf(buf, sizeof buf, "Apollo skipped the contact: %s; no flag overrides it", sr->words);
	return buf;
}

/* argv as one line a shell would take back (the key is never an
 * argument: it comes from the environment or --api-key-file) */
static void command_line(struct dynbuf *b, int argc, char **argv)
{
	for (int i = 0; i < argc; i++) {
		const char *a = i == 0 ? "apollo-csv" : argv[i];
		if (i)
			dynbuf_addc(b, ' ');
		if (*a && !a[strcspn(a, " \t\n'\"\\$`!*?&;|<>()[]{}#~")]) {
			dynbuf_add(b, a, strlen(a));
			continue;
		}
		dynbuf_addc(b, '\'');
		for (; *a; a++) {
			if (*a == '\'')
				dynbuf_add(b, "'\\''", 4);
			else
				dynbuf_addc(b, *a);
		}
		dynbuf_addc(b, '\'');
	}
	dynbuf_addc(b, '\0');
}

/* the command that goes on after a stop: argv less --force, with --resume
 * (before a "--" that ends the options) */
static void resume_line(struct dynbuf *b, int argc, char **argv)
{
	static char resume_word[] = "--resume";
	char **words = calloc((size_t)argc + 2, sizeof *words);
	int n = 0, i;
	bool resume = false;

	if (!words)
		return;
	for (i = 0; i < argc && !(i && strcmp(argv[i], "--") == 0); i++) {
		if (i && strcmp(argv[i], "--force") == 0)
			continue;
		resume = resume || (i && strcmp(argv[i], "--resume") == 0);
		words[n++] = argv[i];
	}
	if (!resume)
		words[n++] = resume_word;
	for (; i < argc; i++)
		words[n++] = argv[i];
	command_line(b, n, words);
	free(words);
}

/* where the run's summary goes: --json, --summary FILE */
struct summary_to {
	bool json;
	const char *path;
};

/* A command line the parser refused still gets its summary: --json and
 * --summary FILE found the plain way (no abbreviations), up to "--". */
static struct summary_to scan_summary_options(int argc, char **argv)
{
	struct summary_to to = { 0 };
	int at = 0;

	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--json") == 0)
			to.json = true;
		else if (strcmp(argv[i], "--summary") == 0 && i + 1 < argc)
			to.path = argv[at = ++i];
		else if (strncmp(argv[i], "--summary=", 10) == 0) {
			to.path = argv[i] + 10;
			at = i;
		}
	}
	/* the parser's checks did not all run: a summary never replaces
	 * a file the command line names otherwise (an input, -o) */
	for (int i = 1; to.path && i < argc; i++)
		if ((i != at && strcmp(argv[i], to.path) == 0) || strcmp(to.path, "-") == 0)
			to.path = NULL;
	return to;
}

/* every word a results file's _status and _sequence_status may hold, at
 * 0: a script finds the same keys whatever the run came to */
static void start_summary(int argc, char **argv)
{
	static const char *const sequence_words[] = { "enrolled", "already_enrolled", "skipped", "failed" };

	run_summary_start(argc > 1 && cli_command_find(argv[1]) ? argv[1] : NULL);
	for (int s = 0; s < ST_COUNT; s++)
		run_summary_count(RS_STATUS, row_status_name((enum row_status)s), 0);
	for (size_t i = 0; i < sizeof sequence_words / sizeof *sequence_words; i++)
		run_summary_count(RS_SEQUENCE_STATUS, sequence_words[i], 0);
}

static bool takes_resume(const struct command *cmd)
{
	for (size_t i = 0; cmd && cmd->options[i]; i++)
		if (cmd->options[i] == &opt_resume)
			return true;
	return false;
}

/* whether the same command with --resume could go on: the command takes
 * it, reads a FILE again (not standard input) and writes a results file */
static bool can_resume(const struct command *cmd, const struct config *cfg)
{
	if (!takes_resume(cmd) || (cfg->nfiles && strcmp(cfg->files[0], "-") == 0))
		return false;
	return !cfg->output || output_kind(cfg->output) == OUTPUT_FILE;
}

/* whether path is the same file as a word of the command line (an input,
 * -o, --errors: in any spelling) or one the run wrote */
static bool summary_clashes(const char *path, int argc, char **argv)
{
	struct stat a, b;
	if (stat(path, &a) != 0 || !S_ISREG(a.st_mode))
		return false;
	for (int i = 1; i < argc; i++) {
		/* the --summary FILE words themselves */
		if (argv[i] == path || (strcmp(argv[i], path) == 0 && strncmp(argv[i - 1], "--su", 4) == 0))
			continue;
		if (stat(argv[i], &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
			return true;
	}
	return run_summary_wrote(path);
}

/* text into path: a device or FIFO in place, a file (a link followed)
 * under a temporary name renamed when whole; false after a message */
static bool write_summary_file(const char *path, const char *text, int argc, char **argv)
{
	struct msg_pos none = { 0 };
	char tmp[4096];
	char *real = NULL;
	FILE *f;
	bool ok, in_place = output_kind(path) == OUTPUT_IN_PLACE;

	if (summary_clashes(path, argc, argv)) {
		msg_error(&none, "%s: the summary is not written: this is one of the run's own files", path);
		return false;
	}
	if (!in_place && !(real = output_file_path(path))) {
		msg_error(&none, "%s: cannot write the summary: %s", path, strerror(errno ? errno : ENOMEM));
		return false;
	}
	snprintf(tmp, sizeof tmp, "%s.tmp-%ld", in_place ? path : real, (long)getpid());
	if (!(f = fopen(in_place ? path : tmp, "w"))) {
		msg_error(&none, "%s: cannot write the summary: %s", path, strerror(errno));
		free(real);
		return false;
	}
	ok = fputs(text, f) >= 0 && fputc('\n', f) != EOF;
	ok = (fclose(f) == 0) && ok;
	if (!ok || (!in_place && rename(tmp, real) != 0)) {
		msg_error(&none, "%s: cannot write the summary: %s", path, strerror(errno));
		if (!in_place)
			remove(tmp);
		free(real);
		return false;
	}
	free(real);
	return true;
}

/* The summary, with the final status (which a summary that cannot be
 * written makes 6); the status. */
static int write_summary(struct summary_to to, int status, bool resumable, int argc, char **argv)
{
	struct msg_pos none = { 0 };
	char *text;

	if (!to.json && !to.path)
		return status;
	if (interrupted()) {
		char why[64];
		snprintf(why, sizeof why, "stopped by %s", interrupt_name());
		run_summary_stop(why, true);
	}
	if (to.path) {
		if (!(text = run_summary_json(status, resumable)) || !write_summary_file(to.path, text, argc, argv))
			status = exit_code_worst(status, EXIT_OUTPUT);
		free(text);
	}
	if (to.json) {
		if (!(text = run_summary_json(status, resumable))) {
			msg_error(&none, "out of memory");
			return exit_code_worst(status, EXIT_INTERNAL);
		}
		if (puts(text) == EOF || fflush(stdout) != 0) {
			msg_error(&none, "standard output: write error");
			status = exit_code_worst(status, EXIT_OUTPUT);
		}
		free(text);
	}
	return status;
}

int main(int argc, char **argv)
{
	struct config cfg;
	const struct command *cmd;
	struct dynbuf line, again;
	bool resumable = false;
	int status;

	/* before parsing, which may put argv in another order */
	dynbuf_init(&line, 1u << 20);
	command_line(&line, argc, argv);
	dynbuf_init(&again, 1u << 20);
	resume_line(&again, argc, argv);
	interrupt_set_resume_command(again.data);
	xlsx_set_run(line.data, skip_note);
	start_summary(argc, argv);
	status = cli_parse(argc, argv, &cfg, &cmd);

	if (status != EXIT_OK) {
		cli_free(&cfg);
		dynbuf_free(&line);
		dynbuf_free(&again);
		return write_summary(scan_summary_options(argc, argv), status, false, argc, argv);
	}
	msg_set_quiet(cfg.quiet);
	if (cfg.command == CMD_HELP) {
		if (!cli_print_help(cfg.help_topic, stdout)) {
			struct msg_pos none = { 0 };
			msg_error(&none, "no help for \"%s\": it is not a command", cfg.help_topic);
			status = EXIT_USAGE;
		}
	} else if (cfg.command == CMD_VERSION) {
		cli_print_version(stdout);
	} else {
		/* check sends nothing: Ctrl-C keeps its default, an immediate stop */
		if (cfg.command != CMD_CHECK)
			interrupt_install();
		status = cmd->run(&cfg);
		resumable = can_resume(cmd, &cfg);
		/* a run stopped by a signal says so in its status, whatever its
		 * rows came to: the same command with --resume goes on */
		/* serve's Ctrl-C is its end, said and done */
		if (interrupted() && cfg.command != CMD_SERVE) {
			status = interrupt_status();
			if (!interrupt_said() && resumable) {
				interrupt_say_stopped(true, NULL);
			} else if (!interrupt_said()) {
				struct msg_pos none = { 0 };
				msg_error(&none, "stopped by %s before the end; run the same command again for the "
				          "whole of it", interrupt_name());
			}
		}
	}
	cli_free(&cfg);
	dynbuf_free(&line);
	interrupt_set_resume_command(NULL);
	dynbuf_free(&again);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		struct msg_pos none = { 0 };
		msg_error(&none, "standard output: write error");
		status = exit_code_worst(status, EXIT_OUTPUT);
	}
	/* help and --version are not runs: they have no summary */
	if (cmd && cfg.command != CMD_HELP)
		status = write_summary((struct summary_to){ cfg.json, cfg.summary }, status, resumable, argc, argv);
	return status;
}
