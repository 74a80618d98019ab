/* commands/record_per_row.h - the run of a command that makes one Apollo record per
 * row and that Apollo does not dedupe: tasks, deals; and accounts, which
 * Apollo does dedupe (an item may come back API_EXISTING, its `reason`
 * "updated" or "unchanged" when the command went on to change it).
 *
 * The rows are read, held in chunks (rows/chunk.h) and checked by the command;
 * the command makes a chunk's ready rows (through apollo/send_once.h); this file
 * gives each its outcome and writes them, in input order, to the results
 * file that is also the run's journal (rows/results_journal.h), with the
 * progress line, the summary and the exit status. --resume replays the
 * rows the earlier run finished; the rows it sent and whose outcome it
 * had not written (RESULTS.partial.log says which) are looked for before
 * they are sent again. A Ctrl-C or SIGTERM ends the run after the
 * requests in flight, leaving the journal for --resume. Knows rows and
 * outcomes, nothing of HTTP. */
#ifndef APOLLO_RECORD_ROWS_H
#define APOLLO_RECORD_ROWS_H

#include <stdbool.h>

#include "apollo/api.h"
#include "apollo/send_once.h"
#include "cli/command_line.h"
#include "commands/session.h"
#include "common/dynbuf.h"
#include "common/progress.h"
#include "files/csv_reader.h"
#include "rows/chunk.h"
#include "rows/dedupe.h"
#include "rows/results.h"
#include "rows/results_journal.h"

struct record_rows;

struct record_kind {
	const char *command;       /* "tasks": for messages */
	const char *what;          /* "task" */
	enum results_kind results;
	size_t row_size;           /* the command's data of a row, kept beside it */
	/* Reads and checks a row into `row`: NULL, or why it cannot be made
	 * (or record_rows_stop's answer). Its strings go in the chunk's arena. */
	const char *(*read)(struct record_rows *rr, const struct csv_record *rec, void *row);
	/* what makes two rows the same record, appended to key */
	void (*identity)(const void *row, struct dynbuf *key);
	/* a row to make: its ids into h->res, before it is counted ready */
	void (*ready)(struct held_row *h, const void *row);
	/* Before the chunk is made: what its rows need from Apollo first (the
	 * contacts of emails, the accounts of domains); a row that cannot have
	 * it gets its outcome here */
	void (*prepare)(struct record_rows *rr);
	/* Makes the records of the chunk's rows[0..n) (indexes into the chunk),
	 * out[k] for rows[k] (apollo/send_once.h's outcomes), telling `hooks`
	 * what is sent and made (and, after an interrupted run, to look first) */
	void (*make)(struct record_rows *rr, const size_t *rows, size_t n, const struct once_hooks *hooks,
	             struct api_item *out);
	/* _reason of a row made (NULL: none) */
	const char *(*note)(const void *row);
	/* lines of its own for the summary (may be NULL) */
	void (*summary)(struct record_rows *rr);
	/* For the end-of-run look for second copies: a made row's record as
	 * strings (at most RECORD_FIELDS; NULL for a field not set), and how
	 * many records made since `since` (Apollo's clock; 0: any time) fit
	 * each of contents[0..n): 0, or -1 with why the look failed. */
	void (*content)(const void *row, const char *field[]);
	int (*count)(struct record_rows *rr, char *const *const *contents, size_t n, double since,
	             unsigned *counts, char *why, size_t whylen);
	/* a made row with a note needs attention (a value it was made without) */
	bool note_needs_attention;
};

#define RECORD_FIELDS 8

/* a row made after an unknown outcome: a second copy of it may exist */
struct unsure_row {
	unsigned long long row;
	char *field[RECORD_FIELDS];
};

struct record_rows {
	const struct config *cfg;
	const struct record_kind *kind;
	void *ctx;                     /* the command's */
	struct session *s;
	const char *file;              /* for messages */
	struct csv_reader reader;
	const struct csv_record *header;
	struct results results;
	struct results_journal rj;
	struct chunk chunk;
	struct progress progress;
	size_t per_chunk;              /* rows to make per chunk */
	unsigned char *rows;           /* the command's data, row_size a held row */
	size_t rows_cap;
	struct dedupe_set seen;        /* the rows' identities, for duplicates */
	bool settled;                  /* --resume: the earlier run's requests were let settle */
	bool suspended;                /* stopped by a signal: the journal is left for --resume */
	bool output_failed, gave_up;
	unsigned long long found;      /* records found made, not made again */
	struct unsure_row *unsure;     /* rows made after an unknown outcome */
	size_t nunsure, unsure_cap;
	unsigned long long second_copies; /* rows the end-of-run look found twice */
	unsigned long messages;
};

/* Opens FILE (cfg->files[0]) and reads its header into rr->header. An exit
 * status; the message has been printed. */
int record_rows_open(struct record_rows *rr, const struct config *cfg, const struct record_kind *kind,
                     void *ctx, size_t per_chunk);
/* Makes every row, writes the results and the summary: the exit status. */
int record_rows_run(struct record_rows *rr, struct session *s);
void record_rows_close(struct record_rows *rr);

/* the command's data of the chunk's i-th row; only a row read (h->send
 * or rejected by read), not one replayed from the journal, has any */
void *record_rows_row(struct record_rows *rr, size_t i);

/* an outcome, from prepare */
/* not sent (it: why, or NULL after a stop or a refused key) */
void record_rows_not_sent(struct record_rows *rr, struct held_row *h, const struct api_item *it);

/* For read: the run cannot go on (a look-up it needs failed). The client
 * is stopped with `why`, and this row and every row not yet made are
 * unprocessed, for --resume: never invalid for a question Apollo did not
 * answer. read returns what this returns. */
const char *record_rows_stop(struct record_rows *rr, const char *why);

/* For read: the user an owner cell names (email, name or id), its id in
 * *id (in the chunk's arena). NULL, or why the cell names nobody (one line
 * for the results), or record_rows_stop's answer when the team's users
 * could not be looked up. */
const char *record_rows_owner(struct record_rows *rr, const char *owner, const char **id);

#endif
