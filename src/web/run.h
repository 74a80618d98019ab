/* web/run.h - one run of apollo-csv started by the web front end: the
 * program itself as a child process with the command line the page chose,
 * so that it does exactly what the command line does (same results file,
 * same journal, --resume from either side). What the page shows comes from
 * the child: its messages (stderr, line by line, as a terminal would show
 * them), its progress (JSON lines on APOLLO_CSV_PROGRESS_FD, see
 * common/progress.h), its exit status and its --summary file.
 *
 * The child runs in a process group of its own, so that Ctrl-C in serve's
 * terminal reaches it once, through run_stop, and not twice (a second
 * Ctrl-C stops a run at once, without finishing the requests in flight);
 * a watcher between the two stops it once, the same way, when serve ends
 * however it ends (run.c says how). */
#ifndef APOLLO_WEB_RUN_H
#define APOLLO_WEB_RUN_H

#include <pthread.h>
#include <stdbool.h>
#include <sys/types.h>

#include <cjson/cJSON.h>

#define RUN_MESSAGES 500

enum run_state { RUN_NONE, RUN_RUNNING, RUN_STOPPING, RUN_DONE, RUN_STOPPED, RUN_FAILED };

struct web_run {
	pthread_mutex_t mu;
	enum run_state state;
	pid_t pid;                     /* its watcher (see run.c), whose group it is in */
	int life_w;                    /* the watcher's pipe: closed, serve is gone */
	int status_r;                  /* where the watcher says the run's exit status */
	pthread_t reader;
	bool reader_on;
	char **argv;                   /* the child's command line (argv[0] "apollo-csv") */
	char *dir;                     /* where it runs and writes */
	char *summary_path;            /* its --summary FILE */
	char *progress;                /* the latest progress line (JSON) */
	char *messages[RUN_MESSAGES];  /* the latest lines of stderr, a ring */
	size_t nmessages;              /* lines seen in all */
	int exit_status;               /* -1 while running */
};

void run_init(struct web_run *r);
/* Starts `exe` with argv (copied) in dir. 0, or -1 with err set. */
int run_start(struct web_run *r, const char *exe, char *const argv[], const char *dir,
              const char *summary_path, char *err, size_t errlen);
/* A run of an earlier serve, ended with `exit_status` (137: killed, without
 * a summary), shown as if this serve had started it. */
void run_restore(struct web_run *r, int exit_status, const char *summary_path);
/* Ctrl-C for the child: the requests in flight finish and are written down */
void run_stop(struct web_run *r);
/* waits for the child and its reader (after run_stop, at exit) */
void run_wait(struct web_run *r);
/* the run as the page's JSON fields: state, progress, messages, exit_status,
 * summary (read from its file once it ended) added to o; in the messages,
 * `path` (the file as stored) is shown as `name` (as the user knows it)
 * where a message names it (run_rename) */
void run_describe(struct web_run *r, cJSON *o, const char *path, const char *name);
/* text with `path` shown as `name` where it names the file in a message
 * (followed by ':'), not where it is a word of a command line; malloc'd */
char *run_rename(const char *text, const char *path, const char *name);
bool run_going(struct web_run *r);
/* ended before its rows: --resume goes on with it */
bool run_stopped(struct web_run *r);
void run_free(struct web_run *r);

#endif
