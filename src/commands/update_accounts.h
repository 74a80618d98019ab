/* commands/update_accounts.h - update on an export of accounts: one
 * `apollo-csv export accounts` wrote, or one Apollo's web app wrote. */
#ifndef APOLLO_UPDATE_ACCOUNTS_H
#define APOLLO_UPDATE_ACCOUNTS_H

#include <stdbool.h>

#include "commands/session.h"
#include "rows/sheet_rows.h"

/* Is this the header of an accounts export (an Apollo Account Id column,
 * no contact id)? */
bool update_accounts_file(const struct csv_record *header);
/* Sends back the edits of the file rows has open (its header read): an
 * exit status, its messages printed. */
int update_accounts(const struct config *cfg, struct session *s, struct sheet_rows *rows);

#endif
