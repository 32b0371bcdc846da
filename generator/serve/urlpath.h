/*
 * urlpath: from the path of an HTTP request to a file of the site.
 *
 * Pure functions, no file system access, so that a fuzzer or a unit test
 * can call them with any bytes.  urlpath_resolve() decides which relative
 * path a request names, refusing anything that could step outside the
 * served folder; the server then checks the file itself (symbolic links).
 */
#ifndef FOLIO_URLPATH_H
#define FOLIO_URLPATH_H

#include <stdbool.h>
#include <stddef.h>

enum urlpath_result {
	URLPATH_OK,         /* *rel is set */
	URLPATH_FORBIDDEN,  /* "..", an encoded '/', a NUL or control byte, bad escapes: 403 */
	URLPATH_HIDDEN,     /* a segment starting with '.', e.g. the build marker: 404 */
};

/* raw is the request path exactly as sent (percent-encoded, len bytes,
 * which may include NUL bytes), starting with '/'; a query or fragment
 * ends it.  On URLPATH_OK, *rel is a new string the caller frees: the
 * decoded segments joined by '/', without empty or "." segments ("" for
 * the root), and *slash tells whether raw ended with '/'. */
enum urlpath_result urlpath_resolve(const char *raw, size_t len, char **rel, bool *slash);

/* The Content-Type for a file, from its name's extension. */
const char *urlpath_type(const char *rel);

#endif
