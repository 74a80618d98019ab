/* common/run_summary.h - the facts of one run, for scripts (--json,
 * --summary FILE): collected as the run goes by the places that already
 * compute them, and written once, last, by main() as one JSON object
 * with the run's final exit status. The object's shape is documented in
 * the man page (SUMMARY FOR SCRIPTS) and is stable: keys are only ever
 * added, and summary_version says which shape this is.
 *
 * One run per process, like the messages (common/msg.c): the facts come
 * from every layer (the results' counts, the sequence tallies, the HTTP
 * client's calls, the files committed, the messages printed), so they are
 * kept here rather than in a struct threaded through every stage. */
#ifndef APOLLO_RUN_SUMMARY_H
#define APOLLO_RUN_SUMMARY_H

#include <stdbool.h>

#define RUN_SUMMARY_VERSION 1

/* the groups of counts, each a JSON object of word: count */
enum run_summary_group {
	RS_STATUS,           /* rows by _status */
	RS_SEQUENCE_STATUS,  /* rows by _sequence_status */
	RS_SKIP_REASONS,     /* skipped rows by Apollo's skip code */
	RS_GROUPS
};

/* The command's name (NULL: none was recognised). Forgets every fact. */
void run_summary_start(const char *command);
/* Adds n to a word's count in a group; n == 0 makes the word appear. */
void run_summary_count(enum run_summary_group g, const char *word, unsigned long long n);
/* Adds a session's requests: sent (retries included), retried, answered 429. */
void run_summary_calls(unsigned long calls, unsigned long retries, unsigned long limited);
/* A file the run finished writing, and what it is: "results", "errors",
 * "report", "contacts", "people", "tasks", "deals". */
void run_summary_file(const char *role, const char *path);
/* A file's mapping, as JSON text (rows/mapping.c makes it); the summary
 * lists them under "mappings", in the order given. Takes the string. */
void run_summary_mapping(char *json);
/* whether path names the same file as one the run wrote */
bool run_summary_wrote(const char *path);
/* Why the run ended before its rows did; the first reason is kept unless
 * `replace` (a signal outranks what it caused). */
void run_summary_stop(const char *reason, bool replace);
/* An error or warning as printed, without the "apollo-csv: " prefix
 * (common/msg.c calls this); the first RUN_SUMMARY_MAX_MESSAGES are kept. */
#define RUN_SUMMARY_MAX_MESSAGES 100
void run_summary_message(bool error, const char *text);

/* The object, with the final status; `resumable`: the command takes
 * --resume. A malloc'd string, NULL when out of memory. */
char *run_summary_json(int exit_status, bool resumable);

#endif
