/* cli/help.c - `apollo-csv --help`, `help COMMAND` and --version. The
 * overview lists the commands from the registry, each in the lines its
 * file gives; a command's own --help text lives in its file. */
#include "config.h"

#include <string.h>

#include "cli/cli.h"

static const char overview_head[] =
"Usage: apollo-csv COMMAND [OPTIONS] [FILE...]\n"
"\n"
"Move spreadsheets of prospects in and out of Apollo.io. FILE is CSV (plain\n"
"or gzipped) or an Excel workbook (.xlsx, --sheet picks its sheet); an output\n"
"named *.xlsx is a workbook, and every CSV written is safe to open in a\n"
"spreadsheet (--raw: cells as they are). An output that is standard output\n"
"(-, for one output only), a device (/dev/null) or a FIFO is written in place;\n"
"a link is followed: the file it points to is replaced, the link stays.\n"
"\n"
"Commands:\n";

static const char overview_tail[] =
"  help COMMAND    show the help of one command\n"
"\n"
"Options:\n"
"  -h, --help      show this help (or COMMAND --help for a command's)\n"
"  -V, --version   show the version\n"
"  --json, --summary FILE  (every command that does a run) its summary as\n"
"                  one JSON object, last, on standard output or in FILE\n"
"\n"
"Exit status:\n"
"  0  every row went through        4  configuration or authentication problem\n"
"  1  done; some rows need attention 5  the API gave up; the run can be resumed\n"
"  2  bad command line               6  a result file could not be written\n"
"  3  an input file is unreadable    7  internal error\n"
"  130, 143  stopped by Ctrl-C or SIGTERM: the requests in flight were let\n"
"     finish and written down; run the same command with --resume\n"
"\n"
"Apollo is reached with APOLLO_API_KEY (or --api-key-file) at APOLLO_BASE_URL\n"
"(default https://api.apollo.io/api/v1). See apollo-csv(1) for the details.\n";

bool cli_print_help(const char *name, FILE *out)
{
	const struct command *cmd;

	if (!name) {
		fputs(overview_head, out);
		for (size_t i = 0; cli_commands[i]; i++)
			fputs(cli_commands[i]->overview, out);
		fputs(overview_tail, out);
		return true;
	}
	if (!(cmd = cli_command_find(name)))
		return false;
	fputs(cmd->help, out);
	return true;
}

void cli_print_version(FILE *out)
{
	fprintf(out, "apollo-csv %s\n", PACKAGE_VERSION);
}
