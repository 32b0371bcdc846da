/*
 * buf: a growable byte buffer.
 *
 * A zeroed struct buf (BUF_INIT) is an empty buffer.  Once anything has been
 * added, data is always NUL-terminated, so it can be used as a C string when
 * the content has no NUL.  The buffer owns data; buf_free() releases it and
 * buf_detach() hands it to the caller.
 */
#ifndef FOLIO_BUF_H
#define FOLIO_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

struct buf {
	char *data;
	size_t len;
	size_t cap;
};

#define BUF_INIT {NULL, 0, 0}

/* Makes room for extra more bytes and a NUL (the slow path of the
 * writers below). */
void buf_grow(struct buf *b, size_t extra);

/* The writers are inline: they are called for nearly every byte a page
 * has, and a literal's length is then known when compiling. */
static inline void buf_put(struct buf *b, const void *data, size_t len)
{
	if (b->len + len >= b->cap)     /* room for the bytes and the NUL */
		buf_grow(b, len);
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

static inline void buf_puts(struct buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

static inline void buf_putc(struct buf *b, char c)
{
	if (b->len + 1 >= b->cap)
		buf_grow(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Empties the buffer, keeping its memory. */
void buf_reset(struct buf *b);
/* Returns the content as a string the caller owns ("" when empty) and
 * leaves the buffer empty. */
char *buf_detach(struct buf *b);

/* Appends n in decimal, as printf's "%ld" writes it (without printf). */
void buf_put_long(struct buf *b, long n);

/* Appends scaled / 10^decimals (decimals 0 to 9) with exactly that many
 * decimals after the mark decimal, and the mark group between groups of
 * three digits of the whole part from 1000 on: (1234567, 2, ",", ".")
 * gives "12.345,67".  A language's marks come from its strings. */
void buf_put_number(struct buf *b, long scaled, int decimals, const char *group, const char *decimal);

/* Appends what is left to read from fd (not closed here), stopping with
 * false once b holds more than max bytes (*too_big set) or on a read
 * error (errno tells which).  b stays NUL-terminated.  A regular file is
 * read into room for its size at once, and a read that returns less than
 * it asked for is its end (as it is for such a file): one read for a
 * file, not one more to see the end. */
bool buf_read_fd(struct buf *b, int fd, size_t max, bool *too_big);

/* Writes data[0..len) to fd whole (a write a signal cut short goes on);
 * false on an error (errno tells which). */
bool buf_write_fd(int fd, const void *data, size_t len);

/* Makes room for extra more bytes (and the NUL after them) without
 * writing them: a reader can then fill data + len directly. */
void buf_reserve(struct buf *b, size_t extra);
/* The content as a string: never NULL, valid until the next change. */
const char *buf_str(const struct buf *b);
void buf_free(struct buf *b);

#endif
