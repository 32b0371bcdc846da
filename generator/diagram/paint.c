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
	[ROLE_GROUP] = {{HEX(0xeef3f9), HEX(0x9aa6b5), 1, 0, "dg-group"}, {HEX(0x1a2636), HEX(0x5c6c80), 1, 0, "dg-group"}},
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
 * the boxes' outlines, the centre box and the arrows of no kind. */
static void set_primary(struct paint_palette *pal, int scheme, uint32_t rgb)
{
	set_rgb(pal->styles[ROLE_NODE][scheme].stroke, rgb);
	set_rgb(pal->styles[ROLE_HUB][scheme].fill, rgb);
	set_rgb(pal->styles[ROLE_HUB][scheme].stroke, rgb);
	set_rgb(pal->styles[ROLE_EDGE_PLAIN][scheme].stroke, rgb);
	set_rgb(pal->styles[ROLE_EDGE_PLAIN][scheme].fill, rgb);
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

/* Text on the centre box is light on dark: the centre is filled. */
static enum lay_role text_role(const struct lay_node *node, enum lay_role role)
{
	return node->role == ROLE_HUB ? ROLE_HUB_TEXT : role;
}

static void paint_text(const struct lay_text *t, const struct painter *p, enum lay_role role)
{
	for (size_t i = 0; i < t->n; i++)
		p->text(p->ctx, t->lines[i].x, t->lines[i].y, t->lines[i].text, t->face, t->size, role);
}

static void paint_node(const struct lay_node *node, const struct painter *p, const char *prefix)
{
	struct buf id = BUF_INIT;
	buf_puts(&id, prefix);
	buf_puts(&id, "node-");
	buf_puts(&id, node->id);
	p->group_begin(p->ctx, id.data, node->role == ROLE_HUB ? "dg-system dg-system--hub" : "dg-system");
	p->rect(p->ctx, node->box, 8, node->role);
	paint_text(&node->name, p, text_role(node, ROLE_NODE_NAME));
	paint_text(&node->detail, p, text_role(node, ROLE_NODE_DETAIL));
	p->group_end(p->ctx);
	buf_free(&id);
}

static void paint_edge(const struct lay_edge *e, size_t index, const struct layout *lay, const struct painter *p,
                       const char *prefix)
{
	struct buf id = BUF_INIT;
	buf_puts(&id, prefix);
	buf_puts(&id, "flow-");
	buf_put_long(&id, (long)index + 1);
	struct buf cls = BUF_INIT;
	buf_puts(&cls, "dg-flow dg-flow--");
	buf_puts(&cls, lay->nodes[e->from].id);
	buf_putc(&cls, '-');
	buf_puts(&cls, lay->nodes[e->to].id);
	p->group_begin(p->ctx, id.data, cls.data);
	double dx = e->x2 - e->x1, dy = e->y2 - e->y1;
	double len = sqrt(dx * dx + dy * dy);
	double ux = len > 0 ? dx / len : 0, uy = len > 0 ? dy / len : 0;
	/* The line stops inside each head so a thick stroke cannot show
	 * around the tip. */
	double back = HEAD_LENGTH * 0.6;
	double start = e->both_ends ? back : 0;
	p->line(p->ctx, e->x1 + ux * start, e->y1 + uy * start, e->x2 - ux * back, e->y2 - uy * back, e->role);
	p->arrow_head(p->ctx, e->x2, e->y2, dx, dy, e->role);
	if (e->both_ends)
		p->arrow_head(p->ctx, e->x1, e->y1, -dx, -dy, e->role);
	p->rect(p->ctx, e->plate, 4, ROLE_LABEL_BACK);
	paint_text(&e->label, p, ROLE_LABEL);
	paint_text(&e->tag, p, ROLE_TAG);
	p->group_end(p->ctx);
	buf_free(&cls);
	buf_free(&id);
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

void paint_layout(const struct layout *lay, const struct painter *p, const char *id_prefix)
{
	for (size_t i = 0; i < lay->nlanes; i++) {
		const struct lay_rect *box = &lay->lanes[i];
		p->line(p->ctx, box->x, box->y, box->x, box->y + box->h, ROLE_LANE);
	}
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

char *paint_dark_css(const struct paint_palette *pal)
{
	const struct paint_style(*styles)[2] = (pal ? pal : &theme_palette)->styles;
	struct buf b = BUF_INIT;
	buf_puts(&b, "@media (prefers-color-scheme: dark) {\n");
	for (int r = 0; r <= ROLE_LABEL_BACK; r++) {
		const struct paint_style *s = &styles[r][1];
		/* A kind's line styles share its class and colours: one rule. */
		if (r > 0 && strcmp(s->css_class, styles[r - 1][1].css_class) == 0)
			continue;
		buf_printf(&b, "  .diagram .%s { ", s->css_class);
		css_color(&b, "fill", s->fill);
		css_color(&b, "stroke", s->stroke);
		buf_puts(&b, " }\n");
	}
	buf_puts(&b, "}\n");
	return buf_detach(&b);
}
