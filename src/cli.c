/* cli.c - command-line parsing and --help texts. Nothing here opens a
 * file: every option is checked before the work starts. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "csv_in.h"
#include "exit_codes.h"
#include "msg.h"

static const char overview[] =
"Usage: apollo-csv COMMAND [OPTIONS] [FILE...]\n"
"\n"
"Move spreadsheets of prospects in and out of Apollo.io.\n"
"\n"
"Commands:\n"
"  check FILE...   read, map, validate and dedupe prospect files and write\n"
"                  the results file an import would write; no network use\n"
"  help COMMAND    show the help of one command\n"
"\n"
"Options:\n"
"  -h, --help      show this help (or COMMAND --help for a command's)\n"
"  -V, --version   show the version\n"
"\n"
"Exit status:\n"
"  0  every row went through        4  configuration or authentication problem\n"
"  1  done; some rows need attention 5  the API gave up; the run can be resumed\n"
"  2  bad command line               6  a result file could not be written\n"
"  3  an input file is unreadable    7  internal error\n"
"\n"
"See apollo-csv(1) for the details.\n";

static const char check_help[] =
"Usage: apollo-csv check [OPTIONS] FILE...\n"
"\n"
"Read prospect files (.csv, .csv.gz or - for standard input), map their\n"
"columns to Apollo fields, validate and dedupe every row, and write the\n"
"results file exactly as an import would, without any network use.\n"
"\n"
"Each row of FILE gets one row in FILE.results.csv (\"leads.csv\" and\n"
"\"leads.csv.gz\" give \"leads.results.csv\"): all its columns as read, then\n"
"_row, _line, _status, _reason and the (empty) Apollo columns. _status is\n"
"  ready      valid: an import would send it\n"
"  duplicate  the same email (or name + company) as an earlier row, named\n"
"             in _reason\n"
"  invalid    cannot become a contact; _reason says why\n"
"\n"
"Reading:\n"
"      --format NAME       mapping profile: apollo, hubspot, salesforce,\n"
"                          linkedin, generic (default: chosen from the header)\n"
"      --map FIELD=HEADER  read FIELD from the column named HEADER (repeatable);\n"
"                          FIELD= reads it from no column. Fields: first_name,\n"
"                          last_name, name, email, title, organization_name,\n"
"                          website_url, phone, ... (see apollo-csv(1))\n"
"      --encoding ENC      utf-8, utf-16le, utf-16be, windows-1252 or latin-1\n"
"                          (default: detected)\n"
"      --delimiter C       , ; tab or | (default: detected)\n"
"      --max-field-size N  longest cell accepted, e.g. 1M or 512K (default 1M)\n"
"\n"
"Writing:\n"
"  -o, --output FILE       results file (one input only; - for standard output)\n"
"      --errors FILE       also write the rows that need attention to FILE,\n"
"                          ready to fix in a spreadsheet and check again\n"
"      --excel             for Excel: UTF-8 BOM, CRLF, and cells starting with\n"
"                          = + - @ written as text\n"
"      --force             replace existing output files\n"
"\n"
"Messages:\n"
"  -q, --quiet             only errors and warnings\n"
"  -v, --verbose           every row problem (default: the first 20 a file)\n"
"      --progress          show progress (default: when stderr is a terminal)\n"
"      --no-progress       never show progress\n"
"  -h, --help              show this help\n"
"\n"
"Exit status: 0 all rows ready; 1 some rows are invalid; 2 bad command line;\n"
"3 a file cannot be read; 6 a result file cannot be written.\n";

static const struct {
	const char *name;
	const char *help;
} commands[] = {
	{ "check", check_help },
};

bool cli_print_help(const char *command, FILE *out)
{
	if (!command) {
		fputs(overview, out);
		return true;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(commands[i].name, command) == 0) {
			fputs(commands[i].help, out);
			return true;
		}
	return false;
}

void cli_print_version(FILE *out)
{
	fprintf(out, "apollo-csv %s\n", PACKAGE_VERSION);
}

static int usage_error(const char *fmt, const char *arg)
{
	struct msg_pos none = { 0 };
	char text[1024];
	snprintf(text, sizeof text, fmt, arg);
	msg_error(&none, "%s", text);
	fprintf(stderr, "Try 'apollo-csv --help' or 'apollo-csv COMMAND --help'.\n");
	return EXIT_USAGE;
}

/* "1M", "512K", "2MiB", "1048576" */
static bool parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s)
		return false;
	if (*end) {
		unsigned long long mult;
		if (strcasecmp(end, "k") == 0 || strcasecmp(end, "kib") == 0 || strcasecmp(end, "kb") == 0)
			mult = 1024;
		else if (strcasecmp(end, "m") == 0 || strcasecmp(end, "mib") == 0 || strcasecmp(end, "mb") == 0)
			mult = 1024 * 1024;
		else if (strcasecmp(end, "g") == 0 || strcasecmp(end, "gib") == 0 || strcasecmp(end, "gb") == 0)
			mult = 1024ULL * 1024 * 1024;
		else
			return false;
		if (v > (unsigned long long)-1 / mult)
			return false;
		v *= mult;
	}
	if (v < 16 || v > (1ULL << 31))
		return false;
	*out = (size_t)v;
	return true;
}

static bool parse_delimiter(const char *s, char *out)
{
	if (strcasecmp(s, "tab") == 0 || strcmp(s, "\\t") == 0 || strcmp(s, "\t") == 0)
		*out = '\t';
	else if (strlen(s) == 1 && s[0] != '"' && s[0] != '\n' && s[0] != '\r')
		*out = s[0];
	else
		return false;
	return true;
}

static int add_map(struct config *cfg, const char *arg)
{
	const char *eq = strchr(arg, '=');
	char name[64];
	enum field f;
	struct map_override *nm;

	if (!eq || (size_t)(eq - arg) >= sizeof name)
		return usage_error("--map %s: expected FIELD=HEADER, e.g. --map email=\"E-mail address\"", arg);
	memcpy(name, arg, (size_t)(eq - arg));
	name[eq - arg] = '\0';
	if (!field_parse(name, &f)) {
		char text[700];
		snprintf(text, sizeof text, "--map %s: unknown field \"%s\"; the fields are %s",
		         arg, name, field_list());
		return usage_error("%s", text);
	}
	nm = realloc(cfg->maps, (cfg->nmaps + 1) * sizeof *nm);
	if (!nm)
		return usage_error("%s", "out of memory");
	cfg->maps = nm;
	nm[cfg->nmaps].field = f;
	nm[cfg->nmaps].header = eq + 1;
	cfg->nmaps++;
	return EXIT_OK;
}

enum {
	OPT_FORMAT = 256, OPT_MAP, OPT_ENCODING, OPT_DELIMITER, OPT_MAX_FIELD, OPT_ERRORS,
	OPT_EXCEL, OPT_FORCE, OPT_PROGRESS, OPT_NO_PROGRESS
};

static const struct option check_options[] = {
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "map", required_argument, NULL, OPT_MAP },
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "delimiter", required_argument, NULL, OPT_DELIMITER },
	{ "max-field-size", required_argument, NULL, OPT_MAX_FIELD },
	{ "output", required_argument, NULL, 'o' },
	{ "errors", required_argument, NULL, OPT_ERRORS },
	{ "excel", no_argument, NULL, OPT_EXCEL },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "progress", no_argument, NULL, OPT_PROGRESS },
	{ "no-progress", no_argument, NULL, OPT_NO_PROGRESS },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static int parse_check(int argc, char **argv, struct config *cfg)
{
	int c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:qvh", check_options, NULL)) != -1) {
		switch (c) {
		case OPT_FORMAT: cfg->format = optarg; break;
		case OPT_MAP:
			if ((rc = add_map(cfg, optarg)) != EXIT_OK)
				return rc;
			break;
		case OPT_ENCODING:
			if (!encoding_parse(optarg, &cfg->encoding))
				return usage_error("--encoding %s: use utf-8, utf-16le, utf-16be, windows-1252 or latin-1", optarg);
			break;
		case OPT_DELIMITER:
			if (!parse_delimiter(optarg, &cfg->delimiter))
				return usage_error("--delimiter %s: give one character, e.g. , ; | or tab", optarg);
			break;
		case OPT_MAX_FIELD:
			if (!parse_size(optarg, &cfg->max_field))
				return usage_error("--max-field-size %s: give a size from 16 bytes to 2G, e.g. 1M or 512K", optarg);
			break;
		case 'o': cfg->output = optarg; break;
		case OPT_ERRORS: cfg->errors = optarg; break;
		case OPT_EXCEL: cfg->excel = true; break;
		case OPT_FORCE: cfg->force = true; break;
		case 'q': cfg->quiet = true; break;
		case 'v': cfg->verbose = true; break;
		case OPT_PROGRESS: cfg->progress = 1; break;
		case OPT_NO_PROGRESS: cfg->progress = 0; break;
		case 'h':
			cfg->command = CMD_HELP;
			cfg->help_topic = "check";
			return EXIT_OK;
		case ':':
			return usage_error("check: option %s needs a value", argv[optind - 1]);
		default:
			return usage_error("check: unknown option %s", argv[optind - 1]);
		}
	}
	cfg->files = argv + optind;
	cfg->nfiles = (size_t)(argc - optind);
	if (cfg->nfiles == 0)
		return usage_error("%s", "check: name at least one FILE (or - for standard input)");
	if (cfg->nfiles > 1 && cfg->output)
		return usage_error("%s", "check: -o takes one input FILE; without -o each FILE gets FILE.results.csv");
	if (cfg->nfiles > 1 && cfg->errors)
		return usage_error("%s", "check: --errors takes one input FILE");
	for (size_t i = 0; i < cfg->nfiles; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(cfg->files[i], cfg->files[j]) == 0)
				return usage_error("check: %s is named twice", cfg->files[i]);
	if (cfg->output && cfg->errors && strcmp(cfg->output, cfg->errors) == 0 && strcmp(cfg->output, "-"))
		return usage_error("%s", "check: -o and --errors name the same file");
	if (cfg->quiet && cfg->verbose)
		return usage_error("%s", "check: --quiet and --verbose do not go together");
	if (cfg->verbose)
		cfg->max_messages = (unsigned long)-1;
	return EXIT_OK;
}

int cli_parse(int argc, char **argv, struct config *cfg)
{
	const char *cmd;

	memset(cfg, 0, sizeof *cfg);
	cfg->progress = -1;
	cfg->max_field = CSV_DEFAULT_MAX_FIELD;
	cfg->max_messages = 20;
	if (argc < 2) {
		cfg->command = CMD_HELP;
		return usage_error("%s", "no command given");
	}
	cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0) {
		cfg->command = CMD_HELP;
		return EXIT_OK;
	}
	if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
		cfg->command = CMD_VERSION;
		return EXIT_OK;
	}
	if (strcmp(cmd, "help") == 0) {
		cfg->command = CMD_HELP;
		cfg->help_topic = argc > 2 ? argv[2] : NULL;
		return EXIT_OK;
	}
	if (strcmp(cmd, "check") == 0) {
		cfg->command = CMD_CHECK;
		return parse_check(argc - 1, argv + 1, cfg);
	}
	return usage_error("unknown command \"%s\"", cmd);
}

void cli_free(struct config *cfg)
{
	free(cfg->maps);
	cfg->maps = NULL;
}
