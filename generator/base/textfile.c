#include "base/textfile.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/text.h"

char *textfile_read_fd(int fd, const char *shown, size_t max, size_t *len, struct diag *d)
{
	struct pos at = {shown, 1, 1};
	*len = 0;
	if (fd < 0) {
		diag_error(d, at, "cannot read: %s; check that the file exists and that you may read it", strerror(errno));
		return NULL;
	}
	struct buf b = BUF_INIT;
	bool too_big = false;
	bool ok = buf_read_fd(&b, fd, max, &too_big);
	int err = errno;
	close(fd);
	if (!ok) {
		if (too_big)
			diag_error(d, at, "file is larger than %zu MiB; split it into smaller files", max >> 20);
		else
			diag_error(d, at, "cannot read: %s; check that the file exists and that you may read it", strerror(err));
		buf_free(&b);
		return NULL;
	}
	*len = b.len;
	return buf_detach(&b);
}

char *textfile_read(const char *path, const char *shown, size_t max, size_t *len, struct diag *d)
{
	return textfile_read_fd(open(path, O_RDONLY | O_CLOEXEC), shown, max, len, d);
}

bool textfile_clean(char *text, size_t *len, const char *shown, struct diag *d)
{
	size_t bad;
	/* A byte-order mark is no column an editor shows. */
	size_t bom = *len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	if (!text_valid_utf8(text, *len, &bad)) {
		struct pos at = {shown, 0, 0};
		text_line_col(text + bom, bad - bom, &at.line, &at.col);
		diag_error(d, at, "invalid UTF-8 (byte 0x%02X); save the file as UTF-8",
		           (unsigned char)text[bad]);
		return false;
	}
	if (memchr(text, '\0', *len) != NULL) {
		struct pos at = {shown, 0, 0};
		text_line_col(text + bom, (size_t)((char *)memchr(text, '\0', *len) - text) - bom, &at.line, &at.col);
		diag_error(d, at, "NUL byte in a text file; remove it");
		return false;
	}
	/* Most files have no CR: the text then only loses its mark, if any. */
	char *cr = memchr(text + bom, '\r', *len - bom);
	size_t r = cr ? (size_t)(cr - text) : *len, w = r - bom;
	if (bom)
		memmove(text, text + bom, w);
	for (; r < *len; r++) {
		if (text[r] == '\r' && r + 1 < *len && text[r + 1] == '\n')
			continue;
		text[w++] = text[r];
	}
	text[w] = '\0';
	*len = w;
	return true;
}
