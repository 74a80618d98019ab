/* rows/row_check.h - the stages every row goes through before anything is sent:
 * well-formed? (parse errors, ragged rows) -> blank? -> mapped and cleaned
 * -> valid? -> a duplicate of an earlier row? Shared by check and import;
 * knows rows and contacts, nothing of HTTP. */
#ifndef APOLLO_ROW_CHECK_H
#define APOLLO_ROW_CHECK_H

#include "common/dynbuf.h"
#include "files/csv_reader.h"
#include "rows/dedupe.h"
#include "rows/mapping.h"

enum row_verdict {
	ROW_READY,       /* the contact in row_checker.contact can be sent; a
	                  * reason, if any, is a note for its _reason (an id
	                  * of another system left out) */
	ROW_BLANK,       /* every cell empty: reported, nothing to fix */
	ROW_INVALID,
	ROW_DUPLICATE
};

struct row_problem {
	const char *reason;      /* NULL for ROW_READY without a note */
	unsigned long line;      /* where to point the user */
	unsigned long col;       /* 0: the whole row */
};

struct row_checker {
	const struct column_map *map;
	size_t ncols;
	struct dedupe_set seen;
	struct contact contact;
	struct dynbuf key, part, reason;
};

void row_checker_init(struct row_checker *rc, const struct column_map *map, size_t ncols);
void row_checker_free(struct row_checker *rc);
enum row_verdict row_check(struct row_checker *rc, const struct csv_record *rec,
                           struct row_problem *problem);

#endif
