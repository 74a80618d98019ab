/* rows/find_column.h - a column found by its name as people write it: case,
 * spaces, '_' and '-' do not matter ("Due Date", "due_date" and "DUE-DATE"
 * are one name), for the files whose columns are not mapped by a profile
 * (tasks, deals). The outcome columns of an earlier run's results (_status,
 * _reason...) are skipped, but for _contact_id and _account_id. */
#ifndef APOLLO_HEADER_FIND_H
#define APOLLO_HEADER_FIND_H

#include "files/csv_reader.h"

/* The first column whose name is one of names[] (a NULL-terminated list,
 * earlier names preferred, each written as letters and digits in lower
 * case: "duedate"); -1 when there is none. */
int header_find(const struct csv_record *header, const char *const *names);

/* a cell of rec without its leading spaces, "" when the row is short or
 * col is -1 */
const char *header_cell(const struct csv_record *rec, int col);

#endif
