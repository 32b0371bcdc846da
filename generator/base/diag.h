/*
 * diag: diagnostics with positions.
 *
 * Every problem Folio finds is reported as one line,
 *     path:line:col: error: what is wrong; what to do
 * printed at once (unless the stream is NULL) and also kept, so that the
 * preview server can show them in the browser.  Identical lines are
 * reported once: a template mistake seen on every page is one problem.
 */
#ifndef FOLIO_DIAG_H
#define FOLIO_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* A place in a source file.  file is borrowed: it points into storage that
 * outlives every diagnostic (the model's interned paths or a literal).
 * line and col count from 1; 0 means unknown. */
struct pos {
	const char *file;
	int line;
	int col;
};

struct diag {
	FILE *stream;         /* where lines are printed; NULL: keep only */
	size_t errors;
	size_t warnings;
	char **lines;         /* owned: every line reported, in order */
	size_t nlines;
	size_t cap;
};

/* Starts an empty report that prints to stream (may be NULL). */
void diag_init(struct diag *d, FILE *stream);
void diag_free(struct diag *d);

void diag_error(struct diag *d, struct pos at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void diag_warn(struct diag *d, struct pos at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Reports every line of from (a report kept without a stream, e.g. by
 * one task of a parallel build) into d, in order, as if reported there:
 * counted, printed, and dropped when d already has it.  Calls that report
 * into one struct diag from several threads are serialised by a lock. */
void diag_merge(struct diag *d, const struct diag *from);

/* The key from choices[0..n) closest to word by edit distance, or NULL when
 * none is close enough to be a plausible typo. */
const char *diag_suggest(const char *word, const char *const *choices, size_t n);

#endif
