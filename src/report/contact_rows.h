/* report/contact_rows.h - contacts as spreadsheet rows: the editable fields
 * (rows/roundtrip.h) and the phones by type first, then what Apollo knows
 * of each contact (email status, owner, lists and stage by name; the last
 * three editable too), every custom field of contacts (a column named by
 * its label, values as a person reads them), its sequence statuses and the
 * _checksum (v2) update reads. One row per contact, its sequences joined with
 * "; " in each sequence column; or (per_sequence) one row per contact and
 * sequence. Speaks cJSON contacts from apollo_api and the CSV writer. */
#ifndef APOLLO_CONTACT_EXPORT_H
#define APOLLO_CONTACT_EXPORT_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "files/csv_writer.h"
#include "values/custom_fields.h"

/* Apollo's lists of things named by id in a contact, and the team's
 * custom fields (NULL: none written) */
struct contact_names {
	const cJSON *labels, *stages, *sequences, *users;
	const struct custom_fields *fields;
};

struct contact_export {
	struct csv_writer w;
	const struct contact_names *names;
	bool per_sequence;
	const char *only_sequence;     /* per_sequence rows of this sequence id only */
	unsigned long long rows;
};

/* 0, or -1 with err set. */
int contact_export_open(struct contact_export *x, const char *path,
                        const struct csv_writer_options *opt, const struct contact_names *names,
                        char *err, size_t errlen);
void contact_export_write(struct contact_export *x, const cJSON *contact);
int contact_export_commit(struct contact_export *x, char *err, size_t errlen);
void contact_export_abort(struct contact_export *x);
/* Is header one of the columns the export writes of its own (not a
 * custom field's)? Case and punctuation count as written. */
bool contact_export_column(const char *header);
/* does the contact have a status in this sequence? */
bool contact_in_sequence(const cJSON *contact, const char *sequence_id);
/* did Apollo send the contact's sequence statuses at all? Without them
 * its sequence columns are empty for want of an answer, not because it
 * is in no sequence */
bool contact_statuses_given(const cJSON *contact);

#endif
