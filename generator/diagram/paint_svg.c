#include "diagram/paint_svg.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/escape.h"
#include "base/xalloc.h"
#include "diagram/paint.h"

struct svg {
	struct buf *out;
	const struct paint_palette *pal;        /* NULL: the theme's */
	/* Where in out each group's id starts, when kept (ids not NULL): an
	 * id prefix can then be put in afterwards (svg_write_both). */
	size_t *ids;
	size_t nids, cap_ids;
};

/* Writes v as printf's "%.*f" with 0 or 1 decimals would, without
 * printf (which was a fifth of an HTML-only build): digits from a rounded
 * integer, except in the cases where that could round differently from
 * printf's exact rounding (a value within a hair of a tie, a negative
 * zero, a huge value), which go to printf. */
static void put_num(struct buf *b, double v, int decimals)
{
	double t = decimals ? v * 10 : v;
	double whole = floor(t), frac = t - whole;
	long long n = (long long)whole + (frac > 0.5);
	if (!(fabs(t) < 1e15) || fabs(frac - 0.5) < 1e-6 || (n == 0 && signbit(v))) {
		buf_printf(b, "%.*f", decimals, v);
		return;
	}
	char digits[32];
	char *p = digits + sizeof digits;
	bool negative = n < 0;
	unsigned long long u = negative ? 0ull - (unsigned long long)n : (unsigned long long)n;
	if (decimals) {
		*--p = (char)('0' + u % 10);
		*--p = '.';
		u /= 10;
	}
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (negative)
		*--p = '-';
	buf_put(b, p, (size_t)(digits + sizeof digits - p));
}

/* NAME="v" with a leading space, v as "%.1f". */
static void attr_num(struct buf *b, const char *name, double v)
{
	buf_putc(b, ' ');
	buf_puts(b, name);
	buf_puts(b, "=\"");
	put_num(b, v, 1);
	buf_putc(b, '"');
}

static void color(struct buf *b, const char *attr, const double *rgb)
{
	buf_putc(b, ' ');
	buf_puts(b, attr);
	if (rgb[0] < 0) {
		buf_puts(b, "=\"none\"");
		return;
	}
	static const char hex[] = "0123456789abcdef";
	char v[10] = {'=', '"', '#'};
	for (int i = 0; i < 3; i++) {
		int c = (int)(rgb[i] * 255 + 0.5);
		if (c < 0 || c > 255) {   /* never for the palette; as printf would */
			buf_printf(b, "=\"#%02x%02x%02x\"", (int)(rgb[0] * 255 + 0.5), (int)(rgb[1] * 255 + 0.5),
			           (int)(rgb[2] * 255 + 0.5));
			return;
		}
		v[3 + 2 * i] = hex[c >> 4];
		v[4 + 2 * i] = hex[c & 15];
	}
	v[9] = '"';
	buf_put(b, v, sizeof v);
}

static void attr_text(struct buf *b, const char *name, const char *value)
{
	buf_putc(b, ' ');
	buf_puts(b, name);
	buf_puts(b, "=\"");
	escape_html_attr(b, value, strlen(value));
	buf_putc(b, '"');
}

static void attr_class(struct buf *b, const char *cls)
{
	buf_puts(b, " class=\"");
	buf_puts(b, cls);
	buf_putc(b, '"');
}

static void svg_group_begin(void *ctx, const char *id, const char *cls)
{
	struct svg *s = ctx;
	buf_puts(s->out, "<g");
	if (s->ids) {
		s->ids = xgrow(s->ids, &s->cap_ids, s->nids + 1, sizeof *s->ids);
		s->ids[s->nids++] = s->out->len + strlen(" id=\"");
	}
	attr_text(s->out, "id", id);
	attr_text(s->out, "class", cls);
	buf_puts(s->out, ">\n");
}

static void svg_group_end(void *ctx)
{
	struct svg *s = ctx;
	buf_puts(s->out, "</g>\n");
}

static void svg_rect(void *ctx, struct lay_rect box, double radius, enum lay_role role)
{
	struct svg *s = ctx;
	const struct paint_style *st = paint_style(s->pal, role, false);
	buf_puts(s->out, "<rect");
	attr_num(s->out, "x", box.x);
	attr_num(s->out, "y", box.y);
	attr_num(s->out, "width", box.w);
	attr_num(s->out, "height", box.h);
	attr_num(s->out, "rx", radius);
	attr_class(s->out, st->css_class);
	color(s->out, "fill", st->fill);
	if (st->width > 0) {
		color(s->out, "stroke", st->stroke);
		attr_num(s->out, "stroke-width", st->width);
	}
	buf_puts(s->out, "/>\n");
}

static void svg_line(void *ctx, double x1, double y1, double x2, double y2, enum lay_role role)
{
	struct svg *s = ctx;
	const struct paint_style *st = paint_style(s->pal, role, false);
	buf_puts(s->out, "<line");
	attr_num(s->out, "x1", x1);
	attr_num(s->out, "y1", y1);
	attr_num(s->out, "x2", x2);
	attr_num(s->out, "y2", y2);
	attr_class(s->out, st->css_class);
	color(s->out, "stroke", st->stroke);
	attr_num(s->out, "stroke-width", st->width);
	if (st->dash > 0) {
		buf_puts(s->out, " stroke-dasharray=\"");
		put_num(s->out, st->dash, 1);
		buf_putc(s->out, ' ');
		put_num(s->out, st->dash, 1);
		buf_putc(s->out, '"');
	}
	buf_puts(s->out, "/>\n");
}

static void svg_arrow_head(void *ctx, double x, double y, double dx, double dy, enum lay_role role)
{
	struct svg *s = ctx;
	double pts[6];
	paint_head_points(x, y, dx, dy, pts);
	const struct paint_style *st = paint_style(s->pal, role, false);
	buf_puts(s->out, "<polygon points=\"");
	for (int i = 0; i < 6; i++) {
		if (i)
			buf_putc(s->out, i % 2 ? ',' : ' ');
		put_num(s->out, pts[i], 1);
	}
	buf_putc(s->out, '"');
	attr_class(s->out, st->css_class);
	color(s->out, "fill", st->stroke);
	color(s->out, "stroke", st->stroke);
	buf_puts(s->out, " stroke-width=\"1\" stroke-linejoin=\"round\"/>\n");
}

/* A path's d attribute: absolute commands, one decimal. */
static void path_data(struct buf *b, const struct paint_path *path)
{
	static const char letters[] = {[PAINT_MOVE] = 'M', [PAINT_LINE] = 'L', [PAINT_CURVE] = 'C', [PAINT_CLOSE] = 'Z'};
	static const size_t counts[] = {[PAINT_MOVE] = 1, [PAINT_LINE] = 1, [PAINT_CURVE] = 3, [PAINT_CLOSE] = 0};
	size_t pt = 0;
	for (size_t i = 0; i < path->nops; i++) {
		if (i)
			buf_putc(b, ' ');
		buf_putc(b, letters[path->ops[i]]);
		for (size_t k = 0; k < counts[path->ops[i]] && pt < path->npts; k++, pt++) {
			buf_putc(b, ' ');
			put_num(b, path->pts[2 * pt], 1);
			buf_putc(b, ',');
			put_num(b, path->pts[2 * pt + 1], 1);
		}
	}
}

/* An outline that is only a line carries the class dg-line: the dark
 * scheme's rules fill its role's class (for arrow heads), and a CSS rule
 * beats a presentation attribute, so "fill: none" must come from a rule
 * too (paint_dark_css_all's). */
static void svg_path(void *ctx, const struct paint_path *path, enum lay_role role)
{
	struct svg *s = ctx;
	const struct paint_style *st = paint_style(s->pal, role, false);
	bool fill = path->fill && st->fill[0] >= 0;
	buf_puts(s->out, "<path d=\"");
	path_data(s->out, path);
	buf_putc(s->out, '"');
	buf_puts(s->out, " class=\"");
	buf_puts(s->out, st->css_class);
	buf_puts(s->out, fill ? "\"" : " dg-line\"");
	static const double none[3] = {-1, -1, -1};
	color(s->out, "fill", fill ? st->fill : none);
	if (st->width > 0) {
		color(s->out, "stroke", st->stroke);
		attr_num(s->out, "stroke-width", st->width);
		if (st->dash > 0 && !path->solid) {
			buf_puts(s->out, " stroke-dasharray=\"");
			put_num(s->out, st->dash, 1);
			buf_putc(s->out, ' ');
			put_num(s->out, st->dash, 1);
			buf_putc(s->out, '"');
		}
	}
	buf_puts(s->out, "/>\n");
}

/* The family and anchor most texts have are set once, on the <svg>
 * element, and inherited (SVG 1.1, 6.4: both properties are inherited);
 * a text says them only where it differs.  Written on every <text> they
 * were over a tenth of a diagram's bytes, in its file and again inline in
 * its page. */
#define SVG_FAMILY "'Folio Sans', sans-serif"
#define SVG_MONO_FAMILY "'Folio Mono', monospace"
#define SVG_ANCHOR "middle"

/* Whether the layout centres text of this role in its box or plate. */
static bool centred(enum lay_role role)
{
	return role == ROLE_NODE_NAME || role == ROLE_NODE_DETAIL || role == ROLE_HUB_TEXT || role == ROLE_LABEL ||
	       role == ROLE_TAG;
}

/* Centred text is anchored at its middle: a reader without the page's
 * fonts (a downloaded file falls back to another sans-serif) sees it
 * grow on both sides alike, so it stays inside the room the layout left
 * round it, instead of running out on the right. */
static void svg_text(void *ctx, double x, double y, double width, const char *text, enum font_face face,
                     double size, enum lay_role role)
{
	struct svg *s = ctx;
	const struct paint_style *st = paint_style(s->pal, role, false);
	buf_puts(s->out, "<text");
	attr_num(s->out, "x", centred(role) ? x + width / 2 : x);
	attr_num(s->out, "y", y);
	if (!centred(role))
		buf_puts(s->out, " text-anchor=\"start\"");
	buf_puts(s->out, " font-size=\"");
	put_num(s->out, size, 0);
	buf_putc(s->out, '"');
	attr_class(s->out, st->css_class);
	if (face == FONT_MONO)
		attr_text(s->out, "font-family", SVG_MONO_FAMILY);
	if (face == FONT_BOLD)
		buf_puts(s->out, " font-weight=\"700\"");
	if (face == FONT_ITALIC)
		buf_puts(s->out, " font-style=\"italic\"");
	color(s->out, "fill", st->fill);
	buf_putc(s->out, '>');
	escape_html_text(s->out, text, strlen(text));
	buf_puts(s->out, "</text>\n");
}

/* The dark palette's CSS, the same for every standalone SVG of its kind:
 * made once, kept for the life of the process (pages are written on
 * several threads, hence pthread_once). */
static char *dark_css, *dark_css_all;
static pthread_once_t dark_css_once = PTHREAD_ONCE_INIT, dark_css_all_once = PTHREAD_ONCE_INIT;

static void make_dark_css(void)
{
	dark_css = paint_dark_css(NULL);
}

static void make_dark_css_all(void)
{
	dark_css_all = paint_dark_css_all(NULL);
}

/* The <style> of a standalone file. */
static void put_dark_css(struct buf *out, const struct layout *lay, const struct paint_palette *pal)
{
	bool all = paint_has_content_parts(lay);
	char *branded = pal ? (all ? paint_dark_css_all(pal) : paint_dark_css(pal)) : NULL;
	if (branded == NULL && all)
		pthread_once(&dark_css_all_once, make_dark_css_all);
	else if (branded == NULL)
		pthread_once(&dark_css_once, make_dark_css);
	buf_puts(out, "<style>\n");
	buf_puts(out, branded ? branded : all ? dark_css_all : dark_css);
	buf_puts(out, "</style>\n");
	free(branded);
}

static void put_text(struct buf *out, const char *text)
{
	escape_html_text(out, text ? text : "", text ? strlen(text) : 0);
}

/* The SVG up to the drawing. */
static void svg_head(struct buf *out, const struct layout *lay, const struct svg_options *opt)
{
	const char *prefix = opt->id_prefix ? opt->id_prefix : "";
	if (opt->standalone)
		buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	buf_puts(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"diagram\" viewBox=\"0 0 ");
	put_num(out, lay->width, 0);
	buf_putc(out, ' ');
	put_num(out, lay->height, 0);
	buf_puts(out, "\" width=\"");
	put_num(out, lay->width, 0);
	buf_puts(out, "\" height=\"");
	put_num(out, lay->height, 0);
	buf_puts(out, "\" role=\"img\" aria-labelledby=\"");
	buf_puts(out, prefix);
	buf_puts(out, "title ");
	buf_puts(out, prefix);
	buf_puts(out, "desc\" font-family=\"" SVG_FAMILY "\" text-anchor=\"" SVG_ANCHOR "\">\n<title id=\"");
	buf_puts(out, prefix);
	buf_puts(out, "title\">");
	put_text(out, opt->title);
	buf_puts(out, "</title>\n<desc id=\"");
	buf_puts(out, prefix);
	buf_puts(out, "desc\">");
	put_text(out, opt->desc);
	buf_puts(out, "</desc>\n");
	if (opt->standalone)
		put_dark_css(out, lay, opt->palette);
}

/* Paints lay into s->out, its ids starting with prefix. */
static void svg_body(struct svg *s, const struct layout *lay, const char *prefix)
{
	struct painter p = {s, svg_group_begin, svg_group_end, svg_rect, svg_line, svg_arrow_head, svg_text, svg_path};
	paint_layout(lay, &p, prefix);
}

void svg_write(struct buf *out, const struct layout *lay, const struct svg_options *opt)
{
	svg_head(out, lay, opt);
	struct svg s = {out, opt->palette, NULL, 0, 0};
	svg_body(&s, lay, opt->id_prefix ? opt->id_prefix : "");
	buf_puts(out, "</svg>\n");
}

void svg_write_both(struct buf *file, struct buf *page, const struct layout *lay, const struct svg_options *opt)
{
	struct svg_options standalone = {"", opt->title, opt->desc, true, opt->palette};
	struct svg_options in_page = {opt->id_prefix, opt->title, opt->desc, false, opt->palette};
	svg_head(file, lay, &standalone);
	svg_head(page, lay, &in_page);
	/* The drawing is painted once, into the file, noting where each id
	 * starts; the page's copy gets the prefix put in there. */
	size_t start = file->len;
	struct svg s = {file, opt->palette, NULL, 0, 0};
	s.ids = xgrow(NULL, &s.cap_ids, 16, sizeof *s.ids);
	svg_body(&s, lay, "");
	struct buf prefix = BUF_INIT;
	const char *id_prefix = opt->id_prefix ? opt->id_prefix : "";
	escape_html_attr(&prefix, id_prefix, strlen(id_prefix));
	size_t from = start;
	for (size_t i = 0; i < s.nids; i++) {
		buf_put(page, file->data + from, s.ids[i] - from);
		buf_put(page, prefix.data ? prefix.data : "", prefix.len);
		from = s.ids[i];
	}
	buf_put(page, file->data + from, file->len - from);
	buf_puts(file, "</svg>\n");
	buf_puts(page, "</svg>\n");
	buf_free(&prefix);
	free(s.ids);
}
