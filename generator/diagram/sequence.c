/*
 * Two passes over the steps.  The first measures every text and notes,
 * for each pair of lifelines, the least distance the texts between them
 * need (labels, notes, loops, the bars that stand there at that row); the
 * lifelines then go left to right, each as far from the ones before it as
 * the farthest of those needs.  The second places the rows from the top,
 * each below the last: a block's frame is known only when it ends, from
 * what it holds, so its texts wait at x = 0 until then.  Finally the whole
 * is moved right so that what reaches left of the first lifeline (notes,
 * frames) lies inside the margin.
 */
#include "diagram/sequence.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "diagram/paint.h"

/* Every length is in CSS pixels.  Text sizes follow layout.c's boxes:
 * bold names, regular labels a little smaller. */
#define MARGIN 24.0
#define NAME_SIZE 14.0
#define LABEL_SIZE 13.0
#define NOTE_SIZE 13.0
#define BLOCK_SIZE 12.0
#define BADGE_SIZE 11.0
#define PART_MIN_W 96.0         /* a participant's box, at least */
#define PART_MAX_W 200.0        /* its name wraps beyond this */
#define PART_PAD 10.0
#define ACTOR_GAP 4.0           /* between an actor's figure and its name */
#define BOX_GAP 40.0            /* between two neighbouring participants' boxes */
#define LABEL_MAX_W 320.0       /* a message's text wraps beyond this */
#define LABEL_INSET 12.0        /* a label keeps this far from the lifelines it joins */
#define PLATE_PAD 4.0
#define ARROW_GAP 6.0           /* between a label's plate and its arrow */
#define HEAD 9.0                /* arrow head length */
#define ROW_GAP 14.0            /* between two rows */
#define FIRST_GAP 20.0          /* between the boxes and the first row */
#define SELF_W 40.0             /* a loop's control points reach this far right; the curve 3/4 of it */
#define SELF_H 18.0             /* a loop comes back this much lower */
#define SELF_LABEL_X 6.0        /* a loop's label starts this far right of its lifeline */
#define BADGE_D 18.0            /* an autonumber's disc, at least */
#define ACT_W 10.0              /* an activation bar */
#define ACT_SHIFT 5.0           /* a nested bar lies this much right of the one it is in */
#define ACT_MIN 8.0             /* a bar with no row inside is this tall */
#define NOTE_MAX_W 200.0        /* a note's text wraps beyond this */
#define NOTE_MIN_W 60.0
#define NOTE_PAD 7.0
#define NOTE_GAP 8.0            /* between a note and the lifeline it stands beside */
#define NOTE_OVERHANG 10.0      /* a note over lifelines reaches this far past them */
#define BLOCK_PAD 12.0          /* a block's frame keeps this far from what it holds */
#define BLOCK_BOTTOM 8.0        /* below a block's last row, inside its frame */
#define TAB_PAD_X 7.0
#define TAB_PAD_Y 3.0
#define TAB_CLEAR 4.0           /* between a block's tab and the first lifeline it holds */
#define LANE_CLEAR 20.0         /* the width of a lifeline with up to three bars nested */
#define COND_GAP 8.0            /* between a block's tab and its condition */
#define COND_MAX_W 320.0
#define HEADER_GAP 10.0         /* below a block's header or a divider's text */
#define BAND_TOP 8.0            /* a band's top above its first row */

static double max2(double a, double b)
{
	return a > b ? a : b;
}

static double min2(double a, double b)
{
	return a < b ? a : b;
}

/* ---- text ------------------------------------------------------------ */

static double widest_line(const struct lay_text *t)
{
	double w = 0;
	for (size_t i = 0; i < t->n; i++)
		w = max2(w, t->lines[i].width);
	return w;
}

static void wrap(const struct fontset *fs, struct lay_text *t, enum lay_role role, enum font_face face,
                 double size, const char *text, double width)
{
	t->role = role;
	t->face = face;
	t->size = size;
	layout_wrap(fs, face, size, text ? text : "", width, t);
}

static void shift_text(struct lay_text *t, double dx, double dy)
{
	for (size_t i = 0; i < t->n; i++) {
		t->lines[i].x += dx;
		t->lines[i].y += dy;
	}
	t->box.x += dx;
	t->box.y += dy;
}

/* ---- the working state ----------------------------------------------- */

struct open_block {
	size_t frame;
	double lo, hi;          /* what it holds spans [lo, hi]; lo > hi while nothing */
	double lane_lo;         /* the left side of the leftmost lifeline (and bars) it holds */
};

struct open_bar {
	size_t who, frame;
};

struct seq {
	const struct mmd_sequence *s;
	const struct fontset *fs;
	struct layout *lay;
	size_t n;               /* participants */
	double *box_w;          /* each participant's box */
	double box_h;           /* all of them */
	double *need;           /* n * n: the least distance from lifeline a to lifeline b > a */
	double *cx;             /* the lifelines */
	size_t *depth;          /* each participant's open activation bars */
	size_t nblocks, nacts;  /* frames: blocks and bands first, then bars, then notes */
	size_t next_edge, next_block, next_act, next_note;
	struct open_block *open;
	size_t nopen;
	struct open_bar *bars;
	size_t nbars;
	double y;               /* the next row's top */
	double anchor;          /* the last row's line: where a bar ends */
	double anchor_open;     /* where a bar starts: the same but for a loop's top */
	double bars_bottom;
};

/* How far the bars of a lifeline with depth open bars reach left and
 * right of it: nested bars step right. */
static double ext_left(size_t depth)
{
	return depth ? ACT_W / 2 : 0;
}

static double ext_right(size_t depth)
{
	return depth ? ACT_W / 2 + ACT_SHIFT * (double)(depth - 1) : 0;
}

/* How many bars deep participant p is on the row of step i: one more
 * than the highest nesting level among the bars there, those open before
 * it and those its own "+" (or an activate after it, before the next
 * row) opens there; one closed right after it still reaches the row. */
static size_t depth_at(const struct seq *q, size_t i, size_t p)
{
	if (p >= q->n)          /* beyond the last lifeline: nothing stands there */
		return 0;
	size_t d = q->depth[p], deepest = d;
	for (size_t j = i + 1; j < q->s->nsteps; j++) {
		const struct mmd_step *st = &q->s->steps[j];
		if (st->kind != MMD_STEP_ACTIVATE && st->kind != MMD_STEP_DEACTIVATE && st->kind != MMD_STEP_END)
			break;          /* a row of its own: bars start or end there */
		if (st->kind == MMD_STEP_END || st->from != p)
			continue;
		if (st->kind == MMD_STEP_DEACTIVATE && d > 0)
			d--;
		else if (st->kind == MMD_STEP_ACTIVATE && ++d > deepest)
			deepest = d;
	}
	return deepest;
}

static void track_depth(struct seq *q, const struct mmd_step *st)
{
	if (st->kind == MMD_STEP_ACTIVATE)
		q->depth[st->from]++;
	else if (st->kind == MMD_STEP_DEACTIVATE && q->depth[st->from] > 0)
		q->depth[st->from]--;
}

/* Lifelines a and b must stand at least d apart. */
static void require(struct seq *q, size_t a, size_t b, double d)
{
	if (a == b || a >= q->n || b >= q->n)
		return;
	if (a > b) {
		size_t t = a;
		a = b;
		b = t;
	}
	double *slot = &q->need[a * q->n + b];
	*slot = max2(*slot, d);
}

/* ---- measuring: the text of every step, and the room it needs -------- */

static double plate_width(const struct lay_text *label)
{
	return label->n ? widest_line(label) + 2 * PLATE_PAD : 0;
}

static double note_width(const struct lay_text *text)
{
	return max2(NOTE_MIN_W, widest_line(text) + 2 * NOTE_PAD);
}

static void measure_message(struct seq *q, size_t i, struct lay_edge *e)
{
	const struct mmd_step *st = &q->s->steps[i];
	wrap(q->fs, &e->label, ROLE_LABEL, FONT_REGULAR, LABEL_SIZE, st->text, LABEL_MAX_W - 2 * PLATE_PAD);
	double plate = plate_width(&e->label);
	if (st->from == st->to) {
		size_t p = st->from;
		double reach = max2(SELF_LABEL_X + plate, SELF_W * 0.75);
		if (p + 1 < q->n)
			require(q, p, p + 1,
			        ext_right(depth_at(q, i, p)) + reach + LABEL_INSET + ext_left(depth_at(q, i, p + 1)));
		return;
	}
	size_t lo = st->from < st->to ? st->from : st->to, hi = st->from < st->to ? st->to : st->from;
	require(q, lo, hi, ext_right(depth_at(q, i, lo)) + 2 * LABEL_INSET + plate + ext_left(depth_at(q, i, hi)));
}

static void measure_note(struct seq *q, size_t i, struct lay_frame *f)
{
	const struct mmd_step *st = &q->s->steps[i];
	f->role = ROLE_NOTE;
	wrap(q->fs, &f->title, ROLE_NOTE_TEXT, FONT_REGULAR, NOTE_SIZE, st->text, NOTE_MAX_W - 2 * NOTE_PAD);
	double w = note_width(&f->title);
	size_t a = st->from < st->to ? st->from : st->to, b = st->from < st->to ? st->to : st->from;
	if (st->place == MMD_NOTE_RIGHT) {
		require(q, a, a + 1, ext_right(depth_at(q, i, a)) + 2 * NOTE_GAP + w + ext_left(depth_at(q, i, a + 1)));
		return;
	}
	if (st->place == MMD_NOTE_LEFT) {
		if (a > 0)
			require(q, a - 1, a,
			        ext_right(depth_at(q, i, a - 1)) + 2 * NOTE_GAP + w + ext_left(depth_at(q, i, a)));
		return;
	}
	double left = ext_left(depth_at(q, i, a)) + NOTE_OVERHANG, right = ext_right(depth_at(q, i, b)) + NOTE_OVERHANG;
	if (a == b) {
		left = right = max2(w / 2, max2(left, right));
	} else {
		require(q, a, b, w - left - right);
	}
	if (a > 0)
		require(q, a - 1, a, ext_right(depth_at(q, i, a - 1)) + NOTE_GAP + left);
	require(q, b, b + 1, right + NOTE_GAP + ext_left(depth_at(q, i, b + 1 < q->n ? b + 1 : b)));
}

/* A participant's box (top or foot) with its name wrapped, not placed. */
static void start_node(struct seq *q, struct lay_node *node, size_t i, const char *id)
{
	const struct mmd_participant *p = &q->s->participants[i];
	node->id = xstrdup(id);
	node->role = ROLE_NODE;
	node->shape = p->actor ? LAY_SHAPE_ACTOR : LAY_SHAPE_RECT;
	node->detail = (struct lay_text){.face = FONT_REGULAR, .size = NAME_SIZE, .role = ROLE_NODE_DETAIL};
	wrap(q->fs, &node->name, ROLE_NODE_NAME, FONT_BOLD, NAME_SIZE, p->label ? p->label : p->id,
	     PART_MAX_W - 2 * PART_PAD);
}

static void measure_participants(struct seq *q)
{
	for (size_t i = 0; i < q->n; i++) {
		const struct mmd_participant *p = &q->s->participants[i];
		struct lay_node *node = &q->lay->nodes[i];
		start_node(q, node, i, p->id ? p->id : "");
		q->box_w[i] = max2(PART_MIN_W, widest_line(&node->name) + 2 * PART_PAD);
		double text_h = layout_text_height(&node->name);
		double h = p->actor ? PAINT_ACTOR_HEIGHT + ACTOR_GAP + text_h + PART_PAD / 2 : text_h + 2 * PART_PAD;
		q->box_h = max2(q->box_h, h);
		if (i > 0)
			require(q, i - 1, i, (q->box_w[i - 1] + q->box_w[i]) / 2 + BOX_GAP);
	}
}

/* Measures every text and fills need, following the bars as they open
 * and close. */
static void measure(struct seq *q)
{
	measure_participants(q);
	size_t edge = 0;
	struct lay_frame *note = q->lay->frames + q->nblocks + q->nacts;       /* notes go last */
	for (size_t i = 0; i < q->s->nsteps; i++) {
		const struct mmd_step *st = &q->s->steps[i];
		if (st->kind == MMD_STEP_MESSAGE)
			measure_message(q, i, &q->lay->edges[edge++]);
		else if (st->kind == MMD_STEP_NOTE)
			measure_note(q, i, note++);
		track_depth(q, st);
	}
	memset(q->depth, 0, q->n * sizeof *q->depth);
}

/* Each lifeline as far right of the ones before it as any of them needs. */
static void place_columns(struct seq *q)
{
	for (size_t b = 0; b < q->n; b++) {
		q->cx[b] = 0;
		for (size_t a = 0; a < b; a++)
			q->cx[b] = max2(q->cx[b], q->cx[a] + q->need[a * q->n + b]);
	}
}

/* ---- placing rows ---------------------------------------------------- */

/* What the innermost open block holds reaches from lo to hi. */
static void hold(struct seq *q, double lo, double hi)
{
	if (q->nopen == 0)
		return;
	struct open_block *b = &q->open[q->nopen - 1];
	if (b->lo > b->hi) {
		b->lo = lo;
		b->hi = hi;
	} else {
		b->lo = min2(b->lo, lo);
		b->hi = max2(b->hi, hi);
	}
}

static void hold_rect(struct seq *q, struct lay_rect r)
{
	if (r.w > 0 || r.h > 0)
		hold(q, r.x, r.x + r.w);
}

/* A block around a row that touches lifeline p holds its bars too, so
 * that no frame cuts through a bar. */
static void hold_lane(struct seq *q, size_t p, size_t depth)
{
	double left = q->cx[p] - max2(ext_left(depth), ACT_W / 2);
	hold(q, left, q->cx[p] + max2(ext_right(depth), ACT_W / 2));
	if (q->nopen > 0)
		q->open[q->nopen - 1].lane_lo = min2(q->open[q->nopen - 1].lane_lo, left);
}

static void place_label(struct seq *q, struct lay_edge *e, double left, double width, double top)
{
	double plate = plate_width(&e->label);
	if (e->label.n == 0)
		return;
	double x = left + (width - plate) / 2;
	layout_place_text(&e->label, q->fs, x + PLATE_PAD, plate - 2 * PLATE_PAD, top + PLATE_PAD);
	e->plate = (struct lay_rect){x, top, plate, layout_text_height(&e->label) + 2 * PLATE_PAD};
}

/* The autonumber's disc, centred on the arrow's start. */
static double badge_radius(const struct seq *q, int number, struct lay_text *t)
{
	if (number <= 0)
		return 0;
	char digits[24];
	snprintf(digits, sizeof digits, "%d", number);
	wrap(q->fs, t, ROLE_BADGE_TEXT, FONT_BOLD, BADGE_SIZE, digits, 1e9);
	return max2(BADGE_D, widest_line(t) + 6) / 2;
}

static void place_badge(struct seq *q, struct lay_edge *e, double r)
{
	if (e->number.n == 0)
		return;
	layout_place_text(&e->number, q->fs, e->x1 - r, 2 * r, e->y1 - layout_text_height(&e->number) / 2);
	e->number.box = (struct lay_rect){e->x1 - r, e->y1 - r, 2 * r, 2 * r};
}

static enum lay_head head_of(enum mmd_end end)
{
	switch (end) {
	case MMD_END_NONE:
		return LAY_HEAD_NONE;
	case MMD_END_CROSS:
		return LAY_HEAD_CROSS;
	case MMD_END_OPEN:
		return LAY_HEAD_OPEN;
	case MMD_END_HEAD:
		break;
	}
	return LAY_HEAD_FILLED;
}

/* A message to itself: a loop out to the right of its lifeline (or bars)
 * and back a little lower, its label above, starting beside the lifeline. */
static void place_self(struct seq *q, struct lay_edge *e, size_t depth, double line_y)
{
	double x = q->cx[e->from] + ext_right(depth);
	e->x1 = e->x2 = x;
	e->y1 = line_y;
	e->y2 = line_y + SELF_H;
	e->npts = 4;
	e->pts = xcalloc(4, sizeof *e->pts);
	e->pts[0] = (struct lay_point){x, e->y1};
	e->pts[1] = (struct lay_point){x + SELF_W, e->y1};
	e->pts[2] = (struct lay_point){x + SELF_W, e->y2};
	e->pts[3] = (struct lay_point){x, e->y2};
	place_label(q, e, x + SELF_LABEL_X, plate_width(&e->label), q->y);
	hold(q, x, x + SELF_W);
}

static void place_message(struct seq *q, size_t i)
{
	const struct mmd_step *st = &q->s->steps[i];
	struct lay_edge *e = &q->lay->edges[q->next_edge++];
	e->from = st->from;
	e->to = st->to;
	e->role = st->dotted ? ROLE_EDGE_DOTTED : ROLE_EDGE_PLAIN;
	e->head = head_of(st->end);
	double r = badge_radius(q, st->number, &e->number);
	double plate_h = e->label.n ? layout_text_height(&e->label) + 2 * PLATE_PAD : 0;
	double line_y = q->y + plate_h + max2(ARROW_GAP, r + 3);
	size_t df = depth_at(q, i, st->from), dt = depth_at(q, i, st->to);
	if (st->from == st->to) {
		place_self(q, e, df, line_y);
	} else {
		bool right = q->cx[st->to] > q->cx[st->from];
		e->x1 = q->cx[st->from] + (right ? ext_right(df) : -ext_left(df));
		e->x2 = q->cx[st->to] + (right ? -ext_left(dt) : ext_right(dt));
		e->y1 = e->y2 = line_y;
		double left = min2(e->x1, e->x2), right_x = max2(e->x1, e->x2);
		place_label(q, e, left, right_x - left, q->y);
		hold(q, left, right_x);
	}
	place_badge(q, e, r);
	hold_lane(q, st->from, df);
	hold_lane(q, st->to, dt);
	hold_rect(q, e->plate);
	hold_rect(q, e->number.box);
	q->anchor_open = e->y1;
	q->anchor = e->y2;
	q->y = max2(e->y2 + HEAD / 2, e->y1 + r) + ROW_GAP;
}

static void place_note(struct seq *q, size_t i)
{
	const struct mmd_step *st = &q->s->steps[i];
	struct lay_frame *f = &q->lay->frames[q->nblocks + q->nacts + q->next_note++];
	size_t a = st->from < st->to ? st->from : st->to, b = st->from < st->to ? st->to : st->from;
	double w = note_width(&f->title), x;
	if (st->place == MMD_NOTE_RIGHT) {
		x = q->cx[a] + ext_right(depth_at(q, i, a)) + NOTE_GAP;
	} else if (st->place == MMD_NOTE_LEFT) {
		x = q->cx[a] - ext_left(depth_at(q, i, a)) - NOTE_GAP - w;
	} else {
		double left = q->cx[a] - ext_left(depth_at(q, i, a)) - NOTE_OVERHANG;
		double right = q->cx[b] + ext_right(depth_at(q, i, b)) + NOTE_OVERHANG;
		if (a == b) {   /* centred on its lifeline */
			double half = max2(w / 2, max2(q->cx[a] - left, right - q->cx[a]));
			left = q->cx[a] - half;
			right = q->cx[a] + half;
		}
		w = max2(w, right - left);
		x = (left + right) / 2 - w / 2;
	}
	double h = layout_text_height(&f->title) + 2 * NOTE_PAD;
	f->box = (struct lay_rect){x, q->y, w, h};
	layout_place_text(&f->title, q->fs, x + NOTE_PAD, w - 2 * NOTE_PAD, q->y + NOTE_PAD);
	hold(q, x, x + w);
	hold_lane(q, a, depth_at(q, i, a));
	hold_lane(q, b, depth_at(q, i, b));
	q->anchor = q->anchor_open = q->y + h / 2;
	q->y += h + ROW_GAP;
}

static const char *const keyword[] = {
	[MMD_BLOCK_LOOP] = "loop", [MMD_BLOCK_ALT] = "alt", [MMD_BLOCK_OPT] = "opt", [MMD_BLOCK_PAR] = "par",
	[MMD_BLOCK_RECT] = "",
};

/* "[condition]", placed left-aligned at x = 0 with its top at y: the
 * block's x is known only when it ends (shift_text then). */
static void condition_text(struct seq *q, struct lay_text *t, const char *cond, double y)
{
	t->role = ROLE_BLOCK_TEXT;
	t->face = FONT_REGULAR;
	t->size = BLOCK_SIZE;
	if (cond == NULL || *cond == '\0')
		return;
	char *bracketed = xasprintf("[%s]", cond);
	wrap(q->fs, t, ROLE_BLOCK_TEXT, FONT_REGULAR, BLOCK_SIZE, bracketed, COND_MAX_W);
	free(bracketed);
	layout_place_text(t, q->fs, 0, widest_line(t), y);
}

/* A block's header: the keyword in its tab, the condition beside it. */
static double place_header(struct seq *q, struct lay_frame *f, const struct mmd_step *st)
{
	f->title = (struct lay_text){.role = ROLE_BLOCK_TEXT, .face = FONT_BOLD, .size = BLOCK_SIZE};
	if (st->block == MMD_BLOCK_RECT) {
		f->detail = (struct lay_text){.role = ROLE_BLOCK_TEXT, .face = FONT_REGULAR, .size = BLOCK_SIZE};
		return BAND_TOP;
	}
	wrap(q->fs, &f->title, ROLE_BLOCK_TEXT, FONT_BOLD, BLOCK_SIZE, keyword[st->block], 1e9);
	double kw = widest_line(&f->title);
	double tab_h = layout_text_height(&f->title) + 2 * TAB_PAD_Y;
	layout_place_text(&f->title, q->fs, TAB_PAD_X, kw, q->y + TAB_PAD_Y);
	f->tab = (struct lay_rect){0, q->y, kw + 2 * TAB_PAD_X, tab_h};
	condition_text(q, &f->detail, st->text, q->y + TAB_PAD_Y);
	if (f->detail.n)
		shift_text(&f->detail, f->tab.w + COND_GAP, 0);
	return max2(tab_h, layout_text_height(&f->detail) + 2 * TAB_PAD_Y);
}

static void begin_block(struct seq *q, const struct mmd_step *st)
{
	size_t index = q->next_block++;
	struct lay_frame *f = &q->lay->frames[index];
	f->role = st->block == MMD_BLOCK_RECT ? ROLE_BAND : ROLE_BLOCK;
	f->box.y = q->y;
	q->open = xrealloc(q->open, (q->nopen + 1) * sizeof *q->open);
	q->open[q->nopen++] = (struct open_block){index, 1, 0, 1e300};
	/* A bar opened right after the header starts at its foot, well above
	 * the next row's line. */
	q->y += place_header(q, f, st);
	q->anchor = q->anchor_open = st->block == MMD_BLOCK_RECT ? f->box.y : q->y;
	if (st->block != MMD_BLOCK_RECT)
		q->y += HEADER_GAP;
}

static void divide_block(struct seq *q, const struct mmd_step *st)
{
	if (q->nopen == 0)
		return;
	struct lay_frame *f = &q->lay->frames[q->open[q->nopen - 1].frame];
	f->dividers = xrealloc(f->dividers, (f->ndividers + 1) * sizeof *f->dividers);
	struct lay_divider *d = &f->dividers[f->ndividers++];
	*d = (struct lay_divider){.y = q->y};
	condition_text(q, &d->text, st->text, q->y + TAB_PAD_Y);
	q->y += d->text.n ? TAB_PAD_Y + layout_text_height(&d->text) : 0;
	q->anchor = q->anchor_open = q->y;
	q->y += HEADER_GAP;
}

/* How wide a block's frame must be for its header, its condition moved
 * right by cond_shift, and its dividers. */
static double header_width(const struct lay_frame *f, double cond_shift)
{
	double w = f->tab.w + (f->detail.n ? cond_shift + COND_GAP + widest_line(&f->detail) + COND_GAP : 0);
	for (size_t k = 0; k < f->ndividers; k++)
		if (f->dividers[k].text.n)
			w = max2(w, widest_line(&f->dividers[k].text) + 2 * COND_GAP);
	return w;
}

/* The block closes: its frame around what it holds (every lifeline when
 * it holds nothing), wide enough for its texts, which move into place.
 * Its tab stands left of the lifelines it holds, so that no lifeline or
 * bar (painted over blocks) crosses the keyword. */
static void end_block(struct seq *q)
{
	if (q->nopen == 0)
		return;
	struct open_block b = q->open[--q->nopen];
	struct lay_frame *f = &q->lay->frames[b.frame];
	double lo = b.lo, hi = b.hi;
	if (lo > hi) {
		lo = b.lane_lo = q->cx[0] - ACT_W / 2;
		hi = q->cx[q->n - 1] + ACT_W / 2;
	}
	double x = min2(lo - BLOCK_PAD, b.lane_lo - f->tab.w - TAB_CLEAR);
	/* The condition starts past that first lifeline and its bars. */
	double cond_shift = max2(0, b.lane_lo + LANE_CLEAR - (x + f->tab.w));
	double w = max2(hi + BLOCK_PAD - x, header_width(f, cond_shift));
	double bottom = q->y - ROW_GAP + BLOCK_BOTTOM;
	f->box = (struct lay_rect){x, f->box.y, w, bottom - f->box.y};
	f->tab.x += x;
	shift_text(&f->title, x, 0);
	shift_text(&f->detail, x + cond_shift, 0);
	for (size_t k = 0; k < f->ndividers; k++) {
		struct lay_divider *d = &f->dividers[k];
		d->x1 = x;
		d->x2 = x + w;
		shift_text(&d->text, x + (w - widest_line(&d->text)) / 2, 0);
	}
	q->y = bottom + ROW_GAP;
	hold(q, x, x + w);
	if (q->nopen > 0)
		q->open[q->nopen - 1].lane_lo = min2(q->open[q->nopen - 1].lane_lo, b.lane_lo);
}

static void activate(struct seq *q, size_t who)
{
	size_t index = q->nblocks + q->next_act++;
	struct lay_frame *f = &q->lay->frames[index];
	f->role = ROLE_ACTIVATION;
	f->box = (struct lay_rect){q->cx[who] - ACT_W / 2 + ACT_SHIFT * (double)q->depth[who], q->anchor_open, ACT_W,
	                            0};
	q->bars = xrealloc(q->bars, (q->nbars + 1) * sizeof *q->bars);
	q->bars[q->nbars++] = (struct open_bar){who, index};
	q->depth[who]++;
}

static void close_bar(struct seq *q, size_t k)
{
	struct lay_frame *f = &q->lay->frames[q->bars[k].frame];
	f->box.h = max2(q->anchor - f->box.y, ACT_MIN);
	q->bars_bottom = max2(q->bars_bottom, f->box.y + f->box.h);
	q->depth[q->bars[k].who]--;
	memmove(&q->bars[k], &q->bars[k + 1], (q->nbars - k - 1) * sizeof *q->bars);
	q->nbars--;
}

static void deactivate(struct seq *q, size_t who)
{
	for (size_t k = q->nbars; k-- > 0;)
		if (q->bars[k].who == who) {
			close_bar(q, k);
			return;
		}
}

static void place_steps(struct seq *q)
{
	for (size_t i = 0; i < q->s->nsteps; i++) {
		const struct mmd_step *st = &q->s->steps[i];
		switch (st->kind) {
		case MMD_STEP_MESSAGE:
			place_message(q, i);
			break;
		case MMD_STEP_NOTE:
			place_note(q, i);
			break;
		case MMD_STEP_ACTIVATE:
			activate(q, st->from);
			break;
		case MMD_STEP_DEACTIVATE:
			deactivate(q, st->from);
			break;
		case MMD_STEP_BEGIN:
			begin_block(q, st);
			break;
		case MMD_STEP_ELSE:
			divide_block(q, st);
			break;
		case MMD_STEP_END:
			end_block(q);
			break;
		}
	}
	while (q->nbars > 0)    /* still open at the end: closes at the last row */
		close_bar(q, q->nbars - 1);
	while (q->nopen > 0)
		end_block(q);
}

/* ---- participants, lifelines, and the canvas -------------------------- */

static void place_participant(struct seq *q, struct lay_node *node, size_t i, double y)
{
	double w = q->box_w[i];
	node->box = (struct lay_rect){q->cx[i] - w / 2, y, w, q->box_h};
	double text_h = layout_text_height(&node->name);
	double top = node->shape == LAY_SHAPE_ACTOR ? y + PAINT_ACTOR_HEIGHT + ACTOR_GAP : y + (q->box_h - text_h) / 2;
	layout_place_text(&node->name, q->fs, node->box.x + PART_PAD, w - 2 * PART_PAD, top);
}

static bool id_taken(const struct layout *lay, size_t before, const char *id)
{
	for (size_t k = 0; k < before; k++)
		if (strcmp(lay->nodes[k].id, id) == 0)
			return true;
	return false;
}

/* "<id>-foot", unless a participant is called that (ids may hold "-"):
 * then "-foot" again until no node has it. */
static char *foot_id(const struct seq *q, size_t i)
{
	char *id = xasprintf("%s-foot", q->lay->nodes[i].id);
	while (id_taken(q->lay, q->n + i, id)) {
		char *longer = xasprintf("%s-foot", id);
		free(id);
		id = longer;
	}
	return id;
}

/* The second row of boxes, at the foot, and the lifelines between. */
static void place_feet(struct seq *q)
{
	double top = MARGIN + q->box_h;
	double foot = max2(q->y, q->bars_bottom + ROW_GAP);
	for (size_t i = 0; i < q->n; i++) {
		struct lay_node *node = &q->lay->nodes[q->n + i];
		char *id = foot_id(q, i);
		start_node(q, node, i, id);
		free(id);
		place_participant(q, node, i, foot);
		q->lay->lanes[i] = (struct lay_rect){q->cx[i], top, 0, foot - top};
	}
}

struct extent {
	double x0, x1, y1;
};

static void grow(struct extent *e, struct lay_rect r)
{
	e->x0 = min2(e->x0, r.x);
	e->x1 = max2(e->x1, r.x + r.w);
	e->y1 = max2(e->y1, r.y + r.h);
}

static struct extent extent_of(const struct layout *lay)
{
	struct extent e = {1e300, -1e300, 0};
	for (size_t i = 0; i < lay->nnodes; i++)
		grow(&e, lay->nodes[i].box);
	for (size_t i = 0; i < lay->nedges; i++) {
		const struct lay_edge *ed = &lay->edges[i];
		grow(&e, (struct lay_rect){min2(ed->x1, ed->x2), ed->y1 - HEAD / 2, 0, HEAD});
		grow(&e, (struct lay_rect){max2(ed->x1, ed->x2), ed->y2 - HEAD / 2, 0, HEAD});
		for (size_t k = 0; k < ed->npts; k++)
			grow(&e, (struct lay_rect){ed->pts[k].x, ed->pts[k].y, 0, 0});
		if (ed->label.n)
			grow(&e, ed->plate);
		if (ed->number.n)
			grow(&e, ed->number.box);
	}
	for (size_t i = 0; i < lay->nframes; i++)
		grow(&e, lay->frames[i].box);
	return e;
}

static void shift_rect(struct lay_rect *r, double dx)
{
	r->x += dx;
}

/* Moves everything right by dx: blocks and notes may reach left of the
 * first lifeline, which was placed at 0. */
static void shift_layout(struct layout *lay, double dx)
{
	for (size_t i = 0; i < lay->nnodes; i++) {
		shift_rect(&lay->nodes[i].box, dx);
		shift_text(&lay->nodes[i].name, dx, 0);
	}
	for (size_t i = 0; i < lay->nlanes; i++)
		shift_rect(&lay->lanes[i], dx);
	for (size_t i = 0; i < lay->nedges; i++) {
		struct lay_edge *e = &lay->edges[i];
		e->x1 += dx;
		e->x2 += dx;
		for (size_t k = 0; k < e->npts; k++)
			e->pts[k].x += dx;
		shift_text(&e->label, dx, 0);
		shift_text(&e->number, dx, 0);
		shift_rect(&e->plate, dx);
	}
	for (size_t i = 0; i < lay->nframes; i++) {
		struct lay_frame *f = &lay->frames[i];
		shift_rect(&f->box, dx);
		shift_rect(&f->tab, dx);
		shift_text(&f->title, dx, 0);
		shift_text(&f->detail, dx, 0);
		for (size_t k = 0; k < f->ndividers; k++) {
			f->dividers[k].x1 += dx;
			f->dividers[k].x2 += dx;
			shift_text(&f->dividers[k].text, dx, 0);
		}
	}
}

static void count_steps(const struct mmd_sequence *s, size_t *messages, size_t *blocks, size_t *acts, size_t *notes)
{
	*messages = *blocks = *acts = *notes = 0;
	for (size_t i = 0; i < s->nsteps; i++) {
		enum mmd_step_kind k = s->steps[i].kind;
		*messages += k == MMD_STEP_MESSAGE;
		*blocks += k == MMD_STEP_BEGIN;
		*acts += k == MMD_STEP_ACTIVATE;
		*notes += k == MMD_STEP_NOTE;
	}
}

static struct layout *new_layout(const struct mmd_sequence *s, struct seq *q)
{
	size_t messages, notes;
	count_steps(s, &messages, &q->nblocks, &q->nacts, &notes);
	struct layout *lay = xcalloc(1, sizeof *lay);
	lay->nnodes = 2 * s->nparticipants;
	lay->nodes = xcalloc(lay->nnodes + 1, sizeof *lay->nodes);
	lay->nlanes = s->nparticipants;
	lay->lanes = xcalloc(lay->nlanes + 1, sizeof *lay->lanes);
	lay->nedges = messages;
	lay->edges = xcalloc(messages + 1, sizeof *lay->edges);
	lay->nframes = q->nblocks + q->nacts + notes;
	lay->frames = xcalloc(lay->nframes + 1, sizeof *lay->frames);
	return lay;
}

struct layout *layout_sequence(const struct mmd_sequence *s, const struct fontset *fs)
{
	struct seq q = {.s = s, .fs = fs, .n = s->nparticipants};
	q.lay = new_layout(s, &q);
	if (q.n == 0) {
		q.lay->width = q.lay->height = 2 * MARGIN;
		return q.lay;
	}
	q.box_w = xcalloc(q.n, sizeof *q.box_w);
	q.need = xcalloc(q.n * q.n, sizeof *q.need);
	q.cx = xcalloc(q.n, sizeof *q.cx);
	q.depth = xcalloc(q.n, sizeof *q.depth);
	measure(&q);
	place_columns(&q);
	for (size_t i = 0; i < q.n; i++)
		place_participant(&q, &q.lay->nodes[i], i, MARGIN);
	q.y = q.anchor = q.anchor_open = MARGIN + q.box_h + FIRST_GAP;
	place_steps(&q);
	place_feet(&q);
	struct extent e = extent_of(q.lay);
	shift_layout(q.lay, MARGIN - e.x0);
	q.lay->width = e.x1 - e.x0 + 2 * MARGIN;
	q.lay->height = e.y1 + MARGIN;
	free(q.box_w);
	free(q.need);
	free(q.cx);
	free(q.depth);
	free(q.open);
	free(q.bars);
	return q.lay;
}
