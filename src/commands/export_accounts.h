/* commands/export_accounts.h - `apollo-csv export accounts`. */
#ifndef APOLLO_EXPORT_ACCOUNTS_H
#define APOLLO_EXPORT_ACCOUNTS_H

#include "apollo/http.h"
#include "cli/command_line.h"

/* An exit code; messages printed. */
int export_accounts(const struct config *cfg, struct http_client *hc);

#endif
