/*
 * names: a growable array of owned strings, sorted when asked, for the
 * sets of paths and ids a stage looks things up in.
 */
#ifndef FOLIO_NAMES_H
#define FOLIO_NAMES_H

#include <stdbool.h>
#include <stddef.h>

/* Zero-initialised it is empty. */
struct names {
	char **v;               /* owned, each owned */
	size_t len, cap;
};

/* Appends a copy of s. */
void names_add(struct names *n, const char *s);

/* Sorts the names by strcmp. */
void names_sort(struct names *n);

/* Sorts the names and drops repeats. */
void names_sort_unique(struct names *n);

/* Whether the sorted names hold s. */
bool names_has(const struct names *n, const char *s);

/* Frees the names and empties n. */
void names_free(struct names *n);

#endif
