/* cli/cli.h - what main() asks of the command line: parse it into a
 * struct config and find the command to run (cli/parse.c), print the
 * help of the tool or of one command (cli/help.c). */
#ifndef APOLLO_CLI_H
#define APOLLO_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "cli/command.h"
#include "cli/command_line.h"

/* EXIT_OK with cfg filled and *cmd the command to run (NULL for help and
 * --version, which cfg->command names), or EXIT_USAGE after printing why. */
int cli_parse(int argc, char **argv, struct config *cfg, const struct command **cmd);
void cli_free(struct config *cfg);
/* help for one command (or the overview for NULL); false if unknown */
bool cli_print_help(const char *command, FILE *out);
void cli_print_version(FILE *out);

#endif
