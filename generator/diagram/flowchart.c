/*
 * flowchart: a Mermaid flowchart laid out by Graphviz's dot, in this
 * process.
 *
 * Three steps: every size is measured first with Folio's fonts (nodes'
 * shapes around their wrapped text, edge labels, subgraph titles); then,
 * under one lock, dot is handed a graph of fixed-size boxes (a labelled
 * edge runs through a box of its label's size, a subgraph's title is a
 * fixed-size label) and returns positions and splines; last, the
 * positions are turned into the layout's coordinates (y down, from the
 * top left) and each spline is cut where it leaves and enters the
 * outlines the painters draw (paint_shape_path).
 * Graphviz's headers define many macros: they stay in this file.
 */
#include "diagram/flowchart.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gvc.h>
#include <gvplugin.h>

#include "base/xalloc.h"
#include "diagram/paint.h"

/* Text: the sizes of the resources' diagrams (layout.c). */
#define NODE_SIZE 15.0          /* a node's text, regular */
#define LABEL_SIZE 13.0         /* an edge's label, regular */
#define TITLE_SIZE 13.0         /* a subgraph's title, bold */
#define NODE_WRAP 200.0         /* the widest line in a box-like shape */
#define ROUND_WRAP 120.0        /* in a diamond or circle, which grow twice as fast */
#define LABEL_WRAP 160.0
#define TITLE_WRAP 200.0
/* Room around the text inside a shape. */
#define PAD_X 15.0
#define PAD_Y 10.0
#define ROUND_PAD 6.0           /* diamond and circle: their corners are already far */
#define SUBROUTINE_INSET 8.0    /* shape.c's inner lines */
#define PLATE_PAD 4.0           /* around an edge label */
#define TITLE_PAD 6.0           /* around a subgraph's title */
/* Spacing, as Mermaid's defaults: 50 px between ranks and between nodes. */
#define RANK_GAP 50.0
#define NODE_GAP 50.0
#define MARGIN 8.0

/* Graphviz's dot layout, linked in (Makefile: GV_DOT_LIBS). */
extern gvplugin_library_t gvplugin_dot_layout_LTX_library;

/* ---- text ------------------------------------------------------------ */

/* Wraps text into t (role, face and size given) no wider than width. */
static void wrap(struct lay_text *t, const struct fontset *fs, enum lay_role role, enum font_face face, double size,
                 const char *text, double width)
{
	t->role = role;
	layout_wrap(fs, face, size, text ? text : "", width, t);
	double widest = 0;
	for (size_t i = 0; i < t->n; i++)
		widest = fmax(widest, t->lines[i].width);
	t->box.w = widest;
	t->box.h = layout_text_height(t);
}

/* Places t's lines centred on cx, the first line's top at top, as the
 * lanes layout places its texts. */
static void place_text(struct lay_text *t, const struct fontset *fs, double cx, double top)
{
	layout_place_text(t, fs, cx - t->box.w / 2, t->box.w, top);
}

/* ---- shapes ---------------------------------------------------------- */

static enum lay_shape shape_of(enum mmd_shape s)
{
	switch (s) {
	case MMD_SHAPE_RECT: return LAY_SHAPE_RECT;
	case MMD_SHAPE_ROUNDED: return LAY_SHAPE_ROUNDED;
	case MMD_SHAPE_STADIUM: return LAY_SHAPE_STADIUM;
	case MMD_SHAPE_DATABASE: return LAY_SHAPE_CYLINDER;
	case MMD_SHAPE_CIRCLE: return LAY_SHAPE_CIRCLE;
	case MMD_SHAPE_DECISION: return LAY_SHAPE_DIAMOND;
	case MMD_SHAPE_SUBROUTINE: return LAY_SHAPE_SUBROUTINE;
	case MMD_SHAPES: break;
	}
	return LAY_SHAPE_RECT;
}

/* The size of node's shape around its wrapped text (tw x th), so that the
 * text lies inside the outline paint_shape_path draws; *text_dy is how far
 * the text's centre sits below the box's. */
static void shape_size(enum lay_shape shape, double tw, double th, double *w, double *h, double *text_dy)
{
	*text_dy = 0;
	switch (shape) {
	case LAY_SHAPE_STADIUM:
		/* The text clear of the half circles at both ends. */
		*h = th + 2 * PAD_Y;
		*w = tw + 2 * PAD_X + *h;
		break;
	case LAY_SHAPE_CYLINDER: {
		/* Below the lid's front (two radii down), above the bottom's curve. */
		*w = tw + 2 * PAD_X;
		/* The height is not known yet: the lid set by the width
		 * alone, which the cap at a quarter of it only shrinks. */
		double ry = paint_lid_radius(*w, HUGE_VAL);
		*h = 2 * ry + th + 2 * PAD_Y + ry;
		*text_dy = ry / 2;
		break;
	}
	case LAY_SHAPE_CIRCLE:
		/* The text box's corners on a circle of its diagonal. */
		*w = *h = sqrt(tw * tw + th * th) + 2 * ROUND_PAD;
		break;
	case LAY_SHAPE_DIAMOND:
		/* Twice the text box: its corners halfway along the sides. */
		*w = 2 * (tw + ROUND_PAD);
		*h = 2 * (th + ROUND_PAD);
		break;
	case LAY_SHAPE_SUBROUTINE:
		*w = tw + 2 * (SUBROUTINE_INSET + PAD_X);
		*h = th + 2 * PAD_Y;
		break;
	default:
		*w = tw + 2 * PAD_X;
		*h = th + 2 * PAD_Y;
		break;
	}
}

/* ---- what is measured before dot runs ------------------------------------ */

struct measured {
	double *text_dy;        /* per node: its text's centre below its box's */
	struct lay_rect *titles;        /* per group: the room its title takes (w, h) */
	struct lay_text *title_text;    /* per group */
};

static void measure_nodes(const struct mmd_flowchart *f, const struct fontset *fs, struct layout *lay,
                          struct measured *m)
{
	for (size_t i = 0; i < f->nnodes; i++) {
		struct lay_node *n = &lay->nodes[i];
		n->id = xstrdup(f->nodes[i].id);
		n->role = ROLE_NODE;
		n->shape = shape_of(f->nodes[i].shape);
		bool round = n->shape == LAY_SHAPE_DIAMOND || n->shape == LAY_SHAPE_CIRCLE;
		wrap(&n->name, fs, ROLE_NODE_NAME, FONT_REGULAR, NODE_SIZE, f->nodes[i].label,
		     round ? ROUND_WRAP : NODE_WRAP);
		n->detail.face = FONT_REGULAR;
		n->detail.size = NODE_SIZE;
		n->detail.role = ROLE_NODE_DETAIL;
		shape_size(n->shape, n->name.box.w, n->name.box.h, &n->box.w, &n->box.h, &m->text_dy[i]);
	}
}

static void measure_edges(const struct mmd_flowchart *f, const struct fontset *fs, struct layout *lay)
{
	for (size_t i = 0; i < f->nedges; i++) {
		const struct mmd_edge *in = &f->edges[i];
		struct lay_edge *e = &lay->edges[i];
		e->from = in->from;
		e->to = in->to;
		e->head = in->head ? LAY_HEAD_FILLED : LAY_HEAD_NONE;
		e->role = in->stroke == MMD_STROKE_DOTTED  ? ROLE_EDGE_DOTTED
		          : in->stroke == MMD_STROKE_THICK ? ROLE_EDGE_HEAVY
		                                           : ROLE_EDGE_PLAIN;
		if (in->label && *in->label)
			wrap(&e->label, fs, ROLE_LABEL, FONT_REGULAR, LABEL_SIZE, in->label, LABEL_WRAP);
		else {
			e->label.role = ROLE_LABEL;
			e->label.face = FONT_REGULAR;
			e->label.size = LABEL_SIZE;
		}
		/* The plate, in whole pixels: the node that holds its room in dot. */
		if (e->label.n) {
			e->plate.w = ceil(e->label.box.w + 2 * PLATE_PAD);
			e->plate.h = ceil(e->label.box.h + 2 * PLATE_PAD);
		}
		e->tag.role = ROLE_TAG;
		e->number.role = ROLE_BADGE_TEXT;
	}
}

static void measure_groups(const struct mmd_flowchart *f, const struct fontset *fs, struct measured *m)
{
	for (size_t i = 0; i < f->ngroups; i++) {
		struct lay_text *t = &m->title_text[i];
		wrap(t, fs, ROLE_GROUP_TITLE, FONT_BOLD, TITLE_SIZE, f->groups[i].title, TITLE_WRAP);
		m->titles[i].w = ceil(t->box.w + 2 * TITLE_PAD);
		m->titles[i].h = ceil(t->box.h + 2 * TITLE_PAD);
	}
}

/* ---- dot ------------------------------------------------------------- */

/* What dot returns, in its coordinates (points = CSS px, y up). */
struct placed {
	struct lay_point *centre;       /* per node */
	struct lay_point **spline;      /* per edge: owned, 1 + 3k points; NULL: none */
	size_t *nspline;
	struct lay_point *label;        /* per edge: its label's centre */
	struct lay_rect *group_bb;      /* per group: x, y the lower left, w, h */
	struct lay_point *title;        /* per group: its title's centre */
	struct lay_rect bb;
};

/*
 * Object ids that follow the order objects are made in.  Graphviz's own
 * discipline takes a named object's id from the address of its interned
 * name, and dot visits subgraphs in id order: the layout would then hang
 * on where malloc put the names, which differs between threads.  Here a
 * named object (the graph, its clusters) gets the next even number and an
 * anonymous one (every node and edge) the next odd one, per graph.
 */
struct seq_ids {
	IDTYPE next;
	char **names;           /* owned: names[k] is the name of id 2k */
	size_t n;
};

static void *seq_open(Agraph_t *g, Agdisc_t *disc)
{
	(void)g;
	(void)disc;
	return xcalloc(1, sizeof(struct seq_ids));
}

static long seq_map(void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
	(void)objtype;
	struct seq_ids *ids = state;
	if (str == NULL) {
		if (!createflag)
			return 0;
		*id = 2 * ids->next++ + 1;
		return 1;
	}
	for (size_t k = 0; k < ids->n; k++)
		if (strcmp(ids->names[k], str) == 0) {
			*id = 2 * (IDTYPE)k;
			return 1;
		}
	if (!createflag)
		return 0;
	ids->names = xrealloc(ids->names, (ids->n + 1) * sizeof *ids->names);
	ids->names[ids->n] = xstrdup(str);
	*id = 2 * (IDTYPE)ids->n++;
	return 1;
}

static long seq_alloc(void *state, int objtype, IDTYPE id)
{
	(void)state;
	(void)objtype;
	(void)id;
	return 1;
}

static void seq_free(void *state, int objtype, IDTYPE id)
{
	(void)state;
	(void)objtype;
	(void)id;
}

static char *seq_print(void *state, int objtype, IDTYPE id)
{
	(void)objtype;
	struct seq_ids *ids = state;
	return id % 2 == 0 && id / 2 < ids->n ? ids->names[id / 2] : NULL;
}

static void seq_close(void *state)
{
	struct seq_ids *ids = state;
	for (size_t k = 0; k < ids->n; k++)
		free(ids->names[k]);
	free(ids->names);
	free(ids);
}

static void seq_register(void *state, int objtype, void *obj)
{
	(void)state;
	(void)objtype;
	(void)obj;
}

static Agiddisc_t seq_id_disc = {seq_open, seq_map, seq_alloc, seq_free, seq_print, seq_close, seq_register};
static Agdisc_t seq_disc = {&AgMemDisc, &seq_id_disc, &AgIoDisc};

static const char *rankdir_of(enum mmd_dir d)
{
	switch (d) {
	case MMD_DIR_BT: return "BT";
	case MMD_DIR_LR: return "LR";
	case MMD_DIR_RL: return "RL";
	case MMD_DIR_TB: break;
	}
	return "TB";
}

static void set_inches(void *obj, const char *name, double px)
{
	char v[32];
	snprintf(v, sizeof v, "%.6f", px / 72);
	agsafeset(obj, (char *)name, v, "");
}

/* A label of exactly w x h points, in which Graphviz sets no text. */
static void set_fixed_label(Agraph_t *g, void *obj, double w, double h)
{
	char v[256];
	snprintf(v, sizeof v,
	         "<TABLE FIXEDSIZE=\"TRUE\" WIDTH=\"%d\" HEIGHT=\"%d\" BORDER=\"0\" CELLPADDING=\"0\" "
	         "CELLSPACING=\"0\"><TR><TD></TD></TR></TABLE>",
	         (int)w, (int)h);
	char *html = agstrdup_html(g, v);
	agsafeset(obj, "label", html, "");
	agstrfree(g, html);
}

/* Whether group g is group h or lies inside it (both 1 + index; 0: none). */
static bool within_group(const struct mmd_flowchart *f, size_t g, size_t h)
{
	for (; g; g = f->groups[g - 1].parent)
		if (g == h)
			return true;
	return false;
}

/* Whether group gi (or a group inside it) holds a node. */
static bool group_has_nodes(const struct mmd_flowchart *f, size_t gi)
{
	for (size_t i = 0; i < f->nnodes; i++)
		if (within_group(f, f->nodes[i].group, gi + 1))
			return true;
	return false;
}

static Agraph_t **build_clusters(Agraph_t *g, const struct mmd_flowchart *f, const struct measured *m)
{
	Agraph_t **sub = xcalloc(f->ngroups ? f->ngroups : 1, sizeof *sub);
	/* A parent comes before its children in the text, so is made first. */
	for (size_t i = 0; i < f->ngroups; i++) {
		char name[32];
		snprintf(name, sizeof name, "cluster_%zu", i);
		size_t parent = f->groups[i].parent;
		sub[i] = agsubg(parent && sub[parent - 1] ? sub[parent - 1] : g, name, 1);
		set_fixed_label(g, sub[i], m->titles[i].w, m->titles[i].h);
		/* dot turns a cluster's label with the ranks: for bottom to top,
		 * its "bottom" is the picture's top; for right to left, its
		 * "right" the picture's left. */
		agsafeset(sub[i], "labeljust", f->dir == MMD_DIR_RL ? "r" : "l", "");
		agsafeset(sub[i], "labelloc", f->dir == MMD_DIR_BT ? "b" : "t", "");
		if (!group_has_nodes(f, i)) {
			/* dot drops an empty cluster: an invisible node keeps its frame. */
			Agnode_t *n = agnode(sub[i], NULL, 1);
			set_inches(n, "width", m->titles[i].w);
			set_inches(n, "height", m->titles[i].h);
			agsafeset(n, "style", "invis", "");
		}
	}
	return sub;
}

/* The graph handed to dot, and the objects it holds for each of ours.
 * An edge with a label is two edges through a node the size of its
 * plate (label[i]), as Mermaid draws it: the label sits on the line.
 * (dot's own edge labels would sit beside it, and Graphviz 2.42 writes
 * out of bounds laying out a labelled edge between two nodes of one rank
 * inside a cluster.) */
struct dot_graph {
	Agraph_t *g;
	Agraph_t **sub;         /* per group */
	Agnode_t **node;        /* per node */
	Agedge_t **edge;        /* per edge: the whole edge, or its half into its label */
	Agedge_t **rest;        /* per edge: its half out of its label; NULL: none */
	Agnode_t **label;       /* per edge: its label's node; NULL: none */
};

/* The innermost subgraph holding both groups a and b (1 + index; 0: the graph). */
static size_t common_group(const struct mmd_flowchart *f, size_t a, size_t b)
{
	for (; a; a = f->groups[a - 1].parent)
		if (within_group(f, b, a))
			return a;
	return 0;
}

static void add_edges(struct dot_graph *dg, const struct mmd_flowchart *f, const struct layout *lay)
{
	for (size_t i = 0; i < f->nedges; i++) {
		Agnode_t *from = dg->node[f->edges[i].from], *to = dg->node[f->edges[i].to];
		const struct lay_edge *e = &lay->edges[i];
		if (e->label.n == 0) {
			dg->edge[i] = agedge(dg->g, from, to, NULL, 1);
			continue;
		}
		size_t group = common_group(f, f->nodes[e->from].group, f->nodes[e->to].group);
		dg->label[i] = agnode(group ? dg->sub[group - 1] : dg->g, NULL, 1);
		set_inches(dg->label[i], "width", e->plate.w);
		set_inches(dg->label[i], "height", e->plate.h);
		dg->edge[i] = agedge(dg->g, from, dg->label[i], NULL, 1);
		dg->rest[i] = agedge(dg->g, dg->label[i], to, NULL, 1);
		/* Keep the two halves in line, as one edge would be. */
		agsafeset(dg->edge[i], "weight", "2", "1");
		agsafeset(dg->rest[i], "weight", "2", "1");
	}
}

static void build_graph(struct dot_graph *dg, const struct mmd_flowchart *f, const struct layout *lay,
                        const struct measured *m)
{
	Agraph_t *g = dg->g = agopen("flowchart", Agdirected, &seq_disc);
	agattr(g, AGRAPH, "rankdir", (char *)rankdir_of(f->dir));
	char v[32];
	snprintf(v, sizeof v, "%.6f", NODE_GAP / 72);
	agattr(g, AGRAPH, "nodesep", v);
	snprintf(v, sizeof v, "%.6f", RANK_GAP / 72);
	agattr(g, AGRAPH, "ranksep", v);
	agattr(g, AGNODE, "shape", "box");
	agattr(g, AGNODE, "fixedsize", "true");
	agattr(g, AGNODE, "label", "");
	agattr(g, AGEDGE, "dir", "none");
	agattr(g, AGEDGE, "headclip", "false");
	agattr(g, AGEDGE, "tailclip", "false");
	dg->sub = build_clusters(g, f, m);
	for (size_t i = 0; i < f->nnodes; i++) {
		size_t group = f->nodes[i].group;
		dg->node[i] = agnode(group ? dg->sub[group - 1] : g, NULL, 1);
		set_inches(dg->node[i], "width", lay->nodes[i].box.w);
		set_inches(dg->node[i], "height", lay->nodes[i].box.h);
	}
	add_edges(dg, f, lay);
}

static struct lay_point centre_of(Agnode_t *n)
{
	return (struct lay_point){ND_coord(n).x, ND_coord(n).y};
}

/* Appends the spline of e, turned to run from a (a node's centre) to the
 * other end, to out (*n points so far: the first piece gives all its
 * points, a later one all but its first, which is the last one's end). */
static void append_spline(Agedge_t *e, struct lay_point a, struct lay_point **out, size_t *n)
{
	if (ED_spl(e) == NULL || ED_spl(e)->size < 1 || ED_spl(e)->list[0].size < 4)
		return;
	const bezier *bz = &ED_spl(e)->list[0];
	size_t k = (size_t)bz->size;
	k -= (k - 1) % 3;
	struct lay_point first = {bz->list[0].x, bz->list[0].y}, last = {bz->list[k - 1].x, bz->list[k - 1].y};
	bool reversed = hypot(last.x - a.x, last.y - a.y) < hypot(first.x - a.x, first.y - a.y);
	*out = xrealloc(*out, (*n + k) * sizeof **out);
	for (size_t i = *n ? 1 : 0; i < k; i++) {
		size_t j = reversed ? k - 1 - i : i;
		(*out)[(*n)++] = (struct lay_point){bz->list[j].x, bz->list[j].y};
	}
}

static void read_layout(const struct dot_graph *dg, const struct mmd_flowchart *f, struct placed *p)
{
	boxf bb = GD_bb(dg->g);
	p->bb = (struct lay_rect){bb.LL.x, bb.LL.y, bb.UR.x - bb.LL.x, bb.UR.y - bb.LL.y};
	for (size_t i = 0; i < f->nnodes; i++)
		p->centre[i] = centre_of(dg->node[i]);
	for (size_t i = 0; i < f->nedges; i++) {
		struct lay_point from = p->centre[f->edges[i].from];
		if (dg->label[i] == NULL) {
			/* A loop starts and ends at one centre: it keeps dot's direction. */
			append_spline(dg->edge[i], f->edges[i].from == f->edges[i].to ? (struct lay_point){NAN, NAN} : from,
			              &p->spline[i], &p->nspline[i]);
			continue;
		}
		p->label[i] = centre_of(dg->label[i]);
		append_spline(dg->edge[i], from, &p->spline[i], &p->nspline[i]);
		append_spline(dg->rest[i], p->label[i], &p->spline[i], &p->nspline[i]);
	}
	for (size_t i = 0; i < f->ngroups; i++) {
		boxf b = GD_bb(dg->sub[i]);
		p->group_bb[i] = (struct lay_rect){b.LL.x, b.LL.y, b.UR.x - b.LL.x, b.UR.y - b.LL.y};
		if (GD_label(dg->sub[i]))
			p->title[i] = (struct lay_point){GD_label(dg->sub[i])->pos.x, GD_label(dg->sub[i])->pos.y};
	}
}

/* Graphviz keeps global state (its error level, its string pool): one
 * layout at a time. */
static pthread_mutex_t dot_lock = PTHREAD_MUTEX_INITIALIZER;

/* Runs dot; false when it failed (p then holds nothing). */
static bool run_dot(const struct mmd_flowchart *f, const struct layout *lay, const struct measured *m,
                    struct placed *p)
{
	lt_symlist_t syms[] = {{"gvplugin_dot_layout_LTX_library", &gvplugin_dot_layout_LTX_library}, {0, 0}};
	size_t ne = f->nedges ? f->nedges : 1;
	struct dot_graph dg = {NULL, NULL, xcalloc(f->nnodes ? f->nnodes : 1, sizeof *dg.node),
	                       xcalloc(ne, sizeof *dg.edge), xcalloc(ne, sizeof *dg.rest), xcalloc(ne, sizeof *dg.label)};
	pthread_mutex_lock(&dot_lock);
	/* Graphviz's warnings would go to stderr: the input is Folio's own. */
	agseterr(AGMAX);
	GVC_t *gvc = gvContextPlugins(syms, 0);
	build_graph(&dg, f, lay, m);
	bool ok = gvLayout(gvc, dg.g, "dot") == 0;
	if (ok) {
		read_layout(&dg, f, p);
		gvFreeLayout(gvc, dg.g);
	}
	agclose(dg.g);
	gvFreeContext(gvc);
	pthread_mutex_unlock(&dot_lock);
	free(dg.sub);
	free(dg.node);
	free(dg.edge);
	free(dg.rest);
	free(dg.label);
	return ok;
}

/* ---- from dot's coordinates to the layout's ------------------------------ */

/* Moves dot's points (y up) to the layout's (y down) with the bounding box
 * of everything at MARGIN, MARGIN. */
struct frame_of_ref {
	double left, top;       /* dot's x and y at the layout's MARGIN, MARGIN */
};

static struct lay_point to_layout(const struct frame_of_ref *r, struct lay_point p)
{
	return (struct lay_point){p.x - r->left + MARGIN, r->top - p.y + MARGIN};
}

/* The extent, in dot's coordinates, of everything drawn: nodes, labels,
 * frames, splines (their control points hold the curves). */
static struct lay_rect extent(const struct layout *lay, const struct placed *p, const struct mmd_flowchart *f)
{
	double x0 = p->bb.x, y0 = p->bb.y, x1 = p->bb.x + p->bb.w, y1 = p->bb.y + p->bb.h;
#define GROW(ax, ay, bx, by) (x0 = fmin(x0, ax), y0 = fmin(y0, ay), x1 = fmax(x1, bx), y1 = fmax(y1, by))
	for (size_t i = 0; i < lay->nnodes; i++) {
		const struct lay_rect *b = &lay->nodes[i].box;
		GROW(p->centre[i].x - b->w / 2, p->centre[i].y - b->h / 2, p->centre[i].x + b->w / 2,
		     p->centre[i].y + b->h / 2);
	}
	for (size_t i = 0; i < lay->nedges; i++) {
		for (size_t k = 0; k < p->nspline[i]; k++)
			GROW(p->spline[i][k].x, p->spline[i][k].y, p->spline[i][k].x, p->spline[i][k].y);
		const struct lay_rect *pl = &lay->edges[i].plate;
		if (lay->edges[i].label.n)
			GROW(p->label[i].x - pl->w / 2, p->label[i].y - pl->h / 2, p->label[i].x + pl->w / 2,
			     p->label[i].y + pl->h / 2);
	}
	for (size_t i = 0; i < f->ngroups; i++) {
		const struct lay_rect *b = &p->group_bb[i];
		GROW(b->x, b->y, b->x + b->w, b->y + b->h);
	}
#undef GROW
	return (struct lay_rect){x0, y0, x1 - x0, y1 - y0};
}

static void place_nodes(struct layout *lay, const struct placed *p, const struct measured *m,
                        const struct frame_of_ref *r, const struct fontset *fs)
{
	for (size_t i = 0; i < lay->nnodes; i++) {
		struct lay_node *n = &lay->nodes[i];
		struct lay_point c = to_layout(r, p->centre[i]);
		n->box.x = c.x - n->box.w / 2;
		n->box.y = c.y - n->box.h / 2;
		place_text(&n->name, fs, c.x, c.y + m->text_dy[i] - n->name.box.h / 2);
	}
}

/* A straight piece from a to b as a cubic segment, appended at out. */
static void straight(struct lay_point *out, struct lay_point a, struct lay_point b)
{
	out[0] = (struct lay_point){a.x + (b.x - a.x) / 3, a.y + (b.y - a.y) / 3};
	out[1] = (struct lay_point){a.x + (b.x - a.x) * 2 / 3, a.y + (b.y - a.y) * 2 / 3};
	out[2] = b;
}

static double distance(struct lay_point a, struct lay_point b)
{
	return hypot(a.x - b.x, a.y - b.y);
}

/* The edge's line from its from-node's centre to its to-node's, in the
 * layout's coordinates: dot's spline (already running from the from-node
 * on), with a straight piece added at an end that is not at its node's
 * centre (a loop starts beside it), so the line surely crosses each
 * outline; *n its points. */
static struct lay_point *edge_line(const struct lay_edge *e, const struct layout *lay, const struct lay_point *sp,
                                   size_t nsp, const struct frame_of_ref *r, size_t *n)
{
	struct lay_point a = {lay->nodes[e->from].box.x + lay->nodes[e->from].box.w / 2,
	                      lay->nodes[e->from].box.y + lay->nodes[e->from].box.h / 2};
	struct lay_point b = {lay->nodes[e->to].box.x + lay->nodes[e->to].box.w / 2,
	                      lay->nodes[e->to].box.y + lay->nodes[e->to].box.h / 2};
	struct lay_point *out = xcalloc(nsp + 6 + 1, sizeof *out);
	size_t k = 0;
	out[k++] = a;
	if (nsp >= 4) {
		struct lay_point first = to_layout(r, sp[0]), last = to_layout(r, sp[nsp - 1]);
		if (distance(first, a) > 0.01) {
			straight(out + k, a, first);
			k += 3;
		}
		for (size_t i = 1; i < nsp; i++)
			out[k++] = to_layout(r, sp[i]);
		if (distance(last, b) > 0.01) {
			straight(out + k, last, b);
			k += 3;
		}
	} else {
		straight(out + k, a, b);
		k += 3;
	}
	*n = k;
	return out;
}

static void place_edges(struct layout *lay, const struct placed *p, const struct frame_of_ref *r,
                        const struct fontset *fs)
{
	for (size_t i = 0; i < lay->nedges; i++) {
		struct lay_edge *e = &lay->edges[i];
		struct paint_path from = {0}, to = {0}, extra = {0};
		paint_shape_path(lay->nodes[e->from].shape, lay->nodes[e->from].box, &from, &extra);
		paint_shape_path(lay->nodes[e->to].shape, lay->nodes[e->to].box, &to, &extra);
		e->pts = edge_line(e, lay, p->spline[i], p->nspline[i], r, &e->npts);
		e->npts = paint_curve_clip(e->pts, e->npts, &from, &to);
		e->x1 = e->pts[0].x;
		e->y1 = e->pts[0].y;
		e->x2 = e->pts[e->npts - 1].x;
		e->y2 = e->pts[e->npts - 1].y;
		paint_path_free(&from);
		paint_path_free(&to);
		paint_path_free(&extra);
		if (e->label.n) {
			struct lay_point c = to_layout(r, p->label[i]);
			e->plate.x = c.x - e->plate.w / 2;
			e->plate.y = c.y - e->plate.h / 2;
			place_text(&e->label, fs, c.x, c.y - e->label.box.h / 2);
		}
	}
}

static void place_frames(struct layout *lay, const struct mmd_flowchart *f, const struct placed *p,
                         struct measured *m, const struct frame_of_ref *r, const struct fontset *fs)
{
	lay->nframes = f->ngroups;
	lay->frames = xcalloc(f->ngroups ? f->ngroups : 1, sizeof *lay->frames);
	/* Groups are in the order they open: an outer one before those inside it. */
	for (size_t i = 0; i < f->ngroups; i++) {
		struct lay_frame *fr = &lay->frames[i];
		const struct lay_rect *b = &p->group_bb[i];
		struct lay_point tl = to_layout(r, (struct lay_point){b->x, b->y + b->h});
		fr->role = ROLE_GROUP;
		fr->box = (struct lay_rect){tl.x, tl.y, b->w, b->h};
		fr->title = m->title_text[i];
		m->title_text[i] = (struct lay_text){0};
		/* Left-aligned in the room dot kept for it at the frame's top left. */
		struct lay_point c = to_layout(r, p->title[i]);
		double left = c.x - m->titles[i].w / 2 + TITLE_PAD;
		place_text(&fr->title, fs, left + fr->title.box.w / 2, c.y - fr->title.box.h / 2);
		for (size_t k = 0; k < fr->title.n; k++)
			fr->title.lines[k].x = left;
	}
}

/* When dot fails (it should not): the nodes in a column, straight edges. */
static void fallback(const struct mmd_flowchart *f, struct layout *lay, struct measured *m, struct placed *p)
{
	double y = 0;
	for (size_t i = 0; i < lay->nnodes; i++) {
		p->centre[i] = (struct lay_point){0, y - lay->nodes[i].box.h / 2};
		y -= lay->nodes[i].box.h + RANK_GAP;
	}
	for (size_t i = 0; i < lay->nedges; i++)
		p->label[i] = (struct lay_point){0, 0};
	for (size_t i = 0; i < f->ngroups; i++)
		p->group_bb[i] = (struct lay_rect){0, 0, m->titles[i].w, m->titles[i].h};
	p->bb = (struct lay_rect){0, y, 0, -y};
}

static void free_placed(struct placed *p, size_t nedges)
{
	for (size_t i = 0; i < nedges; i++)
		free(p->spline[i]);
	free(p->centre);
	free(p->spline);
	free(p->nspline);
	free(p->label);
	free(p->group_bb);
	free(p->title);
}

static void free_measured(struct measured *m, size_t ngroups)
{
	for (size_t i = 0; i < ngroups; i++) {
		for (size_t k = 0; k < m->title_text[i].n; k++)
			free(m->title_text[i].lines[k].text);
		free(m->title_text[i].lines);
	}
	free(m->text_dy);
	free(m->titles);
	free(m->title_text);
}

struct layout *layout_flowchart(const struct mmd_flowchart *f, const struct fontset *fs)
{
	struct layout *lay = xcalloc(1, sizeof *lay);
	lay->nnodes = f->nnodes;
	lay->nodes = xcalloc(f->nnodes ? f->nnodes : 1, sizeof *lay->nodes);
	lay->nedges = f->nedges;
	lay->edges = xcalloc(f->nedges ? f->nedges : 1, sizeof *lay->edges);
	size_t ng = f->ngroups ? f->ngroups : 1, ne = f->nedges ? f->nedges : 1;
	struct measured m = {xcalloc(f->nnodes ? f->nnodes : 1, sizeof *m.text_dy), xcalloc(ng, sizeof *m.titles),
	                     xcalloc(ng, sizeof *m.title_text)};
	measure_nodes(f, fs, lay, &m);
	measure_edges(f, fs, lay);
	measure_groups(f, fs, &m);

	struct placed p = {xcalloc(f->nnodes ? f->nnodes : 1, sizeof *p.centre), xcalloc(ne, sizeof *p.spline),
	                   xcalloc(ne, sizeof *p.nspline), xcalloc(ne, sizeof *p.label), xcalloc(ng, sizeof *p.group_bb),
	                   xcalloc(ng, sizeof *p.title), {0, 0, 0, 0}};
	if (f->nnodes && !run_dot(f, lay, &m, &p))
		fallback(f, lay, &m, &p);
	struct lay_rect all = extent(lay, &p, f);
	struct frame_of_ref r = {all.x, all.y + all.h};
	lay->width = all.w + 2 * MARGIN;
	lay->height = all.h + 2 * MARGIN;
	place_nodes(lay, &p, &m, &r, fs);
	place_edges(lay, &p, &r, fs);
	place_frames(lay, f, &p, &m, &r, fs);
	free_placed(&p, f->nedges);
	free_measured(&m, f->ngroups);
	return lay;
}
