/* common/bgjob.h - one worker thread with one job slot, for double-buffered I/O:
 * the reader decompresses the next block while the rows of this one are
 * checked, the writer writes one buffer while the next is filled. On a
 * 2-core machine this takes gzip and write(2) off the critical path. */
#ifndef APOLLO_BGJOB_H
#define APOLLO_BGJOB_H

#include <pthread.h>
#include <stdbool.h>

struct bgjob {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	void (*fn)(void *arg);   /* the job waiting or running; NULL when idle */
	void *arg;
	bool quit;
	bool started;
};

/* 0, or -1 when no thread could be made (callers then do the work inline) */
int bgjob_start(struct bgjob *j);
/* Waits until the worker is idle, then hands it fn(arg). */
void bgjob_submit(struct bgjob *j, void (*fn)(void *), void *arg);
/* Waits until the worker is idle. */
void bgjob_wait(struct bgjob *j);
/* Waits for the running job, then ends the thread. */
void bgjob_stop(struct bgjob *j);

#endif
