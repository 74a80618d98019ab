/* commands/export_contacts.h - `apollo-csv export contacts`. */
#ifndef APOLLO_EXPORT_CONTACTS_H
#define APOLLO_EXPORT_CONTACTS_H

#include "apollo/http.h"
#include "cli/command_line.h"

/* An exit code; messages printed. */
int export_contacts(const struct config *cfg, struct http_client *hc);

#endif
