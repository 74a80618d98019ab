/* commands/prospect.h - `apollo-csv prospect FILE`: company domains to people
 * in Apollo, enrolled, with a task and a deal per company if asked. */
#ifndef APOLLO_CMD_PROSPECT_H
#define APOLLO_CMD_PROSPECT_H

#include "cli/command_line.h"

/* an exit code (common/exit_codes.h) */
int cmd_prospect(const struct config *cfg);

#endif
