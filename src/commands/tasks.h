/* commands/tasks.h - `apollo-csv tasks FILE`: one Apollo task per row. */
#ifndef APOLLO_CMD_TASKS_H
#define APOLLO_CMD_TASKS_H

#include "cli/command_line.h"

/* an exit code (common/exit_codes.h) */
int cmd_tasks(const struct config *cfg);
/* the same with a session already open (NULL: its own) */
struct session;
int tasks_file(const struct config *cfg, struct session *shared);

#endif
