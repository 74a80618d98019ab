/* rows/results.h - the results file and the --errors file.
 *
 * Results: every input column as read, in order, then _row (record number,
 * 1 = first data row), _line (physical line it starts on), _status,
 * _reason, and the ids of what the row made, which depend on the command
 * (enum results_kind): _contact_id, _account_id, _sequence_status,
 * _sequence_reason for contacts; _contact_id, _task_id for tasks;
 * _account_id, _deal_id for deals; _organization_id, _people (how many
 * found) for prospect's domains; _account_id for accounts.
 * One result row per input row, in input order.
 * Errors: only the rows that need a person's attention, with the input's
 * columns, _row, _line, _status and _reason, so the file can be fixed in a
 * spreadsheet and fed back as it is: input columns named like the outcome
 * columns are taken as an earlier run's outcome and are not copied. */
#ifndef APOLLO_RESULTS_H
#define APOLLO_RESULTS_H

#include <stdbool.h>

#include "files/csv_reader.h"
#include "files/csv_writer.h"

enum row_status {
	ST_READY,        /* check: valid, would be sent */
	ST_CREATED,
	ST_EXISTING,
	ST_UPDATED,
	ST_UNCHANGED,
	ST_DUPLICATE,
	ST_INVALID,
	ST_FAILED,
	ST_UNPROCESSED,
	ST_FOUND,        /* prospect: people found at the domain */
	ST_NOT_FOUND,    /* prospect: nobody (or no organization) found */
	ST_COUNT
};

const char *row_status_name(enum row_status s);

/* what the rows of a results file are about: it sets the outcome columns */
enum results_kind { RESULTS_CONTACTS, RESULTS_TASKS, RESULTS_DEALS, RESULTS_DOMAINS, RESULTS_ACCOUNTS };
/* how many outcome columns a results file of this kind has */
size_t results_outcome_count(enum results_kind kind);

struct row_result {
	enum row_status status;
	const char *reason;
	const char *contact_id;
	const char *account_id;
	const char *sequence_status;
	const char *sequence_reason;
	const char *record_id;   /* tasks: the task's id; deals: the deal's id;
	                          * domains: the organization's */
	const char *count;       /* domains: people found */
	bool needs_attention;    /* goes to the --errors file and the exit status */
	bool replayed;           /* --resume: already in the results journal; counted,
	                          * and written to the errors file if it needs attention */
};

struct results {
	enum results_kind kind;
	struct csv_writer out;
	struct csv_writer errors;
	bool have_errors;
	size_t ncols;            /* header width */
	bool *skip;              /* earlier outcome columns, not copied */
	bool raw_ok;             /* input cells may be copied as read */
	unsigned long long counts[ST_COUNT];
	unsigned long long attention;
	unsigned long long blank;
	bool summarized;         /* the counts are in the run's summary */
};

bool results_is_outcome_column(const char *name);
/* Marks the header's earlier outcome columns; returns a malloc'd array of
 * header->nfields flags (NULL when out of memory). */
bool *results_outcome_columns(const struct csv_record *header);

/* Opens both files and writes their header rows (not when opt->append:
 * the rows go on after a journal's). errors_path may be NULL; the errors
 * file is always written whole, under a temporary name.
 * 0, or -1 with err set (naming the file). */
int results_open_kind(struct results *r, enum results_kind kind, const char *path,
                      const char *errors_path, const struct csv_writer_options *opt,
                      const struct csv_record *header, char *err, size_t errlen);
/* the same for contacts */
int results_open(struct results *r, const char *path, const char *errors_path,
                 const struct csv_writer_options *opt, const struct csv_record *header,
                 char *err, size_t errlen);
void results_write(struct results *r, const struct csv_record *rec, const struct row_result *res);
/* the rows written so far */
unsigned long long results_rows(const struct results *r);
/* Makes every row so far safe against a kill (a journal's chunk is done).
 * 0, or -1 with err set. */
int results_flush(struct results *r, char *err, size_t errlen);
/* 0, or -1 with err set; on failure neither file appears. */
int results_commit(struct results *r, char *err, size_t errlen);
void results_abort(struct results *r);

#endif
