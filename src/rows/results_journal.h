/* rows/results_journal.h - a results file that is also the run's journal, for
 * the commands that change things in Apollo a chunk at a time (import,
 * tasks, deals; enroll, unenroll and update through rows/sheet_rows.h).
 *
 * The results are written as RESULTS.partial, made safe after every chunk
 * (results_flush), and renamed when the run ends. Only one run at a time
 * may write them: an exclusive lock on RESULTS.partial, which goes with
 * the process. --resume keeps the journal's finished rows (rows/earlier_results.h),
 * cuts off the rest, and the command replays the kept rows beside the
 * input (results_journal_replay) before it goes on with new ones.
 *
 * Beside it, RESULTS.partial.log (rows/run_log.h) says what happened
 * between rows: Apollo's clock at the start, the rows sent, the records
 * made; never a file's time.
 *
 * Rows after the cut (the first `unprocessed` row) that the earlier run
 * finished are remembered too, and replayed in their turn: a row whose
 * request failed must not make its neighbours be sent again (for tasks
 * and deals that would make second ones). */
#ifndef APOLLO_RESULTS_JOURNAL_H
#define APOLLO_RESULTS_JOURNAL_H

#include <stdbool.h>
#include <time.h>

#include "cli/command_line.h"
#include "rows/earlier_results.h"
#include "rows/results.h"
#include "rows/run_log.h"

struct results_journal {
	char *out_path;                /* "-" for stdout; where a link points */
	char *work_path;               /* out_path.partial; NULL for stdout, a
	                                * device or a FIFO (no journal) */
	struct journal journal;        /* --resume: the kept rows */
	bool replaying;
	unsigned long long replay_rows;
	bool resumed;                  /* --resume found an earlier run's journal */
	double earlier_start;          /* --resume: Apollo's clock (seconds since the
	                                * epoch) when the first run of this journal
	                                * began; 0: not known */
	struct run_log log;            /* RESULTS.partial.log (rows/run_log.h) */
	bool keep_log;                 /* rows were left unprocessed: a --resume of the
	                                * committed results still needs to know what
	                                * was sent */
	unsigned long long last_row;   /* --resume: the last row the earlier run wrote;
	                                * rows after it may have been in flight */
	struct kept_row *tail;         /* finished rows after the cut, in order */
	size_t ntail, next_tail;
	int lock_fd;                   /* -1: none */
};

/* Works out the paths (-o, or beside the input), refuses to overwrite
 * (without --force or --resume) or to write over the input, locks the
 * journal, prepares --resume, and opens `results`. input_name is for
 * messages. An exit status (EXIT_OK when all is ready). */
int results_journal_open(struct results_journal *rj, const struct config *cfg, const char *input_name,
                         const struct csv_record *header, enum results_kind kind,
                         struct results *results);

/* --resume: the kept result of this input row, with its status, reason
 * and ids (strings valid until the next call); res->replayed is set when
 * the row is still in the results file, clear when it must be written
 * again (a row after the cut). false when the row is new. */
bool results_journal_replay(struct results_journal *rj, const struct csv_record *rec,
                            struct row_result *res);

enum row_status row_status_from_name(const char *s);

/* The journal's path (RESULTS.partial) results_journal_open would use
 * for this command line, before it opens (malloc'd); NULL when the
 * results go to standard output, a device or a FIFO (no journal). */
char *results_journal_work_path(const struct config *cfg);

void results_journal_close(struct results_journal *rj);

#endif
