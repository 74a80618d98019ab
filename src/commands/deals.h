/* commands/deals.h - `apollo-csv deals FILE`: one Apollo deal per row. */
#ifndef APOLLO_CMD_DEALS_H
#define APOLLO_CMD_DEALS_H

#include "cli/command_line.h"

/* an exit code (common/exit_codes.h) */
int cmd_deals(const struct config *cfg);
/* the same with a session already open (NULL: its own) */
struct session;
int deals_file(const struct config *cfg, struct session *shared);

#endif
