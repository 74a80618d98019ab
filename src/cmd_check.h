/* cmd_check.h - the check command. */
#ifndef APOLLO_CMD_CHECK_H
#define APOLLO_CMD_CHECK_H

#include "cli.h"

int cmd_check(const struct config *cfg);
/* "leads.csv.gz" -> "leads.results.csv" (malloc'd) */
char *default_results_path(const char *input);

#endif
