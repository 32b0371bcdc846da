#include "base/buf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/xalloc.h"
#include <stdlib.h>

void buf_grow(struct buf *b, size_t extra)
{
	size_t cap = b->cap;
	b->data = xgrow(b->data, &cap, b->len + extra + 1, 1);
	b->cap = cap;
}

void buf_reserve(struct buf *b, size_t extra)
{
	if (b->len + extra >= b->cap)
		buf_grow(b, extra);
	b->data[b->len] = '\0';
}

/* Reads to the end of fd.  With short_is_end, a read that returns less
 * than it asked for is the end: true of a regular file, whose reads stop
 * short only there, and it saves the read that would return nothing. */
static bool read_to_end(struct buf *b, int fd, size_t max, bool *too_big, bool short_is_end)
{
	*too_big = false;
	for (;;) {
		if (b->cap - b->len < 2)
			buf_reserve(b, b->cap ? b->cap : 4096);
		size_t asked = b->cap - b->len - 1;
		ssize_t n = read(fd, b->data + b->len, asked);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n == 0;
		b->len += (size_t)n;
		b->data[b->len] = '\0';
		if (b->len > max) {
			*too_big = true;
			return false;
		}
		if (short_is_end && (size_t)n < asked)
			return true;
	}
}

bool buf_read_fd(struct buf *b, int fd, size_t max, bool *too_big)
{
	/* A regular file says its size: room for it and one byte more, and
	 * its first read stops short at its end. */
	struct stat st;
	bool regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (uintmax_t)st.st_size <= max;
	if (regular)
		buf_reserve(b, (size_t)st.st_size + 1);
	return read_to_end(b, fd, max, too_big, regular);
}

bool buf_write_fd(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		p += n;
		len -= (size_t)n;
	}
	return true;
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	/* Usually it fits in the room there is: format once. */
	buf_grow(b, 64);
	size_t room = b->cap - b->len;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(b->data + b->len, room, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->data[b->len] = '\0';
		return;
	}
	if ((size_t)n >= room) {
		buf_grow(b, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

char *buf_detach(struct buf *b)
{
	char *s = b->data ? b->data : xstrdup("");
	b->data = NULL;
	b->len = b->cap = 0;
	return s;
}

const char *buf_str(const struct buf *b)
{
	return b->data ? b->data : "";
}

void buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void buf_put_long(struct buf *b, long n)
{
	char digits[24];
	size_t i = sizeof digits;
	unsigned long u = n < 0 ? 0UL - (unsigned long)n : (unsigned long)n;
	do {
		digits[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (n < 0)
		digits[--i] = '-';
	buf_put(b, digits + i, sizeof digits - i);
}

void buf_put_number(struct buf *b, long scaled, int decimals, const char *group, const char *decimal)
{
	if (decimals < 0)
		decimals = 0;
	if (decimals > 9)
		decimals = 9;
	unsigned long u = scaled < 0 ? 0UL - (unsigned long)scaled : (unsigned long)scaled;
	unsigned long unit = 1;
	for (int i = 0; i < decimals; i++)
		unit *= 10;
	char digits[24];
	size_t n = 0;
	unsigned long whole = u / unit;
	do {
		digits[n++] = (char)('0' + whole % 10);
		whole /= 10;
	} while (whole);
	if (scaled < 0)
		buf_putc(b, '-');
	for (size_t i = n; i-- > 0;) {
		buf_putc(b, digits[i]);
		if (i > 0 && i % 3 == 0 && n > 3)
			buf_puts(b, group);
	}
	if (decimals == 0)
		return;
	buf_puts(b, decimal);
	unsigned long frac = u % unit;
	for (unsigned long d = unit / 10; d > 0; d /= 10)
		buf_putc(b, (char)('0' + frac / d % 10));
}
