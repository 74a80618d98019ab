/* values/sheet_internal.h - what the sheet_*.c files share behind values/sheet_values.h;
 * not for other callers. */
#ifndef APOLLO_SHEET_INTERNAL_H
#define APOLLO_SHEET_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "values/sheet_values.h"

/* room for any cell these functions read; longer ones are refused */
#define SHEET_CELL_MAX 128

/* Copies s, without the blanks around it (spaces, tabs, no-break spaces),
 * into cell. false when it does not fit. */
bool sheet_cell(const char *s, char *cell, size_t size);

/* The length of the blank at p (space, tab, U+00A0, U+202F), else 0 */
size_t sheet_blank_at(const char *p);
/* ... and of the blank that ends just before end, not before start */
size_t sheet_blank_before(const char *start, const char *end);

/* Writes '"value" ' and then the formatted rest into why, and returns
 * why: every refusal starts by quoting what the user wrote. */
const char *sheet_refuse(char *why, size_t whylen, const char *value, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* A date and time as written in a cell, before any time zone applies */
struct sheet_when {
	int y, m, d;
	int secs;        /* seconds into the day; 0 when no time was written */
	bool has_offset; /* an offset (or Z, UTC) was written ... */
	int offset;      /* ... this many seconds east of UTC */
};

/* Reads a trimmed, non-blank cell as values/sheet_values.h describes for
 * sheet_due; NULL, or the reason in why. */
const char *sheet_read_when(const char *cell, enum date_order order, struct sheet_when *w, char *why,
                            size_t whylen);

/* days since 1970-01-01 (proleptic Gregorian) */
long sheet_days_from_civil(int y, int m, int d);

#endif
