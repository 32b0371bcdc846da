#include "diagram/paint.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/xalloc.h"

#define HEAD_LENGTH 9.0
#define NONE {-1, -1, -1}
#define RGB(r, g, b) {(r) / 255.0, (g) / 255.0, (b) / 255.0}

/* The arrows of kind k (from 0): light colour l, dark colour d, in each
 * line style (solid, dashed, dotted, heavy), with the SVG class cls. */
#define KIND_STYLES(k, l, d, cls) \
	[ROLE_EDGE_KIND + (k) * LAY_STROKES + LAY_STROKE_SOLID] = {{l, l, 2, 0, cls}, {d, d, 2, 0, cls}}, \
	[ROLE_EDGE_KIND + (k) * LAY_STROKES + LAY_STROKE_DASHED] = {{l, l, 2, 6, cls}, {d, d, 2, 6, cls}}, \
	[ROLE_EDGE_KIND + (k) * LAY_STROKES + LAY_STROKE_DOTTED] = {{l, l, 2, 2, cls}, {d, d, 2, 2, cls}}, \
	[ROLE_EDGE_KIND + (k) * LAY_STROKES + LAY_STROKE_HEAVY] = {{l, l, 3, 0, cls}, {d, d, 3, 0, cls}}
#define HEX(v) RGB(((v) >> 16) & 255, ((v) >> 8) & 255, (v) & 255)

/* The theme's palette, one table for every backend: [role][0 light, 1
 * dark].  The kinds' colours, in the order of a resource's list, each at
 * least 4.5:1 against the page and the label plates of its scheme
 * (static/css/site.css has the same six as --k1 to --k6 for the badges). */
static const struct paint_palette theme_palette = {
	.card_band = RGB(0, 109, 119),
	.card_title = RGB(17, 33, 56),
	.styles = {
	[ROLE_NODE] = {{RGB(255, 255, 255), RGB(31, 58, 95), 1.5, 0, "dg-node"},
	               {RGB(22, 33, 48), RGB(125, 168, 219), 1.5, 0, "dg-node"}},
	[ROLE_HUB] = {{RGB(31, 58, 95), RGB(31, 58, 95), 1.5, 0, "dg-hub"},
	              {RGB(125, 168, 219), RGB(125, 168, 219), 1.5, 0, "dg-hub"}},
	[ROLE_NODE_NAME] = {{RGB(17, 33, 56), NONE, 0, 0, "dg-name"}, {RGB(232, 238, 246), NONE, 0, 0, "dg-name"}},
	[ROLE_NODE_DETAIL] = {{RGB(61, 74, 92), NONE, 0, 0, "dg-detail"},
	                      {RGB(189, 200, 214), NONE, 0, 0, "dg-detail"}},
	[ROLE_HUB_TEXT] = {{RGB(255, 255, 255), NONE, 0, 0, "dg-hub-text"}, {RGB(13, 22, 34), NONE, 0, 0, "dg-hub-text"}},
	[ROLE_LANE] = {{NONE, RGB(154, 166, 181), 1, 4, "dg-lane"}, {NONE, RGB(92, 108, 128), 1, 4, "dg-lane"}},
	[ROLE_EDGE_PLAIN] = {{RGB(31, 58, 95), RGB(31, 58, 95), 2, 0, "dg-plain"},
	                     {RGB(125, 168, 219), RGB(125, 168, 219), 2, 0, "dg-plain"}},
	KIND_STYLES(0, HEX(0x006d77), HEX(0x5ecfd6), "dg-kind-1"),
	KIND_STYLES(1, HEX(0x8a3b12), HEX(0xf7a670), "dg-kind-2"),
	KIND_STYLES(2, HEX(0x4a3b8c), HEX(0xb5a7f7), "dg-kind-3"),
	KIND_STYLES(3, HEX(0x1b5e20), HEX(0x81d486), "dg-kind-4"),
	KIND_STYLES(4, HEX(0xad1457), HEX(0xf48fb1), "dg-kind-5"),
	KIND_STYLES(5, HEX(0x1565c0), HEX(0x90caf9), "dg-kind-6"),
	[ROLE_LABEL] = {{RGB(17, 33, 56), NONE, 0, 0, "dg-label"}, {RGB(232, 238, 246), NONE, 0, 0, "dg-label"}},
	[ROLE_TAG] = {{RGB(61, 74, 92), NONE, 0, 0, "dg-tag"}, {RGB(189, 200, 214), NONE, 0, 0, "dg-tag"}},
	[ROLE_LABEL_BACK] = {{RGB(247, 249, 252), NONE, 0, 0, "dg-plate"}, {RGB(15, 23, 34), NONE, 0, 0, "dg-plate"}},
	/* Diagrams written in the content: the plain arrows' navy, tints of
	 * it for frames, and a pale yellow for notes. */
	[ROLE_EDGE_DOTTED] = {{HEX(0x1f3a5f), HEX(0x1f3a5f), 2, 3, "dg-dotted"},
	                      {HEX(0x7da8db), HEX(0x7da8db), 2, 3, "dg-dotted"}},
	[ROLE_EDGE_HEAVY] = {{HEX(0x1f3a5f), HEX(0x1f3a5f), 3.5, 0, "dg-heavy"},
	                     {HEX(0x7da8db), HEX(0x7da8db), 3.5, 0, "dg-heavy"}},
	/* A group's outline stands 3:1 against the page and its own tint. */
	[ROLE_GROUP] = {{HEX(0xeef3f9), HEX(0x7b8797), 1, 0, "dg-group"}, {HEX(0x1a2636), HEX(0x6b7c92), 1, 0, "dg-group"}},
	[ROLE_GROUP_TITLE] = {{HEX(0x112138), NONE, 0, 0, "dg-group-title"}, {HEX(0xe8eef6), NONE, 0, 0, "dg-group-title"}},
	[ROLE_BAND] = {{HEX(0xe6f4f5), NONE, 0, 0, "dg-band"}, {HEX(0x142a2c), NONE, 0, 0, "dg-band"}},
	[ROLE_BLOCK] = {{NONE, HEX(0x5c6c80), 1, 0, "dg-block"}, {NONE, HEX(0x9aa6b5), 1, 0, "dg-block"}},
	[ROLE_BLOCK_TAB] = {{HEX(0xe3e9f1), HEX(0x5c6c80), 1, 0, "dg-block-tab"},
	                    {HEX(0x253447), HEX(0x9aa6b5), 1, 0, "dg-block-tab"}},
	[ROLE_BLOCK_TEXT] = {{HEX(0x112138), NONE, 0, 0, "dg-block-text"}, {HEX(0xe8eef6), NONE, 0, 0, "dg-block-text"}},
	[ROLE_DIVIDER] = {{NONE, HEX(0x5c6c80), 1, 4, "dg-divider"}, {NONE, HEX(0x9aa6b5), 1, 4, "dg-divider"}},
	[ROLE_NOTE] = {{HEX(0xfff8db), HEX(0x8a7419), 1, 0, "dg-note"}, {HEX(0x3a3217), HEX(0xc9b25a), 1, 0, "dg-note"}},
	[ROLE_NOTE_TEXT] = {{HEX(0x112138), NONE, 0, 0, "dg-note-text"}, {HEX(0xf3ecd2), NONE, 0, 0, "dg-note-text"}},
	[ROLE_ACTIVATION] = {{HEX(0xe3e9f1), HEX(0x1f3a5f), 1, 0, "dg-activation"},
	                     {HEX(0x253447), HEX(0x7da8db), 1, 0, "dg-activation"}},
	[ROLE_BADGE] = {{HEX(0x1f3a5f), NONE, 0, 0, "dg-badge"}, {HEX(0x7da8db), NONE, 0, 0, "dg-badge"}},
	[ROLE_BADGE_TEXT] = {{HEX(0xffffff), NONE, 0, 0, "dg-badge-text"}, {HEX(0x0d1622), NONE, 0, 0, "dg-badge-text"}},
}};
_Static_assert(LAY_KINDS == 6, "a colour for each kind in styles[]");

const struct paint_palette *paint_palette_theme(void)
{
	return &theme_palette;
}

static void set_rgb(double out[3], uint32_t rgb)
{
	out[0] = ((rgb >> 16) & 255) / 255.0;
	out[1] = ((rgb >> 8) & 255) / 255.0;
	out[2] = (rgb & 255) / 255.0;
}

/* The roles drawn in the theme's navy, light (scheme 0) or dark (1):
 * the boxes' outlines, the centre box, the arrows of no kind in every
 * line, the activations' outlines and the autonumbers' discs (under
 * the centre box's text colour, which the brand's check covers). */
static void set_primary(struct paint_palette *pal, int scheme, uint32_t rgb)
{
	static const enum lay_role filled[] = {ROLE_HUB, ROLE_EDGE_PLAIN, ROLE_EDGE_DOTTED, ROLE_EDGE_HEAVY, ROLE_BADGE};
	static const enum lay_role stroked[] = {ROLE_NODE, ROLE_HUB, ROLE_EDGE_PLAIN, ROLE_EDGE_DOTTED, ROLE_EDGE_HEAVY,
	                                        ROLE_ACTIVATION};
	for (size_t i = 0; i < sizeof filled / sizeof filled[0]; i++)
		set_rgb(pal->styles[filled[i]][scheme].fill, rgb);
	for (size_t i = 0; i < sizeof stroked / sizeof stroked[0]; i++)
		set_rgb(pal->styles[stroked[i]][scheme].stroke, rgb);
}

void paint_palette_branded(struct paint_palette *out, const struct brand_rgb *brand)
{
	*out = theme_palette;
	set_primary(out, 0, brand->primary);
	set_primary(out, 1, brand->dark_primary);
	set_rgb(out->card_band, brand->accent);
	set_rgb(out->card_title, brand->primary);
}

const struct paint_style *paint_style(const struct paint_palette *pal, enum lay_role role, bool dark)
{
	return &(pal ? pal : &theme_palette)->styles[role][dark ? 1 : 0];
}

/* ---- names, text, nodes ---------------------------------------------- */

/* Appends name so that it is safe in an SVG id or class, and two names
 * stay two: ASCII letters, digits and '-' as they are (so a resource's
 * slug is unchanged), '_' doubled, any other byte as '_' and two hex
 * digits.  Names written in the content may hold anything. */
static void put_name(struct buf *b, const char *name)
{
	static const char hex[] = "0123456789abcdef";
	for (const unsigned char *s = (const unsigned char *)name; *s; s++) {
		unsigned char c = *s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-') {
			buf_putc(b, (char)c);
		} else if (c == '_') {
			buf_puts(b, "__");
		} else {
			buf_putc(b, '_');
			buf_putc(b, hex[c >> 4]);
			buf_putc(b, hex[c & 15]);
		}
	}
}

/* Text on the centre box is light on dark: the centre is filled. */
static enum lay_role text_role(const struct lay_node *node, enum lay_role role)
{
	return node->role == ROLE_HUB ? ROLE_HUB_TEXT : role;
}

static void paint_text(const struct lay_text *t, const struct painter *p, enum lay_role role)
{
	for (size_t i = 0; i < t->n; i++)
		p->text(p->ctx, t->lines[i].x, t->lines[i].y, t->lines[i].width, t->lines[i].text, t->face, t->size,
		        role);
}

/* Paints a path and frees it. */
static void paint_and_free(struct paint_path *path, const struct painter *p, enum lay_role role)
{
	if (path->nops)
		p->path(p->ctx, path, role);
	paint_path_free(path);
}

static const char *const shape_names[LAY_SHAPES] = {
	[LAY_SHAPE_BOX] = "box",           [LAY_SHAPE_RECT] = "rect",         [LAY_SHAPE_ROUNDED] = "rounded",
	[LAY_SHAPE_STADIUM] = "stadium",   [LAY_SHAPE_CYLINDER] = "cylinder", [LAY_SHAPE_CIRCLE] = "circle",
	[LAY_SHAPE_DIAMOND] = "diamond",   [LAY_SHAPE_SUBROUTINE] = "subroutine", [LAY_SHAPE_ACTOR] = "actor",
};

/* The resources' boxes are rounded rectangles, as they always were; the
 * other shapes are their outline and extra strokes (shape.c). */
static void paint_outline(const struct lay_node *node, const struct painter *p)
{
	if (node->shape == LAY_SHAPE_BOX || node->shape >= LAY_SHAPES) {
		p->rect(p->ctx, node->box, 8, node->role);
		return;
	}
	struct paint_path outline = {0}, extra = {0};
	paint_shape_path(node->shape, node->box, &outline, &extra);
	paint_and_free(&outline, p, node->role);
	paint_and_free(&extra, p, node->role);
}

static void paint_node(const struct lay_node *node, const struct painter *p, const char *prefix)
{
	struct buf id = BUF_INIT, cls = BUF_INIT;
	buf_puts(&id, prefix);
	buf_puts(&id, "node-");
	put_name(&id, node->id);
	buf_puts(&cls, node->role == ROLE_HUB ? "dg-system dg-system--hub" : "dg-system");
	if (node->shape != LAY_SHAPE_BOX && node->shape < LAY_SHAPES) {
		buf_puts(&cls, " dg-shape--");
		buf_puts(&cls, shape_names[node->shape]);
	}
	p->group_begin(p->ctx, id.data, cls.data);
	paint_outline(node, p);
	paint_text(&node->name, p, text_role(node, ROLE_NODE_NAME));
	paint_text(&node->detail, p, text_role(node, ROLE_NODE_DETAIL));
	p->group_end(p->ctx);
	buf_free(&cls);
	buf_free(&id);
}

/* ---- frames ------------------------------------------------------------ */

/* Groups, bands and blocks lie under the lanes; notes and activations
 * (and any other frame) over them. */
static bool frame_is_under(const struct lay_frame *f)
{
	return f->role == ROLE_GROUP || f->role == ROLE_BAND || f->role == ROLE_BLOCK;
}

static const char *frame_kind(enum lay_role role)
{
	switch (role) {
	case ROLE_GROUP: return "group";
	case ROLE_BAND: return "band";
	case ROLE_BLOCK: return "block";
	case ROLE_NOTE: return "note";
	case ROLE_ACTIVATION: return "activation";
	default: return "other";
	}
}

/* How much of a block's tab is cut off at its bottom right corner, as
 * UML draws the name of a fragment. */
#define TAB_CUT 0.4

static void paint_tab(struct lay_rect t, const struct painter *p)
{
	double cut = fmin(t.h * TAB_CUT, t.w / 2);
	struct paint_path tab = {.fill = true};
	paint_path_move(&tab, t.x, t.y);
	paint_path_line(&tab, t.x + t.w, t.y);
	paint_path_line(&tab, t.x + t.w, t.y + t.h - cut);
	paint_path_line(&tab, t.x + t.w - cut, t.y + t.h);
	paint_path_line(&tab, t.x, t.y + t.h);
	paint_path_close(&tab);
	paint_and_free(&tab, p, ROLE_BLOCK_TAB);
}

/* A block: its outline, the tab with its keyword, its condition, and a
 * dashed line across for each else / and with its own condition. */
static void paint_block(const struct lay_frame *f, const struct painter *p)
{
	p->rect(p->ctx, f->box, 0, ROLE_BLOCK);
	if (f->tab.w > 0)
		paint_tab(f->tab, p);
	paint_text(&f->title, p, ROLE_BLOCK_TEXT);
	paint_text(&f->detail, p, ROLE_BLOCK_TEXT);
	for (size_t i = 0; i < f->ndividers; i++) {
		const struct lay_divider *d = &f->dividers[i];
		p->line(p->ctx, d->x1, d->y, d->x2, d->y, ROLE_DIVIDER);
		paint_text(&d->text, p, ROLE_BLOCK_TEXT);
	}
}

static void paint_frame(const struct lay_frame *f, size_t index, const struct painter *p, const char *prefix)
{
	struct buf id = BUF_INIT, cls = BUF_INIT;
	buf_puts(&id, prefix);
	buf_puts(&id, "frame-");
	buf_put_long(&id, (long)index + 1);
	buf_puts(&cls, "dg-frame dg-frame--");
	buf_puts(&cls, frame_kind(f->role));
	p->group_begin(p->ctx, id.data, cls.data);
	switch (f->role) {
	case ROLE_BLOCK: paint_block(f, p); break;
	case ROLE_GROUP:
		p->rect(p->ctx, f->box, 4, ROLE_GROUP);
		paint_text(&f->title, p, ROLE_GROUP_TITLE);
		break;
	case ROLE_NOTE:
		p->rect(p->ctx, f->box, 0, ROLE_NOTE);
		paint_text(&f->title, p, ROLE_NOTE_TEXT);
		break;
	default:        /* a band, an activation: a plain rectangle */
		p->rect(p->ctx, f->box, 0, f->role);
		paint_text(&f->title, p, ROLE_GROUP_TITLE);
		break;
	}
	p->group_end(p->ctx);
	buf_free(&cls);
	buf_free(&id);
}

static void paint_frames(const struct layout *lay, const struct painter *p, const char *prefix, bool under)
{
	for (size_t i = 0; i < lay->nframes; i++)
		if (frame_is_under(&lay->frames[i]) == under)
			paint_frame(&lay->frames[i], i, p, prefix);
}

/* ---- paths ------------------------------------------------------------ */

static void add_op(struct paint_path *path, enum paint_op op)
{
	path->ops = xgrow(path->ops, &path->cap_ops, path->nops + 1, sizeof *path->ops);
	path->ops[path->nops++] = op;
}

static void add_point(struct paint_path *path, double x, double y)
{
	path->pts = xgrow(path->pts, &path->cap_pts, 2 * (path->npts + 1), sizeof *path->pts);
	path->pts[2 * path->npts] = x;
	path->pts[2 * path->npts + 1] = y;
	path->npts++;
}

void paint_path_move(struct paint_path *path, double x, double y)
{
	add_op(path, PAINT_MOVE);
	add_point(path, x, y);
}

void paint_path_line(struct paint_path *path, double x, double y)
{
	add_op(path, PAINT_LINE);
	add_point(path, x, y);
}

void paint_path_curve(struct paint_path *path, double x1, double y1, double x2, double y2, double x, double y)
{
	add_op(path, PAINT_CURVE);
	add_point(path, x1, y1);
	add_point(path, x2, y2);
	add_point(path, x, y);
}

void paint_path_close(struct paint_path *path)
{
	add_op(path, PAINT_CLOSE);
}

void paint_path_free(struct paint_path *path)
{
	free(path->ops);
	free(path->pts);
	*path = (struct paint_path){0};
}

void paint_head_points(double x, double y, double dx, double dy, double pts[6])
{
	double len = sqrt(dx * dx + dy * dy);
	double ux = len > 0 ? dx / len : 1, uy = len > 0 ? dy / len : 0;
	const double length = HEAD_LENGTH, half = HEAD_LENGTH / 2;
	pts[0] = x;
	pts[1] = y;
	pts[2] = x - ux * length - uy * half;
	pts[3] = y - uy * length + ux * half;
	pts[4] = x - ux * length + uy * half;
	pts[5] = y - uy * length - ux * half;
}

/* ---- arrows ------------------------------------------------------------ */

/* The half size of a crossed head: an "x" of 2 CROSS_HALF a side, its
 * arms reaching the arrow's end. */
#define CROSS_HALF (HEAD_LENGTH / 2)

/* One cubic Bézier segment of a curved arrow. */
struct cubic {
	struct lay_point p[4];
};

static struct lay_point lerp(struct lay_point a, struct lay_point b, double t)
{
	return (struct lay_point){a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t};
}

/* The part of c from its start to parameter t (de Casteljau). */
static struct cubic cubic_until(struct cubic c, double t)
{
	struct lay_point ab = lerp(c.p[0], c.p[1], t), bc = lerp(c.p[1], c.p[2], t), cd = lerp(c.p[2], c.p[3], t);
	struct lay_point abc = lerp(ab, bc, t), bcd = lerp(bc, cd, t);
	return (struct cubic){{c.p[0], ab, abc, lerp(abc, bcd, t)}};
}

static struct cubic cubic_reversed(struct cubic c)
{
	return (struct cubic){{c.p[3], c.p[2], c.p[1], c.p[0]}};
}

/* c less its end, up to where it comes within back of its end point (by
 * bisection: on an arrow's gentle curves the distance to the end falls
 * as t grows).  All of c within back: only its start point is left. */
static struct cubic cubic_cut_end(struct cubic c, double back)
{
	if (back <= 0)
		return c;
	double lo = 0, hi = 1;
	for (int i = 0; i < 40; i++) {
		double mid = (lo + hi) / 2;
		struct lay_point at = cubic_until(c, mid).p[3];
		if (hypot(at.x - c.p[3].x, at.y - c.p[3].y) > back)
			lo = mid;
		else
			hi = mid;
	}
	return cubic_until(c, lo);
}

static struct cubic cubic_cut_start(struct cubic c, double back)
{
	return cubic_reversed(cubic_cut_end(cubic_reversed(c), back));
}

/* The direction c arrives at its end in: the tangent there, from the last
 * control point apart from the end. */
static void cubic_end_direction(struct cubic c, double *dx, double *dy)
{
	for (int k = 2; k >= 0; k--) {
		*dx = c.p[3].x - c.p[k].x;
		*dy = c.p[3].y - c.p[k].y;
		if (fabs(*dx) + fabs(*dy) > 1e-9)
			return;
	}
}

static bool is_curved(const struct lay_edge *e)
{
	return e->pts != NULL && e->npts >= 4;
}

static struct cubic segment(const struct lay_edge *e, size_t i)
{
	const struct lay_point *q = e->pts + 3 * i;
	return (struct cubic){{q[0], q[1], q[2], q[3]}};
}

static void unit(double dx, double dy, double *ux, double *uy)
{
	double len = sqrt(dx * dx + dy * dy);
	*ux = len > 0 ? dx / len : 1;
	*uy = len > 0 ? dy / len : 0;
}

/* How far back from its end an open head's tip is drawn: the two strokes
 * meet in a mitre that reaches width / 2 / sin(half the head's angle)
 * beyond their centre lines' meeting point, and that point must be the
 * arrow's end. */
static double open_tip_back(enum lay_role role)
{
	double width = paint_style(NULL, role, false)->width;
	return width / 2 * hypot(HEAD_LENGTH, HEAD_LENGTH / 2) / (HEAD_LENGTH / 2);
}

/* How far short of a head at its end an arrow's line stops, so a thick
 * stroke cannot show around the tip. */
static double head_back(enum lay_head head, enum lay_role role)
{
	switch (head) {
	case LAY_HEAD_FILLED: return HEAD_LENGTH * 0.6;
	case LAY_HEAD_OPEN: return open_tip_back(role);
	case LAY_HEAD_CROSS: return CROSS_HALF;
	default: return 0;
	}
}

/* ">" at x, y pointing along (dx, dy): two strokes, never dashed. */
static void open_head(double x, double y, double dx, double dy, enum lay_role role, const struct painter *p)
{
	double ux, uy, pts[6];
	unit(dx, dy, &ux, &uy);
	double back = open_tip_back(role);
	paint_head_points(x - ux * back, y - uy * back, dx, dy, pts);
	struct paint_path head = {.solid = true};
	paint_path_move(&head, pts[2], pts[3]);
	paint_path_line(&head, pts[0], pts[1]);
	paint_path_line(&head, pts[4], pts[5]);
	paint_and_free(&head, p, role);
}

/* "x" just before x, y on an arrow along (dx, dy): its arms reach x, y. */
static void cross_head(double x, double y, double dx, double dy, enum lay_role role, const struct painter *p)
{
	double ux, uy;
	unit(dx, dy, &ux, &uy);
	double cx = x - ux * CROSS_HALF, cy = y - uy * CROSS_HALF;
	/* The arms run along u + n and u - n, n being u turned a quarter. */
	double ax = (ux - uy) * CROSS_HALF, ay = (uy + ux) * CROSS_HALF;
	double bx = (ux + uy) * CROSS_HALF, by = (uy - ux) * CROSS_HALF;
	struct paint_path cross = {.solid = true};
	paint_path_move(&cross, cx - ax, cy - ay);
	paint_path_line(&cross, cx + ax, cy + ay);
	paint_path_move(&cross, cx - bx, cy - by);
	paint_path_line(&cross, cx + bx, cy + by);
	paint_and_free(&cross, p, role);
}

static void paint_head(enum lay_head head, double x, double y, double dx, double dy, enum lay_role role,
                       const struct painter *p)
{
	switch (head) {
	case LAY_HEAD_FILLED: p->arrow_head(p->ctx, x, y, dx, dy, role); break;
	case LAY_HEAD_OPEN: open_head(x, y, dx, dy, role, p); break;
	case LAY_HEAD_CROSS: cross_head(x, y, dx, dy, role, p); break;
	default: break;
	}
}

/* A straight arrow: the resources' arrows are drawn by this exactly as
 * they always were. */
static void paint_straight(const struct lay_edge *e, const struct painter *p)
{
	double dx = e->x2 - e->x1, dy = e->y2 - e->y1;
	double len = sqrt(dx * dx + dy * dy);
	double ux = len > 0 ? dx / len : 0, uy = len > 0 ? dy / len : 0;
	double back = head_back(e->head, e->role);
	double start = e->both_ends ? back : 0;
	p->line(p->ctx, e->x1 + ux * start, e->y1 + uy * start, e->x2 - ux * back, e->y2 - uy * back, e->role);
	paint_head(e->head, e->x2, e->y2, dx, dy, e->role, p);
	if (e->both_ends)
		paint_head(e->head, e->x1, e->y1, -dx, -dy, e->role, p);
}

/* A curved arrow: its Bézier segments, the first and last cut short for
 * their heads, and each head along the curve's tangent at its end. */
static void paint_curved(const struct lay_edge *e, const struct painter *p)
{
	size_t k = (e->npts - 1) / 3;
	double back = head_back(e->head, e->role);
	struct paint_path line = {0};
	for (size_t i = 0; i < k; i++) {
		struct cubic c = segment(e, i);
		if (i == k - 1)
			c = cubic_cut_end(c, back);
		if (i == 0 && e->both_ends)
			c = cubic_cut_start(c, back);
		if (i == 0)
			paint_path_move(&line, c.p[0].x, c.p[0].y);
		paint_path_curve(&line, c.p[1].x, c.p[1].y, c.p[2].x, c.p[2].y, c.p[3].x, c.p[3].y);
	}
	paint_and_free(&line, p, e->role);
	double dx, dy;
	struct cubic last = segment(e, k - 1), first = cubic_reversed(segment(e, 0));
	cubic_end_direction(last, &dx, &dy);
	paint_head(e->head, last.p[3].x, last.p[3].y, dx, dy, e->role, p);
	if (e->both_ends) {
		cubic_end_direction(first, &dx, &dy);
		paint_head(e->head, first.p[3].x, first.p[3].y, dx, dy, e->role, p);
	}
}

/* An autonumber: a disc round the number's box, the number on it. */
static void paint_badge(const struct lay_text *number, const struct painter *p)
{
	struct lay_rect b = number->box;
	double r = hypot(b.w, b.h) / 2;
	struct lay_rect square = {b.x + b.w / 2 - r, b.y + b.h / 2 - r, 2 * r, 2 * r};
	struct paint_path disc = {0}, none = {0};
	paint_shape_path(LAY_SHAPE_CIRCLE, square, &disc, &none);
	paint_and_free(&disc, p, ROLE_BADGE);
	paint_path_free(&none);
	paint_text(number, p, ROLE_BADGE_TEXT);
}

/* The plate behind the label: the resources' straight arrows always had
 * one (a hub's spoke without a label too); other arrows only when there
 * is text to put on it. */
static void paint_labels(const struct lay_edge *e, const struct painter *p)
{
	if (e->label.n || e->tag.n || (!is_curved(e) && e->plate.w > 0))
		p->rect(p->ctx, e->plate, 4, ROLE_LABEL_BACK);
	paint_text(&e->label, p, ROLE_LABEL);
	paint_text(&e->tag, p, ROLE_TAG);
	if (e->number.n)
		paint_badge(&e->number, p);
}

static void paint_edge(const struct lay_edge *e, size_t index, const struct layout *lay, const struct painter *p,
                       const char *prefix)
{
	struct buf id = BUF_INIT, cls = BUF_INIT;
	buf_puts(&id, prefix);
	buf_puts(&id, "flow-");
	buf_put_long(&id, (long)index + 1);
	buf_puts(&cls, "dg-flow dg-flow--");
	put_name(&cls, lay->nodes[e->from].id);
	buf_putc(&cls, '-');
	put_name(&cls, lay->nodes[e->to].id);
	p->group_begin(p->ctx, id.data, cls.data);
	if (is_curved(e))
		paint_curved(e, p);
	else
		paint_straight(e, p);
	paint_labels(e, p);
	p->group_end(p->ctx);
	buf_free(&cls);
	buf_free(&id);
}

static bool role_is_content(enum lay_role role)
{
	return role > ROLE_LABEL_BACK;
}

bool paint_has_content_parts(const struct layout *lay)
{
	if (lay->nframes > 0)
		return true;
	for (size_t i = 0; i < lay->nnodes; i++)
		if (lay->nodes[i].shape != LAY_SHAPE_BOX || role_is_content(lay->nodes[i].role))
			return true;
	for (size_t i = 0; i < lay->nedges; i++) {
		const struct lay_edge *e = &lay->edges[i];
		if (e->pts || e->head != LAY_HEAD_FILLED || e->number.n || role_is_content(e->role))
			return true;
	}
	return false;
}

void paint_layout(const struct layout *lay, const struct painter *p, const char *id_prefix)
{
	paint_frames(lay, p, id_prefix, true);
	for (size_t i = 0; i < lay->nlanes; i++) {
		const struct lay_rect *box = &lay->lanes[i];
		p->line(p->ctx, box->x, box->y, box->x, box->y + box->h, ROLE_LANE);
	}
	paint_frames(lay, p, id_prefix, false);
	for (size_t i = 0; i < lay->nnodes; i++)
		paint_node(&lay->nodes[i], p, id_prefix);
	for (size_t i = 0; i < lay->nedges; i++)
		paint_edge(&lay->edges[i], i, lay, p, id_prefix);
}

static void css_color(struct buf *b, const char *prop, const double *rgb)
{
	if (rgb[0] < 0)
		return;
	buf_printf(b, "%s:#%02x%02x%02x;", prop, (int)(rgb[0] * 255 + 0.5), (int)(rgb[1] * 255 + 0.5),
	           (int)(rgb[2] * 255 + 0.5));
}

/* The dark rules of the roles up to last: one rule a class (a kind's line
 * styles share theirs). */
static char *dark_css(const struct paint_palette *pal, enum lay_role last, bool lines)
{
	const struct paint_style(*styles)[2] = (pal ? pal : &theme_palette)->styles;
	struct buf b = BUF_INIT;
	buf_puts(&b, "@media (prefers-color-scheme: dark) {\n");
	for (int r = 0; r <= (int)last; r++) {
		const struct paint_style *s = &styles[r][1];
		if (r > 0 && strcmp(s->css_class, styles[r - 1][1].css_class) == 0)
			continue;
		buf_printf(&b, "  .diagram .%s { ", s->css_class);
		css_color(&b, "fill", s->fill);
		css_color(&b, "stroke", s->stroke);
		buf_puts(&b, " }\n");
	}
	buf_puts(&b, "}\n");
	/* After the dark rules and as specific, so it beats them: a line's
	 * role may have a fill (an arrow's, for its head), and a rule beats
	 * the path's fill="none". */
	if (lines)
		buf_puts(&b, ".diagram .dg-line { fill: none; }\n");
	return buf_detach(&b);
}

char *paint_dark_css(const struct paint_palette *pal)
{
	return dark_css(pal, ROLE_LABEL_BACK, false);
}

char *paint_dark_css_all(const struct paint_palette *pal)
{
	return dark_css(pal, ROLE_COUNT - 1, true);
}
