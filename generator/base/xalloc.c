#include "base/xalloc.h"

#include <malloc.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(void)
{
	fputs("folio: error: out of memory\n", stderr);
	exit(70);
}

/* A playbook takes a few megabytes and frees them (libharu's file, the
 * packed one, the structure tree).  glibc's thresholds follow what was
 * last freed, and a playbook's buffers grow past them: it gave the
 * memory back to the system after each playbook and took it again for
 * the next, a page fault a page (490 a playbook, against 40 with these
 * settings, and a fifth of a playbook's time on this paravirtualised
 * machine).  Both values stay within the range glibc's own adjustment
 * may reach (32 MB for mmap, twice that for trimming). */
void xalloc_policy(void)
{
#if defined(M_MMAP_THRESHOLD) && defined(M_TRIM_THRESHOLD)
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 8 << 20);
#endif
}

/* mimalloc, when it is linked in (ALLOCATOR=mimalloc, the Makefile's
 * default), frees a block another thread allocated by putting it on a
 * list of its owner's, which the owner walks when it next allocates:
 * after the preview had made 10,000 pages again, a fifth of the next
 * update's time went into walking what the last had freed.  Referred to
 * weakly: without mimalloc it is NULL and there is nothing to collect. */
extern void mi_collect(_Bool force) __attribute__((weak));

void xalloc_collect(void)
{
	if (mi_collect)
		mi_collect(0);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (p == NULL)
		out_of_memory();
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (p == NULL)
		out_of_memory();
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (p == NULL)
		out_of_memory();
	return p;
}

void *xgrow(void *ptr, size_t *count, size_t need, size_t size)
{
	if (need <= *count)
		return ptr;
	size_t n = *count ? *count : 8;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			out_of_memory();
		n *= 2;
	}
	if (size && n > SIZE_MAX / size)
		out_of_memory();
	*count = n;
	return xrealloc(ptr, n * size);
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	/* Most results are short paths and URLs: formatted once into a
	 * buffer on the stack, and only a longer one a second time. */
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		out_of_memory();
	char *p = xmalloc((size_t)n + 1);
	if ((size_t)n < sizeof small) {
		memcpy(p, small, (size_t)n + 1);
		return p;
	}
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
