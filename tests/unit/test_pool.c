/* pool.h: every task runs once, on a worker number no other thread uses
 * meanwhile; runs may overlap and nest; the threads beside the caller are
 * kept for the next run, not started again, until pool_end(). */
#define HARNESS_NAME "pool"
#include "harness.h"

#include <dirent.h>
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#include "base/pool.h"
#include "base/xalloc.h"

enum { TASKS = 400, THREADS = 4 };

struct count {
	atomic_int runs[TASKS];
	atomic_int busy[THREADS];       /* tasks under way on each worker number */
	atomic_int clashes, bad_worker;
	bool nest;                      /* each task runs a small run of its own */
};

static void pause_briefly(void)
{
	struct timespec t = {0, 20000};
	nanosleep(&t, NULL);
}

static void inner(void *ctx, int worker, size_t task)
{
	(void)worker;
	atomic_fetch_add((atomic_int *)ctx + task, 1);
}

static void counted(void *ctx, int worker, size_t task)
{
	struct count *c = ctx;
	if (worker < 0 || worker >= THREADS) {
		atomic_fetch_add(&c->bad_worker, 1);
		return;
	}
	if (atomic_fetch_add(&c->busy[worker], 1) != 0)
		atomic_fetch_add(&c->clashes, 1);
	pause_briefly();
	if (c->nest) {
		atomic_int ran[3] = {0, 0, 0};
		size_t order[3] = {2, 0, 1};
		pool_run(3, order, 2, inner, ran);
		if (ran[0] != 1 || ran[1] != 1 || ran[2] != 1)
			atomic_fetch_add(&c->clashes, 1);
	}
	atomic_fetch_add(&c->runs[task], 1);
	atomic_fetch_sub(&c->busy[worker], 1);
}

static size_t *in_order(void)
{
	size_t *order = xcalloc(TASKS, sizeof *order);
	for (size_t i = 0; i < TASKS; i++)
		order[i] = TASKS - 1 - i;
	return order;
}

/* Whether each task ran once and no worker number ran two at a time. */
static bool ran_well(struct count *c)
{
	for (size_t i = 0; i < TASKS; i++)
		if (c->runs[i] != 1)
			return false;
	return c->clashes == 0 && c->bad_worker == 0;
}

static void test_every_task_once(void)
{
	size_t *order = in_order();
	for (int threads = 1; threads <= THREADS; threads++) {
		struct count *c = xcalloc(1, sizeof *c);
		pool_run(TASKS, order, threads, counted, c);
		CHECK(ran_well(c));
		free(c);
	}
	free(order);
}

static void test_nested_runs(void)
{
	size_t *order = in_order();
	struct count *c = xcalloc(1, sizeof *c);
	c->nest = true;
	pool_run(TASKS, order, THREADS, counted, c);
	CHECK(ran_well(c));
	free(c);
	free(order);
}

static void *run_apart(void *arg)
{
	size_t *order = in_order();
	pool_run(TASKS, order, THREADS, counted, arg);
	free(order);
	return NULL;
}

/* Two runs at once, from two threads, each with its own worker numbers. */
static void test_overlapping_runs(void)
{
	struct count *a = xcalloc(1, sizeof *a), *b = xcalloc(1, sizeof *b);
	pthread_t t;
	CHECK(pthread_create(&t, NULL, run_apart, a) == 0);
	run_apart(b);
	pthread_join(t, NULL);
	CHECK(ran_well(a) && ran_well(b));
	free(a);
	free(b);
}

/* The threads of this process, as /proc lists them. */
static int threads_now(void)
{
	DIR *d = opendir("/proc/self/task");
	int n = 0;
	for (struct dirent *e = d ? readdir(d) : NULL; e; e = readdir(d))
		n += e->d_name[0] != '.';
	if (d)
		closedir(d);
	return n;
}

/* Runs one after the other use the same threads: none is started again,
 * and pool_tidy() leaves them ready. */
static void test_threads_kept(void)
{
	size_t *order = in_order();
	struct count *c = xcalloc(1, sizeof *c);
	pool_run(TASKS, order, THREADS, counted, c);
	int after_one = threads_now();
	for (int i = 0; i < 5; i++) {
		memset(c, 0, sizeof *c);
		pool_tidy();
		pool_run(TASKS, order, THREADS, counted, c);
		CHECK(ran_well(c));
	}
	CHECK_INT(threads_now(), after_one);
	CHECK(after_one >= THREADS);
	free(c);
	free(order);
}

/* A run told to stop starts no task, and says it skipped some; one not
 * told runs them all. */
static void test_stopped_run(void)
{
	size_t *order = in_order();
	struct count *c = xcalloc(1, sizeof *c);
	atomic_bool stop = false;
	CHECK(pool_run_until(TASKS, order, THREADS, counted, c, &stop));
	CHECK(ran_well(c));
	memset(c, 0, sizeof *c);
	atomic_store(&stop, true);
	CHECK(!pool_run_until(TASKS, order, THREADS, counted, c, &stop));
	int ran = 0;
	for (size_t i = 0; i < TASKS; i++)
		ran += c->runs[i];
	CHECK_INT(ran, 0);
	free(c);
	free(order);
}

/* pool_end() ends the kept threads; a run after it starts its own. */
static void test_end(void)
{
	size_t *order = in_order();
	struct count *c = xcalloc(1, sizeof *c);
	pool_run(TASKS, order, THREADS, counted, c);
	CHECK(threads_now() >= THREADS);
	pool_end();
	CHECK_INT(threads_now(), 1);
	memset(c, 0, sizeof *c);
	pool_run(TASKS, order, THREADS, counted, c);
	CHECK(ran_well(c));
	CHECK(threads_now() >= THREADS);
	pool_end();
	free(c);
	free(order);
}

int main(void)
{
	RUN(test_every_task_once);
	RUN(test_nested_runs);
	RUN(test_overlapping_runs);
	RUN(test_threads_kept);
	RUN(test_stopped_run);
	RUN(test_end);
	return harness_done();
}
