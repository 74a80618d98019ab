/* commands/accounts.h - `apollo-csv accounts FILE`: a companies file becomes
 * Apollo accounts. */
#ifndef APOLLO_CMD_ACCOUNTS_H
#define APOLLO_CMD_ACCOUNTS_H

#include "cli/command_line.h"

/* an exit code (common/exit_codes.h) */
int cmd_accounts(const struct config *cfg);

#endif
