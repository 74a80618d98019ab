/* cli/parse.c - argv into a struct config: the command is found in the
 * registry (cli/commands.c), its options (its own list, cli/command.h)
 * are read with getopt_long, then the command's check says whether they
 * go together. Nothing here opens a file. */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "common/exit_codes.h"
#include "files/csv_reader.h"

/* long options get ids past every letter */
#define LONG_ID 256

static size_t count_options(const struct command *cmd)
{
	size_t n = 0;
	while (cmd->options[n])
		n++;
	return n;
}

/* the option getopt_long returned as c: a letter, or LONG_ID + its index */
static const struct cli_option *option_of(const struct command *cmd, int c)
{
	if (c >= LONG_ID)
		return cmd->options[c - LONG_ID];
	for (size_t i = 0; cmd->options[i]; i++)
		if (cmd->options[i]->letter == c)
			return cmd->options[i];
	return NULL;
}

static int read_options(int argc, char **argv, struct config *cfg, const struct command *cmd)
{
	size_t n = count_options(cmd);
	struct option *opts = calloc(n + 2, sizeof *opts);
	char shorts[2 * 16 + 3] = ":";
	size_t ns = 1;
	int c, rc = EXIT_OK;
	char text[600];

	if (!opts)
		return cli_usage_error("%s", "out of memory");
	for (size_t i = 0; i < n; i++) {
		const struct cli_option *o = cmd->options[i];
		opts[i].name = o->name;
		opts[i].has_arg = o->takes_value ? required_argument : no_argument;
		opts[i].val = o->letter ? o->letter : LONG_ID + (int)i;
		if (o->letter && ns + 3 < sizeof shorts) {
			shorts[ns++] = o->letter;
			if (o->takes_value)
				shorts[ns++] = ':';
		}
	}
	opts[n].name = "help";
	opts[n].has_arg = no_argument;
	opts[n].val = 'h';
	shorts[ns++] = 'h';
	shorts[ns] = '\0';

	optind = 1;
	opterr = 0;
	while (rc == EXIT_OK && (c = getopt_long(argc, argv, shorts, opts, NULL)) != -1) {
		const struct cli_option *o;
		if (c == 'h') {
			cfg->help_topic = cmd->name;
			cfg->command = CMD_HELP;
			break;
		}
		if (c == ':') {
			snprintf(text, sizeof text, "%s: option %s needs a value", cmd->name, argv[optind - 1]);
			rc = cli_usage_error("%s", text);
		} else if (c == '?' && optopt > 0 && optopt < LONG_ID) {
			/* a short one may sit inside "-qx": name it alone */
			snprintf(text, sizeof text, "%s: unknown option -%c", cmd->name, optopt);
			rc = cli_usage_error("%s", text);
		} else if (c == '?' || !(o = option_of(cmd, c))) {
			snprintf(text, sizeof text, "%s: unknown option %s", cmd->name, argv[optind - 1]);
			rc = cli_usage_error("%s", text);
		} else {
			rc = o->set(cfg, optarg);
		}
	}
	free(opts);
	return rc;
}

/* the output that would go to standard output, in the words of the
 * command line, or NULL: --json needs standard output to itself */
static const char *stdout_taken_by(const struct config *cfg)
{
	unsigned on = config_on_stdout(cfg);
	if (on & ON_STDOUT_OUTPUT)
		return "-o -";
	if (on & ON_STDOUT_ERRORS)
		return "--errors -";
	if (on & ON_STDOUT_REPORT)
		return "--report -";
	/* standard input's results go to standard output unless -o names a file */
	if (on & ON_STDOUT_STDIN_RESULTS)
		return "the results of standard input (FILE -, no -o)";
	return NULL;
}

/* --json needs standard output to itself; --summary FILE replaces FILE,
 * so it must not name the run's own files */
static int check_summary_options(const struct config *cfg, const struct command *cmd)
{
	const char *taken;
	char text[600];

	if (cfg->summary) {
		const char *mine[] = { cfg->output, cfg->errors, cfg->report };
		bool clash = strcmp(cfg->summary, "-") == 0;
		for (size_t i = 0; i < cfg->nfiles; i++)
			clash = clash || strcmp(cfg->summary, cfg->files[i]) == 0;
		for (size_t i = 0; i < sizeof mine / sizeof *mine; i++)
			clash = clash || (mine[i] && strcmp(cfg->summary, mine[i]) == 0);
		if (clash) {
			snprintf(text, sizeof text, "%s: --summary %s names %s; give the summary a file of its own",
			         cmd->name, cfg->summary,
			         strcmp(cfg->summary, "-") == 0 ? "standard output (that is --json)"
			                                        : "another of the run's files");
			return cli_usage_error("%s", text);
		}
	}
	if (cfg->json && (taken = stdout_taken_by(cfg))) {
		snprintf(text, sizeof text, "%s: --json and %s both write to standard output; give %s",
		         cmd->name, taken, "the other output a file name (or use --summary FILE)");
		return cli_usage_error("%s", text);
	}
	return EXIT_OK;
}

static int parse_command(int argc, char **argv, struct config *cfg, const struct command *cmd)
{
	int rc;
	char text[600];

	cfg->command = cmd->id;
	if ((rc = read_options(argc, argv, cfg, cmd)) != EXIT_OK || cfg->command == CMD_HELP)
		return rc;
	cfg->files = argv + optind;
	cfg->nfiles = (size_t)(argc - optind);
	if (cmd->check && (rc = cmd->check(cfg)) != EXIT_OK)
		return rc;
	if (cfg->quiet && cfg->verbose) {
		snprintf(text, sizeof text, "%s: --quiet and --verbose do not go together", cmd->name);
		return cli_usage_error("%s", text);
	}
	if (cfg->verbose)
		cfg->max_messages = (unsigned long)-1;
	if ((rc = check_summary_options(cfg, cmd)) != EXIT_OK)
		return rc;
	return EXIT_OK;
}

static void set_defaults(struct config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->progress = -1;
	cfg->max_field = CSV_DEFAULT_MAX_FIELD;
	cfg->max_messages = 20;
	cfg->jobs = 4;
	cfg->retries = 6;
	cfg->timeout_ms = 60000;
	cfg->settle = 5;
	cfg->backoff_ms = 500;
	cfg->max_wait = 15 * 60;
	cfg->start_at = -1;
	cfg->enroll_chunk = 100;
	cfg->max_credits = -1;
	cfg->per_company = 3;
}

int cli_parse(int argc, char **argv, struct config *cfg, const struct command **cmd)
{
	const char *name;

	set_defaults(cfg);
	*cmd = NULL;
	if (argc < 2) {
		cfg->command = CMD_HELP;
		return cli_usage_error("%s", "no command given");
	}
	name = argv[1];
	if (strcmp(name, "-h") == 0 || strcmp(name, "--help") == 0) {
		cfg->command = CMD_HELP;
		return EXIT_OK;
	}
	if (strcmp(name, "-V") == 0 || strcmp(name, "--version") == 0) {
		cfg->command = CMD_VERSION;
		return EXIT_OK;
	}
	if (strcmp(name, "help") == 0) {
		cfg->command = CMD_HELP;
		cfg->help_topic = argc > 2 ? argv[2] : NULL;
		return EXIT_OK;
	}
	if (!(*cmd = cli_command_find(name)))
		return cli_usage_error("unknown command \"%s\"", name);
	return parse_command(argc - 1, argv + 1, cfg, *cmd);
}

void cli_free(struct config *cfg)
{
	for (size_t i = 0; i < cfg->nmaps; i++)
		free((char *)cfg->maps[i].custom);
	free(cfg->maps);
	free(cfg->labels);
	free(cfg->mailboxes);
	free(cfg->sequences);
	free(cfg->titles);
	free(cfg->seniorities);
	cfg->titles = cfg->seniorities = NULL;
	cfg->sequences = NULL;
	cfg->maps = NULL;
	cfg->labels = cfg->mailboxes = NULL;
}
