/* web/run.c - see web/run.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/exit_codes.h"
#include "files/whole_file.h"
#include "web/run.h"

void run_init(struct web_run *r)
{
	memset(r, 0, sizeof *r);
	pthread_mutex_init(&r->mu, NULL);
	r->exit_status = -1;
	r->pid = -1;
	r->life_w = -1;
	r->status_r = -1;
}

static void add_message(struct web_run *r, const char *line, size_t len)
{
	char *copy = malloc(len + 1);
	size_t slot;
	if (!copy)
		return;
	memcpy(copy, line, len);
	copy[len] = '\0';
	pthread_mutex_lock(&r->mu);
	slot = r->nmessages % RUN_MESSAGES;
	free(r->messages[slot]);
	r->messages[slot] = copy;
	r->nmessages++;
	pthread_mutex_unlock(&r->mu);
}

static void set_progress(struct web_run *r, const char *line, size_t len)
{
	char *copy = malloc(len + 1);
	if (!copy)
		return;
	memcpy(copy, line, len);
	copy[len] = '\0';
	pthread_mutex_lock(&r->mu);
	free(r->progress);
	r->progress = copy;
	pthread_mutex_unlock(&r->mu);
}

/* the complete lines in buf[0..*len) handed to `take`, the rest kept */
static void lines(struct web_run *r, char *buf, size_t *len, void (*take)(struct web_run *, const char *, size_t))
{
	size_t start = 0;
	for (size_t i = 0; i < *len; i++)
		if (buf[i] == '\n') {
			size_t n = i - start;
			if (n && buf[start + n - 1] == '\r')
				n--;
			take(r, buf + start, n);
			start = i + 1;
		}
	memmove(buf, buf + start, *len - start);
	*len -= start;
	/* a line longer than the buffer is cut */
	if (*len == 8192) {
		take(r, buf, *len);
		*len = 0;
	}
}

/* stopped: what --resume goes on from (Ctrl-C, SIGTERM, killed, the API
 * gave up); done: every row has its result */
static enum run_state state_of(int exit_status)
{
	return exit_status == EXIT_OK || exit_status == EXIT_ATTENTION ? RUN_DONE
	     : exit_status == 130 || exit_status == 143 || exit_status == 137 || exit_status == EXIT_API
	     ? RUN_STOPPED : RUN_FAILED;
}

void run_restore(struct web_run *r, int exit_status, const char *summary_path)
{
	pthread_mutex_lock(&r->mu);
	r->exit_status = exit_status;
	r->state = state_of(exit_status);
	free(r->summary_path);
	r->summary_path = strdup(summary_path);
	pthread_mutex_unlock(&r->mu);
}

struct reader_arg {
	struct web_run *r;
	int err_fd, progress_fd;
};

/* a wait status as a shell says it: the exit status, 128 + the signal
 * that ended it; async-signal-safe (the watcher calls it after fork) */
static int exit_status_of(int status)
{
	return WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : EXIT_INTERNAL;
}

static void *reader(void *arg)
{
	struct reader_arg *a = arg;
	struct web_run *r = a->r;
	char ebuf[8192], pbuf[8192];
	size_t elen = 0, plen = 0;
	struct pollfd fds[2] = { { a->err_fd, POLLIN, 0 }, { a->progress_fd, POLLIN, 0 } };
	int status = 0, said;

	while (fds[0].fd >= 0 || fds[1].fd >= 0) {
		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < 2; i++) {
			char *buf = i ? pbuf : ebuf;
			size_t *len = i ? &plen : &elen;
			ssize_t n;
			if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			n = read(fds[i].fd, buf + *len, sizeof ebuf - *len);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				if (*len)
					(i ? set_progress : add_message)(r, buf, *len);
				*len = 0;
				close(fds[i].fd);
				fds[i].fd = -1;
				continue;
			}
			*len += (size_t)n;
			lines(r, buf, len, i ? set_progress : add_message);
		}
	}
	while (waitpid(r->pid, &status, 0) < 0 && errno == EINTR)
		;
	pthread_mutex_lock(&r->mu);
	if (r->life_w >= 0)
		close(r->life_w);
	r->life_w = -1;
	/* the run's status as its watcher said it; the watcher's own if it
	 * said nothing */
	if (r->status_r < 0 || read(r->status_r, &said, sizeof said) != (ssize_t)sizeof said)
		said = exit_status_of(status);
	if (r->status_r >= 0)
		close(r->status_r);
	r->status_r = -1;
	r->exit_status = said;
	r->state = state_of(r->exit_status);
	pthread_mutex_unlock(&r->mu);
	free(a);
	return NULL;
}

static char **copy_argv(char *const argv[])
{
	size_t n = 0;
	char **c;
	while (argv[n])
		n++;
	if (!(c = calloc(n + 1, sizeof *c)))
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (!(c[i] = strdup(argv[i]))) {
			while (i--)
				free(c[i]);
			free(c);
			return NULL;
		}
	return c;
}

static void free_argv(char **argv)
{
	for (size_t i = 0; argv && argv[i]; i++)
		free(argv[i]);
	free(argv);
}

/* in the child, before exec: nothing here may allocate (the environment
 * is made before fork) */
static void child(const char *exe, char *const argv[], char *const envp[], const char *dir, int err_w,
                  int progress_w)
{
	int null = open("/dev/null", O_RDWR);
	if (chdir(dir) != 0)
		_exit(EXIT_INTERNAL);
	if (null >= 0) {
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
	}
	dup2(err_w, STDERR_FILENO);
	if (progress_w != 3) {
		dup2(progress_w, 3);
		close(progress_w);
	}
	/* only 0, 1, 2 and 3 go on to the run (and the pipe that closes when
	 * it execs, close-on-exec) */
	for (int fd = 4; fd < 1024; fd++)
		if (fcntl(fd, F_GETFD) >= 0 && !(fcntl(fd, F_GETFD) & FD_CLOEXEC))
			close(fd);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	/* serve gone, its messages have no reader: the run still ends as it
	 * should, not at the first line it writes */
	signal(SIGPIPE, SIG_IGN);
	execve(exe, argv, envp);
	_exit(EXIT_INTERNAL);
}

/* Between serve and each run stands a watcher, a second process of
 * serve's (forked, not a program) that starts the run, waits for it, and
 * is the only one that ever signals it: once, SIGINT, as Ctrl-C. It holds
 * the read end of a pipe only serve writes to: a byte on it is Stop; the
 * pipe closing is serve gone, however it ended (killed -9 too), and the
 * run stops the same way, the requests in flight finished and written
 * down, instead of going on where no page sees it. One sender, one signal:
 * a second SIGINT would stop the run at once, its results half-made (the
 * kernel's PR_SET_PDEATHSIG was tried first: a process killed with many
 * threads sends it once a thread; and Stop followed by serve's end would
 * have sent two). The signal waits until the run has exec'd (a pipe that
 * closes on exec tells), so that it is not lost to the signal dispositions
 * of the moments between. The watcher says the run's exit status on a
 * pipe of its own (and exits with it): a memory checker that runs serve
 * also runs its forks, and may give the watcher an exit status of its own.
 *
 * After fork, in a process with threads, only async-signal-safe calls. */
static void watcher(const char *exe, char *const argv[], char *const envp[], const char *dir, int life_r,
                    int err_w, int progress_w, int status_w)
{
	struct timespec nap = { 0, 200000000 };
	int xp[2], status = 0;
	bool execd = false, want = false, told = false;
	pid_t run;

	setpgid(0, 0);
	signal(SIGINT, SIG_IGN);
	signal(SIGTERM, SIG_IGN);
	if (pipe2(xp, O_CLOEXEC) < 0)
		_exit(EXIT_INTERNAL);
	run = fork();
	if (run == 0) {
		int pw = fcntl(progress_w, F_DUPFD, 10);  /* out of the way of 0..3 */
		close(life_r);
		close(xp[0]);
		child(exe, argv, envp, dir, err_w, pw >= 0 ? pw : progress_w);
	}
	/* the run's ends of its pipes are the run's alone: serve reads them to
	 * their end when it ends */
	for (int fd = 0; fd < 1024; fd++)
		if (fd != life_r && fd != xp[0] && fd != status_w)
			close(fd);
	if (run < 0)
		_exit(EXIT_INTERNAL);
	for (;;) {
		struct pollfd pfd[2] = { { execd ? -1 : xp[0], POLLIN, 0 }, { want ? -1 : life_r, POLLIN, 0 } };
		pid_t w = waitpid(run, &status, WNOHANG);
		if (w == run)
			break;
		if (w < 0 && errno != EINTR)
			_exit(EXIT_INTERNAL);
		if (execd && want) {
			if (!told)
				kill(run, SIGINT);
			told = true;
			nanosleep(&nap, NULL);
			continue;
		}
		if (poll(pfd, 2, 200) <= 0)
			continue;
		if (pfd[0].revents) {
			char c;
			if (read(xp[0], &c, 1) <= 0)
				execd = true;       /* closed by the exec (or by the run's end) */
		}
		if (pfd[1].revents) {
			char c;
			/* a byte: Stop; the end: serve is gone */
			if (read(life_r, &c, 1) >= 0)
				want = true;
		}
	}
	status = exit_status_of(status);
	/* the run's status, said on a pipe of its own: the watcher's own exit
	 * status is not the run's (a memory checker running serve sets its
	 * own in a forked process) */
	if (write(status_w, &status, sizeof status) != (ssize_t)sizeof status)
		_exit(EXIT_INTERNAL);
	_exit(status);
}

/* the watcher (and through it the run) started; its pid, or -1. *status_r:
 * where the watcher says the run's exit status. */
static pid_t launch(const char *exe, char *const argv[], char *const envp[], const char *dir, int *ep, int *pp,
                    int *life_w, int *status_r)
{
	int life[2], st[2];
	pid_t pid;

	if (pipe2(life, O_CLOEXEC) < 0)
		return -1;
	if (pipe2(st, O_CLOEXEC) < 0) {
		close(life[0]), close(life[1]);
		return -1;
	}
	pid = fork();
	if (pid == 0) {
		close(life[1]);
		close(st[0]);
		close(ep[0]);
		close(pp[0]);
		watcher(exe, argv, envp, dir, life[0], ep[1], pp[1], st[1]);
	}
	close(life[0]);
	close(st[1]);
	if (pid < 0) {
		close(life[1]);
		close(st[0]);
		return -1;
	}
	*life_w = life[1];
	*status_r = st[0];
	return pid;
}

/* this process's environment and the run's progress descriptor, made
 * before fork (after it, nothing may allocate) */
static char **run_environment(void)
{
	extern char **environ;
	static const char progress[] = "APOLLO_CSV_PROGRESS_FD=";
	size_t n = 0, o = 0;
	char **env;
	while (environ[n])
		n++;
	if (!(env = calloc(n + 2, sizeof *env)))
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (strncmp(environ[i], progress, sizeof progress - 1) != 0)
			env[o++] = environ[i];
	env[o++] = (char *)"APOLLO_CSV_PROGRESS_FD=3";
	env[o] = NULL;
	return env;
}

int run_start(struct web_run *r, const char *exe, char *const argv[], const char *dir,
              const char *summary_path, char *err, size_t errlen)
{
	int ep[2], pp[2], life_w = -1, status_r = -1;
	char **env;
	struct reader_arg *a;
	pid_t pid;

	if (run_going(r)) {
		snprintf(err, errlen, "a run is going: one at a time");
		return -1;
	}
	if (r->reader_on)
		run_wait(r);
	if (pipe2(ep, O_CLOEXEC) < 0 || pipe2(pp, O_CLOEXEC) < 0) {
		snprintf(err, errlen, "cannot start the run: %s", strerror(errno));
		return -1;
	}
	/* a summary is this run's only when it is there at its end */
	unlink(summary_path);
	/* the child's ends keep no close-on-exec (dup2 clears it) */
	/* kept where a memory checker running the forked watcher still sees
	 * it (a pointer on this thread's stack alone would look lost there) */
	static char **env_now;
	env = env_now = run_environment();
	pid = env ? launch(exe, argv, env, dir, ep, pp, &life_w, &status_r) : -1;
	env_now = NULL;
	free(env);
	if (pid < 0) {
		snprintf(err, errlen, "cannot start the run: %s", strerror(errno));
		close(ep[0]), close(ep[1]), close(pp[0]), close(pp[1]);
		return -1;
	}
	setpgid(pid, pid);
	close(ep[1]);
	close(pp[1]);

	pthread_mutex_lock(&r->mu);
	free_argv(r->argv);
	free(r->dir);
	free(r->summary_path);
	free(r->progress);
	for (size_t i = 0; i < RUN_MESSAGES; i++) {
		free(r->messages[i]);
		r->messages[i] = NULL;
	}
	r->nmessages = 0;
	r->progress = NULL;
	r->argv = copy_argv(argv);
	r->dir = strdup(dir);
	r->summary_path = strdup(summary_path);
	r->pid = pid;
	r->life_w = life_w;
	r->status_r = status_r;
	r->exit_status = -1;
	r->state = RUN_RUNNING;
	pthread_mutex_unlock(&r->mu);

	if (!(a = malloc(sizeof *a)) || (a->r = r, a->err_fd = ep[0], a->progress_fd = pp[0],
	                                 pthread_create(&r->reader, NULL, reader, a) != 0)) {
		/* no one to read it: the run is stopped before it does anything */
		free(a);
		close(ep[0]);
		close(pp[0]);
		/* through the watcher, which signals it once it has exec'd */
		close(life_w);
		waitpid(pid, NULL, 0);
		close(status_r);
		pthread_mutex_lock(&r->mu);
		r->life_w = -1;
		r->status_r = -1;
		r->exit_status = EXIT_INTERNAL;
		r->state = RUN_FAILED;
		pthread_mutex_unlock(&r->mu);
		snprintf(err, errlen, "cannot watch the run (out of memory or threads)");
		return -1;
	}
	r->reader_on = true;
	return 0;
}

bool run_going(struct web_run *r)
{
	bool going;
	pthread_mutex_lock(&r->mu);
	going = r->state == RUN_RUNNING || r->state == RUN_STOPPING;
	pthread_mutex_unlock(&r->mu);
	return going;
}

bool run_stopped(struct web_run *r)
{
	bool stopped;
	pthread_mutex_lock(&r->mu);
	stopped = r->state == RUN_STOPPED;
	pthread_mutex_unlock(&r->mu);
	return stopped;
}

void run_stop(struct web_run *r)
{
	pthread_mutex_lock(&r->mu);
	/* once, through the watcher (the one that signals the run): a second
	 * SIGINT would stop it at once, requests in flight lost */
	if (r->state == RUN_RUNNING && r->life_w >= 0) {
		ssize_t n;
		do
			n = write(r->life_w, "s", 1);
		while (n < 0 && errno == EINTR);
		r->state = RUN_STOPPING;
	}
	pthread_mutex_unlock(&r->mu);
}

void run_wait(struct web_run *r)
{
	if (r->reader_on) {
		pthread_join(r->reader, NULL);
		r->reader_on = false;
	}
}

static const char *state_name(enum run_state s)
{
	switch (s) {
	case RUN_RUNNING: return "running";
	case RUN_STOPPING: return "stopping";
	case RUN_DONE: return "done";
	case RUN_STOPPED: return "stopped";
	case RUN_FAILED: return "failed";
	default: return "none";
	}
}

/* the next place in text where path names the file in a message
 * ("path:13:3: ...", "path: 300 rows"), not where it is a word of a
 * command line to paste */
static const char *named(const char *text, const char *path, size_t plen)
{
	for (const char *p = strstr(text, path); p; p = strstr(p + plen, path))
		if (p[plen] == ':')
			return p;
	return NULL;
}

char *run_rename(const char *text, const char *path, const char *name)
{
	size_t plen = path ? strlen(path) : 0, nlen = name ? strlen(name) : 0, n = 0;
	const char *p;
	char *out, *o;

	for (p = plen ? named(text, path, plen) : NULL; p; p = named(p + plen, path, plen))
		n++;
	if (!(out = malloc(strlen(text) + n * nlen + 1)))
		return NULL;
	for (o = out, p = text; n && *p;) {
		const char *hit = named(p, path, plen);
		if (!hit)
			break;
		memcpy(o, p, (size_t)(hit - p));
		o += hit - p;
		memcpy(o, name, nlen);
		o += nlen;
		p = hit + plen;
	}
	strcpy(o, p);
	return out;
}

void run_describe(struct web_run *r, cJSON *o, const char *path, const char *name)
{
	cJSON *msgs, *progress = NULL, *summary = NULL;
	size_t first;
	bool ended;

	pthread_mutex_lock(&r->mu);
	cJSON_AddStringToObject(o, "state", state_name(r->state));
	if (r->progress)
		progress = cJSON_Parse(r->progress);
	if (progress) {
		cJSON *eta = cJSON_GetObjectItem(progress, "eta");
		if (cJSON_IsNumber(eta) && eta->valuedouble < 0)
			cJSON_ReplaceItemInObject(progress, "eta", cJSON_CreateNull());
		cJSON_AddItemToObject(o, "progress", progress);
	} else {
		cJSON_AddNullToObject(o, "progress");
	}
	msgs = cJSON_AddArrayToObject(o, "messages");
	first = r->nmessages > RUN_MESSAGES ? r->nmessages - RUN_MESSAGES : 0;
	for (size_t i = first; msgs && i < r->nmessages; i++) {
		char *shown = run_rename(r->messages[i % RUN_MESSAGES], path, name);
		cJSON_AddItemToArray(msgs, cJSON_CreateString(shown ? shown : r->messages[i % RUN_MESSAGES]));
		free(shown);
	}
	if (r->exit_status >= 0)
		cJSON_AddNumberToObject(o, "exit_status", r->exit_status);
	else
		cJSON_AddNullToObject(o, "exit_status");
	cJSON_AddStringToObject(o, "exit_meaning", r->exit_status == 137 ? "killed before it ended (serve or the machine "
	                        "stopped); the run can be resumed" : r->exit_status >= 0 ? exit_code_meaning(r->exit_status) : "");
	ended = r->exit_status >= 0;
	if (ended && r->summary_path) {
		char *text = whole_file(r->summary_path, 16 << 20);
		summary = text ? cJSON_Parse(text) : NULL;
		free(text);
	}
	pthread_mutex_unlock(&r->mu);
	if (summary)
		cJSON_AddItemToObject(o, "summary", summary);
	else
		cJSON_AddNullToObject(o, "summary");
}

void run_free(struct web_run *r)
{
	run_wait(r);
	free_argv(r->argv);
	free(r->dir);
	free(r->summary_path);
	free(r->progress);
	for (size_t i = 0; i < RUN_MESSAGES; i++)
		free(r->messages[i]);
	pthread_mutex_destroy(&r->mu);
	memset(r, 0, sizeof *r);
}
