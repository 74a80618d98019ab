/* common/interrupt.c - see common/interrupt.h. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/interrupt.h"
#include "common/msg.h"
#include "common/progress.h"

static volatile sig_atomic_t caught, display_on;
static const char *resume_command;
static bool said;

static void on_signal(int sig)
{
	static const char said[] = "\napollo-csv: stopping: the requests in flight are let finish and "
	                           "written down (press Ctrl-C again to stop at once)\n";
	int saved = errno;
	caught = sig;
	/* only async-signal-safe calls here; a progress display on screen
	 * says it instead, in its own lines */
	if (!display_on && write(STDERR_FILENO, said, sizeof said - 1) < 0) {
		/* nothing to be done */
	}
	errno = saved;
}

void interrupt_install(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* the second signal takes the default action: an immediate stop */
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

bool interrupted(void)
{
	return caught != 0;
}

int interrupt_signal(void)
{
	return (int)caught;
}

const char *interrupt_name(void)
{
	return caught == SIGTERM ? "SIGTERM" : "Ctrl-C";
}

int interrupt_status(void)
{
	return 128 + (caught ? (int)caught : SIGINT);
}

bool interrupt_sleep(double seconds)
{
	struct timespec end, now;
	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += (time_t)seconds;
	end.tv_nsec += (long)((seconds - (double)(time_t)seconds) * 1e9);
	if (end.tv_nsec >= 1000000000L) {
		end.tv_sec++;
		end.tv_nsec -= 1000000000L;
	}
	while (!caught) {
		struct timespec step = { 0, 100000000L };
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec > end.tv_sec || (now.tv_sec == end.tv_sec && now.tv_nsec >= end.tv_nsec))
			return true;
		nanosleep(&step, NULL);
	}
	return false;
}

void interrupt_raise_for_test(int sig)
{
	caught = sig;
}

void interrupt_set_resume_command(const char *command)
{
	resume_command = command;
}

void interrupt_say_stopped(bool resumable, const char *results)
{
	struct msg_pos none = { 0 };
	unsigned long long done = 0, total = 0;
	bool about = false;
	char where[128] = "", d[32], t[32];

	said = true;
	if (progress_last(&done, &total, &about)) {
		progress_thousands(d, sizeof d, done);
		progress_thousands(t, sizeof t, total);
		if (total)
			snprintf(where, sizeof where, " at row %s of %s%s", d, about ? "about " : "", t);
		else
			snprintf(where, sizeof where, " at row %s", d);
	}
	if (!resumable)
		msg_error(&none, "stopped by %s%s; the rows after it are not done, and --resume cannot go on "
		          "(it reads the same FILE again, not standard input, and results written to a file "
		          "with -o FILE)", interrupt_name(), where);
	else
		msg_error(&none, "stopped by %s%s; %s%s%sto go on: %s", interrupt_name(), where,
		          results ? "the results so far are in " : "", results ? results : "", results ? "; " : "",
		          resume_command ? resume_command : "the same command with --resume");
}

bool interrupt_said(void)
{
	return said;
}

void interrupt_display(bool on)
{
	display_on = on;
}
