#include "diagram/paint_cairo.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <stdint.h>

#include <cairo.h>
#include <cairo-ft.h>

#include "diagram/paint.h"
#include "diagram/pngenc.h"

struct raster {
	cairo_t *cr;
	const struct paint_palette *pal;        /* NULL: the theme's */
	cairo_font_face_t *faces[FONT_COUNT];
	cairo_font_options_t *options;
};

static void set_rgb(cairo_t *cr, const double *rgb)
{
	cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
}

static void raster_group_begin(void *ctx, const char *id, const char *cls)
{
	(void)ctx;
	(void)id;
	(void)cls;
}

static void raster_group_end(void *ctx)
{
	(void)ctx;
}

static void rounded_rect(cairo_t *cr, struct lay_rect box, double radius)
{
	double x = box.x, y = box.y, w = box.w, h = box.h;
	if (radius > w / 2)
		radius = w / 2;
	if (radius > h / 2)
		radius = h / 2;
	cairo_new_sub_path(cr);
	cairo_arc(cr, x + w - radius, y + radius, radius, -M_PI / 2, 0);
	cairo_arc(cr, x + w - radius, y + h - radius, radius, 0, M_PI / 2);
	cairo_arc(cr, x + radius, y + h - radius, radius, M_PI / 2, M_PI);
	cairo_arc(cr, x + radius, y + radius, radius, M_PI, 3 * M_PI / 2);
	cairo_close_path(cr);
}

static void raster_rect(void *ctx, struct lay_rect box, double radius, enum lay_role role)
{
	struct raster *rs = ctx;
	const struct paint_style *st = paint_style(rs->pal, role, false);
	rounded_rect(rs->cr, box, radius);
	if (st->fill[0] >= 0) {
		set_rgb(rs->cr, st->fill);
		cairo_fill_preserve(rs->cr);
	}
	if (st->width > 0) {
		set_rgb(rs->cr, st->stroke);
		cairo_set_line_width(rs->cr, st->width);
		cairo_stroke_preserve(rs->cr);
	}
	cairo_new_path(rs->cr);
}

static void raster_line(void *ctx, double x1, double y1, double x2, double y2, enum lay_role role)
{
	struct raster *rs = ctx;
	const struct paint_style *st = paint_style(rs->pal, role, false);
	cairo_t *cr = rs->cr;
	cairo_save(cr);
	if (st->dash > 0)
		cairo_set_dash(cr, &st->dash, 1, 0);
	set_rgb(cr, st->stroke);
	cairo_set_line_width(cr, st->width);
	cairo_move_to(cr, x1, y1);
	cairo_line_to(cr, x2, y2);
	cairo_stroke(cr);
	cairo_restore(cr);
}

static void raster_arrow_head(void *ctx, double x, double y, double dx, double dy, enum lay_role role)
{
	struct raster *rs = ctx;
	const struct paint_style *st = paint_style(rs->pal, role, false);
	double pts[6];
	paint_head_points(x, y, dx, dy, pts);
	cairo_t *cr = rs->cr;
	cairo_move_to(cr, pts[0], pts[1]);
	cairo_line_to(cr, pts[2], pts[3]);
	cairo_line_to(cr, pts[4], pts[5]);
	cairo_close_path(cr);
	set_rgb(cr, st->stroke);
	cairo_set_line_width(cr, 1);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_fill_preserve(cr);
	cairo_stroke(cr);
}

static void raster_text(void *ctx, double x, double y, double width, const char *text, enum font_face face,
                        double size, enum lay_role role)
{
	(void)width;   /* drawn with the layout's own fonts: x is where the text starts */
	struct raster *rs = ctx;
	const struct paint_style *st = paint_style(rs->pal, role, false);
	cairo_t *cr = rs->cr;
	cairo_set_font_face(cr, rs->faces[face]);
	cairo_set_font_size(cr, size);
	cairo_set_font_options(cr, rs->options);
	set_rgb(cr, st->fill);
	cairo_move_to(cr, x, y);
	cairo_show_text(cr, text);
	cairo_new_path(cr);
}

static void raster_path(void *ctx, const struct paint_path *path, enum lay_role role)
{
	struct raster *rs = ctx;
	const struct paint_style *st = paint_style(rs->pal, role, false);
	cairo_t *cr = rs->cr;
	cairo_save(cr);
	const double *pt = path->pts;
	for (size_t i = 0; i < path->nops; i++) {
		switch (path->ops[i]) {
		case PAINT_MOVE: cairo_move_to(cr, pt[0], pt[1]); pt += 2; break;
		case PAINT_LINE: cairo_line_to(cr, pt[0], pt[1]); pt += 2; break;
		case PAINT_CURVE: cairo_curve_to(cr, pt[0], pt[1], pt[2], pt[3], pt[4], pt[5]); pt += 6; break;
		case PAINT_CLOSE: cairo_close_path(cr); break;
		}
	}
	if (path->fill && st->fill[0] >= 0) {
		set_rgb(cr, st->fill);
		cairo_fill_preserve(cr);
	}
	if (st->width > 0) {
		/* Mitred, as in SVG and the PDF (an arrow head may have left
		 * the join round): an open head's tip is placed for a mitre. */
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
		if (st->dash > 0 && !path->solid)
			cairo_set_dash(cr, &st->dash, 1, 0);
		set_rgb(cr, st->stroke);
		cairo_set_line_width(cr, st->width);
		cairo_stroke_preserve(cr);
	}
	cairo_new_path(cr);
	cairo_restore(cr);
}

/* The cairo face of a set's face.  cairo gives the face it made for the
 * same FreeType face the last time while it keeps that in its cache; the
 * first time, it is given the FreeType face to hold for as long
 * (font_hold_face). */
static cairo_font_face_t *cairo_face(const struct fontset *fs, enum font_face face)
{
	static const cairo_user_data_key_t held;
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	cairo_font_face_t *cf = cairo_ft_font_face_create_for_ft_face(font_ft_face(fs, face), 0);
	pthread_mutex_lock(&lock);
	if (cairo_font_face_status(cf) == CAIRO_STATUS_SUCCESS && cairo_font_face_get_user_data(cf, &held) == NULL) {
		void *ft = font_hold_face(fs, face);
		if (cairo_font_face_set_user_data(cf, &held, ft, font_release_face) != CAIRO_STATUS_SUCCESS)
			font_release_face(ft);
	}
	pthread_mutex_unlock(&lock);
	return cf;
}

static void raster_open(struct raster *rs, cairo_surface_t *surface, const struct fontset *fs,
                        const struct paint_palette *pal)
{
	rs->cr = cairo_create(surface);
	rs->pal = pal;
	rs->options = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(rs->options, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(rs->options, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_antialias(rs->options, CAIRO_ANTIALIAS_GRAY);
	for (int i = 0; i < FONT_COUNT; i++)
		rs->faces[i] = cairo_face(fs, (enum font_face)i);
}

static void raster_close(struct raster *rs)
{
	for (int i = 0; i < FONT_COUNT; i++)
		cairo_font_face_destroy(rs->faces[i]);
	cairo_font_options_destroy(rs->options);
	cairo_destroy(rs->cr);
}

static void paint_with(struct raster *rs, const struct layout *lay)
{
	struct painter p = {rs,          raster_group_begin, raster_group_end, raster_rect,
	                    raster_line, raster_arrow_head,  raster_text,      raster_path};
	paint_layout(lay, &p, "");
}

static bool finish(cairo_surface_t *surface, struct buf *png)
{
	cairo_surface_flush(surface);
	bool ok = cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS && pngenc_surface_smallest(surface, png);
	cairo_surface_destroy(surface);
	return ok;
}

cairo_surface_t *paint_cairo_surface(const struct layout *lay, const struct fontset *fs,
                                     const struct paint_palette *pal, double scale)
{
	int w = (int)ceil(lay->width * scale), h = (int)ceil(lay->height * scale);
	cairo_surface_t *surface = pngenc_canvas(w, h, 255, 255, 255);        /* on white */
	struct raster rs;
	raster_open(&rs, surface, fs, pal);
	cairo_scale(rs.cr, scale, scale);
	paint_with(&rs, lay);
	raster_close(&rs);
	return surface;
}

bool paint_cairo_png(const struct layout *lay, const struct fontset *fs, const struct paint_palette *pal, double scale,
                     struct buf *png)
{
	return finish(paint_cairo_surface(lay, fs, pal, scale), png);
}

/* ---- social cards ---------------------------------------------------- */

/* Text on a card, in at most max_lines lines: it shrinks to two thirds of
 * size before a word is cut (with a hyphen). */
static void card_text(struct raster *rs, const struct fontset *fs, const char *text, enum font_face face,
                      double size, double x, double y, double width, int max_lines, const double *rgb)
{
	struct lay_text t = {0};
	layout_wrap_title(fs, face, size, size * 2 / 3, text, width, (size_t)max_lines, &t);
	cairo_set_font_face(rs->cr, rs->faces[face]);
	cairo_set_font_size(rs->cr, t.size);
	cairo_set_font_options(rs->cr, rs->options);
	cairo_set_source_rgb(rs->cr, rgb[0], rgb[1], rgb[2]);
	for (size_t i = 0; i < t.n && (int)i < max_lines; i++) {
		cairo_move_to(rs->cr, x, y + (double)i * t.size * 1.2);
		cairo_show_text(rs->cr, t.lines[i].text);
	}
	for (size_t i = 0; i < t.n; i++)
		free(t.lines[i].text);
	free(t.lines);
}

cairo_surface_t *paint_cairo_card_surface(const struct paint_cairo_card *c, const struct fontset *fs)
{
	const struct paint_palette *pal = c->palette ? c->palette : paint_palette_theme();
	const double *navy = pal->card_title, *teal = pal->card_band;
	static const double grey[3] = {61 / 255.0, 74 / 255.0, 92 / 255.0};
	cairo_surface_t *surface = pngenc_canvas(CARD_WIDTH, CARD_HEIGHT, 247, 249, 252);
	struct raster rs;
	raster_open(&rs, surface, fs, c->palette);
	cairo_t *cr = rs.cr;
	cairo_set_source_rgb(cr, teal[0], teal[1], teal[2]);
	cairo_rectangle(cr, 0, 0, CARD_WIDTH, 12);
	cairo_fill(cr);

	double text_w = c->motif ? 560 : 1080;
	if (c->context)
		card_text(&rs, fs, c->context, FONT_BOLD, 26, 60, 110, text_w, 2, teal);
	card_text(&rs, fs, c->title, FONT_BOLD, 54, 60, c->context ? 190 : 150, text_w, 5, navy);
	card_text(&rs, fs, c->publisher, FONT_REGULAR, 26, 60, 570, text_w, 1, grey);

	if (c->motif) {
		/* The diagram, scaled into the right-hand panel. */
		double box_x = 660, box_y = 60, box_w = 500, box_h = 510;
		double s = fmin(box_w / c->motif->width, box_h / c->motif->height);
		cairo_save(cr);
		cairo_translate(cr, box_x + (box_w - c->motif->width * s) / 2, box_y + (box_h - c->motif->height * s) / 2);
		cairo_scale(cr, s, s);
		paint_with(&rs, c->motif);
		cairo_restore(cr);
	}
	raster_close(&rs);
	return surface;
}

bool paint_cairo_card_png(const struct paint_cairo_card *c, const struct fontset *fs, struct buf *png)
{
	return finish(paint_cairo_card_surface(c, fs), png);
}
