#include "config.h"

#include "common/bgjob.h"

static void *worker(void *p)
{
	struct bgjob *j = p;
	pthread_mutex_lock(&j->mu);
	for (;;) {
		while (!j->fn && !j->quit)
			pthread_cond_wait(&j->cv, &j->mu);
		if (!j->fn && j->quit)
			break;
		pthread_mutex_unlock(&j->mu);
		j->fn(j->arg);
		pthread_mutex_lock(&j->mu);
		j->fn = NULL;
		pthread_cond_broadcast(&j->cv);
	}
	pthread_mutex_unlock(&j->mu);
	return NULL;
}

int bgjob_start(struct bgjob *j)
{
	j->fn = NULL;
	j->arg = NULL;
	j->quit = false;
	j->started = false;
	if (pthread_mutex_init(&j->mu, NULL) != 0)
		return -1;
	if (pthread_cond_init(&j->cv, NULL) != 0) {
		pthread_mutex_destroy(&j->mu);
		return -1;
	}
	if (pthread_create(&j->thread, NULL, worker, j) != 0) {
		pthread_cond_destroy(&j->cv);
		pthread_mutex_destroy(&j->mu);
		return -1;
	}
	j->started = true;
	return 0;
}

void bgjob_wait(struct bgjob *j)
{
	if (!j->started)
		return;
	pthread_mutex_lock(&j->mu);
	while (j->fn)
		pthread_cond_wait(&j->cv, &j->mu);
	pthread_mutex_unlock(&j->mu);
}

void bgjob_submit(struct bgjob *j, void (*fn)(void *), void *arg)
{
	if (!j->started) {
		fn(arg);
		return;
	}
	pthread_mutex_lock(&j->mu);
	while (j->fn)
		pthread_cond_wait(&j->cv, &j->mu);
	j->fn = fn;
	j->arg = arg;
	pthread_cond_broadcast(&j->cv);
	pthread_mutex_unlock(&j->mu);
}

void bgjob_stop(struct bgjob *j)
{
	if (!j->started)
		return;
	bgjob_wait(j);
	pthread_mutex_lock(&j->mu);
	j->quit = true;
	pthread_cond_broadcast(&j->cv);
	pthread_mutex_unlock(&j->mu);
	pthread_join(j->thread, NULL);
	pthread_cond_destroy(&j->cv);
	pthread_mutex_destroy(&j->mu);
	j->started = false;
}
