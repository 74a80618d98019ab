/* bench-run.c - run a command a number of times and time it, for `make bench`.
 *
 * Usage: bench-run [-v] [--ok LIST] RUNS -- CMD [ARGS...]
 *
 * Forks and execs CMD RUNS times, one after the other. The child's standard
 * output and standard error go to /dev/null unless -v is given. Each run's
 * wall time is measured with clock_gettime(CLOCK_MONOTONIC) around fork and
 * wait, its peak RSS from wait4's rusage (ru_maxrss, KiB on Linux). Prints
 * one line:
 *
 *   median_s=X.XXX min_s=X.XXX max_s=X.XXX maxrss_kb=N runs=R cpu_s=X.XXX
 *
 * maxrss_kb is the largest peak over the runs; cpu_s the median of the
 * runs' cpu time (user + system, every thread: the rusage of wait4).
 *
 *   -v, --verbose   let the child write to this standard output and error
 *   --ok LIST       exit statuses that count as success, comma-separated
 *                   (default 0), e.g. --ok 0,1
 *
 * Exit status: 0 every run succeeded (the line is printed); 1 a run exited
 * with a status not in LIST, was killed by a signal or could not be started
 * (stops at that run, no line printed); 2 bad usage or a system error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define EXEC_FAILED 127

static void usage(void)
{
	fprintf(stderr, "usage: bench-run [-v] [--ok LIST] RUNS -- CMD [ARGS...]\n");
	exit(2);
}

static bool parse_ok_list(const char *s, bool ok[256])
{
	memset(ok, 0, 256 * sizeof(bool));
	for (;;) {
		char *end;
		long v;
		errno = 0;
		v = strtol(s, &end, 10);
		if (errno || end == s || v < 0 || v > 255)
			return false;
		ok[v] = true;
		if (*end == '\0')
			return true;
		if (*end != ',')
			return false;
		s = end + 1;
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* in the child: redirect, exec; report a failed exec on the saved stderr */
static void run_child(char **cmd, bool verbose, int err_fd)
{
	if (!verbose) {
		int null = open("/dev/null", O_WRONLY);
		if (null < 0 || dup2(null, STDOUT_FILENO) < 0 || dup2(null, STDERR_FILENO) < 0) {
			dprintf(err_fd, "bench-run: /dev/null: %s\n", strerror(errno));
			_exit(EXEC_FAILED);
		}
		if (null > STDERR_FILENO)
			close(null);
	}
	execvp(cmd[0], cmd);
	dprintf(err_fd, "bench-run: cannot run %s: %s\n", cmd[0], strerror(errno));
	_exit(EXEC_FAILED);
}

int main(int argc, char **argv)
{
	bool verbose = false, ok[256];
	long runs = -1;
	char **cmd = NULL;
	double *times, *cpus;
	long maxrss = 0;
	int err_fd;

	parse_ok_list("0", ok);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			cmd = argv + i + 1;
			break;
		} else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
			verbose = true;
		} else if (strcmp(a, "--ok") == 0) {
			if (++i == argc || !parse_ok_list(argv[i], ok))
				usage();
		} else if (strncmp(a, "--ok=", 5) == 0) {
			if (!parse_ok_list(a + 5, ok))
				usage();
		} else if (a[0] != '-' && runs < 0) {
			char *end;
			errno = 0;
			runs = strtol(a, &end, 10);
			if (errno || end == a || *end || runs < 1 || runs > 100000)
				usage();
		} else {
			usage();
		}
	}
	if (runs < 0 || !cmd || !cmd[0])
		usage();

	times = calloc((size_t)runs, sizeof(*times));
	cpus = calloc((size_t)runs, sizeof(*cpus));
	if (!times || !cpus) {
		perror("bench-run");
		return 2;
	}
	/* the child's way to complain once its stderr is /dev/null */
	err_fd = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
	if (err_fd < 0)
		err_fd = STDERR_FILENO;
	fflush(NULL);

	for (long r = 0; r < runs; r++) {
		struct rusage ru;
		int status;
		pid_t pid, got;
		double t0 = now_s();

		pid = fork();
		if (pid < 0) {
			perror("bench-run: fork");
			return 2;
		}
		if (pid == 0)
			run_child(cmd, verbose, err_fd);
		do
			got = wait4(pid, &status, 0, &ru);
		while (got < 0 && errno == EINTR);
		times[r] = now_s() - t0;
		if (got < 0) {
			perror("bench-run: wait4");
			return 2;
		}
		cpus[r] = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
		          (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
		if (ru.ru_maxrss > maxrss)
			maxrss = ru.ru_maxrss;
		if (WIFSIGNALED(status)) {
			fprintf(stderr, "bench-run: run %ld of %s: killed by signal %d (%s)\n", r + 1,
			        cmd[0], WTERMSIG(status), strsignal(WTERMSIG(status)));
			return 1;
		}
		if (!WIFEXITED(status) || !ok[WEXITSTATUS(status)]) {
			fprintf(stderr, "bench-run: run %ld of %s: exit status %d\n", r + 1, cmd[0],
			        WIFEXITED(status) ? WEXITSTATUS(status) : -1);
			return 1;
		}
	}

	{
		double *sorted = malloc((size_t)runs * sizeof(*sorted)), median, cpu;
		if (!sorted) {
			perror("bench-run");
			return 2;
		}
		memcpy(sorted, cpus, (size_t)runs * sizeof(*sorted));
		qsort(sorted, (size_t)runs, sizeof(*sorted), cmp_double);
		cpu = runs % 2 ? sorted[runs / 2] : (sorted[runs / 2 - 1] + sorted[runs / 2]) / 2;
		memcpy(sorted, times, (size_t)runs * sizeof(*sorted));
		qsort(sorted, (size_t)runs, sizeof(*sorted), cmp_double);
		median = runs % 2 ? sorted[runs / 2] : (sorted[runs / 2 - 1] + sorted[runs / 2]) / 2;
		printf("median_s=%.3f min_s=%.3f max_s=%.3f maxrss_kb=%ld runs=%ld cpu_s=%.3f\n", median,
		       sorted[0], sorted[runs - 1], maxrss, runs, cpu);
		free(sorted);
	}
	free(times);
	free(cpus);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("bench-run: stdout");
		return 2;
	}
	return 0;
}
