#include "base/pool.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/xalloc.h"

struct pool {
	pthread_mutex_t lock;
	size_t next, ntasks;
	const size_t *order;
	pool_task_fn run;
	void *ctx;
	const atomic_bool *stop;        /* NULL: never */
	bool skipped;                   /* under lock */
};

struct worker {
	struct pool *pool;
	int id;
};

/* The next task to run, or ntasks when there is none left or the run
 * was stopped. */
static size_t take(struct pool *p)
{
	bool stopped = p->stop && atomic_load(p->stop);
	pthread_mutex_lock(&p->lock);
	size_t i = p->ntasks;
	if (p->next < p->ntasks) {
		if (stopped)
			p->skipped = true;
		else
			i = p->next++;
	}
	pthread_mutex_unlock(&p->lock);
	return i;
}

static void *work(void *arg)
{
	struct worker *w = arg;
	struct pool *p = w->pool;
	for (size_t i = take(p); i < p->ntasks; i = take(p))
		p->run(p->ctx, w->id, p->order[i]);
	return NULL;
}

void pool_run(size_t ntasks, const size_t *order, int threads, pool_task_fn run, void *ctx)
{
	pool_run_until(ntasks, order, threads, run, ctx, NULL);
}

bool pool_run_until(size_t ntasks, const size_t *order, int threads, pool_task_fn run, void *ctx,
                    const atomic_bool *stop)
{
	struct pool p = {PTHREAD_MUTEX_INITIALIZER, 0, ntasks, order, run, ctx, stop, false};
	if (threads < 1)
		threads = 1;
	if ((size_t)threads > ntasks)
		threads = ntasks > 0 ? (int)ntasks : 1;
	struct worker *workers = xcalloc((size_t)threads, sizeof *workers);
	pthread_t *ids = xcalloc((size_t)threads, sizeof *ids);
	int started = 1;
	for (int i = 0; i < threads; i++)
		workers[i] = (struct worker){&p, i};
	/* A thread that cannot be started leaves its share to the others. */
	for (int i = 1; i < threads; i++)
		if (pthread_create(&ids[started], NULL, work, &workers[started]) == 0)
			started++;
	work(&workers[0]);
	for (int i = 1; i < started; i++)
		pthread_join(ids[i], NULL);
	pthread_mutex_destroy(&p.lock);
	free(ids);
	free(workers);
	return !p.skipped;
}

int pool_threads(int jobs)
{
	return jobs > 0 ? jobs : pool_cores();
}

int pool_cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)n : 1;
}
