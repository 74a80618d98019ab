/* rows/chunk.h - the rows of the input held while their chunk is at Apollo.
 *
 * Results are written in input order, so a row that needs no call (an
 * invalid row, a duplicate) but follows a row being sent waits in the
 * chunk too. Each held row keeps a copy of its record (to write it out
 * later) and, when it is to be sent, its cleaned contact values; every
 * byte lives in the chunk's arena and goes when the chunk is reset.
 * Knows rows and contacts, nothing of HTTP. */
#ifndef APOLLO_CHUNK_H
#define APOLLO_CHUNK_H

#include <stdbool.h>
#include <stddef.h>

#include "files/csv_reader.h"
#include "rows/results.h"
#include "values/fields.h"

struct held_row {
	struct csv_record rec;          /* a copy */
	struct row_result res;          /* strings in the arena */
	bool send;                      /* a contact to create */
	const char *v[F_COUNT];         /* cleaned values when send */
	const char *unpause_at;         /* --start-at: this row's instant */
	const char *custom;             /* its custom values for a create: a JSON
	                                 * object keyed by bare field id, or NULL */
	const char *custom_update;      /* the same with (clear)s, for an update */
};

struct arena_block;

struct chunk {
	struct held_row *rows;
	size_t n, cap;
	size_t nsend;
	struct arena_block *blocks;
};

void chunk_init(struct chunk *c);
void chunk_reset(struct chunk *c);
void chunk_free(struct chunk *c);
/* A copy of rec appended; NULL when out of memory. */
struct held_row *chunk_hold(struct chunk *c, const struct csv_record *rec);
/* A copy of rec held with its outcome already known (a row replayed
 * from a journal), res's strings copied; NULL when out of memory. */
struct held_row *chunk_hold_result(struct chunk *c, const struct csv_record *rec, const struct row_result *res);
/* a copy of s (NULL -> NULL) that lives as long as the chunk's rows */
const char *chunk_strdup(struct chunk *c, const char *s);
/* a copy of s without the spaces and tabs around it */
const char *chunk_trimmed(struct chunk *c, const char *s);
const char *chunk_printf(struct chunk *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
