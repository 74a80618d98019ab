/* cli/option_checks.c - what the options and FILEs of several commands
 * must say together, checked once the whole command line is read. Each
 * command's own check (in its file) calls these in the order its messages
 * should come. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli/command.h"
#include "common/exit_codes.h"

/* "CMD: " then the rest, as one usage error */
static int say(const char *cmd, const char *rest)
{
	char text[700];
	snprintf(text, sizeof text, "%s: %s", cmd, rest);
	return cli_usage_error("%s", text);
}

/* Two outputs on standard output would run into one: only one may go
 * there. The results do for -o -, and for FILE - without -o. */
static int one_on_stdout(const struct config *cfg, const char *cmd)
{
	unsigned on = config_on_stdout(cfg);
	const char *names[3];
	size_t n = 0;
	char text[600];

	if (on & ON_STDOUT_OUTPUT)
		names[n++] = "-o -";
	else if (on & ON_STDOUT_STDIN_RESULTS)
		names[n++] = "the results (FILE - without -o)";
	if (on & ON_STDOUT_ERRORS)
		names[n++] = "--errors -";
	if (on & ON_STDOUT_REPORT)
		names[n++] = "--report -";
	if (n < 2)
		return EXIT_OK;
	snprintf(text, sizeof text, "%s and %s both write to standard output; only one output can go "
	         "there: give the other a file name", names[0], names[1]);
	return say(cmd, text);
}

int cli_check_files(struct config *cfg, const char *cmd)
{
	int rc;

	char text[600];
	for (size_t i = 0; i < cfg->nfiles; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(cfg->files[i], cfg->files[j]) == 0) {
				snprintf(text, sizeof text, "%s is named twice", cfg->files[i]);
				return say(cmd, text);
			}
	if (cfg->nfiles > 1 && cfg->output)
		return say(cmd, "-o takes one input FILE; without -o each FILE gets FILE.results.csv");
	if (cfg->nfiles > 1 && cfg->errors)
		return say(cmd, "--errors takes one input FILE");
	if ((rc = one_on_stdout(cfg, cmd)) != EXIT_OK)
		return rc;
	if (cfg->output && cfg->errors && strcmp(cfg->output, cfg->errors) == 0)
		return say(cmd, "-o and --errors name the same file");
	return EXIT_OK;
}

int cli_check_resume(struct config *cfg, const char *cmd)
{
	if (cfg->resume && cfg->nfiles == 1 && strcmp(cfg->files[0], "-") == 0)
		return say(cmd, "--resume needs the same FILE again, not standard input");
	if (cfg->resume && cfg->output && strcmp(cfg->output, "-") == 0)
		return say(cmd, "--resume reads the results file, so it cannot be standard output");
	return EXIT_OK;
}

int cli_check_one_file(struct config *cfg, const char *cmd)
{
	return cfg->nfiles == 1 ? EXIT_OK : say(cmd, "name one FILE (or - for standard input)");
}

int cli_need_sequence(struct config *cfg, const char *cmd)
{
	return cfg->sequence ? EXIT_OK : say(cmd, "--sequence NAME|ID (or --sequence-id ID) is required");
}

int cli_need_mailbox(struct config *cfg, const char *cmd)
{
	if (cfg->sequence && !cfg->nmailboxes)
		return say(cmd, "--from MAILBOX is required with --sequence (the address the sequence "
		           "sends from)");
	return EXIT_OK;
}

int cli_check_report(struct config *cfg, const char *cmd)
{
	if (cfg->report && !cfg->sequence)
		return say(cmd, "--report writes the numbers of the sequence enrolled into; it goes with "
		           "--sequence");
	return EXIT_OK;
}

int cli_check_start(struct config *cfg, const char *cmd)
{
	if (cfg->paused_until && cfg->start_at >= 0)
		return say(cmd, "--paused-until and --start-at do not go together");
	if (cfg->timezone && cfg->start_at < 0)
		return say(cmd, "--timezone goes with --start-at");
	return EXIT_OK;
}
