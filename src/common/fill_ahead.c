/* common/fill_ahead.c - see common/fill_ahead.h. */
#include "config.h"

#include <string.h>

#include "common/fill_ahead.h"

static void *worker(void *p)
{
	struct fill_ahead *f = p;

	pthread_mutex_lock(&f->mu);
	while (!f->quit && !f->ended) {
		unsigned slot;
		bool more;
		if (f->ready + f->held >= f->nslots) {
			pthread_cond_wait(&f->free_cv, &f->mu);
			continue;
		}
		slot = f->next_fill;
		pthread_mutex_unlock(&f->mu);
		more = f->fill(f->arg, slot);
		pthread_mutex_lock(&f->mu);
		f->next_fill = (slot + 1) % f->nslots;
		f->ready++;
		f->ended = !more;
		pthread_cond_signal(&f->filled_cv);
	}
	pthread_mutex_unlock(&f->mu);
	return NULL;
}

void fill_ahead_start(struct fill_ahead *f, unsigned nslots, unsigned prefilled, fill_ahead_fn *fill,
                      void *arg)
{
	memset(f, 0, sizeof *f);
	f->nslots = nslots < 2 ? 2 : nslots > FILL_AHEAD_MAX ? FILL_AHEAD_MAX : nslots;
	f->fill = fill;
	f->arg = arg;
	f->ready = prefilled;
	f->next_fill = prefilled % f->nslots;
	if (pthread_mutex_init(&f->mu, NULL) != 0)
		return;
	if (pthread_cond_init(&f->filled_cv, NULL) != 0) {
		pthread_mutex_destroy(&f->mu);
		return;
	}
	if (pthread_cond_init(&f->free_cv, NULL) != 0) {
		pthread_cond_destroy(&f->filled_cv);
		pthread_mutex_destroy(&f->mu);
		return;
	}
	if (pthread_create(&f->thread, NULL, worker, f) != 0) {
		pthread_cond_destroy(&f->free_cv);
		pthread_cond_destroy(&f->filled_cv);
		pthread_mutex_destroy(&f->mu);
		return;
	}
	f->started = true;
}

int fill_ahead_take(struct fill_ahead *f)
{
	int slot;

	if (!f->started) {
		/* inline: the prefilled slots, then each filled when asked for */
		if (f->ready) {
			f->ready--;
		} else {
			if (f->ended)
				return -1;
			f->ended = !f->fill(f->arg, f->next_take);
		}
		slot = (int)f->next_take;
		f->next_take = (f->next_take + 1) % f->nslots;
		return slot;
	}
	pthread_mutex_lock(&f->mu);
	while (!f->ready && !f->ended)
		pthread_cond_wait(&f->filled_cv, &f->mu);
	if (!f->ready) {
		pthread_mutex_unlock(&f->mu);
		return -1;
	}
	slot = (int)f->next_take;
	f->next_take = (f->next_take + 1) % f->nslots;
	f->ready--;
	f->held++;
	pthread_mutex_unlock(&f->mu);
	return slot;
}

void fill_ahead_give_back(struct fill_ahead *f)
{
	if (!f->started)
		return;
	pthread_mutex_lock(&f->mu);
	if (f->held)
		f->held--;
	pthread_cond_signal(&f->free_cv);
	pthread_mutex_unlock(&f->mu);
}

void fill_ahead_stop(struct fill_ahead *f)
{
	if (!f->started)
		return;
	pthread_mutex_lock(&f->mu);
	f->quit = true;
	pthread_cond_signal(&f->free_cv);
	pthread_mutex_unlock(&f->mu);
	pthread_join(f->thread, NULL);
	pthread_cond_destroy(&f->free_cv);
	pthread_cond_destroy(&f->filled_cv);
	pthread_mutex_destroy(&f->mu);
	f->started = false;
}
