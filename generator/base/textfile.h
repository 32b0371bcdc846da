/*
 * textfile: reads a whole text file safely and makes its text plain.
 *
 * Shared by everything that reads a file an author wrote (content, templates):
 * a size limit, one error naming the file, and text that is UTF-8 without a
 * byte-order mark or CR LF line ends.
 */
#ifndef FOLIO_TEXTFILE_H
#define FOLIO_TEXTFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"

/* Reads a whole file of at most max bytes.  Returns a NUL-terminated
 * buffer the caller frees, or NULL after reporting an error naming shown. */
char *textfile_read(const char *path, const char *shown, size_t max, size_t *len, struct diag *d);

/* textfile_read() of the file open as fd, which is closed here; fd < 0
 * (a failed open, errno set) is reported as the file not being readable. */
char *textfile_read_fd(int fd, const char *shown, size_t max, size_t *len, struct diag *d);

/* Checks UTF-8, drops a byte-order mark and turns CRLF into LF, in place.
 * Returns false after reporting the first invalid byte. */
bool textfile_clean(char *text, size_t *len, const char *shown, struct diag *d);

#endif
