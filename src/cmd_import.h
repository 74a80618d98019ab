/* cmd_import.h - the import command. */
#ifndef APOLLO_CMD_IMPORT_H
#define APOLLO_CMD_IMPORT_H

#include "cli.h"

int cmd_import(const struct config *cfg);

#endif
