/* rows/sheet_rows.h - the rows of the user's FILE, each given its result
 * row in input order, for the commands that send contacts' rows to Apollo
 * a chunk at a time (enroll, unenroll, update).
 *
 * FILE is opened and its header read; the command finds its columns in
 * the header, then the results are opened as the run's journal
 * (rows/results_journal.h): RESULTS.partial, made safe after every chunk
 * and renamed when the run ends. Every row is held in the chunk
 * (rows/chunk.h) and the command reads it; a full chunk goes to the
 * command to send; its rows are then written in input order and made safe,
 * so a kill loses at most the calls in flight.
 *
 * --resume: a row the earlier run finished keeps its result and is not
 * sent (the command still reads it, so that its duplicates are seen as
 * before). The rows after the last one the earlier run wrote may have
 * been sent by it, their answer lost: sheet_rows_maybe_sent says which, so
 * the command can tell its own doing from the interrupted run's.
 *
 * A Ctrl-C or SIGTERM (common/interrupt.h) ends the run after the chunk at
 * Apollo: the rows with a final outcome (up to the first without one) are
 * written, RESULTS.partial stays for --resume, and one line says so. Knows
 * rows and results, nothing of HTTP. */
#ifndef APOLLO_SHEET_ROWS_H
#define APOLLO_SHEET_ROWS_H

#include <stdbool.h>
#include <stddef.h>

#include "cli/command_line.h"
#include "common/progress.h"
#include "files/csv_reader.h"
#include "rows/chunk.h"
#include "rows/results.h"
#include "rows/results_journal.h"

struct sheet_rows {
	const struct config *cfg;
	const char *file;                 /* FILE for messages: "<stdin>" for "-" */
	struct csv_reader reader;
	const struct csv_record *header;  /* valid until the first row is read */
	struct results_journal rj;        /* where the results go, and an earlier run's */
	struct results results;
	bool results_open;
	struct chunk chunk;               /* the rows read since the last chunk was sent */
	size_t maybe_left;                /* rows to send still to count into maybe_end */
	unsigned long long maybe_end;     /* the last row the interrupted run may have sent
	                                   * unwritten (0: none) */
	bool output_failed;
	bool stopped;                     /* interrupted: RESULTS.partial left for --resume */
	struct progress progress;         /* started with the results */
};

/* what the command does with the rows */
struct row_sender {
	void *ctx;                        /* the command's, given to each call */
	size_t per_chunk;                 /* a chunk goes when this many rows are ready */
	size_t most_held;                 /* ... or this many are held (0: 8 chunks' worth) */
	/* A row just held: its outcome into h->res, or, for a row to send,
	 * h->send, ST_READY and the chunk's nsend counted. Also called for a
	 * row --resume keeps, whose result then replaces what read made. */
	void (*read)(void *ctx, struct held_row *h);
	/* A row --resume keeps, with its earlier result in h->res: counted in
	 * the command's tallies. Not sent. */
	void (*replayed)(void *ctx, const struct held_row *h);
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
/* Opens the results with FILE's header: works out their name (-o, or
 * beside FILE), refuses to overwrite or to write over FILE, locks the
 * journal and prepares --resume. An exit status; the message has been
 * printed. */
int sheet_rows_results(struct sheet_rows *sr);
/* Reads, sends and writes every row, then commits the results: the exit
 * status (EXIT_ATTENTION when a row needs a person's attention). A run
 * stopped by a signal leaves RESULTS.partial and returns EXIT_API. */
int sheet_rows_run(struct sheet_rows *sr, const struct row_sender *how);
/* May the interrupted run have sent this row, its answer not written
 * down? (--resume, a row to send after the last row it wrote, within the
 * chunk that was at Apollo when it stopped.) */
bool sheet_rows_maybe_sent(const struct sheet_rows *sr, const struct held_row *h);
/* the results file's name ("-": standard output) */
const char *sheet_rows_out(const struct sheet_rows *sr);
void sheet_rows_close(struct sheet_rows *sr);

#endif
