/* common/interrupt.h - a safe stop on Ctrl-C (SIGINT) or SIGTERM.
 *
 * The first signal only asks: no request starts any more, the requests in
 * flight end (each within --timeout) and their outcomes are written, the
 * journal is made safe, and the command ends with the status
 * interrupt_status() (130 for SIGINT, 143 for SIGTERM) leaving its
 * RESULTS.partial for --resume. A second signal stops at once (the signal's
 * default action): the journal is still safe up to its last whole row.
 * `check`, which sends nothing, keeps the default: Ctrl-C stops it at once
 * and it leaves no file half-written (files/csv_writer.h). */
#ifndef APOLLO_INTERRUPT_H
#define APOLLO_INTERRUPT_H

#include <stdbool.h>

/* Catches SIGINT and SIGTERM; a second one is not caught. */
void interrupt_install(void);

/* a stop was asked for */
bool interrupted(void);

/* the signal, 0 when none came */
int interrupt_signal(void);

/* "Ctrl-C" or "SIGTERM", for messages */
const char *interrupt_name(void);

/* the exit status of a run stopped so: 128 + the signal */
int interrupt_status(void);

/* Sleeps `seconds`, waking early when a stop is asked for. false when it
 * was. */
bool interrupt_sleep(double seconds);

/* The command that goes on after a stop: the same words, with --resume
 * (main() sets it from argv). */
void interrupt_set_resume_command(const char *command);
/* The one line a stopped run ends with, from the rows the progress
 * display counted (common/progress.h), and where the results are (NULL:
 * not said):
 *   stopped by Ctrl-C at row 8,200 of 20,000; the results so far are in
 *   leads.results.csv.partial; to go on: apollo-csv import leads.csv --resume
 * resumable false: --resume cannot go on (the input was standard input,
 * or the results went to standard output, a device or a FIFO), which it
 * says instead. */
void interrupt_say_stopped(bool resumable, const char *results);
/* whether interrupt_say_stopped has been called */
bool interrupt_said(void);

/* A progress display is on screen (common/progress.h): the signal
 * handler leaves saying "stopping" to it. */
void interrupt_display(bool on);

/* For tests: behave as if the signal had come. */
void interrupt_raise_for_test(int sig);

#endif
