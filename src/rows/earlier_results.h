/* rows/earlier_results.h - an earlier run's results file read back, for --resume.
 *
 * import writes its results in input order and makes them safe after every
 * chunk, under RESULTS.partial until the run ends; so after a kill the file
 * holds the results of a prefix of the input, perhaps with half a row at
 * its end, and after a run stopped by a rate limit its last rows are
 * `unprocessed`. The journal's prefix is the run of complete rows from
 * row 1 on, numbered without a gap, up to the first `unprocessed` one:
 * those rows are done. The rest is cut off and done again (safe: contacts
 * are created with Apollo's dedupe, and a second enrolment is recognised). */
#ifndef APOLLO_JOURNAL_H
#define APOLLO_JOURNAL_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "common/dynbuf.h"

/* JC_RECORD: the _task_id or _deal_id column */
enum journal_col { JC_ROW, JC_STATUS, JC_REASON, JC_CONTACT, JC_ACCOUNT, JC_SEQ_STATUS,
	JC_SEQ_REASON, JC_RECORD, JC_COUNT };

struct journal {
	FILE *f;
	char *path;
	int col[JC_COUNT];             /* -1: the file has no such column */
	size_t ncols;
	struct dynbuf rec;             /* the record being read, as bytes */
	struct dynbuf cells;           /* its cells, each NUL-terminated */
	size_t *offs;
	size_t nfields, cap;
	unsigned long long last_row;   /* _row of the last record read */
	off_t pos;                     /* bytes read so far (whole records) */
	char error[600];
};

/* Opens and reads the header. 0, or -1 with j->error. */
int journal_open(struct journal *j, const char *path);
/* The next complete record: 1, 0 at the end (or at half a record), -1 on
 * a read error (j->error). */
int journal_next(struct journal *j);
/* cell of the current record (never NULL: "" when the column is absent) */
const char *journal_cell(const struct journal *j, enum journal_col c);
void journal_close(struct journal *j);

/* The prefix of a journal: how many rows (*rows) and bytes (*bytes) are
 * done. Rows with a _status in `redo` (e.g. "unprocessed") end the prefix
 * (NULL: none do). 0, or -1 with err set. */
int journal_prefix(const char *path, const char *redo, unsigned long long *rows, off_t *bytes,
                   size_t *ncols, char *err, size_t errlen);
/* a _row cell as a number; false when it is not one */
bool journal_row_number(const char *s, unsigned long long *out);
/* true when the file holds no complete line (a run killed at once) */
bool journal_is_empty(const char *path);

#endif
