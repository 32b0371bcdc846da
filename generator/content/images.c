/*
 * images: images of Markdown texts found, sniffed and measured (images.h).
 */
#include "content/images.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "base/hash.h"
#include "base/path.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "content/markdown.h"

/* ---- sniffing and measuring ----------------------------------------- */

static const unsigned char png_signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

static unsigned long be16(const unsigned char *p)
{
	return (unsigned long)p[0] << 8 | p[1];
}

static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void init_xml(void)
{
	xmlInitParser();
}

/* An SVG document's tree, or NULL when data is no XML with an <svg> root.
 * No network, no entity expansion: an author's file, read as data. */
static xmlDocPtr svg_doc(const void *data, size_t len)
{
	if (len > INT_MAX)
		return NULL;
	pthread_once(&xml_once, init_xml);
	xmlDocPtr doc = xmlReadMemory(data, (int)len, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (root == NULL || strcmp((const char *)root->name, "svg") != 0) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

/* Whether data starts, after white space and a byte-order mark, with '<':
 * only then is it worth giving to the XML parser. */
static bool looks_like_markup(const unsigned char *p, size_t len)
{
	size_t i = 0;
	if (len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
		i = 3;
	while (i < len && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	return i < len && p[i] == '<';
}

enum image_kind image_sniff(const void *data, size_t len)
{
	const unsigned char *p = data;
	if (len >= 8 && memcmp(p, png_signature, 8) == 0)
		return IMAGE_PNG;
	if (len >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		return IMAGE_JPEG;
	if (looks_like_markup(p, len)) {
		xmlDocPtr doc = svg_doc(data, len);
		if (doc) {
			xmlFreeDoc(doc);
			return IMAGE_SVG;
		}
	}
	return IMAGE_UNKNOWN;
}

const char *image_kind_name(enum image_kind kind)
{
	switch (kind) {
	case IMAGE_PNG: return "PNG";
	case IMAGE_JPEG: return "JPEG";
	case IMAGE_SVG: return "SVG";
	default: return "unknown";
	}
}

/* A PNG's size is in its first chunk, which must be IHDR. */
static bool png_size(const unsigned char *p, size_t len, long *w, long *h)
{
	if (len < 24 || memcmp(p + 12, "IHDR", 4) != 0)
		return false;
	*w = (long)be32(p + 16);
	*h = (long)be32(p + 20);
	return *w > 0 && *h > 0;
}

/* Whether marker is a start of frame (SOF0 to SOF15 but DHT, JPG and
 * DAC, which share the range). */
static bool is_sof(unsigned char marker)
{
	return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
}

/* A JPEG's size is in its frame header: the segments before it are
 * skipped by their lengths. */
static bool jpeg_size(const unsigned char *p, size_t len, long *w, long *h)
{
	size_t i = 2;
	while (i + 4 <= len) {
		if (p[i] != 0xff)
			return false;
		unsigned char marker = p[i + 1];
		if (marker == 0xff) {           /* fill byte */
			i++;
			continue;
		}
		if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {    /* no length */
			i += 2;
			continue;
		}
		if (marker == 0xd9 || marker == 0xda)   /* end, or the scan: no frame header came */
			return false;
		size_t seg = be16(p + i + 2);
		if (seg < 2)
			return false;
		if (is_sof(marker)) {
			if (i + 9 > len || seg < 7)
				return false;
			*h = (long)be16(p + i + 5);
			*w = (long)be16(p + i + 7);
			return *w > 0 && *h > 0;
		}
		i += 2 + seg;
	}
	return false;
}

/* A length of SVG in CSS pixels: a number with no unit or px, pt, pc,
 * in, cm or mm; -1 for anything else (a percentage, em). */
static double svg_length(const char *s)
{
	if (s == NULL)
		return -1;
	char *end;
	double v = strtod(s, &end);
	if (end == s || !(v > 0) || !isfinite(v))
		return -1;
	while (*end == ' ')
		end++;
	static const struct {
		const char *unit;
		double px;
	} units[] = {{"", 1}, {"px", 1}, {"pt", 4.0 / 3}, {"pc", 16}, {"in", 96}, {"cm", 96 / 2.54}, {"mm", 96 / 25.4}};
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (strcmp(end, units[i].unit) == 0)
			return v * units[i].px;
	return -1;
}

/* The width and height of a viewBox "min-x min-y width height". */
static bool svg_view_box(const char *s, double *w, double *h)
{
	if (s == NULL)
		return false;
	double v[4];
	const char *p = s;
	for (int i = 0; i < 4; i++) {
		while (*p == ' ' || *p == ',' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		char *end;
		v[i] = strtod(p, &end);
		if (end == p || !isfinite(v[i]))
			return false;
		p = end;
	}
	*w = v[2];
	*h = v[3];
	return *w > 0 && *h > 0;
}

static char *svg_attr(xmlNodePtr root, const char *name)
{
	return (char *)xmlGetProp(root, (const xmlChar *)name);
}

/* An SVG's size: its width and height; one of them missing or relative is
 * made from the viewBox's proportions; both, the viewBox itself. */
static bool svg_size(const void *data, size_t len, long *w, long *h)
{
	xmlDocPtr doc = svg_doc(data, len);
	if (doc == NULL)
		return false;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	char *width = svg_attr(root, "width"), *height = svg_attr(root, "height"), *box = svg_attr(root, "viewBox");
	double bw = 0, bh = 0, fw = svg_length(width), fh = svg_length(height);
	bool has_box = svg_view_box(box, &bw, &bh);
	if (fw < 0 && fh < 0 && has_box) {
		fw = bw;
		fh = bh;
	} else if (fw < 0 && fh > 0 && has_box) {
		fw = fh * bw / bh;
	} else if (fh < 0 && fw > 0 && has_box) {
		fh = fw * bh / bw;
	}
	xmlFree(width);
	xmlFree(height);
	xmlFree(box);
	xmlFreeDoc(doc);
	if (!(fw > 0 && fh > 0 && fw < 1e6 && fh < 1e6))
		return false;
	*w = lround(fw) > 0 ? lround(fw) : 1;
	*h = lround(fh) > 0 ? lround(fh) : 1;
	return true;
}

bool image_size(enum image_kind kind, const void *data, size_t len, long *width, long *height)
{
	switch (kind) {
	case IMAGE_PNG: return png_size(data, len, width, height);
	case IMAGE_JPEG: return jpeg_size(data, len, width, height);
	case IMAGE_SVG: return svg_size(data, len, width, height);
	default: return false;
	}
}

/* ---- finding the file ----------------------------------------------- */

/* The file name a URL's path names: its query and fragment dropped, its
 * %XX escapes (cmark writes them for spaces and non-ASCII) decoded.
 * NULL when an escape decodes to a NUL byte. */
static char *url_file_name(const char *url)
{
	size_t n = strcspn(url, "?#");
	char *out = xmalloc(n + 1), *o = out;
	for (size_t i = 0; i < n; i++) {
		int hi, lo;
		if (url[i] == '%' && i + 2 < n && (hi = text_hex_digit(url[i + 1])) >= 0 && (lo = text_hex_digit(url[i + 2])) >= 0) {
			*o++ = (char)(hi * 16 + lo);
			i += 2;
		} else {
			*o++ = url[i];
		}
	}
	*o = '\0';
	if ((size_t)(o - out) != strlen(out)) {
		free(out);
		return NULL;
	}
	return out;
}

/* Whether a relative path climbs out of its folder or names one. */
static bool unsafe_path(const char *rel)
{
	if (*rel == '\0' || strchr(rel, '\\') || text_ends_with(rel, "/"))
		return true;
	for (const char *p = rel; *p;) {
		size_t n = strcspn(p, "/");
		if (n == 0 || (n == 2 && p[0] == '.' && p[1] == '.'))
			return true;
		p += n;
		if (*p == '/')
			p++;
	}
	return false;
}

/* Whether the real path of file lies in the folder whose real path is
 * root_real: a symbolic link must not publish a file from elsewhere. */
static bool inside(const char *file, const char *dir)
{
	char *real = realpath(file, NULL), *root = realpath(dir, NULL);
	size_t n = root ? strlen(root) : 0;
	bool ok = real && root && strncmp(real, root, n) == 0 && real[n] == '/';
	free(real);
	free(root);
	return ok;
}

/* The site path of the folder of the page that shows the Markdown of
 * file rel (inside content/), as the loader names its pages: a pattern's
 * page for its body, the resource's page for the rest of a resource, a
 * plain page for its body, the home page for site.yaml. */
static char *page_folder(const char *rel)
{
	const char *slash;
	if (text_starts_with(rel, "resources/") && (slash = strchr(rel + 10, '/')) != NULL) {
		const char *resource = rel + 10;
		size_t rn = (size_t)(slash - resource);
		const char *pattern = slash + 1;
		if (text_starts_with(pattern, "patterns/") && text_ends_with(pattern, ".md") &&
		    strchr(pattern + 9, '/') == NULL)
			return xasprintf("/resources/%.*s/patterns/%.*s/", (int)rn, resource,
			                 (int)(strlen(pattern + 9) - 3), pattern + 9);
		return xasprintf("/resources/%.*s/", (int)rn, resource);
	}
	if (text_starts_with(rel, "pages/") && text_ends_with(rel, ".md") && strchr(rel + 6, '/') == NULL)
		return xasprintf("/%.*s/", (int)(strlen(rel + 6) - 3), rel + 6);
	return xstrdup("/");
}

/* Where an image was looked for: the file found (NULL: none), and the
 * site path it is published at. */
struct found {
	char *file;
	char *url;
	bool beside;
};

static bool regular_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* A site path: a file of the site's static/, else of the theme's. */
static void find_static(const char *name, const char *source, const char *theme, struct found *f)
{
	const char *roots[2] = {source, theme};
	char *rel = xasprintf("static/%s", name + 1);
	for (size_t i = 0; i < 2 && f->file == NULL; i++) {
		if (roots[i] == NULL)
			continue;
		char *path = path_in(roots[i], rel), *dir = path_in(roots[i], "static");
		if (regular_file(path) && inside(path, dir))
			f->file = path;
		else
			free(path);
		free(dir);
	}
	free(rel);
	f->url = xstrdup(name);
}

/* A relative path: a file beside the Markdown file (or below its folder),
 * published in the folder of the page that shows it. */
static void find_beside(const char *name, const char *md_file, const char *source, struct found *f)
{
	const char *slash = strrchr(md_file, '/');
	char *dir = slash ? xstrndup(md_file, (size_t)(slash - md_file)) : xstrdup(".");
	char *path = path_in(dir, name), *content = path_in(source, "content");
	if (regular_file(path) && inside(path, content))
		f->file = path;
	else
		free(path);
	size_t n = strlen(content);
	const char *rel = strncmp(md_file, content, n) == 0 && md_file[n] == '/' ? md_file + n + 1 : md_file;
	char *folder = page_folder(rel);
	f->url = xasprintf("%s%s", folder, name);
	f->beside = true;
	free(folder);
	free(content);
	free(dir);
}

/* ---- the record ----------------------------------------------------- */

static void free_image(cmark_mem *mem, void *data)
{
	(void)mem;
	struct image *img = data;
	if (img == NULL)
		return;
	free(img->alt);
	free(img->url);
	free(img->file);
	free(img);
}

static uint64_t bytes_hash(const void *data, size_t len)
{
	struct hash h = hash_bytes(data, len);
	return h.a ^ h.b;
}

/* Reads file whole (at most IMAGE_MAX_BYTES); false with errno's story
 * left to the caller. */
static bool read_file(const char *file, struct buf *out, bool *too_big)
{
	int fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	bool ok = buf_read_fd(out, fd, IMAGE_MAX_BYTES, too_big);
	close(fd);
	return ok;
}

/* Sniffs and measures the file found into img; reports what is wrong. */
static bool measure(struct image *img, const char *url, struct diag *d)
{
	struct buf bytes = BUF_INIT;
	bool too_big = false;
	bool ok = read_file(img->file, &bytes, &too_big);
	if (!ok && too_big)
		diag_error(d, img->at, "image '%s' is larger than %u MB; make it smaller", url, IMAGE_MAX_BYTES >> 20);
	else if (!ok)
		diag_error(d, img->at, "image '%s' cannot be read (%s); check the file's permissions", url, strerror(errno));
	if (ok) {
		img->kind = image_sniff(bytes.data, bytes.len);
		if (img->kind == IMAGE_UNKNOWN) {
			diag_error(d, img->at, "image '%s' is not a PNG, JPEG or SVG file; convert it to one of these", url);
			ok = false;
		} else if (!image_size(img->kind, bytes.data, bytes.len, &img->width, &img->height)) {
			diag_error(d, img->at,
			           img->kind == IMAGE_SVG
			               ? "image '%s' gives no size; give its <svg> a viewBox, or a width and height in px"
			               : "image '%s' is a broken %s file; save it again from an image editor",
			           url, image_kind_name(img->kind));
			ok = false;
		}
		img->hash = bytes_hash(bytes.data, bytes.len);
	}
	buf_free(&bytes);
	return ok;
}

bool image_resolve(cmark_node *n, const char *md_file, const char *source, const char *theme, struct pos at,
                   struct diag *d)
{
	const char *url = cmark_node_get_url(n);
	char *name = url_file_name(url ? url : "");
	bool site_path = name && name[0] == '/';
	if (name == NULL || unsafe_path(site_path ? name + 1 : name)) {
		diag_error(d, at,
		           "image '%s' is outside the folder of %s; put the file beside it (or in a folder below) or in static/ and write its site path, such as /images/name.png",
		           url ? url : "", md_file);
		free(name);
		return false;
	}
	struct found f = {NULL, NULL, false};
	if (site_path)
		find_static(name, source, theme, &f);
	else
		find_beside(name, md_file, source, &f);
	if (f.file == NULL) {
		if (site_path)
			diag_error(d, at, "image '%s' not found; put it in static%s (the site's static/ or the theme's)", url, name);
		else
			diag_error(d, at, "image '%s' not found; put it in static/ or beside %s", url, md_file);
		free(f.url);
		free(name);
		return false;
	}
	struct image *img = xcalloc(1, sizeof *img);
	*img = (struct image){.file = f.file, .url = f.url, .beside = f.beside, .at = at};
	free(name);
	if (!measure(img, url, d)) {
		free_image(NULL, img);
		return false;
	}
	const char *title = cmark_node_get_title(n);
	img->alt = md_plain_text(n);
	img->decorative = img->alt[0] == '\0' && title && strcmp(title, IMAGE_DECORATIVE) == 0;
	free_image(NULL, cmark_node_get_user_data(n));
	cmark_node_set_user_data(n, img);
	cmark_node_set_user_data_free_func(n, free_image);
	return true;
}

const struct image *image_of(cmark_node *n)
{
	return n && cmark_node_get_type(n) == CMARK_NODE_IMAGE ? cmark_node_get_user_data(n) : NULL;
}

bool image_read(const struct image *img, struct buf *out, struct diag *d)
{
	size_t start = out->len;
	bool too_big = false;
	if (read_file(img->file, out, &too_big) && bytes_hash(out->data + start, out->len - start) == img->hash)
		return true;
	out->len = start;
	diag_error(d, img->at, "image file %s changed while Folio was building; build again", img->file);
	return false;
}
