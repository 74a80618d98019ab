/* commands/serve.h - `apollo-csv serve`, the page in the browser. */
#ifndef APOLLO_SERVE_H
#define APOLLO_SERVE_H

#include "cli/command_line.h"

int cmd_serve(const struct config *cfg);

#endif
