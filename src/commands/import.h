/* commands/import.h - the import command. */
#ifndef APOLLO_CMD_IMPORT_H
#define APOLLO_CMD_IMPORT_H

#include "cli/command_line.h"

int cmd_import(const struct config *cfg);
/* the same with a session already open (prospect: one session for all
 * its steps); NULL: its own. With a shared session the file is
 * apollo-csv's own (prospect's people), so no custom field is looked up. */
struct session;
int import_file(const struct config *cfg, struct session *shared);

#endif
