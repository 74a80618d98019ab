/* common/fill_ahead.h - a worker thread that keeps a ring of slots filled
 * ahead of the one reader: the input decompressed block by block, the
 * records parsed batch by batch. With one slot ahead (bgjob) each side
 * waits for the other at every hand-off, and on a 2-core machine running
 * three such threads most of the waiting is lost time; with several slots
 * ahead a side waits only when the other is slower on average.
 *
 * The worker calls fill(arg, slot) for slots 0, 1, ..., n-1, 0, ... while
 * a slot is free; fill returns false after the last slot it fills (the
 * end, or an error it wrote into the slot). The reader takes the filled
 * slots in order and gives each back before taking the next. */
#ifndef APOLLO_FILL_AHEAD_H
#define APOLLO_FILL_AHEAD_H

#include <pthread.h>
#include <stdbool.h>

#define FILL_AHEAD_MAX 16

typedef bool fill_ahead_fn(void *arg, unsigned slot);

struct fill_ahead {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t filled_cv;  /* the reader waits on it for a slot */
	pthread_cond_t free_cv;    /* the worker waits on it for room */
	fill_ahead_fn *fill;
	void *arg;
	unsigned nslots;
	unsigned ready;            /* filled, not yet taken */
	unsigned held;             /* taken, not yet given back (0 or 1) */
	unsigned next_fill, next_take;
	bool ended;                /* fill returned false */
	bool quit;
	bool started;              /* a thread runs; else take fills inline */
};

/* Starts the worker on a ring of nslots (2..FILL_AHEAD_MAX) whose first
 * `prefilled` slots the caller has filled already (they are taken first).
 * Without a thread (none could be made) take fills each slot itself, so
 * callers need no other path. */
void fill_ahead_start(struct fill_ahead *f, unsigned nslots, unsigned prefilled, fill_ahead_fn *fill,
                      void *arg);
/* The next filled slot, waiting for it; -1 once the slot fill returned
 * false for has been taken (the caller has seen the end in it). */
int fill_ahead_take(struct fill_ahead *f);
/* The slot taken last is free again. */
void fill_ahead_give_back(struct fill_ahead *f);
/* Ends the worker (after the slot it is filling); the slots stay the
 * caller's to free. */
void fill_ahead_stop(struct fill_ahead *f);

#endif
