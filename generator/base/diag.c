#include "base/diag.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/xalloc.h"

void diag_init(struct diag *d, FILE *stream)
{
	memset(d, 0, sizeof *d);
	d->stream = stream;
}

void diag_free(struct diag *d)
{
	for (size_t i = 0; i < d->nlines; i++)
		free(d->lines[i]);
	free(d->lines);
	memset(d, 0, sizeof *d);
}

/* One lock for every report: the build's own report is shared by the
 * threads that write output files. */
static pthread_mutex_t report_lock = PTHREAD_MUTEX_INITIALIZER;

static bool already_reported(const struct diag *d, const char *line)
{
	for (size_t i = 0; i < d->nlines; i++)
		if (strcmp(d->lines[i], line) == 0)
			return true;
	return false;
}

/* Keeps and prints line (owned) unless d has it already. */
static void add_line(struct diag *d, char *line, bool error)
{
	pthread_mutex_lock(&report_lock);
	if (already_reported(d, line)) {
		pthread_mutex_unlock(&report_lock);
		free(line);
		return;
	}
	if (error)
		d->errors++;
	else
		d->warnings++;
	if (d->stream) {
		fprintf(d->stream, "%s\n", line);
		fflush(d->stream);
	}
	d->lines = xgrow(d->lines, &d->cap, d->nlines + 1, sizeof *d->lines);
	d->lines[d->nlines++] = line;
	pthread_mutex_unlock(&report_lock);
}

/* Whether a line made by report() is an error: its level is the first of
 * "error: " and "warning: " after the position. */
static bool is_error_line(const char *line)
{
	const char *e = strstr(line, ": error: "), *w = strstr(line, ": warning: ");
	return e != NULL && (w == NULL || e < w);
}

void diag_merge(struct diag *d, const struct diag *from)
{
	for (size_t i = 0; i < from->nlines; i++)
		add_line(d, xstrdup(from->lines[i]), is_error_line(from->lines[i]));
}

/* The format attribute lets compilers check the callers' arguments and
 * accept the non-literal format here. */
__attribute__((format(printf, 4, 0)))
static void report(struct diag *d, struct pos at, const char *level, const char *fmt, va_list ap)
{
	struct buf b = BUF_INIT;
	if (at.file) {
		buf_puts(&b, at.file);
		if (at.line > 0)
			buf_printf(&b, ":%d:%d", at.line, at.col > 0 ? at.col : 1);
		buf_puts(&b, ": ");
	} else {
		buf_puts(&b, "folio: ");
	}
	buf_printf(&b, "%s: ", level);
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n > 0) {
		char *msg = xmalloc((size_t)n + 1);
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
		/* One line per problem, whatever the message holds. */
		for (char *p = msg; *p; p++)
			if (*p == '\n' || *p == '\r')
				*p = ' ';
		buf_puts(&b, msg);
		free(msg);
	}
	add_line(d, buf_detach(&b), strcmp(level, "error") == 0);
}

void diag_error(struct diag *d, struct pos at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(d, at, "error", fmt, ap);
	va_end(ap);
}

void diag_warn(struct diag *d, struct pos at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(d, at, "warning", fmt, ap);
	va_end(ap);
}

/* Levenshtein distance, capped: words longer than 64 bytes never match. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return (size_t)-1;
	size_t row[65];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = diag + cost;
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

const char *diag_suggest(const char *word, const char *const *choices, size_t n)
{
	const char *best = NULL;
	size_t best_distance = (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		size_t dist = edit_distance(word, choices[i]);
		if (dist < best_distance) {
			best_distance = dist;
			best = choices[i];
		}
	}
	size_t len = strlen(word);
	size_t allowed = len <= 4 ? 1 : len <= 8 ? 2 : 3;
	return best_distance <= allowed ? best : NULL;
}
