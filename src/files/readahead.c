/* files/readahead.c - see files/readahead.h. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "files/readahead.h"

#define BATCH_ROWS 1024
#define BATCH_BYTES (4u * 1024 * 1024)

static bool grow_recs(struct record_batch *b)
{
	size_t nc = b->cap ? b->cap * 2 : 256;
	struct csv_record *nr = realloc(b->recs, nc * sizeof *nr);
	if (!nr)
		return false;
	b->recs = nr;
	b->cap = nc;
	return true;
}

static bool grow_ptrs(struct record_batch *b, size_t need)
{
	size_t nc = b->ptrs_cap ? b->ptrs_cap : 4096;
	const char **np;
	size_t *nl;
	while (nc < need)
		nc *= 2;
	np = realloc(b->ptrs, nc * sizeof *np);
	if (np)
		b->ptrs = np;
	nl = np ? realloc(b->lens, nc * sizeof *nl) : NULL;
	if (nl)
		b->lens = nl;
	if (!np || !nl)
		return false;
	b->ptrs_cap = nc;
	return true;
}

/* true when each cell of rec starts right after the NUL of the one before
 * (as the CSV reader keeps them), so that they are copied in one piece */
static bool fields_adjacent(const struct csv_record *rec)
{
	for (size_t i = 1; i < rec->nfields; i++)
		if (rec->fields[i] != rec->fields[i - 1] + rec->lens[i - 1] + 1)
			return false;
	return true;
}

/* Copies rec into the batch. Pointers are kept as arena offsets until the
 * batch is complete (the arena may move while it grows). */
static bool add_record(struct record_batch *b, const struct csv_record *rec)
{
	struct csv_record *c;

	if (b->n == b->cap && !grow_recs(b))
		return false;
	if (b->nptrs + rec->nfields > b->ptrs_cap && !grow_ptrs(b, b->nptrs + rec->nfields))
		return false;
	c = &b->recs[b->n];
	*c = *rec;
	c->fields = (const char **)(uintptr_t)b->nptrs;
	if (fields_adjacent(rec)) {
		/* the reader's cells lie end to end, each after its NUL: one copy */
		size_t base = b->arena.len, span = 0;
		if (rec->nfields) {
			span = (size_t)(rec->fields[rec->nfields - 1] - rec->fields[0]) + rec->lens[rec->nfields - 1] + 1;
			if (!dynbuf_add(&b->arena, rec->fields[0], span))
				return false;
		}
		for (size_t i = 0; i < rec->nfields; i++) {
			b->ptrs[b->nptrs + i] = (const char *)(uintptr_t)(base + (size_t)(rec->fields[i] - rec->fields[0]));
			b->lens[b->nptrs + i] = rec->lens[i];
		}
	} else {
		for (size_t i = 0; i < rec->nfields; i++) {
			b->ptrs[b->nptrs + i] = (const char *)(uintptr_t)b->arena.len;
			b->lens[b->nptrs + i] = rec->lens[i];
			if (!dynbuf_add(&b->arena, rec->fields[i], rec->lens[i] + 1))
				return false;
		}
	}
	b->nptrs += rec->nfields;
	c->raw = (const char *)(uintptr_t)b->arena.len;
	if (!dynbuf_add(&b->arena, rec->raw, rec->raw_len))
		return false;
	if (rec->error) {
		c->error = (const char *)(uintptr_t)b->arena.len;
		if (!dynbuf_add(&b->arena, rec->error, strlen(rec->error) + 1))
			return false;
	}
	b->n++;
	return true;
}

/* Turns the offsets of a complete batch into pointers. */
static void fix_pointers(struct record_batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		struct csv_record *c = &b->recs[i];
		size_t first = (size_t)(uintptr_t)c->fields;
		for (size_t f = 0; f < c->nfields; f++)
			b->ptrs[first + f] = b->arena.data + (size_t)(uintptr_t)b->ptrs[first + f];
		c->fields = b->ptrs + first;
		c->lens = b->lens + first;
		c->raw = b->arena.data ? b->arena.data + (size_t)(uintptr_t)c->raw : "";
		if (c->error)
			c->error = b->arena.data + (size_t)(uintptr_t)c->error;
	}
}

static void fill(struct readahead *ra, struct record_batch *b)
{
	const struct csv_record *rec;

	b->n = 0;
	b->nptrs = 0;
	dynbuf_reset(&b->arena);
	b->status = 1;
	while (b->n < BATCH_ROWS && b->arena.len < BATCH_BYTES) {
		int rc = csv_reader_next(ra->reader, &rec);
		if (rc <= 0) {
			b->status = rc;
			break;
		}
		if (!add_record(b, rec)) {
			snprintf(ra->reader->error, sizeof ra->reader->error, "out of memory");
			b->status = -1;
			break;
		}
	}
	/* the reader's count, also when this batch is empty */
	b->last_number = ra->reader->next_number ? ra->reader->next_number - 1 : 0;
	/* the file is read in blocks ahead of the parser: all of it may be
	 * read while records are still to come, and only the end is the end */
	b->fraction = b->status == 0 ? 1.0 : csv_reader_fraction(ra->reader);
	if (b->status != 0 && b->fraction >= 1.0)
		b->fraction = 0.999;
	fix_pointers(b);
}

static bool fill_slot(void *arg, unsigned slot)
{
	struct readahead *ra = arg;
	fill(ra, &ra->batch[slot]);
	return ra->batch[slot].status == 1;
}

void readahead_start(struct readahead *ra, struct csv_reader *reader)
{
	memset(ra, 0, sizeof *ra);
	ra->reader = reader;
	for (int i = 0; i < READAHEAD_SLOTS; i++)
		dynbuf_init(&ra->batch[i].arena, (size_t)-1);
	/* the first batch here: a file that ends in it needs no thread */
	fill(ra, &ra->batch[0]);
	ra->cur = -1;
	ra->ring_on = ra->batch[0].status == 1;
	if (ra->ring_on)
		fill_ahead_start(&ra->ring, READAHEAD_SLOTS, 1, fill_slot, ra);
	else
		ra->cur = 0;
}

int readahead_next(struct readahead *ra, const struct csv_record **rec)
{
	for (;;) {
		struct record_batch *b = ra->cur >= 0 ? &ra->batch[ra->cur] : NULL;
		int next;
		if (b && ra->pos < b->n) {
			*rec = &b->recs[ra->pos++];
			return 1;
		}
		if (b && b->status != 1)
			return b->status;
		/* this batch is done: give it back, take the next one read ahead */
		if (b)
			fill_ahead_give_back(&ra->ring);
		next = fill_ahead_take(&ra->ring);
		if (next < 0)
			return b ? b->status : 0; /* not reached: the last batch says the end */
		ra->cur = next;
		ra->pos = 0;
	}
}

void readahead_stop(struct readahead *ra)
{
	if (ra->ring_on)
		fill_ahead_stop(&ra->ring);
	ra->ring_on = false;
	for (int i = 0; i < READAHEAD_SLOTS; i++) {
		free(ra->batch[i].recs);
		free(ra->batch[i].ptrs);
		free(ra->batch[i].lens);
		dynbuf_free(&ra->batch[i].arena);
	}
}

void readahead_position(const struct readahead *ra, unsigned long long *rows, double *fraction)
{
	const struct record_batch *b = &ra->batch[ra->cur >= 0 ? ra->cur : 0];
	*rows = b->last_number;
	*fraction = b->fraction;
}
