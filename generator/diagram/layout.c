#include "diagram/layout.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/xalloc.h"

#define MARGIN 24.0
#define NAME_SIZE 15.0
#define DETAIL_SIZE 12.0
#define LABEL_SIZE 13.0
#define TAG_SIZE 11.0
#define LEADING 1.3             /* line height as a multiple of the size */
#define BOX_W 176.0
#define BOX_PAD 12.0
#define LANE_SPACING 232.0      /* between the centres of two lanes */
#define LABEL_INSET 12.0        /* a label keeps this far from its lanes */
#define PLATE_PAD 5.0
#define ARROW_GAP 7.0           /* between a label's plate and its arrow */
#define ROW_GAP 16.0
#define SPOKE_W 200.0
#define HUB_W 184.0
#define HUB_GAP 208.0           /* between a spoke column and the centre */
#define SPOKE_GAP 20.0
#define HEAD 9.0                /* arrow head length: heads stay off the boxes' text */

/* ---- text ------------------------------------------------------------ */

static void add_line(struct lay_text *t, const char *s, size_t len, const struct fontset *fs)
{
	t->lines = xrealloc(t->lines, (t->n + 1) * sizeof *t->lines);
	struct lay_line *l = &t->lines[t->n++];
	l->text = xstrndup(s, len);
	l->width = font_width(fs, t->face, l->text, t->size);
	l->x = l->y = 0;
}

/* Length in bytes of the longest prefix of word (len bytes) that fits. */
static size_t fitting_prefix(const struct fontset *fs, enum font_face face, double size, const char *word,
                             size_t len, double width)
{
	size_t fit = 0;
	struct buf b = BUF_INIT;
	for (const char *p = word; p < word + len;) {
		const char *start = p;
		font_next_char(&p);
		buf_put(&b, start, (size_t)(p - start));
		if (font_width(fs, face, b.data, size) > width)
			break;
		fit = (size_t)(p - word);
	}
	buf_free(&b);
	if (fit == 0) {         /* always make progress: one character */
		const char *p = word;
		font_next_char(&p);
		fit = (size_t)(p - word);
	}
	return fit;
}

size_t layout_wrap(const struct fontset *fs, enum font_face face, double size, const char *text, double width,
                   struct lay_text *out)
{
	out->face = face;
	out->size = size;
	/* Widths add up (no kerning), so a line's width is the sum of its
	 * words' and spaces' widths: each word is measured once.  A line
	 * keeps the spaces between its words as written, so each counts. */
	double space = font_width(fs, face, " ", size);
	const char *line = NULL;        /* start of the line being filled */
	size_t line_len = 0;
	double line_w = 0;
	const char *p = text;
	while (*p) {
		const char *gap = p;
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		double gap_w = space * (double)(p - gap);
		size_t wlen = strcspn(p, " ");
		char *word = xstrndup(p, wlen);
		double word_w = font_width(fs, face, word, size);
		free(word);
		if (line && line_w + gap_w + word_w <= width) {
			line_len = (size_t)(p + wlen - line);
			line_w += gap_w + word_w;
			p += wlen;
		} else if (line) {
			add_line(out, line, line_len, fs);
			line = NULL;
		} else if (word_w <= width) {
			line = p;
			line_len = wlen;
			line_w = word_w;
			p += wlen;
		} else {
			size_t fit = fitting_prefix(fs, face, size, p, wlen, width);
			add_line(out, p, fit, fs);
			p += fit;
		}
	}
	if (line)
		add_line(out, line, line_len, fs);
	return out->n;
}

/* ---- titles: break at spaces and hyphens, shrink, then hyphenate ---- */

/* A piece of a title that is never broken: a word, or, for a word wider
 * than a line, a part of it ending after one of its hyphens, or (last
 * resort) a run of letters that a visible hyphen ends. */
struct title_piece {
	char *text;             /* owned; with its visible hyphen, if any */
	double width;
	bool space_before;      /* starts a word: a space goes before it on a line */
};

struct title_pieces {
	struct title_piece *items;
	size_t n;
};

static void add_piece(struct title_pieces *ps, const char *s, size_t len, bool space_before, const char *tail,
                      const struct fontset *fs, enum font_face face, double size)
{
	ps->items = xrealloc(ps->items, (ps->n + 1) * sizeof *ps->items);
	struct title_piece *p = &ps->items[ps->n++];
	p->text = xasprintf("%.*s%s", (int)len, s, tail);
	p->width = font_width(fs, face, p->text, size);
	p->space_before = space_before;
}

static void free_pieces(struct title_pieces *ps)
{
	for (size_t i = 0; i < ps->n; i++)
		free(ps->items[i].text);
	free(ps->items);
	*ps = (struct title_pieces){0};
}

/* Splits a part (len bytes) too wide for a line into runs that fit with a
 * visible hyphen after each but the last. */
static void hyphenate_part(struct title_pieces *ps, const char *part, size_t len, bool space_before,
                           const struct fontset *fs, enum font_face face, double size, double width)
{
	double hyphen = font_width(fs, face, "-", size);
	for (;;) {
		char *rest = xstrndup(part, len);
		bool fits = font_width(fs, face, rest, size) <= width;
		free(rest);
		if (fits) {
			add_piece(ps, part, len, space_before, "", fs, face, size);
			return;
		}
		size_t fit = fitting_prefix(fs, face, size, part, len, width - hyphen);
		add_piece(ps, part, fit, space_before, "-", fs, face, size);
		part += fit;
		len -= fit;
		space_before = false;
	}
}

/* Cuts text into the pieces lines may break between, at size.  A word
 * that fits a line stays whole; a wider one is cut after its hyphens.
 * Returns false when a piece is still wider than width, unless hyphenate
 * lets it be cut with a visible hyphen. */
static bool title_pieces(const char *text, const struct fontset *fs, enum font_face face, double size, double width,
                         bool hyphenate, struct title_pieces *ps)
{
	for (const char *p = text;;) {
		p += strspn(p, " ");
		if (*p == '\0')
			return true;
		size_t wlen = strcspn(p, " ");
		char *word = xstrndup(p, wlen);
		bool whole = font_width(fs, face, word, size) <= width;
		free(word);
		if (whole) {
			add_piece(ps, p, wlen, true, "", fs, face, size);
			p += wlen;
			continue;
		}
		bool space_before = true;
		for (const char *end = p + wlen; p < end; space_before = false) {
			const char *dash = memchr(p, '-', (size_t)(end - p));
			size_t len = dash && dash + 1 < end ? (size_t)(dash + 1 - p) : (size_t)(end - p);
			char *part = xstrndup(p, len);
			bool fits = font_width(fs, face, part, size) <= width;
			free(part);
			if (!fits && !hyphenate)
				return false;
			if (fits)
				add_piece(ps, p, len, space_before, "", fs, face, size);
			else
				hyphenate_part(ps, p, len, space_before, fs, face, size, width);
			p += len;
		}
	}
}

/* Fills lines greedily with the pieces. */
static void set_pieces(const struct title_pieces *ps, const struct fontset *fs, double width, struct lay_text *out)
{
	double space = font_width(fs, out->face, " ", out->size);
	struct buf line = BUF_INIT;
	double line_w = 0;
	for (size_t i = 0; i < ps->n; i++) {
		const struct title_piece *p = &ps->items[i];
		double gap = line.len && p->space_before ? space : 0;
		if (line.len && line_w + gap + p->width > width) {
			add_line(out, line.data, line.len, fs);
			line.len = 0;
			line_w = 0;
			gap = 0;
		}
		if (gap > 0)
			buf_put(&line, " ", 1);
		buf_put(&line, p->text, strlen(p->text));
		line_w += gap + p->width;
	}
	if (line.len)
		add_line(out, line.data, line.len, fs);
	buf_free(&line);
}

static void clear_lines(struct lay_text *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->lines[i].text);
	free(t->lines);
	t->lines = NULL;
	t->n = 0;
}

size_t layout_wrap_title(const struct fontset *fs, enum font_face face, double size, double min_size, const char *text,
                         double width, size_t max_lines, struct lay_text *out)
{
	out->face = face;
	/* Counted in steps, not by a float: size - k * step is exact here,
	 * as each subtraction was. */
	for (int k = 0; size - k * TITLE_SIZE_STEP >= min_size; k++) {
		double s = size - k * TITLE_SIZE_STEP;
		struct title_pieces ps = {0};
		out->size = s;
		if (title_pieces(text, fs, face, s, width, false, &ps)) {
			set_pieces(&ps, fs, width, out);
			free_pieces(&ps);
			if (out->n <= max_lines)
				return out->n;
			clear_lines(out);
		}
		free_pieces(&ps);
	}
	/* Nothing fits as it is written: the smallest size, and a hyphen
	 * where a part is still wider than a line. */
	struct title_pieces ps = {0};
	out->size = min_size;
	title_pieces(text, fs, face, min_size, width, true, &ps);
	set_pieces(&ps, fs, width, out);
	free_pieces(&ps);
	return out->n;
}

static double line_height(const struct lay_text *t)
{
	return t->size * LEADING;
}

static double text_height(const struct lay_text *t)
{
	return t->n ? line_height(t) * (double)t->n : 0;
}

/* Places the lines centred in [x, x + width], the first line's top at y. */
static void place_text(struct lay_text *t, const struct fontset *fs, double x, double width, double y)
{
	double ascent = font_ascent(fs, t->face) * t->size;
	double lh = line_height(t);
	double widest = 0;
	for (size_t i = 0; i < t->n; i++) {
		struct lay_line *l = &t->lines[i];
		l->x = x + (width - l->width) / 2;
		l->y = y + (lh - t->size) / 2 + ascent + lh * (double)i;
		if (l->width > widest)
			widest = l->width;
	}
	t->box.x = x + (width - widest) / 2;
	t->box.y = y;
	t->box.w = widest;
	t->box.h = text_height(t);
}

static void free_text(struct lay_text *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->lines[i].text);
	free(t->lines);
}

void layout_free(struct layout *lay)
{
	if (lay == NULL)
		return;
	for (size_t i = 0; i < lay->nnodes; i++) {
		free(lay->nodes[i].id);
		free_text(&lay->nodes[i].name);
		free_text(&lay->nodes[i].detail);
	}
	for (size_t i = 0; i < lay->nedges; i++) {
		free_text(&lay->edges[i].label);
		free_text(&lay->edges[i].tag);
		free_text(&lay->edges[i].number);
		free(lay->edges[i].pts);
	}
	for (size_t i = 0; i < lay->nframes; i++) {
		struct lay_frame *f = &lay->frames[i];
		free_text(&f->title);
		free_text(&f->detail);
		for (size_t k = 0; k < f->ndividers; k++)
			free_text(&f->dividers[k].text);
		free(f->dividers);
	}
	free(lay->nodes);
	free(lay->edges);
	free(lay->lanes);
	free(lay->frames);
	free(lay);
}

/* Wraps a box's name and detail to width less its padding, divided by
 * slack (1: the fonts' own widths); returns the content height. */
static double measure_node_slack(struct lay_node *node, const struct lay_box_in *in, const struct fontset *fs,
                                 double width, double slack)
{
	node->id = xstrdup(in->id ? in->id : "");
	node->name.role = ROLE_NODE_NAME;
	node->detail.role = ROLE_NODE_DETAIL;
	double inner = (width - 2 * BOX_PAD) / slack;
	layout_wrap(fs, FONT_BOLD, NAME_SIZE, in->name ? in->name : "", inner, &node->name);
	double h = text_height(&node->name);
	if (in->detail && *in->detail) {
		layout_wrap(fs, FONT_REGULAR, DETAIL_SIZE, in->detail, inner, &node->detail);
		h += 4 + text_height(&node->detail);
	} else {
		node->detail.face = FONT_REGULAR;
		node->detail.size = DETAIL_SIZE;
	}
	return h + 2 * BOX_PAD;
}

static double measure_node(struct lay_node *node, const struct lay_box_in *in, const struct fontset *fs,
                           double width)
{
	return measure_node_slack(node, in, fs, width, 1);
}

/* Puts the node's box at x, y with size w, h and centres its text. */
static void place_node(struct lay_node *node, const struct fontset *fs, double x, double y, double w, double h)
{
	node->box = (struct lay_rect){x, y, w, h};
	double content = text_height(&node->name) + (node->detail.n ? 4 + text_height(&node->detail) : 0);
	double top = y + (h - content) / 2;
	place_text(&node->name, fs, x + BOX_PAD, w - 2 * BOX_PAD, top);
	if (node->detail.n)
		place_text(&node->detail, fs, x + BOX_PAD, w - 2 * BOX_PAD, top + text_height(&node->name) + 4);
}

/* Wraps an arrow's label and tag to fit a plate of the given width, at
 * widths slack times the fonts' own (1: as measured); returns the plate's
 * height. */
static double wrap_label_slack(struct lay_edge *e, const struct lay_flow_in *in, const struct fontset *fs,
                               double width, double slack)
{
	e->label.role = ROLE_LABEL;
	e->tag.role = ROLE_TAG;
	e->tag.face = FONT_BOLD;
	e->tag.size = TAG_SIZE;
	double inner = (width - 2 * PLATE_PAD) / slack;
	layout_wrap(fs, FONT_REGULAR, LABEL_SIZE, in->label ? in->label : "", inner, &e->label);
	if (in->tag && *in->tag)
		layout_wrap(fs, FONT_BOLD, TAG_SIZE, in->tag, inner, &e->tag);
	return text_height(&e->label) + text_height(&e->tag) + 2 * PLATE_PAD;
}

static double wrap_label(struct lay_edge *e, const struct lay_flow_in *in, const struct fontset *fs, double width)
{
	return wrap_label_slack(e, in, fs, width, 1);
}

/* Places a wrapped label and tag in a plate centred on cx, its top at y,
 * wide enough for the text at slack times its width. */
static void position_label_slack(struct lay_edge *e, const struct fontset *fs, double cx, double width, double y,
                                 double slack)
{
	double inner = width - 2 * PLATE_PAD;
	place_text(&e->label, fs, cx - inner / 2, inner, y + PLATE_PAD);
	place_text(&e->tag, fs, cx - inner / 2, inner, y + PLATE_PAD + text_height(&e->label));
	double widest = slack * (e->label.box.w > e->tag.box.w ? e->label.box.w : e->tag.box.w);
	double h = text_height(&e->label) + text_height(&e->tag) + 2 * PLATE_PAD;
	e->plate = (struct lay_rect){cx - widest / 2 - PLATE_PAD, y, widest + 2 * PLATE_PAD, h};
}

static void position_label(struct lay_edge *e, const struct fontset *fs, double cx, double width, double y)
{
	position_label_slack(e, fs, cx, width, y, 1);
}

/* ---- lanes ----------------------------------------------------------- */

/* Twice the summed length of the arrows in lanes, plus one per arrow
 * pointing left: lower is better. */
static long order_cost(const size_t *column_of, const struct lay_flow_in *flows, size_t nflows)
{
	long cost = 0;
	for (size_t i = 0; i < nflows; i++) {
		long a = (long)column_of[flows[i].from], b = (long)column_of[flows[i].to];
		cost += 2 * (a < b ? b - a : a - b) + (b < a);
	}
	return cost;
}

static bool next_permutation(size_t *v, size_t n)
{
	if (n < 2)
		return false;
	size_t i = n - 1;
	while (i > 0 && v[i - 1] >= v[i])
		i--;
	if (i == 0)
		return false;
	size_t j = n - 1;
	while (v[j] <= v[i - 1])
		j--;
	size_t t = v[i - 1];
	v[i - 1] = v[j];
	v[j] = t;
	for (size_t a = i, b = n - 1; a < b; a++, b--) {
		t = v[a];
		v[a] = v[b];
		v[b] = t;
	}
	return true;
}

/* column_of[box] for the cheapest order: every order for up to seven
 * boxes (the first of equal cost wins), adjacent swaps beyond. */
static void choose_columns(size_t n, const struct lay_flow_in *flows, size_t nflows, size_t *column_of)
{
	size_t *order = xcalloc(n ? n : 1, sizeof *order);
	size_t *trial = xcalloc(n ? n : 1, sizeof *trial);
	for (size_t i = 0; i < n; i++)
		order[i] = column_of[i] = i;
	if (n <= 7) {
		long best = order_cost(column_of, flows, nflows);
		while (next_permutation(order, n)) {
			for (size_t c = 0; c < n; c++)
				trial[order[c]] = c;
			long cost = order_cost(trial, flows, nflows);
			if (cost < best) {
				best = cost;
				memcpy(column_of, trial, n * sizeof *trial);
			}
		}
	} else {
		long best = order_cost(column_of, flows, nflows);
		for (bool improved = true; improved;) {
			improved = false;
			for (size_t c = 0; c + 1 < n; c++) {
				for (size_t b = 0; b < n; b++)
					trial[b] = column_of[b] == c ? c + 1 : column_of[b] == c + 1 ? c : column_of[b];
				long cost = order_cost(trial, flows, nflows);
				if (cost < best) {
					best = cost;
					memcpy(column_of, trial, n * sizeof *trial);
					improved = true;
				}
			}
		}
	}
	free(order);
	free(trial);
}

struct layout *layout_lanes(const struct lay_box_in *boxes, size_t nboxes, const struct lay_flow_in *flows,
                            size_t nflows, const struct fontset *fs)
{
	struct layout *lay = xcalloc(1, sizeof *lay);
	lay->nnodes = nboxes;
	lay->nodes = xcalloc(nboxes ? nboxes : 1, sizeof *lay->nodes);
	lay->nedges = nflows;
	lay->edges = xcalloc(nflows ? nflows : 1, sizeof *lay->edges);
	lay->nlanes = nboxes;
	lay->lanes = xcalloc(nboxes ? nboxes : 1, sizeof *lay->lanes);

	size_t *column_of = xcalloc(nboxes ? nboxes : 1, sizeof *column_of);
	choose_columns(nboxes, flows, nflows, column_of);

	double box_h = 0;
	for (size_t i = 0; i < nboxes; i++) {
		double h = measure_node(&lay->nodes[i], &boxes[i], fs, BOX_W);
		if (h > box_h)
			box_h = h;
	}
	double *lane_x = xcalloc(nboxes ? nboxes : 1, sizeof *lane_x);
	for (size_t i = 0; i < nboxes; i++) {
		lane_x[i] = MARGIN + BOX_W / 2 + LANE_SPACING * (double)column_of[i];
		lay->nodes[i].role = ROLE_NODE;
		place_node(&lay->nodes[i], fs, lane_x[i] - BOX_W / 2, MARGIN, BOX_W, box_h);
	}

	double y = MARGIN + box_h + 2 * ROW_GAP;
	for (size_t i = 0; i < nflows; i++) {
		struct lay_edge *e = &lay->edges[i];
		const struct lay_flow_in *in = &flows[i];
		double xa = lane_x[in->from], xb = lane_x[in->to];
		double left = xa < xb ? xa : xb, right = xa < xb ? xb : xa;
		e->from = in->from;
		e->to = in->to;
		e->role = in->role;
		double width = right - left - 2 * LABEL_INSET;
		double plate_h = wrap_label(e, in, fs, width);
		position_label(e, fs, (left + right) / 2, width, y);
		double arrow_y = y + plate_h + ARROW_GAP;
		double dir = xb > xa ? 1 : -1;
		e->x1 = xa + dir * 1.5;
		e->x2 = xb - dir * 1.5;
		e->y1 = e->y2 = arrow_y;
		y = arrow_y + HEAD / 2 + ROW_GAP;
	}
	lay->width = 2 * MARGIN + BOX_W + LANE_SPACING * (double)(nboxes ? nboxes - 1 : 0);
	lay->height = y - ROW_GAP + MARGIN;
	if (nflows == 0)
		lay->height = MARGIN + box_h + MARGIN;
	for (size_t i = 0; i < nboxes; i++)
		lay->lanes[i] = (struct lay_rect){lane_x[i], MARGIN + box_h, 0, lay->height - MARGIN - (MARGIN + box_h)};
	free(lane_x);
	free(column_of);
	return lay;
}

/* ---- hub ------------------------------------------------------------- */

/* Sets edge e between spoke node (at the end spoke_x) and the centre (at
 * centre_x), at height y, its heads where way says the data goes. */
static void point_spoke(struct lay_edge *e, size_t node, enum lay_way way, double spoke_x, double centre_x, double y)
{
	bool out = way == LAY_WAY_OUT;
	e->from = out ? 0 : node;
	e->to = out ? node : 0;
	e->x1 = out ? centre_x : spoke_x;
	e->x2 = out ? spoke_x : centre_x;
	e->y1 = e->y2 = y;
	e->both_ends = way == LAY_WAY_BOTH;
	e->role = ROLE_EDGE_PLAIN;
}

struct layout *layout_hub(const struct lay_box_in *centre, const struct lay_box_in *spokes, size_t n,
                          const char *const *labels, const enum lay_way *ways, const struct fontset *fs)
{
	struct layout *lay = xcalloc(1, sizeof *lay);
	lay->nnodes = n + 1;
	lay->nodes = xcalloc(n + 1, sizeof *lay->nodes);
	lay->nedges = n;
	lay->edges = xcalloc(n ? n : 1, sizeof *lay->edges);

	size_t nleft = (n + 1) / 2;
	double *height = xcalloc(n ? n : 1, sizeof *height);
	double *plate_h = xcalloc(n ? n : 1, sizeof *plate_h);
	double column[2] = {0, 0};
	/* Each spoke's box is tall enough for its label above the arrow at
	 * its middle, so the labels of neighbours cannot meet. */
	for (size_t i = 0; i < n; i++) {
		struct lay_flow_in in = {i + 1, 0, labels ? labels[i] : NULL, NULL, ROLE_EDGE_PLAIN};
		plate_h[i] = wrap_label_slack(&lay->edges[i], &in, fs, HUB_GAP - 2 * LABEL_INSET, LAY_HUB_TEXT_SLACK);
		double h = measure_node_slack(&lay->nodes[i + 1], &spokes[i], fs, SPOKE_W, LAY_HUB_TEXT_SLACK);
		double need = 2 * (plate_h[i] + ARROW_GAP + HEAD / 2);
		height[i] = h > need ? h : need;
		int side = i < nleft;
		column[side] += height[i] + (column[side] > 0 ? SPOKE_GAP : 0);
	}
	double total = column[1] > column[0] ? column[1] : column[0];
	double centre_h = measure_node_slack(&lay->nodes[0], centre, fs, HUB_W, LAY_HUB_TEXT_SLACK);
	if (centre_h > total)
		total = centre_h;

	double hub_x = MARGIN + SPOKE_W + HUB_GAP;
	lay->nodes[0].role = ROLE_HUB;
	place_node(&lay->nodes[0], fs, hub_x, MARGIN, HUB_W, total);
	double y[2] = {MARGIN + (total - column[0]) / 2, MARGIN + (total - column[1]) / 2};
	for (size_t i = 0; i < n; i++) {
		int side = i < nleft;           /* 1: left of the centre */
		double x = side ? MARGIN : hub_x + HUB_W + HUB_GAP;
		struct lay_node *node = &lay->nodes[i + 1];
		node->role = ROLE_NODE;
		place_node(node, fs, x, y[side], SPOKE_W, height[i]);
		struct lay_edge *e = &lay->edges[i];
		double mid = y[side] + height[i] / 2;
		double gap_left = side ? MARGIN + SPOKE_W : hub_x + HUB_W;
		position_label_slack(e, fs, gap_left + HUB_GAP / 2, HUB_GAP - 2 * LABEL_INSET, mid - ARROW_GAP - plate_h[i],
		                     LAY_HUB_TEXT_SLACK);
		/* A stroke width (1.5) off each outline, as the lanes' arrows. */
		double spoke_x = side ? gap_left + 1.5 : gap_left + HUB_GAP - 1.5;
		double centre_x = side ? gap_left + HUB_GAP - 1.5 : gap_left + 1.5;
		point_spoke(e, i + 1, ways ? ways[i] : LAY_WAY_BOTH, spoke_x, centre_x, mid);
		y[side] += height[i] + SPOKE_GAP;
	}
	free(plate_h);
	lay->width = 2 * MARGIN + 2 * SPOKE_W + 2 * HUB_GAP + HUB_W;
	lay->height = 2 * MARGIN + total;
	free(height);
	return lay;
}

enum lay_role lay_edge_role(size_t kind, enum lay_stroke line)
{
	if (kind >= LAY_KINDS || (unsigned)line >= LAY_STROKES)
		return ROLE_EDGE_PLAIN;
	return (enum lay_role)(ROLE_EDGE_KIND + (int)kind * LAY_STROKES + (int)line);
}

double layout_text_height(const struct lay_text *t)
{
	return text_height(t);
}

void layout_place_text(struct lay_text *t, const struct fontset *fs, double x, double width, double y)
{
	place_text(t, fs, x, width, y);
}
