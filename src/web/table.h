/* web/table.h - a page of a results file for the page's tables: the
 * header and records [offset, offset + limit) as JSON, read with the same
 * CSV reader the commands use (so a cell with a line break or a quote is
 * one cell). The apostrophe that keeps a spreadsheet from running a cell
 * (files/formula_guard.h) is taken off, as apollo-csv takes it off when
 * it reads the file back. */
#ifndef APOLLO_WEB_TABLE_H
#define APOLLO_WEB_TABLE_H

#include <cjson/cJSON.h>

/* {"header": [...], "rows": [[...], ...], "more": bool}, or NULL with err
 * set when the file cannot be read */
cJSON *table_page(const char *path, unsigned long long offset, unsigned long long limit, char *err,
                  size_t errlen);

#endif
