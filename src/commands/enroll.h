/* commands/enroll.h - the enroll and unenroll commands. */
#ifndef APOLLO_CMD_ENROLL_H
#define APOLLO_CMD_ENROLL_H

#include "cli/command_line.h"

int cmd_enroll(const struct config *cfg);

#endif
