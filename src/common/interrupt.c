/* common/interrupt.c - see common/interrupt.h. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/interrupt.h"

static volatile sig_atomic_t caught;

static void on_signal(int sig)
{
	static const char said[] = "\napollo-csv: stopping: the requests in flight are let finish and "
	                           "written down (press Ctrl-C again to stop at once)\n";
	int saved = errno;
	caught = sig;
	/* only async-signal-safe calls here */
	if (write(STDERR_FILENO, said, sizeof said - 1) < 0) {
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
