/* commands/update.h - the update command (the spreadsheet round trip). */
#ifndef APOLLO_CMD_UPDATE_H
#define APOLLO_CMD_UPDATE_H

#include "cli/command_line.h"

int cmd_update(const struct config *cfg);

#endif
