/* rows/sheet_rows.h - the rows of the user's FILE, each given its result
 * row in input order, for the commands that send contacts' rows to Apollo
 * a chunk at a time with no journal of their own (enroll, unenroll,
 * update).
 *
 * FILE is opened and its header read; the command finds its columns in
 * the header, works out where the results go and opens them here. Then
 * every row is held in the chunk (rows/chunk.h) and the command reads
 * it; a full chunk goes to the command to send; its rows, sent or not,
 * are then written to the results in input order. At the end the
 * results are committed and the command says its summary; when memory
 * ran out they are not written at all, since the rows held then have no
 * outcome. Knows rows and results, nothing of HTTP. */
#ifndef APOLLO_SHEET_ROWS_H
#define APOLLO_SHEET_ROWS_H

#include <stddef.h>

#include "cli/command_line.h"
#include "files/csv_reader.h"
#include "files/csv_writer.h"
#include "rows/chunk.h"
#include "rows/results.h"

struct sheet_rows {
	const char *file;                 /* FILE for messages: "<stdin>" for "-" */
	struct csv_reader reader;
	const struct csv_record *header;  /* valid until the first row is read */
	const char *out_path;             /* the results, the command's string */
	struct results results;
	struct chunk chunk;               /* the rows read since the last chunk was sent */
};

/* what the command does with the rows */
struct row_sender {
	void *ctx;                        /* the command's, given to each call */
	size_t per_chunk;                 /* a chunk goes when this many rows are ready */
	size_t most_held;                 /* ... or this many are held (0: no bound) */
	/* A row just held: its outcome into h->res, or, for a row to send,
	 * h->send, ST_READY and the chunk's nsend counted. */
	void (*read)(void *ctx, struct held_row *h);
	/* Sends the chunk's ready rows and gives each its outcome (the rows
	 * are written after). Called for the last chunk even when empty. */
	void (*send)(void *ctx);
	/* Its lines once the results are safe. */
	void (*summary)(void *ctx);
};

/* Opens FILE (cfg->files[0]) and reads its header into sr->header. An
 * exit status; the message has been printed. sheet_rows_close is due in
 * any case (and is harmless on a zeroed sheet_rows that was never opened). */
int sheet_rows_open(struct sheet_rows *sr, const struct config *cfg);
/* Opens the results at out_path (NULL: there was no memory for it) with
 * FILE's header. An exit status; the message has been printed. */
int sheet_rows_results(struct sheet_rows *sr, const char *out_path, const char *errors_path,
                       const struct csv_writer_options *opt);
/* Reads, sends and writes every row, then commits the results: the exit
 * status (EXIT_ATTENTION when a row needs a person's attention). */
int sheet_rows_run(struct sheet_rows *sr, const struct row_sender *how);
void sheet_rows_close(struct sheet_rows *sr);

#endif
