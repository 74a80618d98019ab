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
 * status is one of common/exit_codes.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "common/exit_codes.h"
#include "common/interrupt.h"
#include "common/msg.h"

int main(int argc, char **argv)
{
	struct config cfg;
	const struct command *cmd;
	int status = cli_parse(argc, argv, &cfg, &cmd);

	if (status != EXIT_OK) {
		cli_free(&cfg);
		return status;
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
		/* a run stopped by a signal says so in its status, whatever its
		 * rows came to: the same command with --resume goes on */
		if (interrupted())
			status = interrupt_status();
	}
	cli_free(&cfg);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		struct msg_pos none = { 0 };
		msg_error(&none, "standard output: write error");
		status = exit_code_worst(status, EXIT_OUTPUT);
	}
	return status;
}
