/*
 * The sequence diagram's layout (diagram/sequence.c), on diagrams built
 * by hand (no parser): each construct on its own, then properties on
 * many random diagrams (2 to 12 participants, up to 60 steps of every
 * kind, blocks nested in blocks, bars in bars, autonumbers):
 *   - every message starts and ends on its lifelines, or on the side of
 *     the activation bars that stand there at its row;
 *   - the rows come in the order of the steps, one below the other;
 *   - no two texts overlap, and each label lies between the lifelines
 *     it joins;
 *   - each block holds its rows, and a block in a block lies inside it;
 *   - notes beside a lifeline cross no lifeline, bar or box;
 *   - everything lies on the canvas, and the layout is the same twice.
 */
#define HARNESS_NAME "sequence"
#include "harness.h"

#include <math.h>

#include "base/diag.h"
#include "base/font.h"
#include "base/xalloc.h"
#include "diagram/layout.h"
#include "diagram/sequence.h"

#define EPS 0.01

static struct fontset *fs;

/* ---- building diagrams ------------------------------------------------ */

static struct mmd_sequence *new_seq(void)
{
	return xcalloc(1, sizeof(struct mmd_sequence));
}

static size_t add_participant(struct mmd_sequence *s, const char *id, const char *label, bool actor)
{
	s->participants = xrealloc(s->participants, (s->nparticipants + 1) * sizeof *s->participants);
	s->participants[s->nparticipants] =
		(struct mmd_participant){.id = xstrdup(id), .label = xstrdup(label ? label : id), .actor = actor};
	return s->nparticipants++;
}

static struct mmd_step *add_step(struct mmd_sequence *s, enum mmd_step_kind kind, size_t from, size_t to,
                                 const char *text)
{
	s->steps = xrealloc(s->steps, (s->nsteps + 1) * sizeof *s->steps);
	struct mmd_step *st = &s->steps[s->nsteps++];
	*st = (struct mmd_step){.kind = kind, .from = from, .to = to, .text = xstrdup(text ? text : ""),
	                        .end = MMD_END_HEAD};
	return st;
}

/* Frees s and what it holds, as the parser's own diagrams are freed. */
static void free_seq(struct mmd_sequence *s)
{
	struct mmd_diagram *m = xcalloc(1, sizeof *m);
	*m = (struct mmd_diagram){.kind = MMD_SEQUENCE, .u.seq = *s};
	mermaid_free(m);
	free(s);
}

/* ---- looking at layouts ------------------------------------------------ */

static bool overlap(struct lay_rect a, struct lay_rect b)
{
	return a.x < b.x + b.w - EPS && b.x < a.x + a.w - EPS && a.y < b.y + b.h - EPS && b.y < a.y + a.h - EPS;
}

static bool inside(struct lay_rect in, struct lay_rect out)
{
	return in.x >= out.x - EPS && in.y >= out.y - EPS && in.x + in.w <= out.x + out.w + EPS &&
	       in.y + in.h <= out.y + out.h + EPS;
}

static bool near(double a, double b)
{
	return fabs(a - b) < EPS;
}

static const struct lay_frame *frame_of(const struct layout *lay, enum lay_role role, size_t nth)
{
	for (size_t i = 0; i < lay->nframes; i++)
		if (lay->frames[i].role == role && nth-- == 0)
			return &lay->frames[i];
	return NULL;
}

static size_t count_role(const struct layout *lay, enum lay_role role)
{
	size_t n = 0;
	for (size_t i = 0; i < lay->nframes; i++)
		n += lay->frames[i].role == role;
	return n;
}

/* The participant whose lifeline an activation bar stands on: bars step
 * right of their lifeline, never left of its first bar's left side. */
static size_t lane_of_bar(const struct layout *lay, const struct lay_frame *f)
{
	size_t best = 0;
	for (size_t p = 0; p < lay->nlanes; p++)
		if (lay->lanes[p].x <= f->box.x + f->box.w / 2 + EPS)
			best = p;
	return best;
}

/* Where a message leaving (or reaching) lifeline p at height y towards
 * the right (or left) must touch it: the side of the bars there, or the
 * lifeline itself. */
static double expected_side(const struct layout *lay, size_t p, double y, bool rightwards)
{
	double x = lay->lanes[p].x;
	bool any = false;
	for (size_t i = 0; i < lay->nframes; i++) {
		const struct lay_frame *f = &lay->frames[i];
		if (f->role != ROLE_ACTIVATION || lane_of_bar(lay, f) != p)
			continue;
		if (y < f->box.y - EPS || y > f->box.y + f->box.h + EPS)
			continue;
		double side = rightwards ? f->box.x + f->box.w : f->box.x;
		x = !any ? side : rightwards ? fmax(x, side) : fmin(x, side);
		any = true;
	}
	return x;
}

/* A throwaway string of text's lines, for messages. */
static const char *first_line(const struct lay_text *t)
{
	return t->n ? t->lines[0].text : "";
}

/* ---- each construct ---------------------------------------------------- */

static void test_message(void)
{
	struct mmd_sequence *s = new_seq();
	size_t a = add_participant(s, "A", "Alice", false), b = add_participant(s, "B", "Bob", true);
	add_step(s, MMD_STEP_MESSAGE, a, b, "Hello Bob");
	struct mmd_step *back = add_step(s, MMD_STEP_MESSAGE, b, a, "Hi");
	back->dotted = true;
	back->end = MMD_END_OPEN;
	struct layout *lay = layout_sequence(s, fs);
	CHECK_INT(lay->nnodes, 4);
	CHECK_STR(lay->nodes[0].id, "A");
	CHECK_STR(lay->nodes[3].id, "B-foot");
	CHECK(lay->nodes[0].shape == LAY_SHAPE_RECT);
	CHECK(lay->nodes[1].shape == LAY_SHAPE_ACTOR);
	CHECK(lay->nodes[3].shape == LAY_SHAPE_ACTOR);
	CHECK_STR(first_line(&lay->nodes[1].name), "Bob");
	/* the actor's name is under its figure, inside its box */
	CHECK(lay->nodes[1].name.box.y >= lay->nodes[1].box.y + 47 - EPS);
	CHECK(inside(lay->nodes[1].name.box, lay->nodes[1].box));
	CHECK(lay->nodes[2].box.y > lay->edges[1].y1);
	CHECK_INT(lay->nlanes, 2);
	CHECK(near(lay->lanes[0].y, lay->nodes[0].box.y + lay->nodes[0].box.h));
	CHECK(near(lay->lanes[0].y + lay->lanes[0].h, lay->nodes[2].box.y));
	CHECK_INT(lay->nedges, 2);
	const struct lay_edge *e = &lay->edges[0];
	CHECK(e->from == a && e->to == b);
	CHECK(e->role == ROLE_EDGE_PLAIN && e->head == LAY_HEAD_FILLED);
	CHECK(near(e->x1, lay->lanes[0].x) && near(e->x2, lay->lanes[1].x));
	CHECK(near(e->y1, e->y2) && e->pts == NULL);
	CHECK_STR(first_line(&e->label), "Hello Bob");
	CHECK(e->label.role == ROLE_LABEL);
	/* the text centred above its arrow, on its plate */
	CHECK(e->label.box.y + e->label.box.h < e->y1);
	CHECK(fabs(e->label.box.x + e->label.box.w / 2 - (e->x1 + e->x2) / 2) < 0.5);
	CHECK(inside(e->label.box, e->plate));
	const struct lay_edge *r = &lay->edges[1];
	CHECK(r->role == ROLE_EDGE_DOTTED && r->head == LAY_HEAD_OPEN);
	CHECK(near(r->x1, lay->lanes[1].x) && near(r->x2, lay->lanes[0].x));
	CHECK(r->y1 > e->y1 + 10);
	CHECK(r->number.n == 0);
	layout_free(lay);
	free_seq(s);
}

static void test_heads(void)
{
	static const struct {
		enum mmd_end end;
		enum lay_head head;
	} cases[] = {{MMD_END_HEAD, LAY_HEAD_FILLED}, {MMD_END_NONE, LAY_HEAD_NONE},
	             {MMD_END_CROSS, LAY_HEAD_CROSS}, {MMD_END_OPEN, LAY_HEAD_OPEN}};
	struct mmd_sequence *s = new_seq();
	add_participant(s, "A", NULL, false);
	add_participant(s, "B", NULL, false);
	for (size_t i = 0; i < 4; i++)
		add_step(s, MMD_STEP_MESSAGE, 0, 1, "")->end = cases[i].end;
	struct layout *lay = layout_sequence(s, fs);
	for (size_t i = 0; i < 4; i++) {
		CHECK(lay->edges[i].head == cases[i].head);
		CHECK(lay->edges[i].label.n == 0);
	}
	layout_free(lay);
	free_seq(s);
}

static void test_long_label_widens_column(void)
{
	struct mmd_sequence *s = new_seq();
	add_participant(s, "A", NULL, false);
	add_participant(s, "B", NULL, false);
	add_participant(s, "C", NULL, false);
	struct layout *narrow = layout_sequence(s, fs);
	const char *text = "a longer message that needs room";
	add_step(s, MMD_STEP_MESSAGE, 1, 2, text);
	struct layout *lay = layout_sequence(s, fs);
	double w = font_width(fs, FONT_REGULAR, text, 13);
	CHECK(lay->lanes[2].x - lay->lanes[1].x >= w);
	CHECK(near(lay->lanes[1].x - lay->lanes[0].x, narrow->lanes[1].x - narrow->lanes[0].x));
	CHECK_INT(lay->edges[0].label.n, 1);
	layout_free(narrow);
	layout_free(lay);
	free_seq(s);
}

static void test_self_message_and_number(void)
{
	struct mmd_sequence *s = new_seq();
	add_participant(s, "A", NULL, false);
	add_participant(s, "B", NULL, false);
	add_step(s, MMD_STEP_MESSAGE, 0, 1, "first")->number = 1;
	add_step(s, MMD_STEP_MESSAGE, 1, 1, "think it over")->number = 12;
	struct layout *lay = layout_sequence(s, fs);
	const struct lay_edge *e = &lay->edges[1];
	CHECK(e->from == 1 && e->to == 1);
	CHECK_INT(e->npts, 4);
	if (e->npts == 4) {
		CHECK(near(e->pts[0].x, e->x1) && near(e->pts[0].y, e->y1));
		CHECK(near(e->pts[3].x, e->x2) && near(e->pts[3].y, e->y2));
		CHECK(e->pts[1].x > e->x1 + 10 && e->pts[2].x > e->x1 + 10);
	}
	CHECK(near(e->x1, lay->lanes[1].x) && near(e->x2, lay->lanes[1].x));
	CHECK(e->y2 > e->y1 + 5);
	CHECK(e->label.box.x > e->x1 && e->label.box.y + e->label.box.h < e->y1);
	/* the canvas holds the loop and its label, right of the last lifeline */
	CHECK(e->label.box.x + e->label.box.w < lay->width);
	CHECK(e->pts[1].x < lay->width);
	/* numbers: a disc centred on the arrow's start, clear of the label */
	for (size_t i = 0; i < 2; i++) {
		const struct lay_text *n = &lay->edges[i].number;
		CHECK(n->role == ROLE_BADGE_TEXT);
		CHECK(near(n->box.w, n->box.h) && n->box.w >= 18 - EPS);
		CHECK(near(n->box.x + n->box.w / 2, lay->edges[i].x1));
		CHECK(near(n->box.y + n->box.h / 2, lay->edges[i].y1));
		CHECK(!overlap(n->box, lay->edges[i].label.box));
		CHECK(n->n == 1 && n->lines[0].width <= n->box.w);
	}
	CHECK_STR(first_line(&lay->edges[0].number), "1");
	CHECK_STR(first_line(&e->number), "12");
	layout_free(lay);
	free_seq(s);
}

static void test_activations(void)
{
	struct mmd_sequence *s = new_seq();
	add_participant(s, "A", NULL, false);
	add_participant(s, "B", NULL, false);
	add_step(s, MMD_STEP_MESSAGE, 0, 1, "open");           /* A->>+B */
	add_step(s, MMD_STEP_ACTIVATE, 1, 1, NULL);
	add_step(s, MMD_STEP_MESSAGE, 0, 1, "again");          /* A->>+B, nested */
	add_step(s, MMD_STEP_ACTIVATE, 1, 1, NULL);
	add_step(s, MMD_STEP_MESSAGE, 1, 0, "back");           /* B-->>-A */
	add_step(s, MMD_STEP_DEACTIVATE, 1, 1, NULL);
	add_step(s, MMD_STEP_MESSAGE, 1, 0, "done");           /* B still active: closes at the end */
	struct layout *lay = layout_sequence(s, fs);
	CHECK_INT(count_role(lay, ROLE_ACTIVATION), 2);
	const struct lay_frame *outer = frame_of(lay, ROLE_ACTIVATION, 0), *inner = frame_of(lay, ROLE_ACTIVATION, 1);
	if (outer && inner) {
		double x = lay->lanes[1].x;
		CHECK(near(outer->box.w, 10) && near(outer->box.x, x - 5));
		CHECK(near(inner->box.x, outer->box.x + 5));
		CHECK(near(outer->box.y, lay->edges[0].y1));
		CHECK(near(inner->box.y, lay->edges[1].y1));
		CHECK(near(inner->box.y + inner->box.h, lay->edges[2].y1));
		CHECK(near(outer->box.y + outer->box.h, lay->edges[3].y1));
		/* arrows end on the bars' sides */
		CHECK(near(lay->edges[0].x2, x - 5));
		CHECK(near(lay->edges[1].x2, x - 5));
		CHECK(near(lay->edges[2].x1, x - 5));
		CHECK(near(lay->edges[0].x1, lay->lanes[0].x));
	}
	layout_free(lay);
	free_seq(s);
}

static void test_notes(void)
{
	struct mmd_sequence *s = new_seq();
	for (size_t i = 0; i < 3; i++)
		add_participant(s, (const char *[]){"A", "B", "C"}[i], NULL, false);
	add_step(s, MMD_STEP_NOTE, 1, 1, "on the right")->place = MMD_NOTE_RIGHT;
	add_step(s, MMD_STEP_NOTE, 1, 1, "on the left")->place = MMD_NOTE_LEFT;
	add_step(s, MMD_STEP_NOTE, 1, 1, "over B")->place = MMD_NOTE_OVER;
	add_step(s, MMD_STEP_NOTE, 2, 0, "over all three of them")->place = MMD_NOTE_OVER;
	struct layout *lay = layout_sequence(s, fs);
	CHECK_INT(count_role(lay, ROLE_NOTE), 4);
	double a = lay->lanes[0].x, b = lay->lanes[1].x, c = lay->lanes[2].x;
	const struct lay_frame *right = frame_of(lay, ROLE_NOTE, 0), *left = frame_of(lay, ROLE_NOTE, 1),
			       *over = frame_of(lay, ROLE_NOTE, 2), *span = frame_of(lay, ROLE_NOTE, 3);
	CHECK(right->box.x > b && right->box.x + right->box.w < c);
	CHECK(left->box.x > a && left->box.x + left->box.w < b);
	CHECK(over->box.x < b && over->box.x + over->box.w > b);
	CHECK(fabs(over->box.x + over->box.w / 2 - b) < 0.5);
	CHECK(span->box.x < a && span->box.x + span->box.w > c);
	CHECK(right->title.role == ROLE_NOTE_TEXT);
	CHECK_STR(first_line(&right->title), "on the right");
	for (size_t i = 0; i < 4; i++) {
		const struct lay_frame *f = frame_of(lay, ROLE_NOTE, i);
		CHECK(inside(f->title.box, f->box));
		if (i > 0)
			CHECK(f->box.y > frame_of(lay, ROLE_NOTE, i - 1)->box.y + frame_of(lay, ROLE_NOTE, i - 1)->box.h);
	}
	layout_free(lay);
	free_seq(s);
}

static void test_blocks(void)
{
	struct mmd_sequence *s = new_seq();
	for (size_t i = 0; i < 3; i++)
		add_participant(s, (const char *[]){"A", "B", "C"}[i], NULL, false);
	add_step(s, MMD_STEP_BEGIN, 0, 0, "every minute")->block = MMD_BLOCK_LOOP;
	add_step(s, MMD_STEP_MESSAGE, 0, 1, "ping");
	add_step(s, MMD_STEP_BEGIN, 0, 0, "is well")->block = MMD_BLOCK_ALT;
	add_step(s, MMD_STEP_MESSAGE, 1, 0, "pong");
	add_step(s, MMD_STEP_ELSE, 0, 0, "is sick");
	add_step(s, MMD_STEP_MESSAGE, 1, 0, "ouch");
	add_step(s, MMD_STEP_END, 0, 0, NULL);
	add_step(s, MMD_STEP_END, 0, 0, NULL);
	add_step(s, MMD_STEP_BEGIN, 0, 0, "rgb(200, 150, 255)")->block = MMD_BLOCK_RECT;
	add_step(s, MMD_STEP_MESSAGE, 1, 2, "tinted");
	add_step(s, MMD_STEP_END, 0, 0, NULL);
	struct layout *lay = layout_sequence(s, fs);
	CHECK_INT(lay->nframes, 3);
	const struct lay_frame *loop = &lay->frames[0], *alt = &lay->frames[1], *band = &lay->frames[2];
	CHECK(loop->role == ROLE_BLOCK && alt->role == ROLE_BLOCK && band->role == ROLE_BAND);
	CHECK_STR(first_line(&loop->title), "loop");
	CHECK_STR(first_line(&loop->detail), "[every minute]");
	CHECK(loop->title.role == ROLE_BLOCK_TEXT && loop->detail.role == ROLE_BLOCK_TEXT);
	CHECK(inside(loop->title.box, loop->tab) && inside(loop->tab, loop->box));
	CHECK(loop->detail.box.x >= loop->tab.x + loop->tab.w && inside(loop->detail.box, loop->box));
	CHECK(near(loop->tab.x, loop->box.x) && near(loop->tab.y, loop->box.y));
	CHECK_STR(first_line(&alt->title), "alt");
	CHECK_INT(alt->ndividers, 1);
	if (alt->ndividers == 1) {
		const struct lay_divider *d = &alt->dividers[0];
		CHECK_STR(first_line(&d->text), "[is sick]");
		CHECK(near(d->x1, alt->box.x) && near(d->x2, alt->box.x + alt->box.w));
		CHECK(d->y > lay->edges[1].y1 && d->y < lay->edges[2].plate.y);
		CHECK(d->text.box.y > d->y);
	}
	/* the alt inside the loop, both around their arrows */
	CHECK(alt->box.x > loop->box.x && alt->box.x + alt->box.w < loop->box.x + loop->box.w);
	CHECK(alt->box.y > loop->box.y && alt->box.y + alt->box.h < loop->box.y + loop->box.h);
	CHECK(alt->box.x < lay->edges[1].x2 && alt->box.x + alt->box.w > lay->edges[1].x1);
	CHECK(loop->box.y + loop->box.h < band->box.y);
	/* the band has no text and spans what its message touches, B and C */
	CHECK(band->title.n == 0 && band->detail.n == 0 && band->tab.w == 0);
	CHECK(band->box.x < lay->lanes[1].x && band->box.x > lay->lanes[0].x);
	CHECK(band->box.x + band->box.w > lay->lanes[2].x);
	CHECK(band->box.y < lay->edges[3].plate.y && band->box.y + band->box.h > lay->edges[3].y1);
	layout_free(lay);
	free_seq(s);
}

static void test_empty(void)
{
	struct mmd_sequence *s = new_seq();
	struct layout *lay = layout_sequence(s, fs);
	CHECK(lay->nnodes == 0 && lay->width > 0 && lay->height > 0);
	layout_free(lay);
	add_participant(s, "A", "Only me", false);
	add_step(s, MMD_STEP_BEGIN, 0, 0, "")->block = MMD_BLOCK_OPT;
	add_step(s, MMD_STEP_END, 0, 0, NULL);
	lay = layout_sequence(s, fs);
	CHECK_INT(lay->nnodes, 2);
	CHECK_INT(lay->nframes, 1);
	CHECK(lay->frames[0].detail.n == 0);
	CHECK(lay->frames[0].box.x >= 0 && lay->frames[0].box.x + lay->frames[0].box.w <= lay->width);
	layout_free(lay);
	free_seq(s);
}

/* ---- random diagrams ---------------------------------------------------- */

/* A small deterministic generator (xorshift), so failures reproduce. */
static unsigned long long rng_state = 88172645463325252ULL;
static unsigned next_rand(unsigned bound)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned)(rng_state % bound);
}

/* Random text of up to max characters: words of any length, some letters
 * not ASCII. */
static void random_text(char *out, size_t max)
{
	static const char *const pieces[] = {"a", "e", "o", "n", "r", "t", "s", "M", "W", "é", "ü", "—", "i", "l"};
	size_t len = next_rand((unsigned)max + 1), chars = 0, used = 0;
	out[0] = '\0';
	while (chars < len) {
		const char *p = next_rand(5) == 0 ? " " : pieces[next_rand(14)];
		if (used + strlen(p) + 1 >= 200)
			break;
		strcat(out, p);
		used += strlen(p);
		chars++;
	}
}

static void random_message(struct mmd_sequence *s, size_t *active, bool numbered, int *number)
{
	char text[200];
	random_text(text, next_rand(4) == 0 ? 60 : 20);
	size_t n = s->nparticipants, from = next_rand((unsigned)n);
	size_t to = next_rand(5) == 0 ? from : next_rand((unsigned)n);
	struct mmd_step *st = add_step(s, MMD_STEP_MESSAGE, from, to, text);
	st->dotted = next_rand(2);
	st->end = (enum mmd_end)next_rand(4);
	st->number = numbered ? ++*number : 0;
	unsigned act = next_rand(6);
	if (act == 0) {
		add_step(s, MMD_STEP_ACTIVATE, to, to, NULL);
		active[to]++;
	} else if (act == 1 && active[from] > 0) {
		add_step(s, MMD_STEP_DEACTIVATE, from, from, NULL);
		active[from]--;
	}
}

static void random_note(struct mmd_sequence *s)
{
	char text[200];
	random_text(text, 50);
	size_t n = s->nparticipants, a = next_rand((unsigned)n), b = next_rand(3) == 0 ? next_rand((unsigned)n) : a;
	struct mmd_step *st = add_step(s, MMD_STEP_NOTE, a, b, text);
	st->place = a != b ? MMD_NOTE_OVER : (enum mmd_note_place)next_rand(3);
}

static struct mmd_sequence *random_seq(void)
{
	struct mmd_sequence *s = new_seq();
	size_t n = 2 + next_rand(11);
	for (size_t i = 0; i < n; i++) {
		char id[24], label[200];
		snprintf(id, sizeof id, "p%zu", i);
		random_text(label, 30);
		add_participant(s, id, label, next_rand(4) == 0);
	}
	size_t *active = xcalloc(n, sizeof *active);
	enum mmd_block open[8];
	size_t nopen = 0, steps = 1 + next_rand(60);
	bool numbered = next_rand(2);
	int number = 0;
	char text[200];
	for (size_t i = 0; i < steps; i++) {
		unsigned pick = next_rand(20);
		if (pick < 10) {
			random_message(s, active, numbered, &number);
		} else if (pick < 13) {
			random_note(s);
		} else if (pick < 15 && nopen < 6) {
			random_text(text, next_rand(3) == 0 ? 40 : 12);
			open[nopen] = (enum mmd_block)next_rand(5);
			add_step(s, MMD_STEP_BEGIN, 0, 0, text)->block = open[nopen++];
		} else if (pick < 16 && nopen > 0 && (open[nopen - 1] == MMD_BLOCK_ALT || open[nopen - 1] == MMD_BLOCK_PAR)) {
			random_text(text, 15);
			add_step(s, MMD_STEP_ELSE, 0, 0, text);
		} else if (pick < 18 && nopen > 0) {
			add_step(s, MMD_STEP_END, 0, 0, NULL);
			nopen--;
		} else {
			size_t p = next_rand((unsigned)n);
			if (active[p] > 0 && next_rand(2)) {
				add_step(s, MMD_STEP_DEACTIVATE, p, p, NULL);
				active[p]--;
			} else if (active[p] < 3) {
				add_step(s, MMD_STEP_ACTIVATE, p, p, NULL);
				active[p]++;
			}
		}
	}
	while (nopen-- > 0)
		add_step(s, MMD_STEP_END, 0, 0, NULL);
	free(active);
	return s;
}

/* Every text's box, for the overlap check. */
struct boxes {
	struct lay_rect items[4096];
	size_t n;
};

static void add_box(struct boxes *b, const struct lay_text *t)
{
	if (t->n && b->n < sizeof b->items / sizeof b->items[0])
		b->items[b->n++] = t->box;
}

static void check_texts_apart(const struct layout *lay)
{
	static struct boxes b;
	b.n = 0;
	for (size_t i = 0; i < lay->nnodes; i++)
		add_box(&b, &lay->nodes[i].name);
	for (size_t i = 0; i < lay->nedges; i++) {
		add_box(&b, &lay->edges[i].label);
		add_box(&b, &lay->edges[i].number);
	}
	for (size_t i = 0; i < lay->nframes; i++) {
		const struct lay_frame *f = &lay->frames[i];
		add_box(&b, &f->title);
		add_box(&b, &f->detail);
		for (size_t k = 0; k < f->ndividers; k++)
			add_box(&b, &f->dividers[k].text);
	}
	for (size_t i = 0; i < b.n; i++)
		for (size_t k = i + 1; k < b.n; k++)
			if (overlap(b.items[i], b.items[k])) {
				CHECK(!"two texts overlap");
				return;
			}
}

static void check_on_canvas(const struct layout *lay)
{
	struct lay_rect canvas = {0, 0, lay->width, lay->height};
	for (size_t i = 0; i < lay->nnodes; i++)
		CHECK(inside(lay->nodes[i].box, canvas) && inside(lay->nodes[i].name.box, lay->nodes[i].box));
	for (size_t i = 0; i < lay->nlanes; i++)
		CHECK(inside(lay->lanes[i], canvas));
	for (size_t i = 0; i < lay->nedges; i++) {
		const struct lay_edge *e = &lay->edges[i];
		CHECK(inside((struct lay_rect){e->x1, e->y1, 0, 0}, canvas));
		CHECK(inside((struct lay_rect){e->x2, e->y2, 0, 0}, canvas));
		for (size_t k = 0; k < e->npts; k++)
			CHECK(inside((struct lay_rect){e->pts[k].x, e->pts[k].y, 0, 0}, canvas));
		CHECK(e->label.n == 0 || (inside(e->plate, canvas) && inside(e->label.box, e->plate)));
		CHECK(e->number.n == 0 || inside(e->number.box, canvas));
	}
	for (size_t i = 0; i < lay->nframes; i++) {
		const struct lay_frame *f = &lay->frames[i];
		CHECK(inside(f->box, canvas));
		CHECK(f->title.n == 0 || inside(f->title.box, f->box));
		CHECK(f->detail.n == 0 || inside(f->detail.box, f->box));
		for (size_t k = 0; k < f->ndividers; k++)
			CHECK(f->dividers[k].text.n == 0 || inside(f->dividers[k].text.box, f->box));
	}
}

static void check_message(const struct layout *lay, const struct lay_edge *e)
{
	bool self = e->from == e->to;
	bool right = self || lay->lanes[e->to].x > lay->lanes[e->from].x;
	CHECK(near(e->x1, expected_side(lay, e->from, e->y1, right)));
	CHECK(near(e->x2, expected_side(lay, e->to, e->y2, self || !right)));
	if (e->label.n == 0)
		return;
	if (!self) {    /* the label between the lifelines (bars) it joins, clear of them */
		CHECK(e->plate.x >= fmin(e->x1, e->x2) + 10 && e->plate.x + e->plate.w <= fmax(e->x1, e->x2) - 10);
	} else {        /* right of its lifeline, clear of the next one's bars */
		CHECK(e->plate.x >= e->x1);
		if (e->from + 1 < lay->nlanes)
			CHECK(e->plate.x + e->plate.w <= lay->lanes[e->from + 1].x - 5 - EPS);
	}
	CHECK(e->plate.y + e->plate.h < fmin(e->y1, e->y2));
}

/* The rows' vertical extents, step by step, must come one below the
 * other; each block must hold its rows, and its nested blocks. */
struct walk {
	const struct layout *lay;
	size_t edge, note, block;
	size_t stack[16];
	unsigned touched[16];    /* the lifelines each open block's steps touch, a bit each */
	size_t depth;
	double bottom;
};

static void touch(struct walk *w, size_t a, size_t b)
{
	for (size_t k = 0; k < w->depth; k++)
		w->touched[k] |= 1u << a | 1u << b;
}

/* No lifeline a block's steps touch (nor its bars) crosses its keyword's
 * tab. */
static void check_tab(const struct layout *lay, const struct lay_frame *f, unsigned touched)
{
	for (size_t p = 0; p < lay->nlanes && f->tab.w > 0; p++)
		if (touched & 1u << p)
			CHECK(f->tab.x + f->tab.w <= lay->lanes[p].x - 5 + EPS);
}

static void hold_check(struct walk *w, struct lay_rect r)
{
	for (size_t k = 0; k < w->depth; k++)
		CHECK(inside(r, w->lay->frames[w->stack[k]].box));
}

static void row(struct walk *w, double top, double bottom)
{
	CHECK(top > w->bottom);
	w->bottom = bottom;
}

static struct lay_rect edge_extent(const struct lay_edge *e)
{
	double x0 = fmin(e->x1, e->x2), x1 = fmax(e->x1, e->x2), y0 = fmin(e->y1, e->y2), y1 = fmax(e->y1, e->y2);
	for (size_t k = 0; k < e->npts; k++) {
		x0 = fmin(x0, e->pts[k].x);
		x1 = fmax(x1, e->pts[k].x);
	}
	if (e->label.n) {
		x0 = fmin(x0, e->plate.x);
		x1 = fmax(x1, e->plate.x + e->plate.w);
		y0 = fmin(y0, e->plate.y);
	}
	if (e->number.n) {
		x0 = fmin(x0, e->number.box.x);
		x1 = fmax(x1, e->number.box.x + e->number.box.w);
		y0 = fmin(y0, e->number.box.y);
		y1 = fmax(y1, e->number.box.y + e->number.box.h);
	}
	return (struct lay_rect){x0, y0, x1 - x0, y1 - y0};
}

static void walk_step(struct walk *w, const struct mmd_step *st)
{
	const struct layout *lay = w->lay;
	size_t first_note = lay->nframes - count_role(lay, ROLE_NOTE);
	if (st->kind == MMD_STEP_MESSAGE) {
		const struct lay_edge *e = &lay->edges[w->edge++];
		struct lay_rect r = edge_extent(e);
		row(w, r.y, r.y + r.h);
		hold_check(w, r);
		check_message(lay, e);
		touch(w, st->from, st->to);
		/* the bars its ends stand on too: no frame cuts through them */
		for (size_t k = 0; k < 2; k++) {
			size_t p = k ? st->to : st->from;
			double y = k ? e->y2 : e->y1, left = expected_side(lay, p, y, false);
			double right = expected_side(lay, p, y, true);
			hold_check(w, (struct lay_rect){left, y, right - left, 0});
		}
	} else if (st->kind == MMD_STEP_NOTE) {
		const struct lay_frame *f = &lay->frames[first_note + w->note++];
		CHECK(f->role == ROLE_NOTE);
		row(w, f->box.y, f->box.y + f->box.h);
		hold_check(w, f->box);
		touch(w, st->from, st->to);
	} else if (st->kind == MMD_STEP_BEGIN) {
		const struct lay_frame *f = &lay->frames[w->block];
		CHECK(f->role == (st->block == MMD_BLOCK_RECT ? ROLE_BAND : ROLE_BLOCK));
		double bottom = fmax(f->tab.y + f->tab.h, f->detail.n ? f->detail.box.y + f->detail.box.h : 0);
		row(w, f->box.y, fmax(f->box.y, bottom));
		if (w->depth > 0) {     /* visibly inside its parent */
			const struct lay_rect *p = &lay->frames[w->stack[w->depth - 1]].box;
			CHECK(f->box.x > p->x && f->box.x + f->box.w < p->x + p->w);
			CHECK(f->box.y > p->y && f->box.y + f->box.h < p->y + p->h);
		}
		w->touched[w->depth] = 0;
		w->stack[w->depth++] = w->block++;
	} else if (st->kind == MMD_STEP_ELSE) {
		const struct lay_frame *f = &lay->frames[w->stack[w->depth - 1]];
		const struct lay_divider *d = NULL;
		for (size_t k = 0; k < f->ndividers; k++)
			if (d == NULL && f->dividers[k].y > w->bottom)
				d = &f->dividers[k];
		CHECK(d != NULL);
		if (d)
			row(w, d->y, d->text.n ? d->text.box.y + d->text.box.h : d->y);
	} else if (st->kind == MMD_STEP_END) {
		const struct lay_frame *f = &lay->frames[w->stack[--w->depth]];
		row(w, f->box.y + f->box.h, f->box.y + f->box.h);
		check_tab(lay, f, w->touched[w->depth]);
	}
}

/* Notes beside a lifeline cross no lifeline, no bar and no box. */
static void check_side_notes(const struct layout *lay, const struct mmd_sequence *s)
{
	size_t note = lay->nframes - count_role(lay, ROLE_NOTE);
	for (size_t i = 0; i < s->nsteps; i++) {
		if (s->steps[i].kind != MMD_STEP_NOTE)
			continue;
		const struct lay_frame *f = &lay->frames[note++];
		for (size_t k = 0; k < lay->nnodes; k++)
			CHECK(!overlap(f->box, lay->nodes[k].box));
		if (s->steps[i].place == MMD_NOTE_OVER)
			continue;
		for (size_t k = 0; k < lay->nlanes; k++)
			CHECK(!(lay->lanes[k].x > f->box.x + EPS && lay->lanes[k].x < f->box.x + f->box.w - EPS));
		for (size_t k = 0; k < lay->nframes; k++)
			if (lay->frames[k].role == ROLE_ACTIVATION)
				CHECK(!overlap(f->box, lay->frames[k].box));
	}
}

static bool same_text(const struct lay_text *a, const struct lay_text *b)
{
	if (a->n != b->n || a->face != b->face || a->size != b->size || a->role != b->role ||
	    memcmp(&a->box, &b->box, sizeof a->box) != 0)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->lines[i].text, b->lines[i].text) != 0 || a->lines[i].x != b->lines[i].x ||
		    a->lines[i].y != b->lines[i].y || a->lines[i].width != b->lines[i].width)
			return false;
	return true;
}

static bool same_rect(struct lay_rect a, struct lay_rect b)
{
	return a.x == b.x && a.y == b.y && a.w == b.w && a.h == b.h;
}

static bool same_edge(const struct lay_edge *a, const struct lay_edge *b)
{
	if (a->from != b->from || a->to != b->to || a->role != b->role || a->x1 != b->x1 || a->y1 != b->y1 ||
	    a->x2 != b->x2 || a->y2 != b->y2 || a->both_ends != b->both_ends || a->head != b->head ||
	    a->npts != b->npts || !same_rect(a->plate, b->plate))
		return false;
	for (size_t k = 0; k < a->npts; k++)
		if (a->pts[k].x != b->pts[k].x || a->pts[k].y != b->pts[k].y)
			return false;
	return same_text(&a->label, &b->label) && same_text(&a->tag, &b->tag) && same_text(&a->number, &b->number);
}

static bool same_frame(const struct lay_frame *a, const struct lay_frame *b)
{
	if (a->role != b->role || !same_rect(a->box, b->box) || !same_rect(a->tab, b->tab) ||
	    a->ndividers != b->ndividers || !same_text(&a->title, &b->title) || !same_text(&a->detail, &b->detail))
		return false;
	for (size_t k = 0; k < a->ndividers; k++)
		if (a->dividers[k].x1 != b->dividers[k].x1 || a->dividers[k].x2 != b->dividers[k].x2 ||
		    a->dividers[k].y != b->dividers[k].y || !same_text(&a->dividers[k].text, &b->dividers[k].text))
			return false;
	return true;
}

static bool same_layout(const struct layout *a, const struct layout *b)
{
	if (a->width != b->width || a->height != b->height || a->nnodes != b->nnodes || a->nedges != b->nedges ||
	    a->nlanes != b->nlanes || a->nframes != b->nframes)
		return false;
	for (size_t i = 0; i < a->nnodes; i++)
		if (strcmp(a->nodes[i].id, b->nodes[i].id) != 0 || a->nodes[i].role != b->nodes[i].role ||
		    a->nodes[i].shape != b->nodes[i].shape || !same_rect(a->nodes[i].box, b->nodes[i].box) ||
		    !same_text(&a->nodes[i].name, &b->nodes[i].name) || !same_text(&a->nodes[i].detail, &b->nodes[i].detail))
			return false;
	for (size_t i = 0; i < a->nlanes; i++)
		if (!same_rect(a->lanes[i], b->lanes[i]))
			return false;
	for (size_t i = 0; i < a->nedges; i++)
		if (!same_edge(&a->edges[i], &b->edges[i]))
			return false;
	for (size_t i = 0; i < a->nframes; i++)
		if (!same_frame(&a->frames[i], &b->frames[i]))
			return false;
	return true;
}

/* Every property of the layout of s; false when one fails. */
static bool check_layout(const struct mmd_sequence *s)
{
	int failed = harness_checks_failed;
	struct layout *lay = layout_sequence(s, fs);
	CHECK_INT(lay->nnodes, 2 * s->nparticipants);
	for (size_t i = 0; i < lay->nnodes; i++)
		for (size_t k = i + 1; k < lay->nnodes; k++)
			CHECK(strcmp(lay->nodes[i].id, lay->nodes[k].id) != 0);
	check_texts_apart(lay);
	check_on_canvas(lay);
	check_side_notes(lay, s);
	struct walk w = {.lay = lay, .bottom = lay->nodes[0].box.y + lay->nodes[0].box.h};
	for (size_t i = 0; i < s->nsteps; i++)
		walk_step(&w, &s->steps[i]);
	CHECK(w.bottom < lay->nodes[s->nparticipants].box.y);
	for (size_t i = 0; i < lay->nframes; i++)
		if (lay->frames[i].role == ROLE_ACTIVATION)
			CHECK(lay->frames[i].box.y + lay->frames[i].box.h < lay->nodes[s->nparticipants].box.y);
	struct layout *again = layout_sequence(s, fs);
	CHECK(same_layout(lay, again));
	layout_free(again);
	layout_free(lay);
	return harness_checks_failed == failed;
}

static void test_random(void)
{
	for (int round = 0; round < 300; round++) {
		struct mmd_sequence *s = random_seq();
		bool ok = check_layout(s);
		free_seq(s);
		if (!ok) {
			fprintf(stderr, "round %d failed\n", round);
			break;
		}
	}
}

/* The parser's limits all at once: every participant, every step, blocks
 * nested as deep as they may be, and ids that could meet "-foot". */
static void test_limits(void)
{
	struct mmd_sequence *s = new_seq();
	add_participant(s, "A", NULL, true);
	add_participant(s, "A-foot", NULL, false);
	for (size_t i = 2; i < MERMAID_MAX_PARTICIPANTS; i++) {
		char id[16];
		snprintf(id, sizeof id, "p%zu", i);
		add_participant(s, id, "a participant with a long name to wrap", i % 3 == 0);
	}
	size_t n = s->nparticipants;
	for (size_t d = 0; d < MERMAID_MAX_DEPTH; d++)
		add_step(s, MMD_STEP_BEGIN, 0, 0, "nested")->block = (enum mmd_block)(d % 5);
	for (size_t i = 0; s->nsteps < MERMAID_MAX_STEPS - MERMAID_MAX_DEPTH; i++) {
		struct mmd_step *st = add_step(s, MMD_STEP_MESSAGE, i % n, (i * 7 + 3) % n, "a message of some length");
		st->number = (int)i + 1;
		if (i % 4 == 0)
			add_step(s, MMD_STEP_ACTIVATE, st->to, st->to, NULL);
		if (i % 9 == 0)
			add_step(s, MMD_STEP_NOTE, i % n, (i + 2) % n, "a note over three")->place = MMD_NOTE_OVER;
	}
	for (size_t d = 0; d < MERMAID_MAX_DEPTH; d++)
		add_step(s, MMD_STEP_END, 0, 0, NULL);
	CHECK(check_layout(s));
	struct layout *lay = layout_sequence(s, fs);
	CHECK_STR(lay->nodes[1].id, "A-foot");
	CHECK(strcmp(lay->nodes[n].id, "A-foot") != 0);
	layout_free(lay);
	free_seq(s);
}

int main(void)
{
	struct diag d;
	diag_init(&d, stderr);
	fs = font_load(TEST_ROOT "/theme/static/fonts", &d);
	if (fs == NULL)
		return 1;
	RUN(test_message);
	RUN(test_heads);
	RUN(test_long_label_widens_column);
	RUN(test_self_message_and_number);
	RUN(test_activations);
	RUN(test_notes);
	RUN(test_blocks);
	RUN(test_empty);
	RUN(test_random);
	RUN(test_limits);
	font_free(fs);
	return harness_done();
}
