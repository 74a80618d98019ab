/* cli.h - the whole command line, parsed and checked into one struct
 * before any file is opened. */
#ifndef APOLLO_CLI_H
#define APOLLO_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "input.h"
#include "mapping.h"

enum command {
	CMD_NONE,
	CMD_HELP,
	CMD_VERSION,
	CMD_CHECK,
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
