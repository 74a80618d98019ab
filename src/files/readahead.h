/* files/readahead.h - records read ahead on a worker thread.
 *
 * Wraps a csv_reader whose header has been read: a worker fills batches
 * of records (copied into each batch's own memory), up to READAHEAD_SLOTS
 * ahead, while the caller works through the one it holds, so parsing
 * overlaps mapping, checking and writing.
 * Same contract as csv_reader_next; the reader's own fields (error, line,
 * input statistics) may be read once readahead_next has returned 0 or -1. */
#ifndef APOLLO_READAHEAD_H
#define APOLLO_READAHEAD_H

#include <stdbool.h>
#include <stddef.h>

#include "common/fill_ahead.h"
#include "common/dynbuf.h"
#include "files/csv_reader.h"

struct record_batch {
	struct csv_record *recs;
	size_t n, cap;
	const char **ptrs;        /* every record's field pointers, end to end */
	size_t *lens;
	size_t nptrs, ptrs_cap;
	struct dynbuf arena;      /* field text, raw bytes and error texts */
	int status;               /* what ended the batch: 1 full, 0 end, -1 error */
	unsigned long long last_number;  /* the number of its last record */
	double fraction;          /* of the input read when it was filled; 1 only at the end */
};

#define READAHEAD_SLOTS 6

struct readahead {
	struct csv_reader *reader;
	struct fill_ahead ring;
	bool ring_on;
	struct record_batch batch[READAHEAD_SLOTS];
	int cur;                  /* the batch being consumed; -1 before the first */
	size_t pos;
};

void readahead_start(struct readahead *ra, struct csv_reader *reader);
/* 1 with *rec (valid until the next call), 0 at the end, -1 on a read error */
int readahead_next(struct readahead *ra, const struct csv_record **rec);
/* Where the batch being consumed ends: its last record's number and the
 * share of the input read by then (1 only at the end, -1 when not known); for
 * a progress display that estimates the rows in a file it cannot count. */
void readahead_position(const struct readahead *ra, unsigned long long *rows, double *fraction);
/* Stops the worker; the reader stays open. */
void readahead_stop(struct readahead *ra);

#endif
