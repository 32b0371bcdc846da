/*
 * Unit tests of the painters on the parts of diagrams written in the
 * content: a layout built by hand holds every node shape, every head
 * kind on straight and curved arrows, frames of every role (a block with
 * its tab and dividers), a lane and an autonumber.  Checked:
 *   - the walker paints in layers (groups, bands, blocks; lanes; notes
 *     and activations; nodes; arrows), every text once, curved arrows cut
 *     short inside their heads, which follow the curve's tangent;
 *   - the SVG is well-formed XML with a path per outline, the classes
 *     expected, lines unfilled, names made safe and text escaped;
 *   - the PDF holds every text (pdftotext, when installed);
 *   - the PNG is the same bytes twice, with the colours where the layers
 *     put them;
 *   - the new roles' colours are readable in both schemes.
 * Set FOLIO_PAINT_OUT=DIR to keep paint.svg, paint.png and paint.pdf
 * there, to look at.
 */
#define HARNESS_NAME "paint"
#include "harness.h"
#include "harness_png.h"

#include <math.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cairo.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/font.h"
#include "base/svgdraw.h"
#include "base/xalloc.h"
#include "diagram/layout.h"
#include "diagram/paint.h"
#include "diagram/paint_cairo.h"
#include "diagram/paint_svg.h"
#include "output/reuse.h"
#include "pdf/pdf.h"

#define EPS 0.01

static struct fontset *fs;

/* ---- the sample layout --------------------------------------------------- */

/* One line of text at size in face, its baseline starting at x, y. */
static struct lay_text text_at(const char *s, double x, double y, double size, enum font_face face)
{
	struct lay_text t = {.face = face, .size = size, .n = 1};
	t.lines = xcalloc(1, sizeof *t.lines);
	t.lines[0] = (struct lay_line){xstrdup(s), x, y, font_width(fs, face, s, size)};
	t.box = (struct lay_rect){x, y - size, t.lines[0].width, size * 1.3};
	return t;
}

/* Text centred in box, one line. */
static struct lay_text text_in(const char *s, struct lay_rect box, double size)
{
	double w = font_width(fs, FONT_REGULAR, s, size);
	return text_at(s, box.x + (box.w - w) / 2, box.y + box.h / 2 + size * 0.35, size, FONT_REGULAR);
}

/* The node names; the diamond's id needs encoding in an id. */
static const char *const shape_ids[LAY_SHAPES] = {"box", "rect", "rounded", "stadium", "cyl",
                                                  "circle", "a b/é_x", "sub", "actor"};
static const char *const shape_labels[LAY_SHAPES] = {"Box", "Rect", "Rounded", "Stadium", "Database",
                                                     "Circle", "<Is & ok?>", "Sub", "Actor"};
static const struct lay_rect shape_boxes[LAY_SHAPES] = {
	{40, 60, 120, 50},  {200, 60, 120, 50},  {40, 140, 120, 50}, {200, 140, 120, 50}, {40, 285, 120, 75},
	{200, 290, 70, 70}, {40, 400, 120, 80},  {200, 410, 120, 50}, {560, 520, 80, 70},
};

static void add_nodes(struct layout *lay)
{
	lay->nnodes = LAY_SHAPES;
	lay->nodes = xcalloc(LAY_SHAPES, sizeof *lay->nodes);
	for (int i = 0; i < LAY_SHAPES; i++) {
		struct lay_node *n = &lay->nodes[i];
		n->id = xstrdup(shape_ids[i]);
		n->role = ROLE_NODE;
		n->shape = (enum lay_shape)i;
		n->box = shape_boxes[i];
		struct lay_rect text_box = n->box;
		if (n->shape == LAY_SHAPE_ACTOR) {      /* the name under the figure */
			text_box.y += PAINT_ACTOR_HEIGHT;
			text_box.h -= PAINT_ACTOR_HEIGHT;
		}
		n->name = text_in(shape_labels[i], text_box, 13);
	}
}

static struct lay_point *points(const double *xy, size_t n)
{
	struct lay_point *p = xcalloc(n, sizeof *p);
	for (size_t i = 0; i < n; i++)
		p[i] = (struct lay_point){xy[2 * i], xy[2 * i + 1]};
	return p;
}

/* A straight arrow from node a to b. */
static void straight(struct lay_edge *e, size_t a, size_t b, double x1, double y1, double x2, double y2,
                     enum lay_head head, enum lay_role role)
{
	*e = (struct lay_edge){.from = a, .to = b, .role = role, .head = head, .x1 = x1, .y1 = y1, .x2 = x2, .y2 = y2};
}

static void curved(struct lay_edge *e, size_t a, size_t b, const double *xy, size_t n, enum lay_head head,
                   enum lay_role role)
{
	*e = (struct lay_edge){.from = a, .to = b, .role = role, .head = head, .pts = points(xy, n), .npts = n};
	e->x1 = xy[0];
	e->y1 = xy[1];
	e->x2 = xy[2 * n - 2];
	e->y2 = xy[2 * n - 1];
}

/* A label on a plate, its text's middle at cx, cy. */
static void label(struct lay_edge *e, const char *s, double cx, double cy)
{
	double w = font_width(fs, FONT_REGULAR, s, 12);
	e->label = text_at(s, cx - w / 2, cy + 4, 12, FONT_REGULAR);
	e->plate = (struct lay_rect){cx - w / 2 - 5, cy - 10, w + 10, 20};
}

/* The curved arrows' points, for the geometry checks. */
static const double curve_filled[] = {100, 360, 70, 375, 130, 385, 100, 400};
static const double curve_open[] = {235, 360, 300, 370, 300, 395, 260, 410};
static const double curve_cross[] = {160, 440, 300, 500, 380, 560, 460, 560, 500, 560, 530, 555, 560, 550};
static const double curve_none[] = {320, 435, 380, 435, 400, 300, 330, 180};
#define NPTS(a) (sizeof(a) / sizeof(a)[0] / 2)

enum { E_FILLED, E_NONE, E_OPEN, E_CROSS, E_CURVE_FILLED, E_CURVE_OPEN, E_CURVE_CROSS, E_CURVE_NONE, E_NUMBERED,
       NEDGES };

static void add_edges(struct layout *lay)
{
	lay->nedges = NEDGES;
	struct lay_edge *e = lay->edges = xcalloc(NEDGES, sizeof *lay->edges);
	straight(&e[E_FILLED], 0, 1, 160, 85, 200, 85, LAY_HEAD_FILLED, ROLE_EDGE_PLAIN);
	straight(&e[E_NONE], 1, 3, 260, 110, 260, 140, LAY_HEAD_NONE, lay_edge_role(2, LAY_STROKE_SOLID));
	straight(&e[E_OPEN], 2, 3, 160, 165, 200, 165, LAY_HEAD_OPEN, ROLE_EDGE_DOTTED);
	straight(&e[E_CROSS], 3, 5, 250, 190, 235, 290, LAY_HEAD_CROSS, ROLE_EDGE_HEAVY);
	curved(&e[E_CURVE_FILLED], 4, 6, curve_filled, NPTS(curve_filled), LAY_HEAD_FILLED, ROLE_EDGE_PLAIN);
	curved(&e[E_CURVE_OPEN], 5, 7, curve_open, NPTS(curve_open), LAY_HEAD_OPEN, ROLE_EDGE_HEAVY);
	e[E_CURVE_OPEN].both_ends = true;
	curved(&e[E_CURVE_CROSS], 6, 8, curve_cross, NPTS(curve_cross), LAY_HEAD_CROSS,
	       lay_edge_role(1, LAY_STROKE_DASHED));
	label(&e[E_CURVE_CROSS], "fails & retries", 380, 530);
	curved(&e[E_CURVE_NONE], 7, 1, curve_none, NPTS(curve_none), LAY_HEAD_NONE, ROLE_EDGE_DOTTED);
	straight(&e[E_NUMBERED], 8, 8, 600, 115, 390, 115, LAY_HEAD_FILLED, ROLE_EDGE_PLAIN);
	label(&e[E_NUMBERED], "hello <there>", 495, 95);
	/* The number's box as layout_wrap and place_text make it: the lines'
	 * extent, one line height tall. */
	double w = font_width(fs, FONT_BOLD, "12", 10);
	e[E_NUMBERED].number = text_at("12", 620 - w / 2, 118.5, 10, FONT_BOLD);
	e[E_NUMBERED].number.box = (struct lay_rect){620 - w / 2, 115 - 6.5, w, 13};
}

static struct lay_divider divider(double x1, double x2, double y, const char *s)
{
	return (struct lay_divider){x1, x2, y, text_at(s, x1 + 8, y + 16, 12, FONT_REGULAR)};
}

enum { F_GROUP, F_BAND, F_BLOCK, F_NOTE, F_ACTIVATION, NFRAMES };

static void add_frames(struct layout *lay)
{
	lay->nframes = NFRAMES;
	struct lay_frame *f = lay->frames = xcalloc(NFRAMES, sizeof *lay->frames);
	f[F_GROUP] = (struct lay_frame){.role = ROLE_GROUP, .box = {20, 20, 330, 480}};
	f[F_GROUP].title = text_at("Back office & <ops>", 30, 40, 13, FONT_BOLD);
	f[F_BAND] = (struct lay_frame){.role = ROLE_BAND, .box = {380, 20, 360, 120}};
	f[F_BLOCK] = (struct lay_frame){.role = ROLE_BLOCK, .box = {380, 160, 360, 200}, .tab = {380, 160, 56, 24}};
	f[F_BLOCK].title = text_at("alt", 390, 177, 12, FONT_BOLD);
	f[F_BLOCK].detail = text_at("[stock > 0]", 446, 177, 12, FONT_MONO);
	f[F_BLOCK].ndividers = 2;
	f[F_BLOCK].dividers = xcalloc(2, sizeof *f[F_BLOCK].dividers);
	f[F_BLOCK].dividers[0] = divider(380, 740, 230, "[else]");
	f[F_BLOCK].dividers[1] = divider(380, 740, 295, "[and \"then\"]");
	f[F_NOTE] = (struct lay_frame){.role = ROLE_NOTE, .box = {560, 390, 170, 40}};
	f[F_NOTE].title = text_at("Note: x < y", 570, 415, 12, FONT_REGULAR);
	f[F_ACTIVATION] = (struct lay_frame){.role = ROLE_ACTIVATION, .box = {595, 60, 10, 100}};
}

/* The layout every test paints; layout_free() frees it. */
static struct layout *sample(void)
{
	struct layout *lay = xcalloc(1, sizeof *lay);
	lay->width = 760;
	lay->height = 620;
	add_nodes(lay);
	add_edges(lay);
	add_frames(lay);
	lay->nlanes = 1;
	lay->lanes = xcalloc(1, sizeof *lay->lanes);
	lay->lanes[0] = (struct lay_rect){600, 40, 0, 480};
	return lay;
}

/* Every text of the sample, as drawn. */
static const char *const all_texts[] = {
	"Box", "Rect", "Rounded", "Stadium", "Database", "Circle", "<Is & ok?>", "Sub", "Actor", "fails & retries",
	"hello <there>", "12", "Back office & <ops>", "alt", "[stock > 0]", "[else]", "[and \"then\"]", "Note: x < y",
};
#define NTEXTS (sizeof all_texts / sizeof all_texts[0])

/* ---- a painter that writes down its calls ------------------------------- */

enum call_kind { CALL_GROUP, CALL_RECT, CALL_LINE, CALL_HEAD, CALL_TEXT, CALL_PATH };

struct call {
	enum call_kind kind;
	enum lay_role role;
	char *text;                     /* group id, text */
	double v[4];                    /* rect x y w h, line ends, head x y dx dy */
	struct paint_path path;         /* a copy */
};

struct record {
	struct call *calls;
	size_t n, cap;
};

static struct call *add_call(void *ctx, enum call_kind kind, enum lay_role role)
{
	struct record *r = ctx;
	r->calls = xgrow(r->calls, &r->cap, r->n + 1, sizeof *r->calls);
	struct call *c = &r->calls[r->n++];
	*c = (struct call){.kind = kind, .role = role};
	return c;
}

static void rec_group_begin(void *ctx, const char *id, const char *cls)
{
	(void)cls;
	add_call(ctx, CALL_GROUP, ROLE_COUNT)->text = xstrdup(id);
}

static void rec_group_end(void *ctx)
{
	(void)ctx;
}

static void rec_rect(void *ctx, struct lay_rect box, double radius, enum lay_role role)
{
	(void)radius;
	struct call *c = add_call(ctx, CALL_RECT, role);
	memcpy(c->v, (double[4]){box.x, box.y, box.w, box.h}, sizeof c->v);
}

static void rec_line(void *ctx, double x1, double y1, double x2, double y2, enum lay_role role)
{
	struct call *c = add_call(ctx, CALL_LINE, role);
	memcpy(c->v, (double[4]){x1, y1, x2, y2}, sizeof c->v);
}

static void rec_head(void *ctx, double x, double y, double dx, double dy, enum lay_role role)
{
	struct call *c = add_call(ctx, CALL_HEAD, role);
	memcpy(c->v, (double[4]){x, y, dx, dy}, sizeof c->v);
}

static void rec_text(void *ctx, double x, double y, double width, const char *text, enum font_face face,
                     double size, enum lay_role role)
{
	(void)width;
	(void)face;
	(void)size;
	struct call *c = add_call(ctx, CALL_TEXT, role);
	c->text = xstrdup(text);
	c->v[0] = x;
	c->v[1] = y;
}

static void rec_path(void *ctx, const struct paint_path *path, enum lay_role role)
{
	struct call *c = add_call(ctx, CALL_PATH, role);
	struct paint_path *copy = &c->path;
	size_t pt = 0;
	for (size_t i = 0; i < path->nops; i++) {
		switch (path->ops[i]) {
		case PAINT_MOVE: paint_path_move(copy, path->pts[2 * pt], path->pts[2 * pt + 1]); pt++; break;
		case PAINT_LINE: paint_path_line(copy, path->pts[2 * pt], path->pts[2 * pt + 1]); pt++; break;
		case PAINT_CURVE:
			paint_path_curve(copy, path->pts[2 * pt], path->pts[2 * pt + 1], path->pts[2 * pt + 2],
			                 path->pts[2 * pt + 3], path->pts[2 * pt + 4], path->pts[2 * pt + 5]);
			pt += 3;
			break;
		case PAINT_CLOSE: paint_path_close(copy); break;
		}
	}
	copy->fill = path->fill;
	copy->solid = path->solid;
}

static void record_free(struct record *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->calls[i].text);
		paint_path_free(&r->calls[i].path);
	}
	free(r->calls);
}

static void record(const struct layout *lay, struct record *r)
{
	struct painter p = {r, rec_group_begin, rec_group_end, rec_rect, rec_line, rec_head, rec_text, rec_path};
	paint_layout(lay, &p, "p-");
}

/* The index of the first call of kind in role (ROLE_COUNT: any), or
 * (size_t)-1. */
static size_t first_call(const struct record *r, enum call_kind kind, enum lay_role role)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->calls[i].kind == kind && (role == ROLE_COUNT || r->calls[i].role == role))
			return i;
	return (size_t)-1;
}

static size_t last_call(const struct record *r, enum call_kind kind, enum lay_role role)
{
	for (size_t i = r->n; i-- > 0;)
		if (r->calls[i].kind == kind && (role == ROLE_COUNT || r->calls[i].role == role))
			return i;
	return (size_t)-1;
}

/* Whether the group with id holds n calls; *from is its first. */
static bool group_of(const struct record *r, const char *id, size_t n, size_t *from)
{
	for (size_t i = 0; i < r->n; i++) {
		if (r->calls[i].kind != CALL_GROUP || strcmp(r->calls[i].text, id) != 0)
			continue;
		size_t k = i + 1;
		while (k < r->n && r->calls[k].kind != CALL_GROUP)
			k++;
		*from = i + 1;
		if (k - *from != n)
			printf("# %s holds %zu calls, not %zu\n", id, k - *from, n);
		return k - *from == n;
	}
	printf("# no group %s\n", id);
	return false;
}

/* ---- the walker ------------------------------------------------------------ */

/* Groups, bands, blocks, then the lane, then notes and activations, then
 * the nodes, then the arrows. */
static void test_layers(void)
{
	struct layout *lay = sample();
	struct record r = {0};
	record(lay, &r);
	size_t lane = first_call(&r, CALL_LINE, ROLE_LANE);
	CHECK(lane != (size_t)-1);
	CHECK(first_call(&r, CALL_RECT, ROLE_GROUP) < lane);
	CHECK(first_call(&r, CALL_RECT, ROLE_BAND) < lane);
	CHECK(first_call(&r, CALL_RECT, ROLE_BLOCK) < lane);
	CHECK(last_call(&r, CALL_LINE, ROLE_DIVIDER) < lane);
	CHECK(first_call(&r, CALL_RECT, ROLE_NOTE) > lane);
	CHECK(first_call(&r, CALL_RECT, ROLE_ACTIVATION) > lane);
	size_t nodes = first_call(&r, CALL_RECT, ROLE_NODE);     /* the box, node 0 */
	CHECK(nodes > first_call(&r, CALL_RECT, ROLE_NOTE) && nodes > first_call(&r, CALL_RECT, ROLE_ACTIVATION));
	CHECK(last_call(&r, CALL_PATH, ROLE_NODE) < first_call(&r, CALL_HEAD, ROLE_COUNT));
	CHECK(r.calls[0].kind == CALL_GROUP && strcmp(r.calls[0].text, "p-frame-1") == 0);
	/* Every text once, in its role. */
	for (size_t i = 0; i < NTEXTS; i++) {
		size_t seen = 0;
		for (size_t k = 0; k < r.n; k++)
			seen += r.calls[k].kind == CALL_TEXT && strcmp(r.calls[k].text, all_texts[i]) == 0;
		if (seen != 1)
			printf("# %s drawn %zu times\n", all_texts[i], seen);
		CHECK(seen == 1);
	}
	CHECK_INT(r.calls[first_call(&r, CALL_TEXT, ROLE_BADGE_TEXT)].text[0], '1');
	CHECK(first_call(&r, CALL_TEXT, ROLE_GROUP_TITLE) != (size_t)-1);
	CHECK(first_call(&r, CALL_TEXT, ROLE_NOTE_TEXT) != (size_t)-1);
	record_free(&r);
	layout_free(lay);
}

/* The end point of a path. */
static void path_end(const struct paint_path *p, double *x, double *y)
{
	*x = p->pts[2 * (p->npts - 1)];
	*y = p->pts[2 * (p->npts - 1) + 1];
}

static bool parallel(double ax, double ay, double bx, double by)
{
	double la = hypot(ax, ay), lb = hypot(bx, by);
	return la > 0 && lb > 0 && fabs(ax * by - ay * bx) / (la * lb) < 1e-6 && ax * bx + ay * by > 0;
}

/* A curved arrow with a filled head: one unfilled path of Bézier curves
 * that stops 0.6 head lengths (5.4 px) short of the tip, as a straight
 * one does, and the head along the tangent at the end. */
static void test_curve_ends_inside_its_head(void)
{
	struct layout *lay = sample();
	struct record r = {0};
	record(lay, &r);
	size_t from = 0;
	bool found = group_of(&r, "p-flow-5", 2, &from);
	CHECK(found);
	const struct call *line = &r.calls[from], *head = &r.calls[from + 1];
	if (found && line->kind == CALL_PATH && line->path.nops == 2) {
		CHECK(!line->path.fill && !line->path.solid);
		CHECK(line->path.ops[0] == PAINT_MOVE && line->path.ops[1] == PAINT_CURVE);
		CHECK(line->path.pts[0] == 100 && line->path.pts[1] == 360);
		double x, y;
		path_end(&line->path, &x, &y);
		CHECK(fabs(hypot(100 - x, 400 - y) - 5.4) < EPS);
		CHECK(head->kind == CALL_HEAD && head->v[0] == 100 && head->v[1] == 400);
		CHECK(parallel(head->v[2], head->v[3], 100 - 130, 400 - 385));
	} else {
		CHECK(!"a curve and a head");
	}
	record_free(&r);
	layout_free(lay);
}

/* An open head is two solid strokes meeting at the arrow's axis, drawn
 * back so the stroke's mitre reaches the end; a two-way curve gets one
 * at each end, each along its own tangent. */
static void test_open_heads(void)
{
	struct layout *lay = sample();
	struct record r = {0};
	record(lay, &r);
	size_t from = 0;
	if (!group_of(&r, "p-flow-6", 3, &from)) {
		CHECK(!"a curve and two heads");
		record_free(&r);
		layout_free(lay);
		return;
	}
	const double width = paint_style(NULL, ROLE_EDGE_HEAVY, false)->width;
	const double back = width / 2 / sin(atan(0.5));        /* the mitre of a 2 * atan(1/2) point */
	const struct {
		double x, y, dx, dy;
	} ends[2] = {{260, 410, 260 - 300, 410 - 395}, {235, 360, 235 - 300, 360 - 370}};
	for (size_t k = 0; k < 2; k++) {
		const struct call *c = &r.calls[from + 1 + k];
		CHECK(c->kind == CALL_PATH && c->role == ROLE_EDGE_HEAVY && c->path.solid && !c->path.fill);
		CHECK(c->path.nops == 3 && c->path.npts == 3);
		if (c->path.npts != 3)
			continue;
		double len = hypot(ends[k].dx, ends[k].dy), ux = ends[k].dx / len, uy = ends[k].dy / len;
		double tx = c->path.pts[2], ty = c->path.pts[3];        /* the middle point: the tip */
		CHECK(fabs(tx - (ends[k].x - ux * back)) < EPS && fabs(ty - (ends[k].y - uy * back)) < EPS);
		/* The strokes are symmetric about the axis. */
		double ax = c->path.pts[0] - tx, ay = c->path.pts[1] - ty, bx = c->path.pts[4] - tx, by = c->path.pts[5] - ty;
		CHECK(fabs((ax * ux + ay * uy) - (bx * ux + by * uy)) < EPS);
		CHECK(fabs((ax * -uy + ay * ux) + (bx * -uy + by * ux)) < EPS);
	}
	/* The line runs between the two tips. */
	const struct paint_path *line = &r.calls[from].path;
	CHECK(line->npts == 4);
	if (line->npts == 4) {
		double x, y;
		path_end(line, &x, &y);
		CHECK(fabs(hypot(260 - x, 410 - y) - back) < 0.05);
		CHECK(fabs(hypot(235 - line->pts[0], 360 - line->pts[1]) - back) < 0.05);
	}
	record_free(&r);
	layout_free(lay);
}

/* A crossed head is an "x" of two strokes whose arms reach the end; the
 * straight line stops at its middle.  No head: the line runs to the
 * end. */
static void test_cross_and_no_head(void)
{
	struct layout *lay = sample();
	struct record r = {0};
	record(lay, &r);
	size_t from = 0;
	if (group_of(&r, "p-flow-4", 2, &from)) {
		const struct call *line = &r.calls[from], *x = &r.calls[from + 1];
		CHECK(line->kind == CALL_LINE && x->kind == CALL_PATH && x->path.solid && !x->path.fill);
		CHECK(x->path.nops == 4 && x->path.npts == 4 && x->path.ops[2] == PAINT_MOVE);
		if (x->path.npts == 4) {
			double mx = (x->path.pts[0] + x->path.pts[2]) / 2, my = (x->path.pts[1] + x->path.pts[3]) / 2;
			CHECK(fabs(mx - line->v[2]) < EPS && fabs(my - line->v[3]) < EPS);
			CHECK(fabs(hypot(235 - mx, 290 - my) - 4.5) < EPS);
		}
	} else {
		CHECK(!"a line and a cross");
	}
	CHECK(group_of(&r, "p-flow-2", 1, &from) && r.calls[from].kind == CALL_LINE && r.calls[from].v[3] == 140);
	if (group_of(&r, "p-flow-8", 1, &from) && r.calls[from].path.npts > 0) {
		double ex, ey;
		path_end(&r.calls[from].path, &ex, &ey);
		CHECK(ex == 330 && ey == 180);
	} else {
		CHECK(!"one unfilled curve");
	}
	record_free(&r);
	layout_free(lay);
}

/* The badge's disc is centred on the number's box and holds it whole. */
static void test_badge(void)
{
	struct layout *lay = sample();
	struct record r = {0};
	record(lay, &r);
	size_t disc = first_call(&r, CALL_PATH, ROLE_BADGE);
	CHECK(disc != (size_t)-1);
	if (disc != (size_t)-1) {
		const struct paint_path *p = &r.calls[disc].path;
		double minx = 1e9, maxx = -1e9, miny = 1e9, maxy = -1e9;
		for (size_t i = 0; i < p->npts; i++) {
			minx = fmin(minx, p->pts[2 * i]);
			maxx = fmax(maxx, p->pts[2 * i]);
			miny = fmin(miny, p->pts[2 * i + 1]);
			maxy = fmax(maxy, p->pts[2 * i + 1]);
		}
		struct lay_rect b = lay->edges[E_NUMBERED].number.box;
		CHECK(fabs((minx + maxx) / 2 - (b.x + b.w / 2)) < EPS && fabs((miny + maxy) / 2 - (b.y + b.h / 2)) < EPS);
		CHECK(maxx - minx >= hypot(b.w, b.h) - EPS && p->fill);
		CHECK(first_call(&r, CALL_TEXT, ROLE_BADGE_TEXT) > disc);
	}
	record_free(&r);
	layout_free(lay);
}

/* ---- SVG --------------------------------------------------------------------- */

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static void svg_of(const struct layout *lay, bool standalone, struct buf *out)
{
	struct svg_options opt = {standalone ? "" : "d1-", "Sample", "Every part", standalone, NULL};
	svg_write(out, lay, &opt);
}

/* Walks the parsed SVG: every path either a line (class dg-line, no
 * fill, no dash when it is a head) or a filled outline; every id unique
 * and every class made of safe characters. */
struct svg_facts {
	size_t paths, lines, filled, bad_fill, texts;
	char ids[64][80];
	size_t nids, dup_ids, bad_names;
};

static bool safe_name(const char *s, bool spaces)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '-' ||
		      *s == '_' || (spaces && *s == ' ')))
			return false;
	return true;
}

static void note_id(struct svg_facts *f, const char *id)
{
	for (size_t i = 0; i < f->nids; i++)
		if (strcmp(f->ids[i], id) == 0)
			f->dup_ids++;
	if (f->nids < 64)
		snprintf(f->ids[f->nids++], sizeof f->ids[0], "%s", id);
}

static void note_path(struct svg_facts *f, xmlNode *n)
{
	xmlChar *cls = xmlGetProp(n, (const xmlChar *)"class"), *fill = xmlGetProp(n, (const xmlChar *)"fill");
	f->paths++;
	bool line = cls && strstr((const char *)cls, "dg-line") != NULL;
	bool none = fill && strcmp((const char *)fill, "none") == 0;
	if (line)
		f->lines++;
	else
		f->filled++;
	if (line != none)
		f->bad_fill++;
	xmlFree(cls);
	xmlFree(fill);
}

static void walk(struct svg_facts *f, xmlNode *n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *id = xmlGetProp(n, (const xmlChar *)"id"), *cls = xmlGetProp(n, (const xmlChar *)"class");
		if (id) {
			note_id(f, (const char *)id);
			f->bad_names += !safe_name((const char *)id, false);
		}
		if (cls)
			f->bad_names += !safe_name((const char *)cls, true);
		xmlFree(id);
		xmlFree(cls);
		if (strcmp((const char *)n->name, "path") == 0)
			note_path(f, n);
		if (strcmp((const char *)n->name, "text") == 0)
			f->texts++;
		walk(f, n->children);
	}
}

static void test_svg_well_formed(void)
{
	struct layout *lay = sample();
	struct buf svg = BUF_INIT;
	svg_of(lay, false, &svg);
	xmlDoc *doc = xmlReadMemory(svg.data, (int)svg.len, "paint.svg", NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING);
	CHECK(doc != NULL);
	struct svg_facts f = {0};
	if (doc)
		walk(&f, xmlDocGetRootElement(doc));
	/* Filled: the eight shapes other than the box, the tab, the badge.
	 * Lines: four curves, three open heads, two crosses, and the extra
	 * strokes of the cylinder, the subroutine and the actor. */
	const size_t filled = 8 + 1 + 1, lines = 4 + 3 + 2 + 3;
	CHECK_INT(f.paths, filled + lines);
	CHECK_INT(f.filled, filled);
	CHECK_INT(f.lines, lines);
	CHECK_INT(f.bad_fill, 0);
	CHECK_INT(f.texts, NTEXTS);
	CHECK_INT(f.dup_ids, 0);
	CHECK_INT(f.bad_names, 0);
	/* The diamond's id, encoded; the flows' classes from the same ids. */
	CHECK_CONTAINS(svg.data, "id=\"d1-node-a_20b_2f_c3_a9__x\" class=\"dg-system dg-shape--diamond\"");
	CHECK_CONTAINS(svg.data, "class=\"dg-flow dg-flow--a_20b_2f_c3_a9__x-actor\"");
	CHECK_CONTAINS(svg.data, "id=\"d1-frame-3\" class=\"dg-frame dg-frame--block\"");
	CHECK_CONTAINS(svg.data, "id=\"d1-frame-4\" class=\"dg-frame dg-frame--note\"");
	CHECK_CONTAINS(svg.data, "&lt;Is &amp; ok?&gt;");
	CHECK_CONTAINS(svg.data, "Back office &amp; &lt;ops&gt;");
	CHECK_CONTAINS(svg.data, "class=\"dg-block-tab\"");
	CHECK_CONTAINS(svg.data, "class=\"dg-badge\"");
	/* The dotted arrow's curve is dashed, its open head is not. */
	CHECK_CONTAINS(svg.data, "class=\"dg-dotted dg-line\" fill=\"none\" stroke=\"#1f3a5f\" stroke-width=\"2.0\" "
	                         "stroke-dasharray=\"3.0 3.0\"/>");
	CHECK_CONTAINS(svg.data, "class=\"dg-dotted dg-line\" fill=\"none\" stroke=\"#1f3a5f\" stroke-width=\"2.0\"/>");
	/* Dividers are dashed lines; a curved arrow without text has no plate. */
	CHECK_INT(count(svg.data, "class=\"dg-divider\""), 2);
	CHECK_INT(count(svg.data, "class=\"dg-plate\""), 2);
	xmlFreeDoc(doc);
	buf_free(&svg);
	layout_free(lay);
}

/* How the SVG is written out for the inheritance test below. */
enum spelling {
	AS_WRITTEN,
	SPELLED_OUT,    /* the <svg>'s font-family and text-anchor moved onto every <text> lacking them */
	DROPPED,        /* the <svg>'s removed and not moved: what the test must be able to tell apart */
};

static void spell_texts(xmlNode *n, const xmlChar *family, const xmlChar *anchor)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, "text") == 0) {
			if (!xmlHasProp(n, (const xmlChar *)"font-family"))
				xmlSetProp(n, (const xmlChar *)"font-family", family);
			if (!xmlHasProp(n, (const xmlChar *)"text-anchor"))
				xmlSetProp(n, (const xmlChar *)"text-anchor", anchor);
		}
		spell_texts(n->children, family, anchor);
	}
}

/* The text's value of attr, its own or the nearest ancestor's: what SVG's
 * inheritance gives it (NULL: none). */
static const char *inherited(xmlNode *n, const char *attr, char *out, size_t size)
{
	for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
		xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
		if (v) {
			snprintf(out, size, "%s", (const char *)v);
			xmlFree(v);
			return out;
		}
	}
	return NULL;
}

static xmlNode *text_node(xmlNode *n, const char *content)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *c = xmlNodeGetContent(n);
		bool found = strcmp((const char *)n->name, "text") == 0 && c && strcmp((const char *)c, content) == 0;
		xmlFree(c);
		if (found)
			return n;
		xmlNode *below = text_node(n->children, content);
		if (below)
			return below;
	}
	return NULL;
}

/* The SVG drawn by librsvg on white, width x height pixels; NULL when it
 * cannot be drawn. */
static cairo_surface_t *drawn(const xmlChar *svg, int len, int width, int height)
{
	char *why = NULL;
	struct svgdraw *d = svgdraw_open_data(svg, (size_t)len, &why);
	if (d == NULL) {
		harness_note(__FILE__, __LINE__, "librsvg: %s", why ? why : "?");
		free(why);
		return NULL;
	}
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	bool ok = svgdraw_render(d, cr, 0, 0, width, height, &why);
	cairo_destroy(cr);
	svgdraw_free(d);
	free(why);
	cairo_surface_flush(s);
	if (!ok) {
		cairo_surface_destroy(s);
		return NULL;
	}
	return s;
}

static cairo_surface_t *drawn_as(const struct buf *svg, enum spelling how, int width, int height)
{
	xmlDoc *doc = xmlReadMemory(svg->data, (int)svg->len, "paint.svg", NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING);
	if (doc == NULL)
		return NULL;
	xmlNode *root = xmlDocGetRootElement(doc);
	xmlChar *family = xmlGetProp(root, (const xmlChar *)"font-family");
	xmlChar *anchor = xmlGetProp(root, (const xmlChar *)"text-anchor");
	if (how != AS_WRITTEN) {
		xmlUnsetProp(root, (const xmlChar *)"font-family");
		xmlUnsetProp(root, (const xmlChar *)"text-anchor");
	}
	if (how == SPELLED_OUT && family && anchor)
		spell_texts(root->children, family, anchor);
	xmlChar *text = NULL;
	int len = 0;
	xmlDocDumpMemory(doc, &text, &len);
	cairo_surface_t *s = text ? drawn(text, len, width, height) : NULL;
	xmlFree(text);
	xmlFree(family);
	xmlFree(anchor);
	xmlFreeDoc(doc);
	return s;
}

static bool same_pixels(cairo_surface_t *a, cairo_surface_t *b)
{
	size_t bytes = (size_t)cairo_image_surface_get_stride(a) * (size_t)cairo_image_surface_get_height(a);
	return memcmp(cairo_image_surface_get_data(a), cairo_image_surface_get_data(b), bytes) == 0;
}

/* The family and anchor most texts share are written once, on the <svg>,
 * and inherited: each text gets the one it had when every <text> said
 * both (sans or mono; middle in boxes and on arrows, start for a frame's
 * title, a note), and librsvg draws the file pixel for pixel as it draws
 * the same file with both spelled out on every text. */
static void test_svg_texts_inherit_family_and_anchor(void)
{
	struct layout *lay = sample();
	struct buf svg = BUF_INIT;
	svg_of(lay, true, &svg);
	xmlDoc *doc = xmlReadMemory(svg.data, (int)svg.len, "paint.svg", NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING);
	CHECK(doc != NULL);
	static const struct {
		const char *text, *family, *anchor;
	} want[] = {
		{"Box", "'Folio Sans', sans-serif", "middle"},
		{"<Is & ok?>", "'Folio Sans', sans-serif", "middle"},
		{"Back office & <ops>", "'Folio Sans', sans-serif", "start"},
		{"Note: x < y", "'Folio Sans', sans-serif", "start"},
		{"[stock > 0]", "'Folio Mono', monospace", "start"},
	};
	for (size_t i = 0; doc && i < sizeof want / sizeof want[0]; i++) {
		xmlNode *t = text_node(xmlDocGetRootElement(doc), want[i].text);
		char family[64], anchor[16];
		CHECK(t != NULL);
		if (t == NULL)
			continue;
		const char *f = inherited(t, "font-family", family, sizeof family);
		const char *a = inherited(t, "text-anchor", anchor, sizeof anchor);
		CHECK_STR(f ? f : "(none)", want[i].family);
		CHECK_STR(a ? a : "(none)", want[i].anchor);
	}
	xmlFreeDoc(doc);
	cairo_surface_t *as_written = drawn_as(&svg, AS_WRITTEN, 760, 620);
	cairo_surface_t *spelled = drawn_as(&svg, SPELLED_OUT, 760, 620);
	cairo_surface_t *dropped = drawn_as(&svg, DROPPED, 760, 620);
	CHECK(as_written && spelled && dropped);
	if (as_written && spelled && dropped) {
		CHECK(same_pixels(as_written, spelled));
		CHECK(!same_pixels(as_written, dropped));
	}
	if (as_written)
		cairo_surface_destroy(as_written);
	if (spelled)
		cairo_surface_destroy(spelled);
	if (dropped)
		cairo_surface_destroy(dropped);
	buf_free(&svg);
	layout_free(lay);
}

/* A standalone file of such a diagram carries every role's dark rules
 * and keeps lines unfilled; the resources' sheet is unchanged. */
static void test_dark_css(void)
{
	char *short_css = paint_dark_css(NULL), *all = paint_dark_css_all(NULL);
	CHECK(strstr(short_css, "dg-group") == NULL && strstr(short_css, "dg-line") == NULL);
	CHECK_CONTAINS(short_css, ".diagram .dg-plate { fill:#0f1722; }\n}\n");
	CHECK(strncmp(all, short_css, strlen(short_css) - 2) == 0);     /* the same rules first */
	for (int r = 0; r < ROLE_COUNT; r++) {
		char rule[64];
		snprintf(rule, sizeof rule, "  .diagram .%s { ", paint_style(NULL, (enum lay_role)r, true)->css_class);
		CHECK_INT(count(all, rule), 1);
	}
	const char *end = strstr(all, "}\n.diagram .dg-line { fill: none; }\n");
	CHECK(end != NULL && end[strlen("}\n.diagram .dg-line { fill: none; }\n")] == '\0');
	struct layout *lay = sample();
	struct buf svg = BUF_INIT;
	svg_of(lay, true, &svg);
	CHECK_CONTAINS(svg.data, all);
	buf_free(&svg);
	layout_free(lay);
	free(short_css);
	free(all);
}

/* ---- PDF and PNG --------------------------------------------------------------- */

static bool pdf_of(const struct layout *lay, struct buf *out)
{
	static const struct pdf_info info = {"Paint", "Folio", "Shapes", "diagram", "Folio", 1767225600LL, "en", PDF_PAPER_A4, NULL};
	struct diag d;
	diag_init(&d, stderr);
	struct pdf *p = pdf_new(fs, &info, "paint.pdf", &d);
	bool ok = p != NULL;
	if (ok) {
		size_t page = pdf_add_page(p);
		pdf_paint_layout(p, page, lay, 20, 40, 0.72);
		ok = pdf_finish(p, out);
	}
	pdf_free(p);
	ok &= d.errors == 0;
	diag_free(&d);
	return ok;
}

static bool write_file(const char *path, const struct buf *b)
{
	FILE *f = fopen(path, "wb");
	if (f == NULL)
		return false;
	bool ok = fwrite(b->data, 1, b->len, f) == b->len;
	return fclose(f) == 0 && ok;
}

/* pdftotext's text of file, spaces and line breaks as they come. */
static bool pdftotext(const char *file, struct buf *out)
{
	if (system("command -v pdftotext >/dev/null 2>&1") != 0) {
		printf("# skipped: pdftotext is not installed (apt-get install poppler-utils)\n");
		return false;
	}
	char cmd[512];
	snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 -raw '%s' - 2>&1", file);
	FILE *f = popen(cmd, "r");
	if (f == NULL)
		return false;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_put(out, chunk, n);
	return pclose(f) == 0;
}

static void test_pdf_has_every_text(void)
{
	struct layout *lay = sample();
	struct buf pdf = BUF_INIT, again = BUF_INIT, text = BUF_INIT;
	CHECK(pdf_of(lay, &pdf));
	CHECK(pdf_of(lay, &again));
	CHECK(pdf.len > 0 && pdf.len == again.len && memcmp(pdf.data, again.data, pdf.len) == 0);
	char path[] = "/tmp/folio-test-paint-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd >= 0) {
		close(fd);
		CHECK(write_file(path, &pdf));
		if (pdftotext(path, &text)) {
			for (size_t i = 0; i < NTEXTS; i++)
				CHECK_CONTAINS(buf_str(&text), all_texts[i]);
			CHECK(strstr(buf_str(&text), "Syntax") == NULL);
		}
		unlink(path);
	}
	buf_free(&pdf);
	buf_free(&again);
	buf_free(&text);
	layout_free(lay);
}

/* The colour at x, y of an RGB24 surface, as 0xRRGGBB. */
static unsigned pixel(cairo_surface_t *s, int x, int y)
{
	const unsigned char *row = cairo_image_surface_get_data(s) + (size_t)y * (size_t)cairo_image_surface_get_stride(s);
	uint32_t v;
	memcpy(&v, row + 4 * (size_t)x, 4);
	return v & 0xffffff;
}

static unsigned hex_of(const double *rgb)
{
	return (unsigned)(rgb[0] * 255 + 0.5) << 16 | (unsigned)(rgb[1] * 255 + 0.5) << 8 | (unsigned)(rgb[2] * 255 + 0.5);
}

/* The same bytes twice; each layer's colour where it lies on top: the
 * group's tint inside the group, a note over the lane, the badge's disc,
 * a node's fill over the group. */
static void test_png(void)
{
	struct layout *lay = sample();
	struct buf a = BUF_INIT, b = BUF_INIT;
	CHECK(paint_cairo_png(lay, fs, NULL, 1, &a));
	CHECK(paint_cairo_png(lay, fs, NULL, 1, &b));
	CHECK(a.len > 1000 && a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	cairo_surface_t *s = harness_png_decode(&a);
	CHECK(cairo_surface_status(s) == CAIRO_STATUS_SUCCESS);
	if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) {
		cairo_surface_flush(s);
		CHECK(cairo_image_surface_get_width(s) == 760 && cairo_image_surface_get_height(s) == 620);
		CHECK_INT(pixel(s, 30, 250), hex_of(paint_style(NULL, ROLE_GROUP, false)->fill));
		CHECK_INT(pixel(s, 600, 427), hex_of(paint_style(NULL, ROLE_NOTE, false)->fill));
		CHECK(pixel(s, 600, 297) != 0xffffff);  /* the lane, in a dash */
		CHECK_INT(pixel(s, 450, 330), 0xffffff);        /* a block is not filled */
		CHECK_INT(pixel(s, 385, 180), hex_of(paint_style(NULL, ROLE_BLOCK_TAB, false)->fill));
		CHECK_INT(pixel(s, 100, 470), 0xffffff);        /* in the diamond, over the group */
		struct lay_rect nb = lay->edges[E_NUMBERED].number.box;
		int bx = (int)(nb.x + nb.w / 2), by = (int)(nb.y + nb.h / 2);
		CHECK_INT(pixel(s, bx - 7, by), hex_of(paint_style(NULL, ROLE_BADGE, false)->fill));
	}
	cairo_surface_destroy(s);
	buf_free(&a);
	buf_free(&b);
	layout_free(lay);
}

/* ---- reusing a PNG ----------------------------------------------------------- */

static bool same_key(const struct layout *a, const struct layout *b)
{
	struct hash x = reuse_key_diagram(a, NULL, 1), y = reuse_key_diagram(b, NULL, 1);
	return x.a == y.a && x.b == y.b;
}

/* A PNG is reused only for the same picture: its key changes with each
 * part a painter reads, the content diagrams' parts too.  A resource's
 * diagram has none of them (so its key is the one it had). */
static void test_reuse_key_sees_the_new_parts(void)
{
	struct layout *a = sample(), *b = sample();
	CHECK(same_key(a, b));
	b->nodes[2].shape = LAY_SHAPE_STADIUM;
	CHECK(!same_key(a, b));
	b->nodes[2].shape = a->nodes[2].shape;
	b->edges[E_CURVE_NONE].head = LAY_HEAD_OPEN;
	CHECK(!same_key(a, b));
	b->edges[E_CURVE_NONE].head = a->edges[E_CURVE_NONE].head;
	b->edges[E_CURVE_FILLED].pts[1].x += 0.01;
	CHECK(!same_key(a, b));
	b->edges[E_CURVE_FILLED].pts[1].x = a->edges[E_CURVE_FILLED].pts[1].x;
	b->frames[F_BLOCK].dividers[1].y += 1;
	CHECK(!same_key(a, b));
	b->frames[F_BLOCK].dividers[1].y = a->frames[F_BLOCK].dividers[1].y;
	b->frames[F_GROUP].tab.w = 1;
	CHECK(!same_key(a, b));
	b->frames[F_GROUP].tab.w = 0;
	free(b->edges[E_NUMBERED].number.lines[0].text);
	b->edges[E_NUMBERED].number.lines[0].text = xstrdup("13");
	CHECK(!same_key(a, b));
	CHECK(paint_has_content_parts(a));
	struct lay_box_in boxes[] = {{"crm", "CRM", NULL}, {"erp", "ERP", "Invoices"}};
	struct lay_flow_in flows[] = {{1, 0, "orders", "nightly", lay_edge_role(2, LAY_STROKE_DOTTED)}};
	struct layout *lanes = layout_lanes(boxes, 2, flows, 1, fs);
	struct lay_box_in hub = {"hub", "Hub", NULL};
	struct layout *spokes = layout_hub(&hub, boxes, 2, NULL, NULL, fs);
	CHECK(!paint_has_content_parts(lanes) && !paint_has_content_parts(spokes));
	layout_free(lanes);
	layout_free(spokes);
	layout_free(a);
	layout_free(b);
}

/* ---- colours ------------------------------------------------------------------- */

/* WCAG relative luminance and contrast of sRGB colours in 0..1. */
static double luminance(const double *rgb)
{
	double l[3];
	for (int i = 0; i < 3; i++)
		l[i] = rgb[i] <= 0.03928 ? rgb[i] / 12.92 : pow((rgb[i] + 0.055) / 1.055, 2.4);
	return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
}

static double contrast(const double *a, const double *b)
{
	double la = luminance(a), lb = luminance(b);
	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* Text 4.5:1 against every ground it is drawn on, lines and discs 3:1
 * against the page (site.css's --bg), in both schemes. */
static void test_contrast(void)
{
	const double pages[2][3] = {{1, 1, 1}, {13 / 255.0, 23 / 255.0, 34 / 255.0}};
	static const struct {
		enum lay_role text, ground;     /* ROLE_COUNT: the page */
	} texts[] = {
		{ROLE_GROUP_TITLE, ROLE_GROUP}, {ROLE_GROUP_TITLE, ROLE_BAND},  {ROLE_GROUP_TITLE, ROLE_COUNT},
		{ROLE_BLOCK_TEXT, ROLE_BLOCK_TAB}, {ROLE_BLOCK_TEXT, ROLE_COUNT}, {ROLE_BLOCK_TEXT, ROLE_BAND},
		{ROLE_BLOCK_TEXT, ROLE_GROUP}, {ROLE_NOTE_TEXT, ROLE_NOTE},   {ROLE_BADGE_TEXT, ROLE_BADGE},
		{ROLE_NODE_NAME, ROLE_NODE},   {ROLE_NODE_NAME, ROLE_COUNT},  {ROLE_LABEL, ROLE_LABEL_BACK},
	};
	static const enum lay_role lines[] = {ROLE_EDGE_DOTTED, ROLE_EDGE_HEAVY, ROLE_GROUP, ROLE_BLOCK, ROLE_BLOCK_TAB,
	                                      ROLE_DIVIDER, ROLE_NOTE, ROLE_ACTIVATION};
	for (int dark = 0; dark < 2; dark++) {
		for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
			const double *fg = paint_style(NULL, texts[i].text, dark)->fill;
			const double *bg = texts[i].ground == ROLE_COUNT ? pages[dark] : paint_style(NULL, texts[i].ground, dark)->fill;
			double c = contrast(fg, bg);
			if (c < 4.5)
				printf("# text role %d on %d (%s): %.2f\n", texts[i].text, texts[i].ground, dark ? "dark" : "light", c);
			CHECK(c >= 4.5);
		}
		for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
			double c = contrast(paint_style(NULL, lines[i], dark)->stroke, pages[dark]);
			if (c < 3)
				printf("# line role %d (%s): %.2f\n", lines[i], dark ? "dark" : "light", c);
			CHECK(c >= 3);
		}
		CHECK(contrast(paint_style(NULL, ROLE_BADGE, dark)->fill, pages[dark]) >= 3);
	}
}

/* FOLIO_PAINT_OUT=DIR: the sample as SVG, PNG (2x) and a PDF page. */
static void keep_pictures(void)
{
	const char *dir = getenv("FOLIO_PAINT_OUT");
	if (dir == NULL || *dir == '\0')
		return;
	struct layout *lay = sample();
	struct buf svg = BUF_INIT, png = BUF_INIT, pdf = BUF_INIT;
	char path[1024];
	svg_of(lay, true, &svg);
	snprintf(path, sizeof path, "%s/paint.svg", dir);
	CHECK(write_file(path, &svg));
	CHECK(paint_cairo_png(lay, fs, NULL, 2, &png));
	snprintf(path, sizeof path, "%s/paint.png", dir);
	CHECK(write_file(path, &png));
	CHECK(pdf_of(lay, &pdf));
	snprintf(path, sizeof path, "%s/paint.pdf", dir);
	CHECK(write_file(path, &pdf));
	buf_free(&svg);
	buf_free(&png);
	buf_free(&pdf);
	layout_free(lay);
}

int main(void)
{
	struct diag d;
	diag_init(&d, stderr);
	fs = font_load(TEST_ROOT "/theme/static/fonts", &d);
	if (fs == NULL)
		return 1;
	RUN(test_layers);
	RUN(test_curve_ends_inside_its_head);
	RUN(test_open_heads);
	RUN(test_cross_and_no_head);
	RUN(test_badge);
	RUN(test_svg_well_formed);
	RUN(test_svg_texts_inherit_family_and_anchor);
	RUN(test_dark_css);
	RUN(test_pdf_has_every_text);
	RUN(test_png);
	RUN(test_reuse_key_sees_the_new_parts);
	RUN(test_contrast);
	keep_pictures();
	font_free(fs);
	diag_free(&d);
	xmlCleanupParser();
	return harness_done();
}
