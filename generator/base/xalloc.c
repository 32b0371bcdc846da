#include "base/xalloc.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(void)
{
	fputs("folio: error: out of memory\n", stderr);
	exit(70);
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

/* A format whose only directives are %s and %% with at most this many
 * strings (most in Folio: paths and URLs joined) is joined by hand. */
#define JOIN_MAX 8

/* fmt's %s arguments from ap into parts[]; false when fmt has another
 * directive or too many. */
static bool string_args(const char *fmt, va_list ap, const char *parts[JOIN_MAX], size_t *nparts)
{
	size_t n = 0;
	for (const char *p = strchr(fmt, '%'); p; p = strchr(p + 2, '%')) {
		if (p[1] == '%')
			continue;
		if (p[1] != 's' || n == JOIN_MAX)
			return false;
		const char *arg = va_arg(ap, const char *);
		parts[n++] = arg ? arg : "(null)";      /* as glibc prints it */
	}
	*nparts = n;
	return true;
}

/* fmt with its %s made parts[] and its %% made %, as printf would. */
static char *join(const char *fmt, const char *const parts[], size_t nparts)
{
	size_t lens[JOIN_MAX], total = 0;
	for (size_t i = 0; i < nparts; i++)
		total += lens[i] = strlen(parts[i]);
	total += strlen(fmt);           /* an upper bound: each directive is two bytes */
	char *out = xmalloc(total + 1), *w = out;
	size_t k = 0;
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			*w++ = *p;
			continue;
		}
		p++;
		if (*p == '%') {
			*w++ = '%';
		} else {
			memcpy(w, parts[k], lens[k]);
			w += lens[k++];
		}
	}
	*w = '\0';
	return out;
}

char *xasprintf(const char *fmt, ...)
{
	/* Most calls join strings: no printf at all. */
	const char *parts[JOIN_MAX];
	size_t nparts;
	va_list ap;
	va_start(ap, fmt);
	bool strings = string_args(fmt, ap, parts, &nparts);
	va_end(ap);
	if (strings)
		return join(fmt, parts, nparts);
	/* The others are mostly short: formatted once into a buffer on the
	 * stack, and only a longer one a second time. */
	char small[256];
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
