/*
 * sealed: the records Folio keeps beside a build, each sealed by the hash
 * of its lines.
 *
 * Such a file begins with one line: its kind and version ("folio-bodies
 * 2") and the hash (hash_bytes) of everything after that line.  A file
 * of another kind, or altered or cut after it was written, does not
 * match its seal and is not read at all, so that none of its lines is
 * trusted.  It is written whole or not at all: to a temporary file
 * renamed over it.
 */
#ifndef FOLIO_SEALED_H
#define FOLIO_SEALED_H

#include <stdbool.h>
#include <stddef.h>

/* Writes lines[0..len) to path under the seal of kind; when that fails,
 * removes path too, so that no stale record outlives the build, and
 * returns false. */
bool sealed_write(const char *path, const char *kind, const char *lines, size_t len);

/* Reads the file path, at most max bytes, when it is of kind and matches
 * its seal: its whole text (NUL-terminated, owned by the caller), whose
 * lines begin at *lines_at, and its length in *len.  NULL otherwise. */
char *sealed_read(const char *path, const char *kind, size_t max, size_t *lines_at, size_t *len);

#endif
