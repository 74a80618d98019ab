/* commands/fields.h - the fields command. */
#ifndef APOLLO_CMD_FIELDS_H
#define APOLLO_CMD_FIELDS_H

#include "cli/command_line.h"

int cmd_fields(const struct config *cfg);

#endif
