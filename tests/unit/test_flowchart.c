/*
 * The flowchart layout (Graphviz's dot) on flowcharts built by hand and on
 * random ones (1 to 60 nodes, every shape and direction, loops, parallel
 * edges, labels, nested subgraphs):
 *   - every line of a node's text lies inside the outline drawn for it;
 *   - no two nodes overlap, and no node or other label overlaps an edge's
 *     label plate;
 *   - every edge starts on its from-node's outline and ends on its
 *     to-node's (within a pixel), checked by looking around each end;
 *   - everything lies inside the canvas;
 *   - frames hold their nodes, their subgraphs and their titles;
 *   - the same flowchart gives the same layout, on one thread or four.
 */
#define HARNESS_NAME "flowchart"
#include "harness.h"

#include <math.h>
#include <pthread.h>

#include "base/diag.h"
#include "base/font.h"
#include "base/xalloc.h"
#include "diagram/flowchart.h"
#include "diagram/paint.h"

#define EPS 0.01
#define NODE_GAP 2.0            /* nodes keep at least this far apart */

static struct fontset *fs;

/* A small deterministic generator (xorshift), so failures reproduce. */
static unsigned long long rng_state = 2463534242ULL;
static unsigned next_rand(unsigned bound)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned)(rng_state % bound);
}

/* ---- building flowcharts ------------------------------------------------- */

static char *random_text(size_t max)
{
	static const char *const pieces[] = {"a", "e", "o", "n", "r", "t", "s", "M", "W", "é", "ü", "—", "i", "l"};
	char out[1024] = "";
	size_t len = 1 + next_rand((unsigned)max), used = 0;
	for (size_t chars = 0; chars < len;) {
		const char *p = next_rand(6) == 0 ? " " : pieces[next_rand(14)];
		if (chars == 0 && *p == ' ')
			continue;
		if (used + strlen(p) + 1 >= sizeof out)
			break;
		strcat(out, p);
		used += strlen(p);
		chars++;
	}
	return strdup(out);
}

static void add_node(struct mmd_flowchart *f, const char *id, const char *label, enum mmd_shape shape, size_t group)
{
	f->nodes = realloc(f->nodes, (f->nnodes + 1) * sizeof *f->nodes);
	f->nodes[f->nnodes++] = (struct mmd_node){strdup(id), strdup(label), shape, group, {0}};
}

static void add_edge(struct mmd_flowchart *f, size_t from, size_t to, const char *label, enum mmd_stroke stroke,
                     bool head)
{
	f->edges = realloc(f->edges, (f->nedges + 1) * sizeof *f->edges);
	f->edges[f->nedges++] = (struct mmd_edge){from, to, label ? strdup(label) : NULL, stroke, head, {0}};
}

static void add_group(struct mmd_flowchart *f, const char *title, size_t parent)
{
	f->groups = realloc(f->groups, (f->ngroups + 1) * sizeof *f->groups);
	f->groups[f->ngroups++] = (struct mmd_group){strdup(title), strdup(title), parent, {0}};
}

/* Frees what f holds, as the parser's own diagrams are freed. */
static void free_flowchart(struct mmd_flowchart *f)
{
	struct mmd_diagram *m = xcalloc(1, sizeof *m);
	*m = (struct mmd_diagram){.kind = MMD_FLOWCHART, .u.flow = *f};
	mermaid_free(m);
	*f = (struct mmd_flowchart){0};
}

/* 1 to max_nodes nodes of random shapes, in up to 6 nested subgraphs,
 * with edges between any two (loops and repeats included), some labelled. */
static void random_flowchart(struct mmd_flowchart *f, size_t max_nodes)
{
	*f = (struct mmd_flowchart){0};
	f->dir = (enum mmd_dir)next_rand(4);
	size_t n = 1 + next_rand((unsigned)max_nodes);
	size_t ngroups = next_rand(7);
	for (size_t i = 0; i < ngroups; i++) {
		char *t = random_text(30);
		add_group(f, t, next_rand(2) ? next_rand((unsigned)i + 1) : 0);
		free(t);
	}
	for (size_t i = 0; i < n; i++) {
		char id[24];
		snprintf(id, sizeof id, "n%zu", i);
		char *label = random_text(next_rand(4) ? 20 : 90);
		add_node(f, id, label, (enum mmd_shape)next_rand(MMD_SHAPES), ngroups ? next_rand((unsigned)ngroups + 1) : 0);
		free(label);
	}
	size_t m = next_rand((unsigned)(n * 3 / 2 + 2));
	for (size_t i = 0; i < m; i++) {
		size_t a = next_rand((unsigned)n), b = next_rand(10) == 0 ? a : next_rand((unsigned)n);
		if (i > 0 && next_rand(10) == 0)
			a = f->edges[i - 1].from, b = f->edges[i - 1].to;       /* a parallel edge */
		char *label = next_rand(5) < 2 ? random_text(40) : NULL;
		add_edge(f, a, b, label, (enum mmd_stroke)next_rand(MMD_STROKES), next_rand(4) != 0);
		free(label);
	}
}

/* ---- checks ---------------------------------------------------------- */

static bool overlap(struct lay_rect a, struct lay_rect b, double gap)
{
	return a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;
}

static bool rect_inside(struct lay_rect in, struct lay_rect out)
{
	return in.x >= out.x - EPS && in.y >= out.y - EPS && in.x + in.w <= out.x + out.w + EPS &&
	       in.y + in.h <= out.y + out.h + EPS;
}

static bool point_in_rect(double x, double y, struct lay_rect r)
{
	return x >= r.x - EPS && y >= r.y - EPS && x <= r.x + r.w + EPS && y <= r.y + r.h + EPS;
}

/* Line i of t as its glyphs cover it, measured with the fonts again. */
static struct lay_rect glyph_box(const struct lay_text *t, size_t i)
{
	const struct lay_line *l = &t->lines[i];
	double w = font_width(fs, t->face, l->text, t->size);
	double asc = font_ascent(fs, t->face) * t->size, desc = font_descent(fs, t->face) * t->size;
	return (struct lay_rect){l->x, l->y - asc, w, asc + desc};
}

static bool text_in_outline(const struct lay_text *t, const struct paint_path *outline)
{
	for (size_t i = 0; i < t->n; i++) {
		struct lay_rect g = glyph_box(t, i);
		if (!paint_path_contains(outline, g.x, g.y) || !paint_path_contains(outline, g.x + g.w, g.y) ||
		    !paint_path_contains(outline, g.x, g.y + g.h) || !paint_path_contains(outline, g.x + g.w, g.y + g.h))
			return false;
	}
	return true;
}

static bool text_in_rect(const struct lay_text *t, struct lay_rect r)
{
	for (size_t i = 0; i < t->n; i++)
		if (!rect_inside(glyph_box(t, i), r))
			return false;
	return true;
}

/* Whether x, y is within a pixel of the outline: of 32 points on a circle
 * of radius 0.9 around it, some are inside and some outside. */
static bool on_outline(const struct paint_path *outline, double x, double y)
{
	bool in = false, out = false;
	for (int k = 0; k < 32; k++) {
		double a = k * M_PI / 16;
		if (paint_path_contains(outline, x + 0.9 * cos(a), y + 0.9 * sin(a)))
			in = true;
		else
			out = true;
	}
	return in && out;
}

static void shape_of(const struct lay_node *n, struct paint_path *outline)
{
	struct paint_path extra = {0};
	paint_shape_path(n->shape, n->box, outline, &extra);
	paint_path_free(&extra);
}

static int check_nodes(const struct layout *lay, const char *what)
{
	int bad = 0;
	struct lay_rect canvas = {0, 0, lay->width, lay->height};
	for (size_t i = 0; i < lay->nnodes; i++) {
		const struct lay_node *n = &lay->nodes[i];
		struct paint_path outline = {0};
		shape_of(n, &outline);
		if (!text_in_outline(&n->name, &outline))
			bad++, harness_note(__FILE__, __LINE__, "%s: text of node %zu leaves its outline", what, i);
		paint_path_free(&outline);
		if (!rect_inside(n->box, canvas))
			bad++, harness_note(__FILE__, __LINE__, "%s: node %zu outside the canvas", what, i);
		for (size_t j = 0; j < i; j++)
			if (overlap(n->box, lay->nodes[j].box, NODE_GAP))
				bad++, harness_note(__FILE__, __LINE__, "%s: nodes %zu and %zu overlap", what, i, j);
		for (size_t j = 0; j < lay->nedges; j++)
			if (lay->edges[j].label.n && overlap(n->box, lay->edges[j].plate, 0))
				bad++, harness_note(__FILE__, __LINE__, "%s: node %zu overlaps label %zu", what, i, j);
	}
	return bad;
}

static int check_edges(const struct layout *lay, const char *what)
{
	int bad = 0;
	struct lay_rect canvas = {0, 0, lay->width, lay->height};
	for (size_t i = 0; i < lay->nedges; i++) {
		const struct lay_edge *e = &lay->edges[i];
		if (e->pts == NULL || e->npts < 4 || (e->npts - 1) % 3 != 0) {
			bad++, harness_note(__FILE__, __LINE__, "%s: edge %zu has %zu points", what, i, e->npts);
			continue;
		}
		if (e->pts[0].x != e->x1 || e->pts[0].y != e->y1 || e->pts[e->npts - 1].x != e->x2 ||
		    e->pts[e->npts - 1].y != e->y2)
			bad++, harness_note(__FILE__, __LINE__, "%s: edge %zu: ends and points differ", what, i);
		struct paint_path from = {0}, to = {0};
		shape_of(&lay->nodes[e->from], &from);
		shape_of(&lay->nodes[e->to], &to);
		if (!on_outline(&from, e->x1, e->y1))
			bad++, harness_note(__FILE__, __LINE__, "%s: edge %zu starts at %.1f,%.1f off node %zu", what, i,
			                    e->x1, e->y1, e->from);
		if (!on_outline(&to, e->x2, e->y2))
			bad++, harness_note(__FILE__, __LINE__, "%s: edge %zu ends at %.1f,%.1f off node %zu", what, i, e->x2,
			                    e->y2, e->to);
		paint_path_free(&from);
		paint_path_free(&to);
		for (size_t k = 0; k < e->npts; k++)
			if (!point_in_rect(e->pts[k].x, e->pts[k].y, canvas))
				bad++, harness_note(__FILE__, __LINE__, "%s: edge %zu leaves the canvas", what, i);
		if (e->label.n && (!rect_inside(e->plate, canvas) || !text_in_rect(&e->label, e->plate)))
			bad++, harness_note(__FILE__, __LINE__, "%s: label %zu leaves its plate or the canvas", what, i);
		for (size_t j = 0; j < i; j++)
			if (e->label.n && lay->edges[j].label.n && overlap(e->plate, lay->edges[j].plate, 0))
				bad++, harness_note(__FILE__, __LINE__, "%s: labels %zu and %zu overlap", what, i, j);
		if (e->head != (e->head == LAY_HEAD_NONE ? LAY_HEAD_NONE : LAY_HEAD_FILLED))
			bad++, harness_note(__FILE__, __LINE__, "%s: edge %zu has an odd head", what, i);
	}
	return bad;
}

/* Whether group g is h or inside it. */
static bool within(const struct mmd_flowchart *f, size_t g, size_t h)
{
	for (; g; g = f->groups[g - 1].parent)
		if (g == h)
			return true;
	return false;
}

static int check_frames(const struct layout *lay, const struct mmd_flowchart *f, const char *what)
{
	int bad = 0;
	struct lay_rect canvas = {0, 0, lay->width, lay->height};
	if (lay->nframes != f->ngroups)
		return harness_note(__FILE__, __LINE__, "%s: %zu frames", what, lay->nframes), 1;
	for (size_t i = 0; i < lay->nframes; i++) {
		const struct lay_frame *fr = &lay->frames[i];
		if (fr->role != ROLE_GROUP || !rect_inside(fr->box, canvas))
			bad++, harness_note(__FILE__, __LINE__, "%s: frame %zu outside the canvas", what, i);
		if (!text_in_rect(&fr->title, fr->box))
			bad++, harness_note(__FILE__, __LINE__, "%s: title of frame %zu leaves it", what, i);
		for (size_t k = 0; k < fr->title.n; k++)
			for (size_t j = 0; j < lay->nnodes; j++)
				if (overlap(glyph_box(&fr->title, k), lay->nodes[j].box, 0))
					bad++, harness_note(__FILE__, __LINE__, "%s: title of frame %zu on node %zu", what, i, j);
		for (size_t j = 0; j < lay->nnodes; j++)
			if (within(f, f->nodes[j].group, i + 1) && !rect_inside(lay->nodes[j].box, fr->box))
				bad++, harness_note(__FILE__, __LINE__, "%s: node %zu outside frame %zu", what, j, i);
		size_t parent = f->groups[i].parent;
		if (parent && (parent - 1 >= i || !rect_inside(fr->box, lay->frames[parent - 1].box)))
			bad++, harness_note(__FILE__, __LINE__, "%s: frame %zu outside frame %zu", what, i, parent - 1);
	}
	return bad;
}

static int check_layout(const struct layout *lay, const struct mmd_flowchart *f, const char *what)
{
	return check_nodes(lay, what) + check_edges(lay, what) + check_frames(lay, f, what);
}

/* ---- equality, field by field ------------------------------------------ */

static bool same_rect(struct lay_rect a, struct lay_rect b)
{
	return a.x == b.x && a.y == b.y && a.w == b.w && a.h == b.h;
}

static bool same_text(const struct lay_text *a, const struct lay_text *b)
{
	if (a->n != b->n || a->face != b->face || a->size != b->size || a->role != b->role || !same_rect(a->box, b->box))
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->lines[i].text, b->lines[i].text) || a->lines[i].x != b->lines[i].x ||
		    a->lines[i].y != b->lines[i].y || a->lines[i].width != b->lines[i].width)
			return false;
	return true;
}

static bool same_layout(const struct layout *a, const struct layout *b)
{
	if (a->width != b->width || a->height != b->height || a->nnodes != b->nnodes || a->nedges != b->nedges ||
	    a->nframes != b->nframes)
		return false;
	for (size_t i = 0; i < a->nnodes; i++) {
		const struct lay_node *x = &a->nodes[i], *y = &b->nodes[i];
		if (strcmp(x->id, y->id) || x->role != y->role || x->shape != y->shape || !same_rect(x->box, y->box) ||
		    !same_text(&x->name, &y->name))
			return false;
	}
	for (size_t i = 0; i < a->nedges; i++) {
		const struct lay_edge *x = &a->edges[i], *y = &b->edges[i];
		if (x->from != y->from || x->to != y->to || x->role != y->role || x->head != y->head ||
		    x->npts != y->npts || memcmp(x->pts, y->pts, x->npts * sizeof *x->pts) ||
		    !same_text(&x->label, &y->label) || !same_rect(x->plate, y->plate))
			return false;
	}
	for (size_t i = 0; i < a->nframes; i++)
		if (a->frames[i].role != b->frames[i].role || !same_rect(a->frames[i].box, b->frames[i].box) ||
		    !same_text(&a->frames[i].title, &b->frames[i].title))
			return false;
	return true;
}

/* ---- tests ----------------------------------------------------------- */

static const char *const dir_names[] = {"TB", "BT", "LR", "RL"};

/* A chain through every shape, in each direction: each next node lies
 * further along the direction than the one before. */
static void test_every_shape_and_direction(void)
{
	static const char *const labels[] = {"Rectangle", "Rounded corners", "A stadium", "Orders database",
	                                     "Circle", "Is it valid?", "Subroutine call"};
	for (int d = 0; d < 4; d++) {
		struct mmd_flowchart f = {.dir = (enum mmd_dir)d};
		for (int s = 0; s < MMD_SHAPES; s++) {
			char id[16];
			snprintf(id, sizeof id, "S%d", s);
			add_node(&f, id, labels[s], (enum mmd_shape)s, 0);
			if (s > 0)      /* edge k = s - 1: stroke k % 3, no head on edge 1, a label on edge 2 */
				add_edge(&f, (size_t)s - 1, (size_t)s, s == 3 ? "reads" : NULL, (enum mmd_stroke)((s - 1) % 3),
				         s != 2);
		}
		struct layout *lay = layout_flowchart(&f, fs);
		char what[32];
		snprintf(what, sizeof what, "chain %s", dir_names[d]);
		CHECK(check_layout(lay, &f, what) == 0);
		static const enum lay_shape want[] = {LAY_SHAPE_RECT,   LAY_SHAPE_ROUNDED, LAY_SHAPE_STADIUM,
		                                      LAY_SHAPE_CYLINDER, LAY_SHAPE_CIRCLE, LAY_SHAPE_DIAMOND,
		                                      LAY_SHAPE_SUBROUTINE};
		for (int s = 0; s < MMD_SHAPES; s++) {
			CHECK(lay->nodes[s].shape == want[s]);
			CHECK_STR(lay->nodes[s].id, f.nodes[s].id);
			CHECK(lay->nodes[s].role == ROLE_NODE && lay->nodes[s].name.role == ROLE_NODE_NAME);
		}
		CHECK(lay->nodes[4].box.w == lay->nodes[4].box.h);
		for (int s = 1; s < MMD_SHAPES; s++) {
			const struct lay_rect a = lay->nodes[s - 1].box, b = lay->nodes[s].box;
			double ax = a.x + a.w / 2, ay = a.y + a.h / 2, bx = b.x + b.w / 2, by = b.y + b.h / 2;
			bool along = d == MMD_DIR_TB ? by > ay : d == MMD_DIR_BT ? by < ay : d == MMD_DIR_LR ? bx > ax : bx < ax;
			CHECK(along);
		}
		CHECK(lay->edges[0].role == ROLE_EDGE_PLAIN && lay->edges[1].role == ROLE_EDGE_DOTTED &&
		      lay->edges[2].role == ROLE_EDGE_HEAVY);
		CHECK(lay->edges[0].head == LAY_HEAD_FILLED && lay->edges[1].head == LAY_HEAD_NONE);
		CHECK(lay->edges[2].label.n == 1 && lay->edges[2].label.role == ROLE_LABEL);
		CHECK_STR(lay->edges[2].label.lines[0].text, "reads");
		layout_free(lay);
		free_flowchart(&f);
	}
}

/* A loop on one node and three edges between the same two. */
static void test_loops_and_parallel_edges(void)
{
	struct mmd_flowchart f = {.dir = MMD_DIR_TB};
	add_node(&f, "A", "Start", MMD_SHAPE_ROUNDED, 0);
	add_node(&f, "B", "Check again", MMD_SHAPE_DECISION, 0);
	add_edge(&f, 0, 0, "retry", MMD_STROKE_SOLID, true);
	add_edge(&f, 0, 1, "one", MMD_STROKE_SOLID, true);
	add_edge(&f, 0, 1, "two", MMD_STROKE_DOTTED, true);
	add_edge(&f, 0, 1, NULL, MMD_STROKE_THICK, false);
	add_edge(&f, 1, 1, NULL, MMD_STROKE_SOLID, true);
	struct layout *lay = layout_flowchart(&f, fs);
	CHECK(check_layout(lay, &f, "loops") == 0);
	/* The parallel edges take different ways. */
	CHECK(lay->edges[1].npts != lay->edges[2].npts ||
	      memcmp(lay->edges[1].pts, lay->edges[2].pts, lay->edges[1].npts * sizeof *lay->edges[1].pts) != 0);
	CHECK(fabs(lay->edges[2].x1 - lay->edges[3].x1) + fabs(lay->edges[2].y1 - lay->edges[3].y1) > 1);
	layout_free(lay);
	free_flowchart(&f);
}

/* Nested subgraphs, one of them empty; nodes inside and outside. */
static void test_subgraphs(void)
{
	for (int d = 0; d < 4; d++) {
		struct mmd_flowchart f = {.dir = (enum mmd_dir)d};
		add_group(&f, "Outer world", 0);
		add_group(&f, "Inner", 1);
		add_group(&f, "Nothing here yet", 0);
		add_node(&f, "a", "Alpha", MMD_SHAPE_RECT, 1);
		add_node(&f, "b", "Beta", MMD_SHAPE_RECT, 2);
		add_node(&f, "c", "Gamma", MMD_SHAPE_CIRCLE, 2);
		add_node(&f, "d", "Delta outside", MMD_SHAPE_RECT, 0);
		add_edge(&f, 0, 1, "in", MMD_STROKE_SOLID, true);
		add_edge(&f, 1, 2, NULL, MMD_STROKE_SOLID, true);
		add_edge(&f, 2, 3, "out of it", MMD_STROKE_SOLID, true);
		struct layout *lay = layout_flowchart(&f, fs);
		char what[32];
		snprintf(what, sizeof what, "subgraphs %s", dir_names[d]);
		CHECK(check_layout(lay, &f, what) == 0);
		CHECK(lay->nframes == 3);
		CHECK(lay->frames[0].title.role == ROLE_GROUP_TITLE && lay->frames[0].title.n == 1);
		CHECK_STR(lay->frames[0].title.lines[0].text, "Outer world");
		/* The title sits at the top left of its frame. */
		const struct lay_frame *fr = &lay->frames[1];
		CHECK(fr->title.lines[0].x - fr->box.x < 16);
		CHECK(fr->title.box.y - fr->box.y < 16);
		CHECK(!rect_inside(lay->nodes[3].box, lay->frames[0].box));
		CHECK(lay->frames[2].box.w > 0 && lay->frames[2].box.h > 0);
		layout_free(lay);
		free_flowchart(&f);
	}
}

static void test_long_labels_wrap(void)
{
	struct mmd_flowchart f = {.dir = MMD_DIR_LR};
	const char *text = "A rather long label that must wrap over several lines to stay readable in the diagram";
	for (int s = 0; s < MMD_SHAPES; s++) {
		char id[16];
		snprintf(id, sizeof id, "L%d", s);
		add_node(&f, id, text, (enum mmd_shape)s, 0);
	}
	add_edge(&f, 0, 1, text, MMD_STROKE_SOLID, true);
	struct layout *lay = layout_flowchart(&f, fs);
	CHECK(check_layout(lay, &f, "long labels") == 0);
	for (int s = 0; s < MMD_SHAPES; s++) {
		CHECK(lay->nodes[s].name.n >= 3);
		CHECK(lay->nodes[s].box.w < 450);
	}
	CHECK(lay->edges[0].label.n >= 3);
	layout_free(lay);
	free_flowchart(&f);
}

static void test_random_graphs(void)
{
	for (int round = 0; round < 120; round++) {
		struct mmd_flowchart f;
		random_flowchart(&f, round < 100 ? 20 : 60);
		struct layout *lay = layout_flowchart(&f, fs);
		char what[96];
		snprintf(what, sizeof what, "round %d (%s, %zu nodes, %zu edges, %zu groups)", round, dir_names[f.dir],
		         f.nnodes, f.nedges, f.ngroups);
		int bad = check_layout(lay, &f, what);
		struct layout *again = layout_flowchart(&f, fs);
		if (!same_layout(lay, again))
			bad++, harness_note(__FILE__, __LINE__, "%s: a second layout differs", what);
		layout_free(again);
		layout_free(lay);
		free_flowchart(&f);
		if (bad)
			break;
	}
}

/* ---- four threads at once ------------------------------------------------ */

#define SHARED 12

static struct mmd_flowchart shared[SHARED];
static struct layout *serial[SHARED];

static void *lay_out_all(void *arg)
{
	bool *same = arg;
	*same = true;
	for (int round = 0; round < 3; round++)
		for (size_t i = 0; i < SHARED; i++) {
			struct layout *lay = layout_flowchart(&shared[i], fs);
			if (!same_layout(lay, serial[i]))
				*same = false;
			layout_free(lay);
		}
	return NULL;
}

static void test_same_on_four_threads(void)
{
	for (size_t i = 0; i < SHARED; i++) {
		random_flowchart(&shared[i], 30);
		serial[i] = layout_flowchart(&shared[i], fs);
	}
	pthread_t t[4];
	bool same[4];
	for (int i = 0; i < 4; i++)
		CHECK(pthread_create(&t[i], NULL, lay_out_all, &same[i]) == 0);
	for (int i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		CHECK(same[i]);
	}
	for (size_t i = 0; i < SHARED; i++) {
		layout_free(serial[i]);
		free_flowchart(&shared[i]);
	}
}

/* The outline helpers on shapes whose answers are known: a straight
 * line from a circle's centre to a square's is cut at the circle's radius
 * and at the square's near side. */
static void test_contains_and_clip(void)
{
	struct paint_path circle = {0}, square = {0}, extra = {0};
	paint_shape_path(LAY_SHAPE_CIRCLE, (struct lay_rect){50, 50, 100, 100}, &circle, &extra);
	paint_shape_path(LAY_SHAPE_RECT, (struct lay_rect){250, 50, 100, 100}, &square, &extra);
	CHECK(paint_path_contains(&circle, 100, 100));
	CHECK(paint_path_contains(&circle, 100 + 49.9 / sqrt(2), 100 + 49.9 / sqrt(2)));
	CHECK(!paint_path_contains(&circle, 100 + 50.1 / sqrt(2), 100 - 50.1 / sqrt(2)));
	CHECK(!paint_path_contains(&circle, 55, 55));       /* inside the box, outside the circle */
	CHECK(paint_path_contains(&square, 251, 149) && !paint_path_contains(&square, 249, 100));
	struct lay_point line[4] = {{100, 100}, {166, 100}, {233, 100}, {300, 100}};
	size_t n = paint_curve_clip(line, 4, &circle, &square);
	CHECK(n == 4);
	CHECK(fabs(line[0].x - 150) < 0.05 && fabs(line[0].y - 100) < 1e-9);
	CHECK(fabs(line[3].x - 250) < 1e-6 && fabs(line[3].y - 100) < 1e-9);
	/* Two segments: the cut drops the first, which never leaves the circle. */
	struct lay_point two[7] = {{100, 100}, {110, 100}, {120, 100}, {130, 100}, {170, 100}, {210, 100}, {250, 100}};
	n = paint_curve_clip(two, 7, &circle, NULL);
	CHECK(n == 4 && fabs(two[0].x - 150) < 0.05 && two[3].x == 250);
	paint_path_free(&circle);
	paint_path_free(&square);
	paint_path_free(&extra);
}

static void test_empty(void)
{
	struct mmd_flowchart f = {.dir = MMD_DIR_TB};
	struct layout *lay = layout_flowchart(&f, fs);
	CHECK(lay->nnodes == 0 && lay->nedges == 0 && lay->nframes == 0);
	CHECK(lay->width >= 0 && lay->height >= 0);
	layout_free(lay);
}

int main(void)
{
	struct diag d;
	diag_init(&d, stderr);
	fs = font_load(TEST_ROOT "/theme/static/fonts", &d);
	if (fs == NULL)
		return 1;
	RUN(test_every_shape_and_direction);
	RUN(test_loops_and_parallel_edges);
	RUN(test_subgraphs);
	RUN(test_long_labels_wrap);
	RUN(test_random_graphs);
	RUN(test_same_on_four_threads);
	RUN(test_contains_and_clip);
	RUN(test_empty);
	font_free(fs);
	diag_free(&d);
	return harness_done();
}
