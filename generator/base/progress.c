#include "base/progress.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/monotime.h"
#include "base/xalloc.h"

/* A quicker build shows no line at all. */
#define QUIET_FOR_MS 500
/* Ten updates a second at most. */
#define TICK_MS 100

struct progress {
	FILE *stream;
	double started;                 /* monotime_ms() at the start */
	double counting_since;          /* at the first progress_expect(); 0 before */
	atomic_size_t total[PROGRESS_PARTS], done[PROGRESS_PARTS];
	pthread_mutex_t lock;           /* guards what follows and the printing */
	pthread_cond_t wake;
	bool finished;                  /* progress_finish was called */
	bool shown;                     /* a line is on the terminal */
	char last[160];                 /* the line shown last: not shown twice */
	pthread_t thread;
};

static const char *const part_names[PROGRESS_PARTS] = {"pages", "images", "PDFs"};

/* The seconds left, from the share of the work done so far; -1 when it
 * cannot be told yet. */
static double seconds_left(const struct progress *p, size_t done, size_t total, double now)
{
	if (done == 0 || p->counting_since == 0 || done >= total)
		return -1;
	double elapsed = (now - p->counting_since) / 1000;
	return elapsed * (double)(total - done) / (double)done;
}

/* The line as it is now, into line (size bytes); false when there is
 * nothing to count yet. */
static bool compose(const struct progress *p, double now, char *line, size_t size)
{
	size_t used = (size_t)snprintf(line, size, "folio:");
	size_t done_all = 0, total_all = 0;
	const char *sep = " ";
	for (int i = 0; i < PROGRESS_PARTS && used < size; i++) {
		size_t total = atomic_load(&p->total[i]), done = atomic_load(&p->done[i]);
		if (total == 0)
			continue;
		used += (size_t)snprintf(line + used, size - used, "%s%s %zu/%zu", sep, part_names[i], done, total);
		sep = ", ";
		done_all += done;
		total_all += total;
	}
	if (total_all == 0)
		return false;
	double left = seconds_left(p, done_all, total_all, now);
	if (left >= 0 && used < size)
		snprintf(line + used, size - used, ", about %.0f s left", left < 1 ? 1 : left);
	return true;
}

/* Shows the line; under p->lock. */
static void show(struct progress *p)
{
	char line[sizeof p->last];
	if (!compose(p, monotime_ms(), line, sizeof line) || (p->shown && strcmp(line, p->last) == 0))
		return;
	memcpy(p->last, line, sizeof line);
	fprintf(p->stream, "\r%s\033[K", line);
	fflush(p->stream);
	p->shown = true;
}

/* The absolute time TICK_MS from now, for pthread_cond_timedwait. */
static struct timespec next_tick(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	ts.tv_nsec += TICK_MS * 1000000L;
	ts.tv_sec += ts.tv_nsec / 1000000000L;
	ts.tv_nsec %= 1000000000L;
	return ts;
}

static void *run(void *arg)
{
	struct progress *p = arg;
	pthread_mutex_lock(&p->lock);
	while (!p->finished) {
		if (monotime_ms() - p->started >= QUIET_FOR_MS)
			show(p);
		struct timespec until = next_tick();
		pthread_cond_timedwait(&p->wake, &p->lock, &until);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

struct progress *progress_start(FILE *stream)
{
	struct progress *p = xcalloc(1, sizeof *p);
	p->stream = stream;
	p->started = monotime_ms();
	pthread_mutex_init(&p->lock, NULL);
	pthread_condattr_t attr;
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&p->wake, &attr);
	pthread_condattr_destroy(&attr);
	if (pthread_create(&p->thread, NULL, run, p) != 0) {
		pthread_cond_destroy(&p->wake);
		pthread_mutex_destroy(&p->lock);
		free(p);
		return NULL;
	}
	return p;
}

void progress_expect(struct progress *p, enum progress_part part, size_t n)
{
	if (p == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	if (p->counting_since == 0)
		p->counting_since = monotime_ms();
	pthread_mutex_unlock(&p->lock);
	atomic_fetch_add(&p->total[part], n);
}

void progress_done(struct progress *p, enum progress_part part)
{
	if (p)
		atomic_fetch_add(&p->done[part], 1);
}

void progress_finish(struct progress *p)
{
	if (p == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	if (p->shown) {
		fputs("\r\033[K", p->stream);
		fflush(p->stream);
		p->shown = false;
	}
	p->finished = true;
	pthread_cond_signal(&p->wake);
	pthread_mutex_unlock(&p->lock);
}

void progress_free(struct progress *p)
{
	if (p == NULL)
		return;
	progress_finish(p);
	pthread_join(p->thread, NULL);
	pthread_cond_destroy(&p->wake);
	pthread_mutex_destroy(&p->lock);
	free(p);
}
