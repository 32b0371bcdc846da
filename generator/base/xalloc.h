/*
 * xalloc: the allocation policy of Folio, in one place.
 *
 * Folio is a batch tool: when memory runs out there is nothing useful left
 * to do, so every allocation either succeeds or prints one line and exits
 * with status 70 (EX_SOFTWARE).  Callers therefore never check for NULL.
 * Every pointer returned here is owned by the caller and released with free().
 */
#ifndef FOLIO_XALLOC_H
#define FOLIO_XALLOC_H

#include <stddef.h>

/* Sets how freed memory goes back to the system; called once, first
 * thing in main (xalloc.c says why). */
void xalloc_policy(void);

/* Has the allocator take in what other threads freed of this thread's
 * memory, which it would otherwise do piece by piece as this thread next
 * allocates (xalloc.c says why); for a thread about to be idle. */
void xalloc_collect(void);

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grows an array of count elements of size bytes to at least need elements,
 * doubling; updates *count.  Aborts on overflow. */
void *xgrow(void *ptr, size_t *count, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a fresh string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
