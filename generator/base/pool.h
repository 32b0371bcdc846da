/*
 * pool: runs numbered tasks on a few threads.
 *
 * Tasks are handed out in the order given (put the longest first, so no
 * thread is left with a long one at the end); the calling thread works too,
 * as worker 0, and pool_run returns when every task is done.  The other
 * threads are kept for the next run (pool.c says why).  Tasks must
 * not share mutable state except through their own locks: each worker
 * number is used by one thread at a time, so per-worker resources (a
 * FreeType library, say) can be indexed by it.
 *
 * A run can be stopped from another thread (the preview drops a build
 * that a newer edit made useless): tasks not yet started are skipped,
 * tasks under way finish (or watch the same flag themselves).
 */
#ifndef FOLIO_POOL_H
#define FOLIO_POOL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

typedef void (*pool_task_fn)(void *ctx, int worker, size_t task);

/* Runs run(ctx, worker, order[i]) for every i < ntasks on up to threads
 * workers (numbered 0 to threads - 1). */
void pool_run(size_t ntasks, const size_t *order, int threads, pool_task_fn run, void *ctx);

/* pool_run, but no task starts once *stop is true (stop may be NULL:
 * never).  Returns false when a task was skipped. */
bool pool_run_until(size_t ntasks, const size_t *order, int threads, pool_task_fn run, void *ctx,
                    const atomic_bool *stop);

/* Has every thread the pool keeps (pool.c), and the caller, take in the
 * memory other threads freed of theirs (xalloc_collect()); the helpers
 * do it in the background.  For a caller about to be idle. */
void pool_tidy(void);

/* Ends the threads the pool keeps and frees what it holds for them; a
 * later run starts new ones.  Called when no run is under way, before
 * the libraries the tasks used are cleaned up (libxml2 frees a thread's
 * state when the thread ends, but not after xmlCleanupParser()); at exit
 * for a program that does not call it. */
void pool_end(void);

/* The number of cores online, at least 1. */
int pool_cores(void);

/* The threads -j jobs asks for: jobs, or one per core when it is 0. */
int pool_threads(int jobs);

#endif
