#include "paint_svg.h"

#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "paint.h"

struct svg {
	struct buf *out;
};

static void color(struct buf *b, const char *attr, const double *rgb)
{
	if (rgb[0] < 0) {
		buf_printf(b, " %s=\"none\"", attr);
		return;
	}
	buf_printf(b, " %s=\"#%02x%02x%02x\"", attr, (int)(rgb[0] * 255 + 0.5), (int)(rgb[1] * 255 + 0.5),
	           (int)(rgb[2] * 255 + 0.5));
}

static void attr_text(struct buf *b, const char *name, const char *value)
{
	buf_printf(b, " %s=\"", name);
	escape_html_attr(b, value, strlen(value));
	buf_putc(b, '"');
}

static void svg_group_begin(void *ctx, const char *id, const char *cls)
{
	struct svg *s = ctx;
	buf_puts(s->out, "<g");
	attr_text(s->out, "id", id);
	attr_text(s->out, "class", cls);
	buf_puts(s->out, ">\n");
}

static void svg_group_end(void *ctx)
{
	struct svg *s = ctx;
	buf_puts(s->out, "</g>\n");
}

static void svg_rect(void *ctx, struct lay_rect r, double radius, enum lay_role role)
{
	struct svg *s = ctx;
	const struct paint_style *st = paint_style(role, false);
	buf_printf(s->out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"%.1f\" class=\"%s\"", r.x, r.y,
	           r.w, r.h, radius, st->css_class);
	color(s->out, "fill", st->fill);
	if (st->width > 0) {
		color(s->out, "stroke", st->stroke);
		buf_printf(s->out, " stroke-width=\"%.1f\"", st->width);
	}
	buf_puts(s->out, "/>\n");
}

static void svg_line(void *ctx, double x1, double y1, double x2, double y2, enum lay_role role)
{
	struct svg *s = ctx;
	const struct paint_style *st = paint_style(role, false);
	buf_printf(s->out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"%s\"", x1, y1, x2, y2,
	           st->css_class);
	color(s->out, "stroke", st->stroke);
	buf_printf(s->out, " stroke-width=\"%.1f\"", st->width);
	if (st->dash > 0)
		buf_printf(s->out, " stroke-dasharray=\"%.1f %.1f\"", st->dash, st->dash);
	buf_puts(s->out, "/>\n");
}

static void svg_arrow_head(void *ctx, double x, double y, double dx, double dy, enum lay_role role)
{
	struct svg *s = ctx;
	double pts[6];
	paint_head_points(x, y, dx, dy, pts);
	const struct paint_style *st = paint_style(role, false);
	buf_printf(s->out, "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\" class=\"%s\"", pts[0], pts[1], pts[2],
	           pts[3], pts[4], pts[5], st->css_class);
	color(s->out, "fill", st->stroke);
	color(s->out, "stroke", st->stroke);
	buf_puts(s->out, " stroke-width=\"1\" stroke-linejoin=\"round\"/>\n");
}

static const char *family(enum font_face face)
{
	return face == FONT_MONO ? "'Folio Mono', monospace" : "'Folio Sans', sans-serif";
}

static void svg_text(void *ctx, double x, double y, const char *text, enum font_face face, double size,
                     enum lay_role role)
{
	struct svg *s = ctx;
	const struct paint_style *st = paint_style(role, false);
	buf_printf(s->out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\" class=\"%s\"", x, y, size, st->css_class);
	attr_text(s->out, "font-family", family(face));
	if (face == FONT_BOLD)
		buf_puts(s->out, " font-weight=\"700\"");
	if (face == FONT_ITALIC)
		buf_puts(s->out, " font-style=\"italic\"");
	color(s->out, "fill", st->fill);
	buf_putc(s->out, '>');
	escape_html_text(s->out, text, strlen(text));
	buf_puts(s->out, "</text>\n");
}

void svg_write(struct buf *out, const struct layout *l, const struct svg_options *opt)
{
	const char *prefix = opt->id_prefix ? opt->id_prefix : "";
	if (opt->standalone)
		buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"diagram\" viewBox=\"0 0 %.0f %.0f\" "
	                "width=\"%.0f\" height=\"%.0f\" role=\"img\" aria-labelledby=\"%stitle %sdesc\">\n",
	           l->width, l->height, l->width, l->height, prefix, prefix);
	buf_printf(out, "<title id=\"%stitle\">", prefix);
	escape_html_text(out, opt->title ? opt->title : "", strlen(opt->title ? opt->title : ""));
	buf_printf(out, "</title>\n<desc id=\"%sdesc\">", prefix);
	escape_html_text(out, opt->desc ? opt->desc : "", strlen(opt->desc ? opt->desc : ""));
	buf_puts(out, "</desc>\n");
	if (opt->standalone) {
		char *css = paint_dark_css();
		buf_puts(out, "<style>\n");
		buf_puts(out, css);
		buf_puts(out, "</style>\n");
		free(css);
	}
	struct svg s = {out};
	struct painter p = {&s, svg_group_begin, svg_group_end, svg_rect, svg_line, svg_arrow_head, svg_text};
	paint_layout(l, &p, prefix);
	buf_puts(out, "</svg>\n");
}
