/* commands/export.h - the export command. */
#ifndef APOLLO_CMD_EXPORT_H
#define APOLLO_CMD_EXPORT_H

#include <cjson/cJSON.h>

#include "apollo/http.h"
#include "cli/command_line.h"

int cmd_export(const struct config *cfg);
/* The report of one sequence (import --report): an exit code, message
 * printed on failure. */
int export_sequence_report(const struct config *cfg, struct http_client *hc,
                           const char *sequence_id, const char *sequence_name, const char *path);

#endif
