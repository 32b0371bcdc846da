#include "web/icons.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>
#include <jansson.h>

#include "base/buf.h"
#include "base/svgdraw.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "diagram/pngenc.h"

/* The mark, ready to draw at any size. */
struct mark {
	struct svgdraw *svg;            /* one of these two */
	cairo_surface_t *png;
};

static const int ico_sizes[] = {16, 32, 48};

/* Opens file as an SVG (librsvg) or a PNG (cairo); on failure stores why. */
static bool mark_open(struct mark *m, const char *file, char **why)
{
	memset(m, 0, sizeof *m);
	if (text_ends_with(file, ".svg")) {
		m->svg = svgdraw_open_file(file, why);
		return m->svg != NULL;
	}
	if (text_ends_with(file, ".png")) {
		m->png = cairo_image_surface_create_from_png(file);
		if (cairo_surface_status(m->png) == CAIRO_STATUS_SUCCESS)
			return true;
		*why = xstrdup(cairo_status_to_string(cairo_surface_status(m->png)));
		cairo_surface_destroy(m->png);
		m->png = NULL;
		return false;
	}
	*why = xstrdup("it is neither .svg nor .png");
	return false;
}

static void mark_close(struct mark *m)
{
	if (m->svg)
		svgdraw_free(m->svg);
	if (m->png)
		cairo_surface_destroy(m->png);
}

/* Paints the mark fitted and centred in a size x size square. */
static bool mark_paint(const struct mark *m, cairo_t *cr, int size, char **why)
{
	if (m->svg)
		return svgdraw_render(m->svg, cr, 0, 0, size, size, why);
	double w = cairo_image_surface_get_width(m->png), h = cairo_image_surface_get_height(m->png);
	double scale = size / (w > h ? w : h);
	cairo_save(cr);
	cairo_translate(cr, (size - w * scale) / 2, (size - h * scale) / 2);
	cairo_scale(cr, scale, scale);
	cairo_set_source_surface(cr, m->png, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_BEST);
	cairo_paint(cr);
	cairo_restore(cr);
	return true;
}

/* A size x size PNG of the mark; opaque (on white) or with transparency. */
static bool icon_png(const struct mark *m, int size, bool opaque, struct buf *png, char **why)
{
	cairo_surface_t *s = cairo_image_surface_create(opaque ? CAIRO_FORMAT_RGB24 : CAIRO_FORMAT_ARGB32, size, size);
	cairo_t *cr = cairo_create(s);
	if (opaque) {
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_paint(cr);
	}
	bool ok = mark_paint(m, cr, size, why);
	cairo_destroy(cr);
	if (ok && !pngenc_surface_smallest(s, png)) {
		*why = xstrdup("the PNG encoder failed");
		ok = false;
	}
	cairo_surface_destroy(s);
	return ok;
}

static void put_le16(struct buf *b, unsigned v)
{
	unsigned char bytes[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
	buf_put(b, bytes, 2);
}

static void put_le32(struct buf *b, uint32_t v)
{
	unsigned char bytes[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
	                          (unsigned char)(v >> 24)};
	buf_put(b, bytes, 4);
}

/* An ICO file whose entries are PNGs, as every current browser reads. */
static void ico_from_pngs(const struct buf *pngs, const int *sizes, size_t n, struct buf *ico)
{
	put_le16(ico, 0);               /* reserved */
	put_le16(ico, 1);               /* an icon, not a cursor */
	put_le16(ico, (unsigned)n);
	uint32_t offset = (uint32_t)(6 + 16 * n);
	for (size_t i = 0; i < n; i++) {
		unsigned char dims[4] = {(unsigned char)(sizes[i] >= 256 ? 0 : sizes[i]),
		                         (unsigned char)(sizes[i] >= 256 ? 0 : sizes[i]), 0, 0};
		buf_put(ico, dims, 4);  /* width, height, no palette, reserved */
		put_le16(ico, 1);       /* colour planes */
		put_le16(ico, 32);      /* bits per pixel */
		put_le32(ico, (uint32_t)pngs[i].len);
		put_le32(ico, offset);
		offset += (uint32_t)pngs[i].len;
	}
	for (size_t i = 0; i < n; i++)
		buf_put(ico, pngs[i].data, pngs[i].len);
}

static bool write_ico(const struct mark *m, struct output *o, char **why)
{
	enum { N = sizeof ico_sizes / sizeof ico_sizes[0] };
	struct buf pngs[N] = {BUF_INIT, BUF_INIT, BUF_INIT}, ico = BUF_INIT;
	bool ok = true;
	for (size_t i = 0; i < N && ok; i++)
		ok = icon_png(m, ico_sizes[i], false, &pngs[i], why);
	if (ok) {
		ico_from_pngs(pngs, ico_sizes, N, &ico);
		ok = output_write(o, "favicon.ico", ico.data, ico.len);
	}
	for (size_t i = 0; i < N; i++)
		buf_free(&pngs[i]);
	buf_free(&ico);
	return ok;
}

static bool write_png(const struct mark *m, struct output *o, const char *file, int size, bool opaque, char **why)
{
	struct buf png = BUF_INIT;
	bool ok = icon_png(m, size, opaque, &png, why) && output_write(o, file, png.data, png.len);
	buf_free(&png);
	return ok;
}

/* The web app manifest: what a phone shows when the site is pinned. */
static bool write_manifest(const struct site *site, struct output *o)
{
	json_t *icons = json_pack("[{s:s, s:s, s:s}, {s:s, s:s, s:s}]", "src", "icon-192.png", "sizes", "192x192",
	                          "type", "image/png", "src", "icon-512.png", "sizes", "512x512", "type", "image/png");
	json_t *manifest = json_pack("{s:s, s:s, s:s, s:s, s:o}", "name", site->title.v, "short_name",
	                             site->publisher->name.v, "start_url", "./", "display", "browser", "icons", icons);
	/* A branded site's bar colour when pinned: its theme-color. */
	if (site->brand)
		json_object_set_new(manifest, "theme_color", json_string(site->brand->theme_color.v));
	char *text = json_dumps(manifest, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(manifest);
	struct buf b = BUF_INIT;
	buf_puts(&b, text);
	buf_putc(&b, '\n');
	free(text);
	bool ok = output_write(o, "manifest.webmanifest", b.data, b.len);
	buf_free(&b);
	return ok;
}

/* The file of static path rel: in the first of dirs[0..n) that has it,
 * else in the first.  Caller frees. */
static char *static_file(const char *const *dirs, size_t n, const char *rel)
{
	for (size_t i = 0; i < n; i++) {
		char *file = xasprintf("%s/%s", dirs[i], rel);
		if (access(file, F_OK) == 0)
			return file;
		free(file);
	}
	return xasprintf("%s/%s", dirs[0], rel);
}

bool icons_write(const struct site *site, const char *const *static_dirs, size_t ndirs, struct output *o,
                 struct diag *d)
{
	const struct publisher *p = site->publisher;
	const struct str *source = p->icon.v ? &p->icon : &p->logo;
	char *file = static_file(static_dirs, ndirs, source->v);
	struct mark m;
	char *why = NULL;
	bool ok = mark_open(&m, file, &why);
	ok = ok && write_ico(&m, o, &why);
	ok = ok && write_png(&m, o, "apple-touch-icon.png", 180, true, &why);
	ok = ok && write_png(&m, o, "icon-192.png", 192, false, &why);
	ok = ok && write_png(&m, o, "icon-512.png", 512, false, &why);
	ok = ok && write_manifest(site, o);
	if (!ok && why && m.svg == NULL && svgdraw_missing())     /* Folio's installation, not the mark */
		diag_error(d, source->at, "cannot draw the favicons from %s: %s", source->v, why);    /* why says what to install */
	else if (!ok && why)
		diag_error(d, source->at, "cannot draw the favicons from %s: %s; give publisher.icon a square SVG or PNG",
		           source->v, text_squeeze_space(why));
	if (m.svg || m.png)
		mark_close(&m);
	free(why);
	free(file);
	return ok;
}
