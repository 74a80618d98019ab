/* report/account_rows.h - accounts as spreadsheet rows, in the columns and
 * the names Apollo's own accounts export has (Company Name, Account Stage,
 * Lists, Account Owner, Website, Company Linkedin Url, Company Phone, Apollo
 * Account Id), then every custom field of accounts by its label and the
 * _checksum ("a1:", rows/roundtrip.h) update reads. So a file exported from
 * Apollo's web app and one exported here are read back alike. Speaks cJSON
 * accounts from apollo_api and the CSV writer. */
#ifndef APOLLO_ACCOUNT_ROWS_H
#define APOLLO_ACCOUNT_ROWS_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "common/dynbuf.h"
#include "files/csv_writer.h"
#include "values/custom_fields.h"

/* Apollo's lists of things named by id in an account; fields: the team's
 * custom fields (NULL: none written) */
struct account_names {
	const cJSON *labels, *stages, *users;
	const struct custom_fields *fields;
};

struct account_export {
	struct csv_writer w;
	const struct account_names *names;
	unsigned long long rows;
};

/* 0, or -1 with err set. */
int account_export_open(struct account_export *x, const char *path, const struct csv_writer_options *opt,
                        const struct account_names *names, char *err, size_t errlen);
void account_export_write(struct account_export *x, const cJSON *account);
int account_export_commit(struct account_export *x, char *err, size_t errlen);
void account_export_abort(struct account_export *x);

/* An editable column's value (rows/roundtrip.h's AC_*) as the export
 * writes it, into out (reset first): the name, the stage and the owner's
 * email by name, the lists ", "-joined as Apollo's export joins them, the
 * website, the phone. */
void account_value(const struct account_names *names, const cJSON *account, size_t col, struct dynbuf *out);
/* Is header one of the columns of Apollo's accounts export (not a custom
 * field's)? */
bool account_export_column(const char *header);

#endif
