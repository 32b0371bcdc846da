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
	int helping;                    /* helpers still at it; under helpers_lock */
	pthread_cond_t done;            /* signalled when helping drops to 0 */
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

static void work(struct worker *w)
{
	struct pool *p = w->pool;
	for (size_t i = take(p); i < p->ntasks; i = take(p))
		p->run(p->ctx, w->id, p->order[i]);
}

/* ---- the helpers --------------------------------------------------------
 *
 * The threads that work beside the caller are kept, parked, from one run
 * to the next rather than started for each and ended.  The memory a
 * thread allocated outlives it (the pages a render made), and the
 * allocator hands a thread's memory to whichever thread next asks for
 * some when it ends: after the preview had made 10,000 pages again, the
 * next update, of one page, took that in first.  A kept thread holds on
 * to its own, which pool_tidy() has it tidy while the preview is idle.
 * A run takes helpers from the parked ones and starts more only when none
 * is free (runs may overlap, and a task may start a run of its own);
 * pool_end() ends them. */

struct helper {
	pthread_t id;
	pthread_cond_t wake;
	struct worker *job;             /* under helpers_lock; NULL: none */
	bool quit;                      /* the same */
	bool tidy;                      /* the same: pool_tidy() asked */
	struct helper *next;            /* the next parked one */
};

static pthread_mutex_t helpers_lock = PTHREAD_MUTEX_INITIALIZER;
static struct helper *parked;           /* under helpers_lock */
static struct helper **helpers;         /* every one started, for pool_end() */
static size_t nhelpers, cap_helpers;

static void *help(void *arg)
{
	struct helper *h = arg;
	pthread_mutex_lock(&helpers_lock);
	for (;;) {
		while (h->job == NULL && !h->quit && !h->tidy)
			pthread_cond_wait(&h->wake, &helpers_lock);
		if (h->tidy) {          /* still parked: a run may take it meanwhile */
			h->tidy = false;
			pthread_mutex_unlock(&helpers_lock);
			xalloc_collect();
			pthread_mutex_lock(&helpers_lock);
			continue;
		}
		struct worker *w = h->job;
		if (w == NULL)
			break;
		pthread_mutex_unlock(&helpers_lock);
		work(w);
		pthread_mutex_lock(&helpers_lock);
		struct pool *p = w->pool;       /* w is the run's: not read once it may have returned */
		h->job = NULL;
		h->next = parked;
		parked = h;
		if (--p->helping == 0)
			pthread_cond_signal(&p->done);
	}
	pthread_mutex_unlock(&helpers_lock);
	return NULL;
}

void pool_end(void)
{
	pthread_mutex_lock(&helpers_lock);
	for (size_t i = 0; i < nhelpers; i++) {
		helpers[i]->quit = true;
		pthread_cond_signal(&helpers[i]->wake);
	}
	pthread_mutex_unlock(&helpers_lock);
	for (size_t i = 0; i < nhelpers; i++) {
		if (!pthread_equal(helpers[i]->id, pthread_self()))
			pthread_join(helpers[i]->id, NULL);
		pthread_cond_destroy(&helpers[i]->wake);
		free(helpers[i]);
	}
	free(helpers);
	helpers = NULL;
	parked = NULL;
	nhelpers = cap_helpers = 0;
}

/* A helper set to do job: a parked one, or one started now; NULL when no
 * thread can be started.  Under helpers_lock. */
static struct helper *helper_for(struct worker *job)
{
	struct helper *h = parked;
	if (h) {
		parked = h->next;
		h->job = job;
		pthread_cond_signal(&h->wake);
		return h;
	}
	h = xcalloc(1, sizeof *h);
	pthread_cond_init(&h->wake, NULL);
	h->job = job;
	if (pthread_create(&h->id, NULL, help, h) != 0) {
		pthread_cond_destroy(&h->wake);
		free(h);
		return NULL;
	}
	static bool at_exit;
	if (!at_exit)
		at_exit = atexit(pool_end) == 0;        /* for a program that does not call it */
	helpers = xgrow(helpers, &cap_helpers, nhelpers + 1, sizeof *helpers);
	helpers[nhelpers++] = h;
	return h;
}

void pool_tidy(void)
{
	pthread_mutex_lock(&helpers_lock);
	for (struct helper *h = parked; h; h = h->next) {
		h->tidy = true;
		pthread_cond_signal(&h->wake);
	}
	pthread_mutex_unlock(&helpers_lock);
	xalloc_collect();
}

void pool_run(size_t ntasks, const size_t *order, int threads, pool_task_fn run, void *ctx)
{
	pool_run_until(ntasks, order, threads, run, ctx, NULL);
}

bool pool_run_until(size_t ntasks, const size_t *order, int threads, pool_task_fn run, void *ctx,
                    const atomic_bool *stop)
{
	struct pool p = {.lock = PTHREAD_MUTEX_INITIALIZER, .ntasks = ntasks, .order = order, .run = run, .ctx = ctx,
	                 .stop = stop};
	pthread_cond_init(&p.done, NULL);
	if (threads < 1)
		threads = 1;
	if ((size_t)threads > ntasks)
		threads = ntasks > 0 ? (int)ntasks : 1;
	struct worker *workers = xcalloc((size_t)threads, sizeof *workers);
	for (int i = 0; i < threads; i++)
		workers[i] = (struct worker){&p, i};
	/* A helper that cannot be had leaves its share to the others. */
	pthread_mutex_lock(&helpers_lock);
	for (int i = 1; i < threads && helper_for(&workers[i]); i++)
		p.helping++;
	pthread_mutex_unlock(&helpers_lock);
	work(&workers[0]);
	pthread_mutex_lock(&helpers_lock);
	while (p.helping > 0)
		pthread_cond_wait(&p.done, &helpers_lock);
	pthread_mutex_unlock(&helpers_lock);
	pthread_cond_destroy(&p.done);
	pthread_mutex_destroy(&p.lock);
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
