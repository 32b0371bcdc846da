#include "serve/urlpath.h"

#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/text.h"
#include "base/xalloc.h"

/* Longer request paths are refused rather than decoded. */
#define MAX_PATH_BYTES 4096

/* Decodes one segment raw[0..n) into seg; false for a byte no file name
 * of the site may hold: NUL, control bytes, '/' or '\' (an encoded
 * separator is a way around the ".." check), or a broken escape. */
static bool decode_segment(const char *raw, size_t n, struct buf *seg)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)raw[i];
		if (c == '%') {
			if (i + 2 >= n)
				return false;
			int hi = text_hex_digit(raw[i + 1]);
			int lo = text_hex_digit(raw[i + 2]);
			if (hi < 0 || lo < 0)
				return false;
			c = (unsigned char)(hi * 16 + lo);
			i += 2;
		}
		if (c < 0x20 || c == 0x7f || c == '/' || c == '\\')
			return false;
		buf_putc(seg, (char)c);
	}
	return true;
}

enum urlpath_result urlpath_resolve(const char *raw, size_t len, char **rel, bool *slash)
{
	*rel = NULL;
	*slash = false;
	if (len == 0 || raw[0] != '/' || len > MAX_PATH_BYTES)
		return URLPATH_FORBIDDEN;
	size_t end = 0;
	while (end < len && raw[end] != '?' && raw[end] != '#')
		end++;
	struct buf out = BUF_INIT;
	struct buf seg = BUF_INIT;
	enum urlpath_result result = URLPATH_OK;
	size_t i = 1;
	while (i <= end && result == URLPATH_OK) {
		size_t start = i;
		while (i < end && raw[i] != '/')
			i++;
		buf_reset(&seg);
		if (!decode_segment(raw + start, i - start, &seg) || strcmp(buf_str(&seg), "..") == 0)
			result = URLPATH_FORBIDDEN;
		else if (seg.len == 0 || strcmp(buf_str(&seg), ".") == 0)
			;   /* "//" and "/./" name the same folder */
		else if (seg.data[0] == '.')
			result = URLPATH_HIDDEN;
		else {
			if (out.len > 0)
				buf_putc(&out, '/');
			buf_put(&out, seg.data, seg.len);
		}
		i++;   /* past the '/' */
	}
	buf_free(&seg);
	if (result != URLPATH_OK) {
		buf_free(&out);
		return result;
	}
	*slash = raw[end - 1] == '/';
	*rel = out.data ? buf_detach(&out) : xstrdup("");
	return URLPATH_OK;
}

const char *urlpath_type(const char *rel)
{
	static const struct {
		const char *ext;
		const char *type;
	} types[] = {
		{".html", "text/html; charset=utf-8"},
		{".css", "text/css; charset=utf-8"},
		{".js", "text/javascript; charset=utf-8"},
		{".mjs", "text/javascript; charset=utf-8"},
		{".json", "application/json"},
		{".svg", "image/svg+xml"},
		{".png", "image/png"},
		{".jpg", "image/jpeg"},
		{".jpeg", "image/jpeg"},
		{".gif", "image/gif"},
		{".webp", "image/webp"},
		{".ico", "image/vnd.microsoft.icon"},
		{".pdf", "application/pdf"},
		{".xml", "application/xml"},
		{".txt", "text/plain; charset=utf-8"},
		{".md", "text/markdown; charset=utf-8"},
		{".woff2", "font/woff2"},
		{".woff", "font/woff"},
		{".ttf", "font/ttf"},
		{".webmanifest", "application/manifest+json"},
	};
	const char *slash = strrchr(rel, '/');
	const char *dot = strrchr(slash ? slash + 1 : rel, '.');
	if (dot != NULL)
		for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
			if (strcasecmp(dot, types[i].ext) == 0)
				return types[i].type;
	return "application/octet-stream";
}
