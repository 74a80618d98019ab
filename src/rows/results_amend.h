/* rows/results_amend.h - a word added to some rows of a finished results
 * file: what was learned about them after they were written (tasks and
 * deals: a second copy found by the end-of-run look).
 *
 * The file is read and written again whole, under a temporary name
 * renamed over it, in the form it was written in (Excel mode or not, raw
 * or guarded).
 * Knows nothing of HTTP. */
#ifndef APOLLO_RESULTS_AMEND_H
#define APOLLO_RESULTS_AMEND_H

#include <stdbool.h>
#include <stddef.h>

struct amend {
	unsigned long long row;        /* _row */
	const char *reason;            /* added to _reason */
};

/* Amends the rows of the results at path named in amends[0..n) (sorted
 * by row). 0, or -1 with err set; the file is then as it was. */
int results_amend(const char *path, bool excel, bool raw, const struct amend *amends, size_t n,
                  char *err, size_t errlen);

#endif
