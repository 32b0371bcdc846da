/*
 * Properties every diagram layout must have, on random input: 1 to 12
 * systems, up to 20 flows, labels up to 80 characters (words of any
 * length), and on both layouts:
 *   - no two boxes overlap;
 *   - every line of text stays inside its box or its label plate;
 *   - no two label plates overlap, and no plate overlaps a box;
 *   - no arrow passes through a box it does not connect, nor any label;
 *   - everything lies inside the canvas.
 */
#define HARNESS_NAME "layout"
#include "harness.h"

#include <math.h>

#include "base/diag.h"
#include "base/font.h"
#include "content/load.h"
#include "diagram/diagram.h"
#include "diagram/layout.h"
#include "diagram/paint.h"
#include "diagram/paint_svg.h"

#define EPS 0.01

static struct fontset *fs;

/* A small deterministic generator (xorshift), so failures reproduce. */
static unsigned long long rng_state = 88172645463325252ULL;
static unsigned next_rand(unsigned bound)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned)(rng_state % bound);
}

/* Random text: words of 1 to 30 letters (sometimes one long one),
 * at most max characters, with some non-ASCII letters. */
static void random_text(char *out, size_t max)
{
	static const char *const pieces[] = {"a", "e", "o", "n", "r", "t", "s", "M", "W", "é", "ü", "—", "i", "l"};
	size_t len = 1 + next_rand((unsigned)max), used = 0, chars = 0;
	out[0] = '\0';
	while (chars < len) {
		const char *p = next_rand(6) == 0 ? " " : pieces[next_rand(14)];
		if (used + strlen(p) + 1 >= 256)
			break;
		if (chars == 0 && *p == ' ')
			continue;
		strcat(out, p);
		used += strlen(p);
		chars++;
	}
}

static bool overlap(struct lay_rect a, struct lay_rect b)
{
	return a.x < b.x + b.w - EPS && b.x < a.x + a.w - EPS && a.y < b.y + b.h - EPS && b.y < a.y + a.h - EPS;
}

static bool inside(struct lay_rect in, struct lay_rect out)
{
	return in.x >= out.x - EPS && in.y >= out.y - EPS && in.x + in.w <= out.x + out.w + EPS &&
	       in.y + in.h <= out.y + out.h + EPS;
}

/* The horizontal or vertical segment from x1,y1 to x2,y2 crosses box's inside. */
static bool segment_hits(double x1, double y1, double x2, double y2, struct lay_rect box)
{
	double lx = x1 < x2 ? x1 : x2, hx = x1 < x2 ? x2 : x1, ly = y1 < y2 ? y1 : y2, hy = y1 < y2 ? y2 : y1;
	struct lay_rect seg = {lx, ly, hx - lx, hy - ly};
	if (seg.w < EPS) {
		seg.x -= 0.5;
		seg.w = 1;
	}
	if (seg.h < EPS) {
		seg.y -= 0.5;
		seg.h = 1;
	}
	struct lay_rect core = {box.x + 1, box.y + 1, box.w - 2, box.h - 2};
	return overlap(seg, core);
}

/* Each line of t fits in the rect, measured with the fonts again. */
static bool text_inside(const struct lay_text *t, struct lay_rect box)
{
	for (size_t i = 0; i < t->n; i++) {
		const struct lay_line *l = &t->lines[i];
		double w = font_width(fs, t->face, l->text, t->size);
		struct lay_rect line = {l->x, l->y - font_ascent(fs, t->face) * t->size, w,
		                     (font_ascent(fs, t->face) + font_descent(fs, t->face)) * t->size};
		if (!inside(line, box))
			return false;
	}
	return true;
}

static int check_layout(const struct layout *lay, const char *what)
{
	int bad = 0;
	struct lay_rect canvas = {0, 0, lay->width, lay->height};
	for (size_t i = 0; i < lay->nnodes; i++) {
		const struct lay_node *n = &lay->nodes[i];
		if (!inside(n->box, canvas))
			bad++, harness_note(__FILE__, __LINE__, "%s: box %zu outside the canvas", what, i);
		if (!text_inside(&n->name, n->box) || !text_inside(&n->detail, n->box))
			bad++, harness_note(__FILE__, __LINE__, "%s: text of box %zu leaves it", what, i);
		for (size_t j = 0; j < i; j++)
			if (overlap(n->box, lay->nodes[j].box))
				bad++, harness_note(__FILE__, __LINE__, "%s: boxes %zu and %zu overlap", what, i, j);
	}
	for (size_t i = 0; i < lay->nedges; i++) {
		const struct lay_edge *e = &lay->edges[i];
		if (!inside(e->plate, canvas))
			bad++, harness_note(__FILE__, __LINE__, "%s: label %zu outside the canvas", what, i);
		if (!text_inside(&e->label, e->plate) || !text_inside(&e->tag, e->plate))
			bad++, harness_note(__FILE__, __LINE__, "%s: text of label %zu leaves its plate", what, i);
		if (e->x1 < -EPS || e->x2 > lay->width + EPS || e->y1 < -EPS || e->y2 > lay->height + EPS)
			bad++, harness_note(__FILE__, __LINE__, "%s: arrow %zu outside the canvas", what, i);
		for (size_t j = 0; j < lay->nedges; j++)
			if (segment_hits(e->x1, e->y1, e->x2, e->y2, lay->edges[j].plate))
				bad++, harness_note(__FILE__, __LINE__, "%s: arrow %zu crosses label %zu", what, i, j);
		for (size_t j = 0; j < i; j++)
			if (overlap(e->plate, lay->edges[j].plate))
				bad++, harness_note(__FILE__, __LINE__, "%s: labels %zu and %zu overlap", what, i, j);
		for (size_t k = 0; k < lay->nnodes; k++) {
			if (overlap(e->plate, lay->nodes[k].box))
				bad++, harness_note(__FILE__, __LINE__, "%s: label %zu overlaps box %zu", what, i, k);
			if (k != e->from && k != e->to && segment_hits(e->x1, e->y1, e->x2, e->y2, lay->nodes[k].box))
				bad++, harness_note(__FILE__, __LINE__, "%s: arrow %zu crosses box %zu", what, i, k);
		}
	}
	return bad;
}

static void test_lanes_random(void)
{
	char names[12][256], labels[20][256], tags[20][256];
	for (int round = 0; round < 300; round++) {
		size_t n = 1 + next_rand(12);
		size_t m = n < 2 ? 0 : next_rand(21);
		struct lay_box_in boxes[12];
		struct lay_flow_in flows[20];
		for (size_t i = 0; i < n; i++) {
			random_text(names[i], 40);
			boxes[i] = (struct lay_box_in){"s", names[i], next_rand(2) ? names[i] : NULL};
		}
		for (size_t i = 0; i < m; i++) {
			random_text(labels[i], 80);
			random_text(tags[i], 20);
			size_t a = next_rand((unsigned)n), b = next_rand((unsigned)n - 1);
			if (b >= a)
				b++;
			unsigned style = next_rand(LAY_KINDS * LAY_STROKES + 1);
			flows[i] = (struct lay_flow_in){a, b, labels[i], next_rand(3) ? tags[i] : NULL,
			                                style ? lay_edge_role((style - 1) / LAY_STROKES,
			                                                      (enum lay_stroke)((style - 1) % LAY_STROKES))
			                                      : ROLE_EDGE_PLAIN};
		}
		struct layout *lay = layout_lanes(boxes, n, flows, m, fs);
		char what[64];
		snprintf(what, sizeof what, "lanes round %d (%zu boxes, %zu flows)", round, n, m);
		int bad = check_layout(lay, what);
		layout_free(lay);
		if (bad)
			break;
	}
}

/* The least room a hub's text keeps from its box's or plate's sides. */
#define HUB_PADDING 5.0

/* Each line of t, were it drawn slack times wider about its middle (in a
 * reader's fallback font), keeps pad from the sides of box. */
static bool text_padded(const struct lay_text *t, struct lay_rect box, double slack, double pad)
{
	for (size_t i = 0; i < t->n; i++) {
		const struct lay_line *l = &t->lines[i];
		double w = font_width(fs, t->face, l->text, t->size), mid = l->x + w / 2;
		if (mid - slack * w / 2 < box.x + pad - EPS || mid + slack * w / 2 > box.x + box.w - pad + EPS)
			return false;
	}
	return true;
}

/* A hub's text keeps its padding even in a wider font, and each arrow has
 * its heads where its way says, joining its spoke and the centre. */
static int check_hub(const struct layout *lay, const enum lay_way *ways, const char *what)
{
	int bad = 0;
	for (size_t i = 0; i < lay->nnodes; i++) {
		const struct lay_node *n = &lay->nodes[i];
		if (!text_padded(&n->name, n->box, LAY_HUB_TEXT_SLACK, HUB_PADDING) ||
		    !text_padded(&n->detail, n->box, LAY_HUB_TEXT_SLACK, HUB_PADDING))
			bad++, harness_note(__FILE__, __LINE__, "%s: text of box %zu has no room in a wider font", what, i);
	}
	for (size_t i = 0; i < lay->nedges; i++) {
		const struct lay_edge *e = &lay->edges[i];
		if (!text_padded(&e->label, e->plate, LAY_HUB_TEXT_SLACK, 0))
			bad++, harness_note(__FILE__, __LINE__, "%s: label %zu leaves its plate in a wider font", what, i);
		size_t spoke = e->from ? e->from : e->to;
		bool out = ways[i] == LAY_WAY_OUT;
		const struct lay_rect head_box = lay->nodes[out ? spoke : 0].box;
		bool head_at_box = e->x2 > head_box.x - 3 && e->x2 < head_box.x + head_box.w + 3;
		if (spoke != i + 1 || (e->from == 0) != out || e->both_ends != (ways[i] == LAY_WAY_BOTH) || !head_at_box)
			bad++, harness_note(__FILE__, __LINE__, "%s: arrow %zu does not point its way", what, i);
	}
	return bad;
}

static void test_hub_random(void)
{
	char names[13][256], labels[12][256];
	for (int round = 0; round < 300; round++) {
		size_t n = next_rand(12);
		struct lay_box_in spokes[12];
		const char *label_ptrs[12];
		enum lay_way ways[12];
		random_text(names[12], 40);
		struct lay_box_in centre = {"hub", names[12], NULL};
		for (size_t i = 0; i < n; i++) {
			random_text(names[i], 40);
			random_text(labels[i], 80);
			spokes[i] = (struct lay_box_in){"s", names[i], next_rand(2) ? names[i] : NULL};
			label_ptrs[i] = labels[i];
			ways[i] = (enum lay_way)next_rand(3);
		}
		struct layout *lay = layout_hub(&centre, spokes, n, label_ptrs, ways, fs);
		char what[64];
		snprintf(what, sizeof what, "hub round %d (%zu spokes)", round, n);
		int bad = check_layout(lay, what) + check_hub(lay, ways, what);
		layout_free(lay);
		if (bad)
			break;
	}
}

static void test_wrap_breaks_long_words(void)
{
	struct lay_text t = {0};
	size_t n = layout_wrap(fs, FONT_REGULAR, 13, "Supercalifragilisticexpialidocious words", 60, &t);
	CHECK(n >= 3);
	for (size_t i = 0; i < t.n; i++) {
		CHECK(font_width(fs, FONT_REGULAR, t.lines[i].text, 13) <= 60);
		free(t.lines[i].text);
	}
	free(t.lines);
}

/* How a title's lines were broken, checked against the text they came
 * from: the lines must read as the text, each breaking at a space, after
 * a hyphen the text has, or inside a word with a hyphen added.  Returns
 * the number of hyphens added, or -1 when a line is not the text or
 * breaks inside a word without a hyphen. */
static int title_breaks(const struct lay_text *t, const char *text)
{
	const char *pos = text;
	int added = 0;
	for (size_t i = 0; i < t->n; i++) {
		const char *line = t->lines[i].text;
		size_t len = strlen(line);
		bool last = i + 1 == t->n;
		if (strncmp(pos, line, len) == 0 && (last ? pos[len] == '\0' : pos[len] == ' ' || line[len - 1] == '-')) {
			pos += len;
		} else if (!last && len > 1 && line[len - 1] == '-' && strncmp(pos, line, len - 1) == 0 &&
		           pos[len - 1] != ' ' && pos[len - 1] != '-' && pos[len - 1] != '\0') {
			pos += len - 1;
			added++;
		} else {
			return -1;
		}
		while (*pos == ' ')
			pos++;
	}
	return *pos == '\0' ? added : -1;
}

/* Wraps a card title at 54 into 560 (a card with a diagram) and checks
 * every line fits and every break is at an allowed place. */
static void check_title(const char *text, size_t max_lines, double want_size_at_most, const char *want_first)
{
	struct lay_text t = {0};
	size_t n = layout_wrap_title(fs, FONT_BOLD, 54, 36, text, 560, max_lines, &t);
	CHECK(n >= 1);
	CHECK(t.size <= want_size_at_most);
	CHECK(t.size >= 36);
	for (size_t i = 0; i < t.n; i++)
		CHECK(font_width(fs, FONT_BOLD, t.lines[i].text, t.size) <= 560 + EPS);
	CHECK_INT(title_breaks(&t, text), 0);
	if (want_first && t.n)
		CHECK_STR(t.lines[0].text, want_first);
	for (size_t i = 0; i < t.n; i++)
		free(t.lines[i].text);
	free(t.lines);
}

/* The title that came out as "Change-data-captur / e replication": a
 * word wider than the line breaks after its own hyphens, never
 * inside a part; titles that fit stay at their size and break at spaces;
 * one with no place to break shrinks, then takes a visible hyphen. */
static void test_card_title_breaks_only_where_allowed(void)
{
	CHECK(font_width(fs, FONT_BOLD, "Change-data-capture", 54) > 560);     /* the case is real */
	check_title("Change-data-capture replication", 5, 54, "Change-data-");
	check_title("Change-data-capture replication between the warehouse and the customer records", 5, 54, NULL);
	check_title("Customer records kept in step", 5, 54, "Customer records");
	/* No hyphen and too wide at 54: smaller, whole. */
	CHECK(font_width(fs, FONT_BOLD, "Counterrevolutionaries", 54) > 560);
	CHECK(font_width(fs, FONT_BOLD, "Counterrevolutionaries", 36) <= 560);
	check_title("Counterrevolutionaries", 5, 52, "Counterrevolutionaries");
	/* Too many lines at 54: smaller rather than cut off. */
	check_title("One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
	            "sixteen seventeen eighteen nineteen twenty", 5, 52, NULL);
	/* Wider than the line even at the smallest size: a visible hyphen. */
	struct lay_text t = {0};
	const char *huge = "Pneumonoultramicroscopicsilicovolcanoconiosis";
	layout_wrap_title(fs, FONT_BOLD, 54, 36, huge, 560, 5, &t);
	CHECK(t.n >= 2);
	CHECK(t.size == 36);
	CHECK_INT(title_breaks(&t, huge), (int)t.n - 1);
	for (size_t i = 0; i < t.n; i++)
		free(t.lines[i].text);
	free(t.lines);
}

static void test_column_order_follows_the_flow(void)
{
	/* c -> b -> a written backwards: the layout puts c left of b left of a. */
	struct lay_box_in boxes[] = {{"a", "A", NULL}, {"b", "B", NULL}, {"c", "C", NULL}};
	struct lay_flow_in flows[] = {{2, 1, "one", NULL, ROLE_EDGE_PLAIN}, {1, 0, "two", NULL, ROLE_EDGE_PLAIN}};
	struct layout *lay = layout_lanes(boxes, 3, flows, 2, fs);
	CHECK(lay->nodes[2].box.x < lay->nodes[1].box.x);
	CHECK(lay->nodes[1].box.x < lay->nodes[0].box.x);
	CHECK(lay->edges[0].x2 > lay->edges[0].x1); /* both arrows point right */
	CHECK(lay->edges[1].x2 > lay->edges[1].x1);
	layout_free(lay);
}

static void test_svg_is_deterministic_and_escaped(void)
{
	struct lay_box_in boxes[] = {{"x", "A <b> & \"c\"", NULL}, {"y", "B", NULL}};
	struct lay_flow_in flows[] = {{0, 1, "orders & <invoices>", "event", lay_edge_role(1, LAY_STROKE_DASHED)}};
	struct layout *lay = layout_lanes(boxes, 2, flows, 1, fs);
	struct buf a = BUF_INIT, b = BUF_INIT;
	struct svg_options opt = {"p-", "T <1>", "D & d", false, NULL};
	svg_write(&a, lay, &opt);
	svg_write(&b, lay, &opt);
	CHECK(strcmp(a.data, b.data) == 0);
	CHECK(strstr(a.data, "A &lt;b&gt; &amp; &quot;c&quot;") != NULL || strstr(a.data, "A &lt;b&gt; &amp; \"c\"") != NULL);
	CHECK(strstr(a.data, "orders &amp; &lt;invoices&gt;") != NULL);
	CHECK(strstr(a.data, "<title id=\"p-title\">T &lt;1&gt;</title>") != NULL);
	CHECK(strstr(a.data, "role=\"img\"") != NULL);
	CHECK(strstr(a.data, "<text") != NULL);
	buf_free(&a);
	buf_free(&b);
	layout_free(lay);
}

/* Drawn once for the file and the page, the two SVGs are the bytes
 * svg_write() gives for each: no prefix and standalone, and the page's
 * prefix (escaped as an attribute, here with an ampersand) on every id. */
static void test_svg_for_file_and_page_drawn_once(void)
{
	struct lay_box_in boxes[] = {{"x", "Alpha", "detail"}, {"y", "Beta", NULL}, {"z", "Gamma", NULL}};
	struct lay_flow_in flows[] = {{0, 1, "orders", "event", lay_edge_role(1, LAY_STROKE_DASHED)},
	                              {1, 2, "bills", NULL, ROLE_EDGE_PLAIN}};
	struct layout *lay = layout_lanes(boxes, 3, flows, 2, fs);
	static const char *const prefixes[] = {"dg-p-", "a&b-", ""};
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
		struct svg_options file_opt = {"", "T", "D", true, NULL}, page_opt = {prefixes[i], "T", "D", false, NULL};
		struct buf want_file = BUF_INIT, want_page = BUF_INIT, file = BUF_INIT, page = BUF_INIT;
		svg_write(&want_file, lay, &file_opt);
		svg_write(&want_page, lay, &page_opt);
		svg_write_both(&file, &page, lay, &page_opt);
		CHECK_STR(file.data, want_file.data);
		CHECK_STR(page.data, want_page.data);
		buf_free(&want_file);
		buf_free(&want_page);
		buf_free(&file);
		buf_free(&page);
	}
	layout_free(lay);
}

/* SVG numbers are written without printf: they must read exactly as
 * printf's "%.1f" would, ties and negative zeros included. */
static void test_svg_numbers_match_printf(void)
{
	static const double tricky[] = {0, 0.25, 0.35, 0.05, 0.15, 1.05, 2.45, -0.04, -0.05, -0.25, -1.25, 12.95,
	                                 1234.5678, 99.95, 0.95, 1e-9, -1e-9, 5e14, 7.25, 1e20};
	enum { N = 400 };
	struct lay_node nodes[N];
	memset(nodes, 0, sizeof nodes);
	unsigned long long seed = 12345;
	for (size_t i = 0; i < N; i++) {
		double v;
		if (i < sizeof tricky / sizeof tricky[0]) {
			v = tricky[i];
		} else {
			seed = seed * 6364136223846793005ull + 1442695040888963407ull;
			v = ((double)(seed >> 11) / 9007199254740992.0 - 0.5) * (i % 2 ? 3000 : 20);
		}
		nodes[i].id = "n";
		nodes[i].box = (struct lay_rect){v, -v, v * 3, v / 7};
	}
	struct layout lay = {.width = 100, .height = 100, .nodes = nodes, .nnodes = N};
	struct svg_options opt = {"", "t", "d", false, NULL};
	struct buf svg = BUF_INIT;
	svg_write(&svg, &lay, &opt);
	const char *p = svg.data;
	for (size_t i = 0; i < N; i++) {
		p = strstr(p, "<rect");
		CHECK(p != NULL);
		if (p == NULL)
			break;
		char want[256];
		struct lay_rect b = nodes[i].box;
		snprintf(want, sizeof want, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"8.0\"", b.x,
		         b.y, b.w, b.h);
		if (strncmp(p, want, strlen(want)) != 0) {
			CHECK_STR(p, want);
			break;
		}
		p++;
	}
	buf_free(&svg);
}

/* The diagrams of the default content have the same properties. */
static void test_default_content(void)
{
	struct diag d;
	diag_init(&d, stderr);
	struct options opt = {.source = TEST_ROOT};
	static const char *const templates[] = {TEST_ROOT "/theme/templates", NULL};
	struct site *site = load_site(&opt, templates, NULL, &d);
	CHECK(site != NULL);
	size_t checked = 0;
	for (size_t i = 0; site && i < site->resources.len; i++) {
		const struct resource *r = schema_list_at(&model_resource_schema, &site->resources, i);
		struct layout *lay = diagram_overview(r, fs);
		check_layout(lay, r->slug.v);
		layout_free(lay);
		checked++;
		for (size_t k = 0; k < r->patterns->items.len; k++) {
			const struct pattern *p = schema_list_at(&model_pattern_schema, &r->patterns->items, k);
			lay = diagram_pattern(p, fs);
			check_layout(lay, p->slug.v);
			CHECK(lay->nnodes == p->systems.len && lay->nedges == p->flows.len);
			layout_free(lay);
			checked++;
		}
	}
	CHECK(checked >= 7);
	model_free(site);
	diag_free(&d);
}

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

/* Each of the LAY_KINDS kinds has a colour of its own, the same in every
 * stroke, readable (4.5:1, as its badge's text must be) on the page and
 * on the label plates in both schemes; each stroke has its width and dash;
 * a kind beyond the palette is drawn plain. */
static void test_kind_styles(void)
{
	static const double widths[LAY_STROKES] = {2, 2, 2, 3}, dashes[LAY_STROKES] = {0, 6, 2, 0};
	const double pages[2][3] = {{1, 1, 1}, {13 / 255.0, 23 / 255.0, 34 / 255.0}};  /* site.css --bg */
	CHECK(LAY_KINDS >= 6);
	for (int dark = 0; dark < 2; dark++) {
		const double *plate = paint_style(NULL, ROLE_LABEL_BACK, dark)->fill;
		for (size_t k = 0; k < LAY_KINDS; k++) {
			const struct paint_style *first = paint_style(NULL, lay_edge_role(k, LAY_STROKE_SOLID), dark);
			CHECK(contrast(first->stroke, pages[dark]) >= 4.5);
			CHECK(contrast(first->stroke, plate) >= 4.5);
			for (int s = 0; s < LAY_STROKES; s++) {
				enum lay_role role = lay_edge_role(k, (enum lay_stroke)s);
				const struct paint_style *st = paint_style(NULL, role, dark);
				CHECK(role != ROLE_EDGE_PLAIN);
				CHECK(memcmp(st->stroke, first->stroke, sizeof st->stroke) == 0);
				CHECK(st->width == widths[s] && st->dash == dashes[s]);
				CHECK_STR(st->css_class, first->css_class);
			}
			for (size_t j = 0; j < k; j++) {
				const struct paint_style *other = paint_style(NULL, lay_edge_role(j, LAY_STROKE_SOLID), dark);
				CHECK(memcmp(other->stroke, first->stroke, sizeof first->stroke) != 0);
			}
		}
	}
	CHECK(lay_edge_role(LAY_KINDS, LAY_STROKE_SOLID) == ROLE_EDGE_PLAIN);
	char *css = paint_dark_css(NULL);
	const char *six = strstr(css, ".dg-kind-6 ");
	CHECK(six != NULL && strstr(six + 1, ".dg-kind-6 ") == NULL);   /* one rule a kind */
	free(css);
}

int main(void)
{
	struct diag d;
	diag_init(&d, stderr);
	fs = font_load(TEST_ROOT "/theme/static/fonts", &d);
	if (fs == NULL)
		return 1;
	RUN(test_lanes_random);
	RUN(test_hub_random);
	RUN(test_wrap_breaks_long_words);
	RUN(test_card_title_breaks_only_where_allowed);
	RUN(test_column_order_follows_the_flow);
	RUN(test_svg_is_deterministic_and_escaped);
	RUN(test_svg_for_file_and_page_drawn_once);
	RUN(test_svg_numbers_match_printf);
	RUN(test_default_content);
	RUN(test_kind_styles);
	font_free(fs);
	diag_free(&d);
	return harness_done();
}
