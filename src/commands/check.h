/* commands/check.h - the check command. */
#ifndef APOLLO_CMD_CHECK_H
#define APOLLO_CMD_CHECK_H

#include "cli/command_line.h"

int cmd_check(const struct config *cfg);

#endif
