/* cli/commands.c - the registry: every command apollo-csv knows, in the
 * order `apollo-csv --help` lists them. A new command is its file in
 * src/commands/ (defining a `const struct command`, cli/command.h) and
 * its two lines here. */
#include "config.h"

#include <string.h>

#include "cli/command.h"

extern const struct command doctor_command, check_command, import_command, enroll_command, unenroll_command,
	export_command, update_command, tasks_command, deals_command, prospect_command;
extern const struct command fields_command;
extern const struct command accounts_command;
extern const struct command serve_command;

const struct command *const cli_commands[] = {
	&doctor_command,
	&check_command,
	&import_command,
	&enroll_command,
	&unenroll_command,
	&export_command,
	&update_command,
	&tasks_command,
	&deals_command,
	&accounts_command,
	&prospect_command,
	&fields_command,
	&serve_command,
	NULL
};

const struct command *cli_command_find(const char *name)
{
	for (size_t i = 0; cli_commands[i]; i++)
		if (strcmp(cli_commands[i]->name, name) == 0)
			return cli_commands[i];
	return NULL;
}
