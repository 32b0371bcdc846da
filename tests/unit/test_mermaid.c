/* mermaid.h: Mermaid text read into the model, each expectation written by
 * hand from Mermaid's syntax; mistakes at their line and column; the text
 * alternative of diagram/mermaid.c in the theme's English strings. */
#define HARNESS_NAME "test_mermaid"
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/diag.h"
#include "content/load.h"
#include "content/markdown.h"
#include "content/mermaid.h"
#include "content/model.h"
#include "diagram/diagram.h"

/* Every block of these tests has its fence on line 10 of page.md: its
 * first line of text is line 11. */
static const struct pos fence = {"page.md", 10, 1};

static struct diag d;

static struct mmd_diagram *parse(const char *src)
{
	diag_free(&d);
	diag_init(&d, NULL);
	return mermaid_parse(src, strlen(src), fence, &d);
}

/* Whether the report holds a line that starts with head and contains
 * part. */
static bool reported(const char *head, const char *part)
{
	for (size_t i = 0; i < d.nlines; i++)
		if (strncmp(d.lines[i], head, strlen(head)) == 0 && strstr(d.lines[i], part))
			return true;
	return false;
}

#define CHECK_REPORTED(head, part)                                                      \
	do {                                                                            \
		if (!reported(head, part)) {                                            \
			harness_note(__FILE__, __LINE__, "no line '%s...%s'; got %zu lines, first: %s", head, part, \
			             d.nlines, d.nlines ? d.lines[0] : "(none)");       \
		}                                                                       \
	} while (0)

/* A failed parse: NULL, and exactly `errors` errors. */
#define CHECK_REFUSED(src, count)                      \
	do {                                            \
		struct mmd_diagram *m_ = parse(src);    \
		CHECK(m_ == NULL);                      \
		mermaid_free(m_);                       \
		CHECK_INT(d.errors, count);             \
	} while (0)

static const struct mmd_node *node(const struct mmd_diagram *m, size_t i)
{
	return &m->u.flow.nodes[i];
}

static const struct mmd_edge *edge(const struct mmd_diagram *m, size_t i)
{
	return &m->u.flow.edges[i];
}

/* ---- flowcharts ------------------------------------------------------------ */

static void test_directions(void)
{
	static const struct {
		const char *src;
		enum mmd_dir dir;
	} cases[] = {
		{"flowchart\nA", MMD_DIR_TB},    {"flowchart TD\nA", MMD_DIR_TB}, {"graph TB\nA", MMD_DIR_TB},
		{"graph BT\nA", MMD_DIR_BT},     {"flowchart LR\nA", MMD_DIR_LR}, {"flowchart RL\nA", MMD_DIR_RL},
		{"graph LR;\nA", MMD_DIR_LR},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct mmd_diagram *m = parse(cases[i].src);
		CHECK(m != NULL);
		if (m) {
			CHECK_INT(m->kind, MMD_FLOWCHART);
			CHECK_INT(m->u.flow.dir, cases[i].dir);
			CHECK_STR(m->source, cases[i].src);
			CHECK_INT(m->at.line, 10);
		}
		mermaid_free(m);
	}
	CHECK_REFUSED("flowchart XY\nA", 1);
	CHECK_REPORTED("page.md:11:11: error: 'XY' is not a direction", "TD");
}

static void test_shapes(void)
{
	struct mmd_diagram *m = parse("flowchart TD\n"
	                              "  a[Rect] --> b(Rounded)\n"
	                              "  c([Stadium]) --> d[(Database)]\n"
	                              "  e((Circle)) --> f{Decision?}\n"
	                              "  g[[Subroutine]]\n"
	                              "  h[\"text with (parens) and [brackets]\"]\n"
	                              "  i\n"
	                              "  j[]\n"
	                              "  k[\"one<br>two<br/>three<br />four\"]\n");
	CHECK(m != NULL);
	if (m == NULL)
		return;
	CHECK_INT(m->u.flow.nnodes, 11);
	static const struct {
		const char *id, *label;
		enum mmd_shape shape;
	} want[] = {
		{"a", "Rect", MMD_SHAPE_RECT},
		{"b", "Rounded", MMD_SHAPE_ROUNDED},
		{"c", "Stadium", MMD_SHAPE_STADIUM},
		{"d", "Database", MMD_SHAPE_DATABASE},
		{"e", "Circle", MMD_SHAPE_CIRCLE},
		{"f", "Decision?", MMD_SHAPE_DECISION},
		{"g", "Subroutine", MMD_SHAPE_SUBROUTINE},
		{"h", "text with (parens) and [brackets]", MMD_SHAPE_RECT},
		{"i", "i", MMD_SHAPE_RECT},
		{"j", "j", MMD_SHAPE_RECT},
		{"k", "one two three four", MMD_SHAPE_RECT},
	};
	for (size_t i = 0; i < 11 && i < m->u.flow.nnodes; i++) {
		CHECK_STR(node(m, i)->id, want[i].id);
		CHECK_STR(node(m, i)->label, want[i].label);
		CHECK_INT(node(m, i)->shape, want[i].shape);
		CHECK_INT(node(m, i)->group, 0);
	}
	/* where each first appears: "  c([" is line 13, column 3 */
	CHECK_INT(node(m, 2)->at.line, 13);
	CHECK_INT(node(m, 2)->at.col, 3);
	CHECK_INT(node(m, 3)->at.col, 20);
	CHECK_INT(m->u.flow.nedges, 3);
	mermaid_free(m);
}

/* The first mention that gives a label wins; later ones are left alone. */
static void test_label_at_any_mention(void)
{
	struct mmd_diagram *m = parse("graph LR\nA --> B\nB(Bee) --> C\nB[Other] --> A{Ay}\n");
	CHECK(m != NULL);
	if (m) {
		CHECK_INT(m->u.flow.nnodes, 3);
		CHECK_STR(node(m, 0)->label, "Ay");
		CHECK_INT(node(m, 0)->shape, MMD_SHAPE_DECISION);
		CHECK_STR(node(m, 1)->label, "Bee");
		CHECK_INT(node(m, 1)->shape, MMD_SHAPE_ROUNDED);
		CHECK_INT(node(m, 1)->at.line, 12);     /* its first mention, unlabelled */
		CHECK_INT(node(m, 1)->at.col, 7);
		CHECK_INT(d.errors + d.warnings, 0);
	}
	mermaid_free(m);
}

static void test_edges(void)
{
	static const struct {
		const char *line;
		enum mmd_stroke stroke;
		bool head;
		const char *label;
	} cases[] = {
		{"A --> B", MMD_STROKE_SOLID, true, NULL},
		{"A --- B", MMD_STROKE_SOLID, false, NULL},
		{"A -.-> B", MMD_STROKE_DOTTED, true, NULL},
		{"A -.- B", MMD_STROKE_DOTTED, false, NULL},
		{"A ==> B", MMD_STROKE_THICK, true, NULL},
		{"A === B", MMD_STROKE_THICK, false, NULL},
		{"A-->B", MMD_STROKE_SOLID, true, NULL},
		{"A ---> B", MMD_STROKE_SOLID, true, NULL},
		{"A -- some text --> B", MMD_STROKE_SOLID, true, "some text"},
		{"A -- some text --- B", MMD_STROKE_SOLID, false, "some text"},
		{"A -. maybe .-> B", MMD_STROKE_DOTTED, true, "maybe"},
		{"A -. maybe .- B", MMD_STROKE_DOTTED, false, "maybe"},
		{"A == sure ==> B", MMD_STROKE_THICK, true, "sure"},
		{"A == sure === B", MMD_STROKE_THICK, false, "sure"},
		{"A -->|yes| B", MMD_STROKE_SOLID, true, "yes"},
		{"A --> |yes| B", MMD_STROKE_SOLID, true, "yes"},
		{"A ---|plain| B", MMD_STROKE_SOLID, false, "plain"},
		{"A -.->|later| B", MMD_STROKE_DOTTED, true, "later"},
		{"A ==>|\"quoted (x)\"| B", MMD_STROKE_THICK, true, "quoted (x)"},
		{"A-- a-b -->B", MMD_STROKE_SOLID, true, "a-b"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char src[128];
		snprintf(src, sizeof src, "flowchart LR\n%s\n", cases[i].line);
		struct mmd_diagram *m = parse(src);
		CHECK(m != NULL);
		if (m == NULL)
			continue;
		CHECK_INT(m->u.flow.nnodes, 2);
		CHECK_INT(m->u.flow.nedges, 1);
		if (m->u.flow.nedges == 1 && m->u.flow.nnodes == 2) {
			CHECK_STR(node(m, 0)->id, "A");
			CHECK_STR(node(m, 1)->id, "B");
			CHECK_INT(edge(m, 0)->from, 0);
			CHECK_INT(edge(m, 0)->to, 1);
			CHECK_INT(edge(m, 0)->stroke, cases[i].stroke);
			CHECK_INT(edge(m, 0)->head, cases[i].head);
			CHECK_STR(edge(m, 0)->label, cases[i].label);
			CHECK_INT(edge(m, 0)->at.line, 12);
		}
		mermaid_free(m);
	}
}

/* Ids hold '-' between letters; a '-' before '-', '.' or '>' is an arrow. */
static void test_ids(void)
{
	struct mmd_diagram *m = parse("flowchart LR\norder-1-->step_2-.->x-y-z\n9lives --- Émile\n");
	CHECK(m != NULL);
	if (m) {
		CHECK_INT(m->u.flow.nnodes, 5);
		CHECK_STR(node(m, 0)->id, "order-1");
		CHECK_STR(node(m, 1)->id, "step_2");
		CHECK_STR(node(m, 2)->id, "x-y-z");
		CHECK_STR(node(m, 3)->id, "9lives");
		CHECK_STR(node(m, 4)->id, "Émile");
		CHECK_INT(m->u.flow.nedges, 3);
	}
	mermaid_free(m);
}

/* A & B --> C & D is four edges, A->C, A->D, B->C, B->D; a chain
 * continues from the nodes on the right. */
static void test_chains_and_ampersands(void)
{
	struct mmd_diagram *m = parse("flowchart TD\nA & B --> C & D -->|on| E\n");
	CHECK(m != NULL);
	if (m == NULL)
		return;
	static const size_t want[][2] = {{0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 4}, {3, 4}};
	CHECK_INT(m->u.flow.nedges, 6);
	for (size_t i = 0; i < 6 && i < m->u.flow.nedges; i++) {
		CHECK_INT(edge(m, i)->from, want[i][0]);
		CHECK_INT(edge(m, i)->to, want[i][1]);
		CHECK_STR(edge(m, i)->label, i >= 4 ? "on" : NULL);
	}
	mermaid_free(m);
	m = parse("flowchart TD\nA --> B --> C\n");
	CHECK(m && m->u.flow.nedges == 2 && edge(m, 0)->to == 1 && edge(m, 1)->from == 1 && edge(m, 1)->to == 2);
	mermaid_free(m);
}

static void test_subgraphs(void)
{
	struct mmd_diagram *m = parse("flowchart TB\n"
	                              "  top --> a1\n"
	                              "  subgraph billing [Billing and invoices]\n"
	                              "    a1 --> a2\n"
	                              "    subgraph inner\n"
	                              "      a2 --> deep\n"
	                              "    end\n"
	                              "  end\n"
	                              "  subgraph \"Quoted title\"\n"
	                              "    q1\n"
	                              "  end\n"
	                              "  subgraph two words\n"
	                              "    w\n"
	                              "  end\n"
	                              "  deep --> top\n");
	CHECK(m != NULL);
	if (m == NULL)
		return;
	const struct mmd_flowchart *f = &m->u.flow;
	CHECK_INT(f->ngroups, 4);
	if (f->ngroups == 4) {
		CHECK_STR(f->groups[0].id, "billing");
		CHECK_STR(f->groups[0].title, "Billing and invoices");
		CHECK_INT(f->groups[0].parent, 0);
		CHECK_INT(f->groups[0].at.line, 13);
		CHECK_INT(f->groups[0].at.col, 3);
		CHECK_STR(f->groups[1].id, "inner");
		CHECK_STR(f->groups[1].title, "inner");
		CHECK_INT(f->groups[1].parent, 1);
		CHECK_STR(f->groups[2].title, "Quoted title");
		CHECK_STR(f->groups[3].title, "two words");
	}
	/* top, a1, a2, deep, q1, w */
	CHECK_INT(f->nnodes, 6);
	if (f->nnodes == 6) {
		CHECK_INT(f->nodes[0].group, 0);        /* only mentioned outside */
		CHECK_INT(f->nodes[1].group, 1);        /* first outside, then in billing */
		CHECK_INT(f->nodes[2].group, 2);        /* in billing, then in inner: the innermost */
		CHECK_INT(f->nodes[3].group, 2);        /* stays in inner though mentioned outside after */
		CHECK_INT(f->nodes[4].group, 3);
		CHECK_INT(f->nodes[5].group, 4);
	}
	mermaid_free(m);
}

static void test_comments_and_semicolons(void)
{
	struct mmd_diagram *m = parse("%% a comment before the type\n"
	                              "%%{init: {\"theme\": \"dark\"}}%%\n"
	                              "\n"
	                              "graph TD; A-->B; B-->C %% trailing comment\n"
	                              "  %% a whole line\n"
	                              "  C[\"50%% off; today\"] --> A;\n");
	CHECK(m != NULL);
	if (m) {
		CHECK_INT(m->u.flow.nnodes, 3);
		CHECK_INT(m->u.flow.nedges, 3);
		CHECK_STR(node(m, 2)->label, "50%% off; today");
		CHECK_INT(edge(m, 2)->at.line, 16);
		CHECK_INT(edge(m, 2)->at.col, 24);
	}
	mermaid_free(m);
}

/* Styling is ignored, with a warning at its line; the diagram is read. */
static void test_styling_warnings(void)
{
	struct mmd_diagram *m = parse("flowchart LR\n"
	                              "  A:::hot --> B\n"
	                              "  classDef hot fill:#f96\n"
	                              "  class B hot\n"
	                              "  style A fill:#f9f\n"
	                              "  linkStyle 0 stroke:#ff3\n"
	                              "  click A callback\n"
	                              "  subgraph s\n"
	                              "    direction LR\n"
	                              "    C\n"
	                              "  end\n");
	CHECK(m != NULL);
	CHECK_INT(d.errors, 0);
	CHECK_INT(d.warnings, 7);
	CHECK_REPORTED("page.md:12:4: warning: class 'hot' is ignored", "theme's colours; remove");
	CHECK_REPORTED("page.md:13:3: warning: 'classDef' is ignored", "remove the line");
	CHECK_REPORTED("page.md:14:3: warning: 'class' is ignored", "remove the line");
	CHECK_REPORTED("page.md:15:3: warning: 'style' is ignored", "remove the line");
	CHECK_REPORTED("page.md:16:3: warning: 'linkStyle' is ignored", "remove the line");
	CHECK_REPORTED("page.md:17:3: warning: 'click' is ignored", "remove the line");
	CHECK_REPORTED("page.md:19:5: warning: 'direction LR' is ignored", "remove the line");
	if (m) {
		CHECK_INT(m->u.flow.nnodes, 3);
		CHECK_INT(m->u.flow.nedges, 1);
	}
	mermaid_free(m);
}

static void test_flowchart_errors(void)
{
	CHECK_REFUSED("classDiagram\n  A <|-- B\n", 1);
	CHECK_REPORTED("page.md:11:1: error: 'classDiagram' diagrams are not drawn", "only flowchart (or graph) and sequenceDiagram");
	CHECK_REFUSED("\n\n  gantt\n", 1);
	CHECK_REPORTED("page.md:13:3: error: 'gantt' diagrams", "info string");
	CHECK_REFUSED("flowchart\n  A{{hex}}\n", 1);
	CHECK_REPORTED("page.md:12:4: error: node 'A' has the hexagon {{...}} shape", "A[rect]");
	CHECK_REFUSED("flowchart\n  A>flag]\n", 1);
	CHECK_REPORTED("page.md:12:4: error: node 'A' has the flag", "use one of");
	CHECK_REFUSED("flowchart\n  A[/slant/]\n", 1);
	CHECK_REFUSED("flowchart\n  A(((double)))\n", 1);
	CHECK_REFUSED("flowchart\n  A --x B\n", 1);
	CHECK_REPORTED("page.md:12:5: error: the edge '--x' ends in a cross", "-->");
	CHECK_REFUSED("flowchart\n  A --o B\n", 1);
	CHECK_REFUSED("flowchart\n  A <--> B\n", 1);
	CHECK_REPORTED("page.md:12:5: error: arrows at both ends", "A --> B and B --> A");
	CHECK_REFUSED("flowchart\n  A ~~~ B\n", 1);
	CHECK_REFUSED("flowchart\n  A -->\n", 1);
	CHECK_REPORTED("page.md:12:", "an edge must end at a node");
	CHECK_REFUSED("flowchart\n  A -- text B\n", 1);
	CHECK_REPORTED("page.md:12:5: error: the edge '--' has no end", "A -- text --> B");
	CHECK_REFUSED("flowchart\n  A -->|open B\n", 1);
	CHECK_REFUSED("flowchart\n  A[open --> B\n", 1);
	CHECK_REPORTED("page.md:12:4: error: the label of node 'A' is not closed with ']'", "quote a label");
	CHECK_REFUSED("flowchart\n  A[\"open] --> B\n", 1);
	CHECK_REFUSED("flowchart\n  A B\n", 1);
	CHECK_REPORTED("page.md:12:5: error: 'B' where an edge or the end of the line was expected", "-->");
	CHECK_REFUSED("flowchart\n  A[#quot;hi#quot;]\n", 1);
	CHECK_REPORTED("page.md:12:5: error: entity code '#quot;'", "character itself");
	CHECK_REFUSED("flowchart\n  end\n", 1);
	CHECK_REPORTED("page.md:12:3: error: 'end' closes no subgraph", "remove it");
	CHECK_REFUSED("flowchart\n  subgraph one\n  subgraph two\n  A\n  end\n", 1);
	CHECK_REPORTED("page.md:12:3: error: subgraph 'one' has no 'end'", "close it");
	CHECK_REFUSED("flowchart\n  subgraph s\n  end\n  subgraph s\n  end\n", 1);
	CHECK_REFUSED("flowchart\n  subgraph s\n  A\n  end\n  s --> A\n", 1);
	CHECK_REPORTED("page.md:15:3: error: 's' is a subgraph", "link a node inside it");
	CHECK_REFUSED("flowchart LR\n", 1);
	CHECK_REPORTED("page.md:10:1: error: the flowchart has no nodes", "write at least one");
	CHECK_REFUSED("", 1);
	CHECK_REPORTED("page.md:10:1: error: the mermaid block is empty", "remove the block");
	CHECK_REFUSED("  \n%% only a comment\n", 1);
}

/* Every mistake of a block is reported, each at its own line; the rest of
 * a line with a mistake is skipped. */
static void test_every_mistake_reported(void)
{
	CHECK_REFUSED("flowchart LR\n"
	              "  A{{x}} --> B -- C\n"
	              "  ok1 --> ok2\n"
	              "  C --x D; E <--> F\n"
	              "  end\n",
	              3);
	CHECK_REPORTED("page.md:12:4: error:", "hexagon");
	CHECK_REPORTED("page.md:14:5: error:", "cross");
	CHECK_REPORTED("page.md:15:3: error:", "'end' closes no subgraph");
}

/* A block indented in a list: its lines start at the fence's column. */
static void test_indented_block(void)
{
	struct pos at = {"list.md", 3, 4};
	diag_free(&d);
	diag_init(&d, NULL);
	struct mmd_diagram *m = mermaid_parse("flowchart\nA --x B\n", strlen("flowchart\nA --x B\n"), at, &d);
	CHECK(m == NULL);
	CHECK_REPORTED("list.md:5:6: error: the edge '--x'", "cross");
}

static void test_label_limit(void)
{
	struct buf src = BUF_INIT;
	buf_puts(&src, "flowchart\n  A[");
	for (int i = 0; i < MERMAID_MAX_LABEL; i++)
		buf_putc(&src, 'x');
	buf_puts(&src, "] --> B\n");
	struct mmd_diagram *m = parse(buf_str(&src));
	CHECK(m != NULL);               /* exactly the limit */
	mermaid_free(m);
	src.len -= strlen("] --> B\n");
	buf_puts(&src, "y] --> B\n");
	CHECK_REFUSED(buf_str(&src), 1);
	CHECK_REPORTED("page.md:12:5: error: label of 301 bytes, longer than the 300", "shorten it");
	buf_free(&src);
}

static void test_flowchart_limits(void)
{
	struct buf src = BUF_INIT;
	buf_puts(&src, "flowchart\n");
	for (int i = 1; i <= MERMAID_MAX_NODES; i++)
		buf_printf(&src, "n%d\n", i);
	struct mmd_diagram *m = parse(buf_str(&src));
	CHECK(m != NULL && m->u.flow.nnodes == MERMAID_MAX_NODES);
	mermaid_free(m);
	buf_puts(&src, "n1 --> extra\n");
	CHECK_REFUSED(buf_str(&src), 1);
	CHECK_REPORTED("page.md:162:8: error: flowchart with 151 nodes, more than the 150", "MERMAID_MAX_NODES");

	buf_reset(&src);
	buf_puts(&src, "flowchart\n");
	for (int i = 0; i < MERMAID_MAX_EDGES / 2; i++)
		buf_puts(&src, "A --> B\nB --> A\n");
	m = parse(buf_str(&src));
	CHECK(m != NULL && m->u.flow.nedges == MERMAID_MAX_EDGES);
	mermaid_free(m);
	buf_puts(&src, "A --- B\n");
	CHECK_REFUSED(buf_str(&src), 1);
	CHECK_REPORTED("page.md:312:3: error: flowchart with 301 edges, more than the 300", "MERMAID_MAX_EDGES");

	buf_reset(&src);
	buf_puts(&src, "flowchart\n");
	for (int i = 0; i <= MERMAID_MAX_GROUPS; i++)
		buf_printf(&src, "subgraph g%d\nn%d\nend\n", i, i);
	CHECK_REFUSED(buf_str(&src), 1);
	CHECK_REPORTED("page.md:162:1: error: flowchart with 51 subgraphs, more than the 50", "MERMAID_MAX_GROUPS");

	buf_reset(&src);
	buf_puts(&src, "flowchart\n");
	for (int i = 0; i <= MERMAID_MAX_DEPTH; i++)
		buf_printf(&src, "subgraph g%d\n", i);
	CHECK_REFUSED(buf_str(&src), 1);
	CHECK_REPORTED("page.md:20:1: error: subgraphs nested 9 deep, more than the 8", "flatten them");
	buf_free(&src);
}

/* ---- sequence diagrams ------------------------------------------------------- */

static const struct mmd_step *step(const struct mmd_diagram *m, size_t i)
{
	return &m->u.seq.steps[i];
}

static void test_participants(void)
{
	struct mmd_diagram *m = parse("sequenceDiagram\n"
	                              "  participant A as Alice Smith\n"
	                              "  actor U as User\n"
	                              "  participant Web server\n"
	                              "  Carol->>A: hi\n"
	                              "  A->>Dave: hello\n");
	CHECK(m != NULL);
	if (m == NULL)
		return;
	const struct mmd_sequence *s = &m->u.seq;
	CHECK_INT(s->nparticipants, 5);
	static const struct {
		const char *id, *label;
		bool actor;
	} want[] = {{"A", "Alice Smith", false}, {"U", "User", true}, {"Web server", "Web server", false},
	            {"Carol", "Carol", false},   {"Dave", "Dave", false}};
	for (size_t i = 0; i < 5 && i < s->nparticipants; i++) {
		CHECK_STR(s->participants[i].id, want[i].id);
		CHECK_STR(s->participants[i].label, want[i].label);
		CHECK_INT(s->participants[i].actor, want[i].actor);
	}
	CHECK_INT(s->participants[3].at.line, 15);
	CHECK_INT(s->participants[3].at.col, 3);
	CHECK_INT(s->nsteps, 2);
	mermaid_free(m);
}

static void test_messages(void)
{
	static const struct {
		const char *arrow;
		bool dotted;
		enum mmd_end end;
	} arrows[] = {
		{"->>", false, MMD_END_HEAD}, {"-->>", true, MMD_END_HEAD}, {"->", false, MMD_END_NONE},
		{"-->", true, MMD_END_NONE},  {"-x", false, MMD_END_CROSS}, {"--x", true, MMD_END_CROSS},
		{"-)", false, MMD_END_OPEN},  {"--)", true, MMD_END_OPEN},
	};
	for (size_t i = 0; i < sizeof arrows / sizeof arrows[0]; i++) {
		char src[128];
		snprintf(src, sizeof src, "sequenceDiagram\n  Alice%sBob: Hello: again\n", arrows[i].arrow);
		struct mmd_diagram *m = parse(src);
		CHECK(m != NULL);
		if (m && m->u.seq.nsteps == 1) {
			CHECK_INT(m->kind, MMD_SEQUENCE);
			CHECK_INT(step(m, 0)->kind, MMD_STEP_MESSAGE);
			CHECK_INT(step(m, 0)->from, 0);
			CHECK_INT(step(m, 0)->to, 1);
			CHECK_INT(step(m, 0)->dotted, arrows[i].dotted);
			CHECK_INT(step(m, 0)->end, arrows[i].end);
			CHECK_STR(step(m, 0)->text, "Hello: again");
			CHECK_INT(step(m, 0)->number, 0);
			CHECK_INT(step(m, 0)->at.line, 12);
			CHECK_INT(step(m, 0)->at.col, 3);
		} else {
			CHECK(m && m->u.seq.nsteps == 1);
		}
		mermaid_free(m);
	}
	struct mmd_diagram *m = parse("sequenceDiagram\nA ->> B : spaced\nA->>A\n");
	CHECK(m && m->u.seq.nparticipants == 2 && m->u.seq.nsteps == 2);
	if (m && m->u.seq.nsteps == 2) {
		CHECK_STR(step(m, 0)->text, "spaced");
		CHECK_STR(step(m, 1)->text, "");
		CHECK_INT(step(m, 1)->to, 0);
	}
	mermaid_free(m);
}

/* "+" activates the receiver, "-" deactivates the sender; each is a step
 * after its message. */
static void test_activations(void)
{
	struct mmd_diagram *m = parse("sequenceDiagram\n"
	                              "  A->>+B: hi\n"
	                              "  B-->>-A: ok\n"
	                              "  activate A\n"
	                              "  deactivate A\n");
	CHECK(m != NULL);
	if (m == NULL)
		return;
	static const struct {
		enum mmd_step_kind kind;
		size_t from, to;
	} want[] = {{MMD_STEP_MESSAGE, 0, 1},  {MMD_STEP_ACTIVATE, 1, 1},   {MMD_STEP_MESSAGE, 1, 0},
	            {MMD_STEP_DEACTIVATE, 1, 1}, {MMD_STEP_ACTIVATE, 0, 0}, {MMD_STEP_DEACTIVATE, 0, 0}};
	CHECK_INT(m->u.seq.nsteps, 6);
	for (size_t i = 0; i < 6 && i < m->u.seq.nsteps; i++) {
		CHECK_INT(step(m, i)->kind, want[i].kind);
		CHECK_INT(step(m, i)->from, want[i].from);
		CHECK_INT(step(m, i)->to, want[i].to);
		if (want[i].kind != MMD_STEP_MESSAGE)
			CHECK_STR(step(m, i)->text, "");
	}
	mermaid_free(m);
	CHECK_REFUSED("sequenceDiagram\n  A->>B: hi\n  deactivate B\n", 1);
	CHECK_REPORTED("page.md:13:14: error: 'B' is not active here", "activate it before");
	CHECK_REFUSED("sequenceDiagram\n  A->>-B: hi\n", 1);
	CHECK_REPORTED("page.md:12:7: error: '-' deactivates 'A', which is not active here", "remove the '-'");
}

static void test_notes(void)
{
	struct mmd_diagram *m = parse("sequenceDiagram\n"
	                              "  Note left of A: on the left\n"
	                              "  note right of B: on the right\n"
	                              "  Note over A: above\n"
	                              "  Note over A,B: across\n");
	CHECK(m != NULL);
	if (m == NULL)
		return;
	static const struct {
		enum mmd_note_place place;
		size_t from, to;
		const char *text;
	} want[] = {{MMD_NOTE_LEFT, 0, 0, "on the left"},
	            {MMD_NOTE_RIGHT, 1, 1, "on the right"},
	            {MMD_NOTE_OVER, 0, 0, "above"},
	            {MMD_NOTE_OVER, 0, 1, "across"}};
	CHECK_INT(m->u.seq.nparticipants, 2);
	CHECK_INT(m->u.seq.nsteps, 4);
	for (size_t i = 0; i < 4 && i < m->u.seq.nsteps; i++) {
		CHECK_INT(step(m, i)->kind, MMD_STEP_NOTE);
		CHECK_INT(step(m, i)->place, want[i].place);
		CHECK_INT(step(m, i)->from, want[i].from);
		CHECK_INT(step(m, i)->to, want[i].to);
		CHECK_STR(step(m, i)->text, want[i].text);
	}
	mermaid_free(m);
	CHECK_REFUSED("sequenceDiagram\n  Note left of A,B: x\n", 1);
	CHECK_REPORTED("page.md:12:17: error: only a note 'over' may span two participants", "Note over A,B");
	CHECK_REFUSED("sequenceDiagram\n  Note under A: x\n", 1);
	CHECK_REFUSED("sequenceDiagram\n  Note over A\n", 1);
}

static void test_blocks(void)
{
	struct mmd_diagram *m = parse("sequenceDiagram\n"
	                              "  loop every minute\n"
	                              "    alt is valid\n"
	                              "      A->>B: yes\n"
	                              "    else\n"
	                              "      A->>B: no\n"
	                              "    end\n"
	                              "  end\n"
	                              "  opt maybe\n"
	                              "    par first\n"
	                              "      A->>B: one\n"
	                              "    and second\n"
	                              "      A->>B: two\n"
	                              "    end\n"
	                              "  end\n"
	                              "  rect rgb(200, 150, 255)\n"
	                              "    A->>B: tinted\n"
	                              "  end\n");
	CHECK(m != NULL);
	if (m == NULL)
		return;
	static const struct {
		enum mmd_step_kind kind;
		enum mmd_block block;
		const char *text;
	} want[] = {
		{MMD_STEP_BEGIN, MMD_BLOCK_LOOP, "every minute"}, {MMD_STEP_BEGIN, MMD_BLOCK_ALT, "is valid"},
		{MMD_STEP_MESSAGE, 0, "yes"},                     {MMD_STEP_ELSE, MMD_BLOCK_ALT, ""},
		{MMD_STEP_MESSAGE, 0, "no"},                      {MMD_STEP_END, 0, ""},
		{MMD_STEP_END, 0, ""},                            {MMD_STEP_BEGIN, MMD_BLOCK_OPT, "maybe"},
		{MMD_STEP_BEGIN, MMD_BLOCK_PAR, "first"},         {MMD_STEP_MESSAGE, 0, "one"},
		{MMD_STEP_ELSE, MMD_BLOCK_PAR, "second"},         {MMD_STEP_MESSAGE, 0, "two"},
		{MMD_STEP_END, 0, ""},                            {MMD_STEP_END, 0, ""},
		{MMD_STEP_BEGIN, MMD_BLOCK_RECT, ""},             {MMD_STEP_MESSAGE, 0, "tinted"},
		{MMD_STEP_END, 0, ""},
	};
	CHECK_INT(m->u.seq.nsteps, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < sizeof want / sizeof want[0] && i < m->u.seq.nsteps; i++) {
		CHECK_INT(step(m, i)->kind, want[i].kind);
		if (want[i].kind == MMD_STEP_BEGIN || want[i].kind == MMD_STEP_ELSE)
			CHECK_INT(step(m, i)->block, want[i].block);
		CHECK_STR(step(m, i)->text, want[i].text);
	}
	CHECK_INT(step(m, 0)->at.line, 12);
	CHECK_INT(step(m, 0)->at.col, 3);
	mermaid_free(m);
}

static void test_autonumber(void)
{
	struct mmd_diagram *m = parse("sequenceDiagram\n  A->>B: before\n  autonumber\n  A->>B: one\n  Note over A: n\n  B-->>A: two\n");
	CHECK(m != NULL);
	if (m && m->u.seq.nsteps == 4) {
		CHECK_INT(step(m, 0)->number, 0);
		CHECK_INT(step(m, 1)->number, 1);
		CHECK_INT(step(m, 2)->number, 0);
		CHECK_INT(step(m, 3)->number, 2);
	} else {
		CHECK(m && m->u.seq.nsteps == 4);
	}
	mermaid_free(m);
	CHECK_REFUSED("sequenceDiagram\n  autonumber 10\n  A->>B: x\n", 1);
	CHECK_REPORTED("page.md:12:14: error: 'autonumber' takes nothing after it", "autonumber alone");
}

static void test_sequence_errors(void)
{
	static const char *const unsupported[] = {"critical Do it", "break when x", "box Aqua Group", "create participant C",
	                                          "destroy A", "links A: {}", "title Hello"};
	for (size_t i = 0; i < sizeof unsupported / sizeof unsupported[0]; i++) {
		char src[128], word[32];
		snprintf(src, sizeof src, "sequenceDiagram\n  A->>B: x\n  %s\n", unsupported[i]);
		snprintf(word, sizeof word, "'%.*s' is not drawn", (int)strcspn(unsupported[i], " "), unsupported[i]);
		CHECK_REFUSED(src, 1);
		CHECK_REPORTED("page.md:13:3: error: ", word);
		CHECK_REPORTED("page.md:13:3: error: ", "loop, alt/else, opt, par/and, rect");
	}
	/* a block Folio does not draw: its end is no second mistake */
	CHECK_REFUSED("sequenceDiagram\n  critical Connect\n    A->>B: x\n  end\n  box Aqua\n  end\n", 2);
	CHECK_REFUSED("sequenceDiagram\n  break\n", 1);
	CHECK_REFUSED("sequenceDiagram\n  A<<->>B: both\n", 1);
	CHECK_REPORTED("page.md:12:4: error: arrows at both ends ('<<->>B:')", "one message each way");
	CHECK_REFUSED("sequenceDiagram\n  A-|\\B: half\n", 1);
	CHECK_REPORTED("page.md:12:4: error: '-|\\B:' is not a message arrow", "->>, -->>");
	CHECK_REFUSED("sequenceDiagram\n  hello there\n", 1);
	CHECK_REPORTED("page.md:12:3: error: 'hello' is not a statement of a sequence diagram", "participant");
	CHECK_REFUSED("sequenceDiagram\n  A->>B: x\n  else nope\n", 1);
	CHECK_REPORTED("page.md:13:3: error: 'else' outside an 'alt' block", "between alt");
	CHECK_REFUSED("sequenceDiagram\n  loop x\n  and nope\n  end\n", 1);
	CHECK_REPORTED("page.md:13:3: error: 'and' outside a 'par' block", "between par");
	CHECK_REFUSED("sequenceDiagram\n  A->>B: x\n  end\n", 1);
	CHECK_REPORTED("page.md:13:3: error: 'end' closes no block", "remove it");
	CHECK_REFUSED("sequenceDiagram\n  opt a\n  loop b\n  A->>B: x\n  end\n", 1);
	CHECK_REPORTED("page.md:12:3: error: opt block has no 'end'", "close it");
	CHECK_REFUSED("sequenceDiagram TD\n  A->>B: x\n", 1);
	CHECK_REFUSED("sequenceDiagram\n", 1);
	CHECK_REPORTED("page.md:10:1: error: the sequence diagram has no participants", "Alice->>Bob");
	CHECK_REFUSED("sequenceDiagram\n  participant A-B\n", 1);
}

static void test_sequence_limits(void)
{
	struct buf src = BUF_INIT;
	buf_puts(&src, "sequenceDiagram\n");
	for (int i = 1; i <= MERMAID_MAX_PARTICIPANTS; i++)
		buf_printf(&src, "participant P%d\n", i);
	struct mmd_diagram *m = parse(buf_str(&src));
	CHECK(m != NULL && m->u.seq.nparticipants == MERMAID_MAX_PARTICIPANTS);
	mermaid_free(m);
	buf_puts(&src, "P1->>P31: one too many\n");
	CHECK_REFUSED(buf_str(&src), 1);
	CHECK_REPORTED("page.md:42:6: error: sequence diagram with 31 participants, more than the 30", "MERMAID_MAX_PARTICIPANTS");

	buf_reset(&src);
	buf_puts(&src, "sequenceDiagram\n");
	for (int i = 0; i < MERMAID_MAX_STEPS; i++)
		buf_puts(&src, "A->>B: x\n");
	m = parse(buf_str(&src));
	CHECK(m != NULL && m->u.seq.nsteps == MERMAID_MAX_STEPS);
	mermaid_free(m);
	buf_puts(&src, "Note over A: one too many\n");
	CHECK_REFUSED(buf_str(&src), 1);
	CHECK_REPORTED("page.md:412:1: error: sequence diagram with 401 steps", "MERMAID_MAX_STEPS");

	buf_reset(&src);
	buf_puts(&src, "sequenceDiagram\n");
	for (int i = 0; i <= MERMAID_MAX_DEPTH; i++)
		buf_puts(&src, "loop again\n");
	CHECK_REFUSED(buf_str(&src), 1);
	CHECK_REPORTED("page.md:20:1: error: blocks nested 9 deep, more than the 8", "flatten them");
	buf_free(&src);
}

/* ---- on the Markdown tree ------------------------------------------------- */

static void test_markdown_blocks(void)
{
	const char *md = "Text.\n\n```mermaid\ngraph LR\nA-->B\n```\n\n```mermaid extra words\nsequenceDiagram\nA->>B: x\n```\n\n"
	                 "```mermaidx\nnot one\n```\n\n```\nplain\n```\n\n    indented\n";
	cmark_node *doc = md_parse(md, strlen(md), CMARK_OPT_SMART);
	cmark_node *blocks[5];
	size_t n = 0;
	for (cmark_node *c = cmark_node_first_child(doc); c; c = cmark_node_next(c))
		if (cmark_node_get_type(c) == CMARK_NODE_CODE_BLOCK && n < 5)
			blocks[n++] = c;
	CHECK_INT(n, 5);
	if (n == 5) {
		CHECK(mermaid_is_block(blocks[0]));
		CHECK(mermaid_is_block(blocks[1]));
		CHECK(!mermaid_is_block(blocks[2]));
		CHECK(!mermaid_is_block(blocks[3]));
		CHECK(!mermaid_is_block(blocks[4]));
		CHECK(!mermaid_is_block(cmark_node_first_child(doc)));
		CHECK(mermaid_of(blocks[0]) == NULL);
		diag_free(&d);
		diag_init(&d, NULL);
		CHECK(mermaid_resolve(blocks[0], (struct pos){"p.md", 3, 1}, &d));
		const struct mmd_diagram *m = mermaid_of(blocks[0]);
		CHECK(m && m->kind == MMD_FLOWCHART && m->u.flow.nedges == 1);
		CHECK(mermaid_resolve(blocks[1], (struct pos){"p.md", 8, 1}, &d));
		CHECK(mermaid_of(blocks[1]) && mermaid_of(blocks[1])->kind == MMD_SEQUENCE);
		CHECK(mermaid_of(cmark_node_first_child(doc)) == NULL);  /* a paragraph */
	}
	cmark_node_free(doc);   /* frees the diagrams hung on it */
}

/* ---- the text alternative ------------------------------------------------- */

static struct site *english_site(void)
{
	struct diag quiet;
	diag_init(&quiet, NULL);
	struct options opt = {.source = TEST_ROOT "/tests/fixtures/minimal"};
	static const char *const templates[] = {TEST_ROOT "/theme/templates", NULL};
	struct site *site = load_site(&opt, templates, NULL, &quiet);
	diag_free(&quiet);
	return site;
}

static void test_desc(void)
{
	struct site *site = english_site();
	CHECK(site != NULL);
	if (site == NULL)
		return;
	struct mmd_diagram *m = parse("flowchart LR\n"
	                              "  start([Start]) --> check{Check}\n"
	                              "  check -->|yes| done[Done]\n"
	                              "  check -.- log[(Log)]\n"
	                              "  subgraph billing [Billing]\n"
	                              "    inv[Invoice]\n"
	                              "    done\n"
	                              "  end\n");
	CHECK(m != NULL);
	if (m) {
		char *desc = diagram_mermaid_desc(site, m);
		CHECK_STR(desc, "Flowchart, left to right; nodes: 5, edges: 3. Start points to Check. Check points to Done: yes. "
		                "Check is linked to Log. Not linked: Invoice. In Billing: Done and Invoice.");
		free(desc);
		CHECK_STR(diagram_mermaid_name(site, m), "Flowchart");
	}
	mermaid_free(m);
	m = parse("sequenceDiagram\n"
	          "  participant A as Alice\n"
	          "  participant B as Bob\n"
	          "  participant S as the Server\n"
	          "  A->>+B: Hello\n"
	          "  loop every minute\n"
	          "    B->>S: ping\n"
	          "  end\n"
	          "  alt\n"
	          "    S-->>B\n"
	          "  else timeout\n"
	          "    Note over B,S: gives up\n"
	          "  end\n"
	          "  B-->>-A: Done\n");
	CHECK(m != NULL);
	if (m) {
		char *desc = diagram_mermaid_desc(site, m);
		CHECK_STR(desc, "Sequence diagram between Alice, Bob and the Server. 1. Alice to Bob: Hello. Bob becomes active. "
		                "Loop: every minute. 2. Bob to the Server: ping. End of the loop. Either. 3. the Server to Bob. "
		                "Or: timeout. Note on Bob and the Server: gives up. End of the alternatives. "
		                "4. Bob to Alice: Done. Bob is no longer active.");
		free(desc);
		CHECK_STR(diagram_mermaid_name(site, m), "Sequence diagram");
	}
	mermaid_free(m);
	model_free(site);
}

int main(void)
{
	diag_init(&d, NULL);
	RUN(test_directions);
	RUN(test_shapes);
	RUN(test_label_at_any_mention);
	RUN(test_edges);
	RUN(test_ids);
	RUN(test_chains_and_ampersands);
	RUN(test_subgraphs);
	RUN(test_comments_and_semicolons);
	RUN(test_styling_warnings);
	RUN(test_flowchart_errors);
	RUN(test_every_mistake_reported);
	RUN(test_indented_block);
	RUN(test_label_limit);
	RUN(test_flowchart_limits);
	RUN(test_participants);
	RUN(test_messages);
	RUN(test_activations);
	RUN(test_notes);
	RUN(test_blocks);
	RUN(test_autonumber);
	RUN(test_sequence_errors);
	RUN(test_sequence_limits);
	RUN(test_markdown_blocks);
	RUN(test_desc);
	diag_free(&d);
	return harness_done();
}
