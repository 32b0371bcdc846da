#include "base/names.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

void names_add(struct names *n, const char *s)
{
	n->v = xgrow(n->v, &n->cap, n->len + 1, sizeof *n->v);
	n->v[n->len++] = xstrdup(s);
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void names_sort(struct names *n)
{
	if (n->len)
		qsort(n->v, n->len, sizeof *n->v, compare_strings);
}

void names_sort_unique(struct names *n)
{
	names_sort(n);
	size_t kept = 0;
	for (size_t i = 0; i < n->len; i++) {
		if (kept && strcmp(n->v[kept - 1], n->v[i]) == 0)
			free(n->v[i]);
		else
			n->v[kept++] = n->v[i];
	}
	n->len = kept;
}

bool names_has(const struct names *n, const char *s)
{
	return n->len && bsearch(&s, n->v, n->len, sizeof *n->v, compare_strings) != NULL;
}

void names_free(struct names *n)
{
	for (size_t i = 0; i < n->len; i++)
		free(n->v[i]);
	free(n->v);
	*n = (struct names){NULL, 0, 0};
}
