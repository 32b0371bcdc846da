/*
 * mermaid: the Mermaid subset Folio draws, read into plain data (mermaid.h).
 *
 * The text is read line by line; a line holds statements separated by ';'
 * (outside double quotes and a node's brackets), and "%%" starts a comment
 * there too.  A mistake is reported at its line and column and the rest of
 * its line is skipped, so one block shows all its mistakes at once; a limit
 * passed stops the reading (what follows would only repeat it).
 *
 * Rules of this reader that Mermaid's own documentation leaves open:
 *  - A flowchart node id is made of letters, digits, '_' and the bytes of
 *    non-ASCII characters, with a '-' allowed only between two of those:
 *    a '-' followed by '-', '.', '>' or a space starts an arrow, so
 *    "a-b-->c" is an edge from "a-b" to "c".
 *  - <br>, <br/> and <br /> in a label are a space: labels wrap by
 *    themselves.  Any other markup is shown as it is written.
 *  - Entity codes (#quot;, #9829;) are an error: UTF-8 text can hold the
 *    character itself, and a quoted label any bracket.
 *  - An empty label ("A[]") is the node's id.
 *  - A node belongs to the innermost subgraph that mentions it, as in
 *    Mermaid; a mention outside every subgraph does not take it out.
 *  - A node's shape and label are those of the first mention that gives
 *    them; a later, different one is left alone.
 *  - Keywords of sequence diagrams are matched without regard to case, as
 *    Mermaid does; a participant's name is any text without - < > : , ; +
 *    and may hold spaces.
 */
#include "content/mermaid.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/text.h"
#include "base/xalloc.h"

/* A piece of one line: [s, e). */
struct span {
	const char *s, *e;
};

/* A subgraph or block open at some point of the text. */
struct open {
	size_t index;           /* flowchart: the group's index; sequence: unused */
	enum mmd_block block;   /* sequence: which block */
	bool refused;           /* sequence: a block Folio does not draw, open only so its end is no second mistake */
	struct pos at;
};

struct reader {
	struct mmd_diagram *m;
	struct pos at;          /* the fence line */
	struct diag *d;
	bool failed;
	bool stop;              /* a limit was passed: nothing more is read */
	bool known;             /* the first line, which says the kind, was read */
	int line;               /* the line read, from 1 (the first after the fence) */
	const char *line_start;
	bool line_failed;       /* a mistake on this line: its rest is skipped */
	size_t cap_nodes, cap_edges, cap_groups, cap_parts, cap_steps;
	bool *given;            /* per node: its shape and label were written */
	size_t cap_given;
	int *active;            /* per participant: how many activations are open */
	size_t cap_active;
	struct open open[MERMAID_MAX_DEPTH];
	size_t depth;
	int number;             /* the next message's autonumber; 0: off */
};

/* ---- reporting ---------------------------------------------------------- */

/* Where byte p of the line read is in the Markdown file. */
static struct pos pos_at(const struct reader *r, const char *p)
{
	struct pos here = r->at;
	here.line = r->at.line + r->line;
	here.col = r->at.col + (int)(p - r->line_start);
	return here;
}

static char *vformat(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

static char *vformat(const char *fmt, va_list ap)
{
	va_list again;
	va_copy(again, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	char *s = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	vsnprintf(s, n > 0 ? (size_t)n + 1 : 1, fmt, again);
	va_end(again);
	return s;
}

/* An error at byte p of the line read (NULL: at the fence line). */
static void fail(struct reader *r, const char *p, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void fail(struct reader *r, const char *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = vformat(fmt, ap);
	va_end(ap);
	diag_error(r->d, p ? pos_at(r, p) : r->at, "%s", msg);
	free(msg);
	r->failed = true;
	r->line_failed = true;
}

/* An error at a position kept from an earlier line. */
static void fail_at(struct reader *r, struct pos at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void fail_at(struct reader *r, struct pos at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = vformat(fmt, ap);
	va_end(ap);
	diag_error(r->d, at, "%s", msg);
	free(msg);
	r->failed = true;
}

static void advise(struct reader *r, const char *p, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void advise(struct reader *r, const char *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = vformat(fmt, ap);
	va_end(ap);
	diag_warn(r->d, pos_at(r, p), "%s", msg);
	free(msg);
}

/* The length of the word at p to quote in a message: up to a space, at
 * most 30 bytes, never cutting a character. */
static int shown(const char *p, const char *e)
{
	const char *q = p;
	while (q < e && *q != ' ' && *q != '\t' && q - p < 30)
		q++;
	while (q > p && q < e && ((unsigned char)*q & 0xc0) == 0x80)
		q--;
	return (int)(q - p);
}

/* ---- spans ----------------------------------------------------------------- */

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static const char *skip_space(const char *p, const char *e)
{
	while (p < e && is_space(*p))
		p++;
	return p;
}

static struct span trim(const char *s, const char *e)
{
	s = skip_space(s, e);
	while (e > s && is_space(e[-1]))
		e--;
	return (struct span){s, e};
}

static bool starts(const char *p, const char *e, const char *word)
{
	size_t n = strlen(word);
	return (size_t)(e - p) >= n && memcmp(p, word, n) == 0;
}

/* Whether the statement starts with keyword word (any case), followed by
 * its end or a space. */
static bool keyword(struct span st, const char *word)
{
	size_t n = strlen(word);
	return (size_t)(st.e - st.s) >= n && strncasecmp(st.s, word, n) == 0 &&
	       (st.s + n == st.e || is_space(st.s[n]));
}

static const char *find(const char *p, const char *e, const char *what)
{
	size_t n = strlen(what);
	for (; p + n <= e; p++)
		if (memcmp(p, what, n) == 0)
			return p;
	return NULL;
}

/* Where "%%" starts a comment in [s, e), outside double quotes; else e. */
static const char *comment_start(const char *s, const char *e)
{
	bool quoted = false;
	for (const char *p = s; p < e; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && *p == '%' && p + 1 < e && p[1] == '%')
			return p;
	}
	return e;
}

/* Where the statement that starts at s ends: a ';' outside double quotes
 * and outside a node's brackets, or e. */
static const char *statement_end(const char *s, const char *e)
{
	bool quoted = false;
	int brackets = 0;
	for (const char *p = s; p < e; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (*p == '[' || *p == '(' || *p == '{')
			brackets++;
		else if ((*p == ']' || *p == ')' || *p == '}') && brackets > 0)
			brackets--;
		else if (*p == ';' && brackets == 0)
			return p;
	}
	return e;
}

/* An entity code in [s, e) ("#quot;", "#9829;"), or NULL. */
static const char *entity(const char *s, const char *e)
{
	for (const char *p = s; p < e; p++) {
		if (*p != '#')
			continue;
		const char *q = p + 1;
		while (q < e && ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9')))
			q++;
		if (q > p + 1 && q < e && *q == ';')
			return p;
	}
	return NULL;
}

/* A label's text: quotes around it taken off, <br> a space, spaces
 * squeezed.  Reports one longer than MERMAID_MAX_LABEL; NULL then. */
static char *label_text(struct reader *r, struct span sp)
{
	sp = trim(sp.s, sp.e);
	if (sp.e - sp.s >= 2 && sp.s[0] == '"' && sp.e[-1] == '"')
		sp = trim(sp.s + 1, sp.e - 1);
	char *out = xmalloc((size_t)(sp.e - sp.s) + 1);
	size_t n = 0;
	for (const char *p = sp.s; p < sp.e;) {
		static const char *const breaks[] = {"<br>", "<br/>", "<br />"};
		bool br = false;
		for (size_t k = 0; k < 3 && !br; k++) {
			size_t len = strlen(breaks[k]);
			if ((size_t)(sp.e - p) >= len && strncasecmp(p, breaks[k], len) == 0) {
				out[n++] = ' ';
				p += len;
				br = true;
			}
		}
		if (!br) {
			out[n++] = *p == '\t' ? ' ' : *p;
			p++;
		}
	}
	out[n] = '\0';
	text_squeeze_space(out);
	if (strlen(out) > MERMAID_MAX_LABEL) {
		fail(r, sp.s, "label of %zu bytes, longer than the %d a diagram's label may have (MERMAID_MAX_LABEL); shorten it, and put the details in the text around the diagram",
		     strlen(out), MERMAID_MAX_LABEL);
		free(out);
		return NULL;
	}
	return out;
}

/* ---- flowcharts ------------------------------------------------------------ */

static bool id_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
	       (unsigned char)c >= 0x80;
}

/* The end of the node id at p (p itself when there is none). */
static const char *id_end(const char *p, const char *e)
{
	const char *q = p;
	while (q < e && (id_byte(*q) || (*q == '-' && q > p && q + 1 < e && id_byte(q[1]))))
		q++;
	return q;
}

static struct mmd_flowchart *flow(struct reader *r)
{
	return &r->m->u.flow;
}

static size_t node_index(struct reader *r, const char *id, size_t len)
{
	struct mmd_flowchart *f = flow(r);
	for (size_t i = 0; i < f->nnodes; i++)
		if (strlen(f->nodes[i].id) == len && memcmp(f->nodes[i].id, id, len) == 0)
			return i;
	return (size_t)-1;
}

/* The innermost subgraph open, as 1 + its index; 0: none. */
static size_t current_group(const struct reader *r)
{
	return r->depth ? r->open[r->depth - 1].index + 1 : 0;
}

/* Whether group g (1 + index) is inside group outer, or is it. */
static bool group_within(const struct mmd_flowchart *f, size_t g, size_t outer)
{
	for (; g != 0; g = f->groups[g - 1].parent)
		if (g == outer)
			return true;
	return false;
}

/* The node of this id, added when new; (size_t)-1 past the limit. */
static size_t mention_node(struct reader *r, struct span id, char *label, enum mmd_shape shape)
{
	struct mmd_flowchart *f = flow(r);
	size_t i = node_index(r, id.s, (size_t)(id.e - id.s));
	if (i == (size_t)-1) {
		if (f->nnodes == MERMAID_MAX_NODES) {
			fail(r, id.s, "flowchart with %d nodes, more than the %d Folio draws (MERMAID_MAX_NODES); split it into smaller diagrams",
			     MERMAID_MAX_NODES + 1, MERMAID_MAX_NODES);
			r->stop = true;
			free(label);
			return i;
		}
		f->nodes = xgrow(f->nodes, &r->cap_nodes, f->nnodes + 1, sizeof *f->nodes);
		r->given = xgrow(r->given, &r->cap_given, f->nnodes + 1, sizeof *r->given);
		i = f->nnodes++;
		char *name = xstrndup(id.s, (size_t)(id.e - id.s));
		f->nodes[i] = (struct mmd_node){.id = name, .label = xstrdup(name), .shape = MMD_SHAPE_RECT,
		                                .group = current_group(r), .at = pos_at(r, id.s)};
		r->given[i] = false;
	}
	struct mmd_node *n = &f->nodes[i];
	if (label && !r->given[i]) {
		free(n->label);
		n->label = *label ? label : xstrdup(n->id);
		if (!*label)
			free(label);
		n->shape = shape;
		r->given[i] = true;
	} else {
		free(label);
	}
	size_t g = current_group(r);
	if (g != 0 && (n->group == 0 || (g != n->group && group_within(f, g, n->group))))
		n->group = g;
	return i;
}

static const struct shape_syntax {
	const char *open, *close;
	enum mmd_shape shape;
} shapes[] = {
	{"([", "])", MMD_SHAPE_STADIUM}, {"[(", ")]", MMD_SHAPE_DATABASE}, {"[[", "]]", MMD_SHAPE_SUBROUTINE},
	{"((", "))", MMD_SHAPE_CIRCLE},  {"[", "]", MMD_SHAPE_RECT},       {"(", ")", MMD_SHAPE_ROUNDED},
	{"{", "}", MMD_SHAPE_DECISION},
};

#define SHAPES_SUPPORTED "A[rect], A(rounded), A([stadium]), A[(database)], A((circle)), A{decision}, A[[subroutine]]"

/* Shapes of Mermaid that Folio does not draw, by their opening. */
static const char *unsupported_shape(const char *p, const char *e)
{
	if (starts(p, e, "((("))
		return "double circle (((...)))";
	if (starts(p, e, "{{"))
		return "hexagon {{...}}";
	if (starts(p, e, "[/") || starts(p, e, "[\\"))
		return "parallelogram or trapezoid [/...]";
	if (starts(p, e, ">"))
		return "flag >...]";
	if (starts(p, e, "@{"))
		return "shape @{...}";
	return NULL;
}

/* The shape at *p, if any, after node id: its label into *label (NULL
 * when no shape is written).  False after reporting a mistake. */
static bool read_shape(struct reader *r, const char **pp, const char *e, struct span id, char **label,
                       enum mmd_shape *shape)
{
	const char *p = *pp;
	*label = NULL;
	const char *odd = unsupported_shape(p, e);
	if (odd) {
		fail(r, p, "node '%.*s' has the %s shape, which Folio does not draw; use one of " SHAPES_SUPPORTED,
		     (int)(id.e - id.s), id.s, odd);
		return false;
	}
	const struct shape_syntax *sh = NULL;
	for (size_t k = 0; k < sizeof shapes / sizeof shapes[0] && !sh; k++)
		if (starts(p, e, shapes[k].open))
			sh = &shapes[k];
	if (sh == NULL)
		return true;
	const char *text = p + strlen(sh->open), *close;
	if (text < e && *text == '"') {
		const char *quote = memchr(text + 1, '"', (size_t)(e - text - 1));
		close = quote ? skip_space(quote + 1, e) : NULL;
		if (quote == NULL) {
			fail(r, text, "the quoted label of node '%.*s' has no closing '\"'; add it before '%s'",
			     (int)(id.e - id.s), id.s, sh->close);
			return false;
		}
		if (!starts(close, e, sh->close)) {
			fail(r, close, "node '%.*s': '%s' must follow its quoted label; close the shape right after the '\"'",
			     (int)(id.e - id.s), id.s, sh->close);
			return false;
		}
	} else {
		close = find(text, e, sh->close);
		if (close == NULL) {
			fail(r, p, "the label of node '%.*s' is not closed with '%s'; close it, and quote a label that holds brackets: %.*s%s\"...\"%s",
			     (int)(id.e - id.s), id.s, sh->close, (int)(id.e - id.s), id.s, sh->open, sh->close);
			return false;
		}
	}
	*label = label_text(r, (struct span){text, close});
	if (*label == NULL)
		return false;
	*shape = sh->shape;
	*pp = close + strlen(sh->close);
	return true;
}

/* One node at *p: id, shape, a ":::class" (ignored with a warning). */
static bool read_node(struct reader *r, const char **pp, const char *e, size_t *index)
{
	const char *p = *pp;
	struct span id = {p, id_end(p, e)};
	if (id.e == id.s) {
		if (p == e)
			fail(r, p - (p > r->line_start), "an edge must end at a node; write the node after the arrow, such as A --> B");
		else if (*p == '<')
			fail(r, p, "arrows at both ends ('%.*s') are not drawn; write one edge each way, A --> B and B --> A",
			     shown(p, e), p);
		else
			fail(r, p, "'%.*s' where a node id was expected; an id is made of letters, digits, '_' and '-', such as order_1",
			     shown(p, e), p);
		return false;
	}
	p = id.e;
	char *label = NULL;
	enum mmd_shape shape = MMD_SHAPE_RECT;
	if (!read_shape(r, &p, e, id, &label, &shape))
		return false;
	if (starts(p, e, ":::")) {
		advise(r, p, "class '%.*s' is ignored: Folio draws diagrams in the theme's colours; remove the ':::%.*s'",
		       (int)(id_end(p + 3, e) - p - 3), p + 3, (int)(id_end(p + 3, e) - p - 3), p + 3);
		p = id_end(p + 3, e);
	}
	*index = mention_node(r, id, label, shape);
	*pp = p;
	return *index != (size_t)-1;
}

/* Node indexes joined by '&'. */
struct nodes {
	size_t *v;
	size_t n, cap;
};

static bool read_nodes(struct reader *r, const char **pp, const char *e, struct nodes *out)
{
	out->n = 0;
	for (;;) {
		size_t i;
		if (!read_node(r, pp, e, &i))
			return false;
		out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
		out->v[out->n++] = i;
		const char *p = skip_space(*pp, e);
		if (p == e || *p != '&')
			return true;
		*pp = skip_space(p + 1, e);
	}
}

struct arrow {
	enum mmd_stroke stroke;
	bool head;
	char *label;
	const char *at;
};

static size_t run_of(const char *p, const char *e, char c)
{
	size_t n = 0;
	while (p + n < e && p[n] == c)
		n++;
	return n;
}

#define EDGES_SUPPORTED "-->, ---, -.->, -.-, ==>, ===, with a label as -->|text| or -- text -->"

/* The end of an edge written with its label inside ("-- text -->"): the
 * label runs from text to the first closing mark, which is "-" followed
 * by more of c, or by '>'; for dotted edges ".-" or ".->". */
static bool read_inner_label(struct reader *r, const char **pp, const char *e, const char *text, char c,
                             struct arrow *a)
{
	const char *mark = c == '.' ? ".-" : c == '=' ? "==" : "--";
	for (const char *q = find(text, e, mark); q; q = find(q + 1, e, mark)) {
		const char *after = q + 2;
		if (c != '.')
			after = q + run_of(q, e, c);
		if (after < e && *after == '>') {
			a->head = true;
			after++;
		} else if (c != '.' && after - q < 3) {
			continue;
		} else {
			a->head = false;
		}
		a->label = label_text(r, (struct span){text, q});
		if (a->label == NULL)
			return false;
		*pp = after;
		return true;
	}
	fail(r, a->at, "the edge '%.*s' has no end: its label must be closed by an arrow; write A %s text %s> B",
	     shown(a->at, e), a->at, c == '.' ? "-." : c == '=' ? "==" : "--",
	     c == '.' ? ".-" : c == '=' ? "==" : "--");
	return false;
}

/* An edge at *p, its label included. */
static bool read_arrow(struct reader *r, const char **pp, const char *e, struct arrow *a)
{
	const char *p = *pp;
	*a = (struct arrow){.at = p};
	bool inner = false;
	if (starts(p, e, "-.")) {
		a->stroke = MMD_STROKE_DOTTED;
		const char *q = p + 1 + run_of(p + 1, e, '.');
		if (q < e && *q == '-') {
			a->head = q + 1 < e && q[1] == '>';
			p = q + 1 + a->head;
		} else {
			inner = true;
			if (!read_inner_label(r, &p, e, p + 2, '.', a))
				return false;
		}
	} else if (p < e && (*p == '-' || *p == '=')) {
		char c = *p;
		size_t n = run_of(p, e, c);
		a->stroke = c == '=' ? MMD_STROKE_THICK : MMD_STROKE_SOLID;
		if (n >= 2 && p + n < e && p[n] == '>') {
			a->head = true;
			p += n + 1;
		} else if (n >= 2 && c == '-' && p + n < e && (p[n] == 'x' || p[n] == 'o') &&
		           (p + n + 1 == e || is_space(p[n + 1]))) {
			fail(r, p, "the edge '%.*s' ends in a %s, which Folio does not draw; use one of " EDGES_SUPPORTED,
			     (int)n + 1, p, p[n] == 'x' ? "cross" : "circle");
			return false;
		} else if (n >= 3) {
			p += n;
		} else if (n == 2) {
			inner = true;
			if (!read_inner_label(r, &p, e, p + 2, c, a))
				return false;
		} else {
			fail(r, p, "'%.*s' is not an edge; write one of " EDGES_SUPPORTED, shown(p, e), p);
			return false;
		}
	} else if (p < e && *p == '<') {
		fail(r, p, "arrows at both ends ('%.*s') are not drawn; write one edge each way, A --> B and B --> A",
		     shown(p, e), p);
		return false;
	} else if (p < e && *p == '~') {
		fail(r, p, "the invisible link '~~~' is not drawn; leave it out, or draw an edge with one of " EDGES_SUPPORTED);
		return false;
	} else {
		fail(r, p, "'%.*s' where an edge or the end of the line was expected; write one of " EDGES_SUPPORTED
		     ", and quote a label that holds brackets: A[\"f(x)\"]",
		     shown(p, e), p);
		return false;
	}
	const char *q = skip_space(p, e);
	if (!inner && q < e && *q == '|') {
		const char *bar = memchr(q + 1, '|', (size_t)(e - q - 1));
		if (bar == NULL) {
			fail(r, q, "the edge's label '|' is not closed; write it as -->|text|");
			return false;
		}
		a->label = label_text(r, (struct span){q + 1, bar});
		if (a->label == NULL)
			return false;
		p = bar + 1;
	}
	if (a->label && !*a->label) {
		free(a->label);
		a->label = NULL;
	}
	*pp = p;
	return true;
}

static bool add_edge(struct reader *r, size_t from, size_t to, const struct arrow *a)
{
	struct mmd_flowchart *f = flow(r);
	if (f->nedges == MERMAID_MAX_EDGES) {
		fail(r, a->at, "flowchart with %d edges, more than the %d Folio draws (MERMAID_MAX_EDGES); split it into smaller diagrams",
		     MERMAID_MAX_EDGES + 1, MERMAID_MAX_EDGES);
		r->stop = true;
		return false;
	}
	f->edges = xgrow(f->edges, &r->cap_edges, f->nedges + 1, sizeof *f->edges);
	f->edges[f->nedges++] = (struct mmd_edge){.from = from, .to = to, .label = a->label ? xstrdup(a->label) : NULL,
	                                          .stroke = a->stroke, .head = a->head, .at = pos_at(r, a->at)};
	return true;
}

/* "A --> B & C -- text --> D": nodes, and an edge from each on the left
 * to each on the right, link by link. */
static void read_chain(struct reader *r, struct span st)
{
	struct nodes left = {0}, right = {0};
	const char *p = st.s;
	if (!read_nodes(r, &p, st.e, &left))
		goto done;
	while ((p = skip_space(p, st.e)) < st.e) {
		struct arrow a;
		if (!read_arrow(r, &p, st.e, &a))
			goto done;
		p = skip_space(p, st.e);
		bool ok = read_nodes(r, &p, st.e, &right);
		for (size_t i = 0; ok && i < left.n; i++)
			for (size_t k = 0; ok && k < right.n; k++)
				ok = add_edge(r, left.v[i], right.v[k], &a);
		free(a.label);
		if (!ok)
			goto done;
		struct nodes t = left;
		left = right;
		right = t;
	}
done:
	free(left.v);
	free(right.v);
}

static void read_subgraph(struct reader *r, struct span st)
{
	struct mmd_flowchart *f = flow(r);
	const char *p = skip_space(st.s + strlen("subgraph"), st.e);
	struct span id, title;
	if (p == st.e) {
		fail(r, st.s, "a subgraph needs an id or a title; write subgraph id [Title]");
		return;
	}
	if (*p == '"') {
		title = id = (struct span){p, st.e};
	} else {
		id = (struct span){p, id_end(p, st.e)};
		const char *q = skip_space(id.e, st.e);
		if (id.e == id.s || (q < st.e && *q != '[')) {
			title = id = (struct span){p, st.e};          /* a title of several words */
		} else if (q < st.e) {
			const char *close = st.e[-1] == ']' ? st.e - 1 : NULL;
			if (close == NULL) {
				fail(r, q, "the subgraph's title is not closed with ']'; write subgraph id [Title]");
				return;
			}
			title = (struct span){q + 1, close};
		} else {
			title = id;
		}
	}
	char *title_text = label_text(r, title);
	if (title_text == NULL)
		return;
	char *id_text = label_text(r, id);
	if (id_text == NULL || !*id_text || !*title_text) {
		if (id_text)
			fail(r, p, "a subgraph needs an id or a title; write subgraph id [Title]");
		free(id_text);
		free(title_text);
		return;
	}
	size_t twice = 0;       /* 1 + the index of a subgraph of this id */
	for (size_t g = 0; g < f->ngroups && !twice; g++)
		twice = strcmp(f->groups[g].id, id_text) == 0 ? g + 1 : 0;
	if (twice && r->depth < MERMAID_MAX_DEPTH) {
		fail(r, p, "subgraph '%s' is opened a second time; give each subgraph an id of its own", id_text);
		/* still open, so that its 'end' is no second mistake */
		r->open[r->depth++] = (struct open){.index = twice - 1, .at = pos_at(r, st.s)};
	} else if (f->ngroups == MERMAID_MAX_GROUPS) {
		fail(r, st.s, "flowchart with %d subgraphs, more than the %d Folio draws (MERMAID_MAX_GROUPS); merge some of them",
		     MERMAID_MAX_GROUPS + 1, MERMAID_MAX_GROUPS);
		r->stop = true;
	} else if (r->depth == MERMAID_MAX_DEPTH) {
		fail(r, st.s, "subgraphs nested %d deep, more than the %d Folio draws (MERMAID_MAX_DEPTH); flatten them",
		     MERMAID_MAX_DEPTH + 1, MERMAID_MAX_DEPTH);
		r->stop = true;
	}
	if (twice || r->stop) {
		free(id_text);
		free(title_text);
		return;
	}
	f->groups = xgrow(f->groups, &r->cap_groups, f->ngroups + 1, sizeof *f->groups);
	f->groups[f->ngroups] = (struct mmd_group){.id = id_text, .title = title_text, .parent = current_group(r),
	                                           .at = pos_at(r, st.s)};
	r->open[r->depth++] = (struct open){.index = f->ngroups, .at = pos_at(r, st.s)};
	f->ngroups++;
}

/* Statements of Mermaid's flowcharts that only style the diagram. */
static const char *const styling[] = {"classDef", "class", "style", "linkStyle", "click"};

static void flow_statement(struct reader *r, struct span st)
{
	if (keyword(st, "subgraph")) {
		read_subgraph(r, st);
	} else if (st.e - st.s == 3 && memcmp(st.s, "end", 3) == 0) {
		if (r->depth == 0)
			fail(r, st.s, "'end' closes no subgraph; remove it, or open one before it with subgraph id [Title]");
		else
			r->depth--;
	} else if (keyword(st, "direction")) {
		advise(r, st.s, "'%.*s' is ignored: a subgraph is laid out in the flowchart's direction; remove the line",
		       (int)(st.e - st.s), st.s);
	} else {
		for (size_t k = 0; k < sizeof styling / sizeof styling[0]; k++) {
			if (keyword(st, styling[k])) {
				advise(r, st.s, "'%s' is ignored: Folio draws diagrams in the theme's colours; remove the line",
				       styling[k]);
				return;
			}
		}
		read_chain(r, st);
	}
}

/* ---- sequence diagrams ------------------------------------------------------- */

static struct mmd_sequence *seq(struct reader *r)
{
	return &r->m->u.seq;
}

static bool name_byte(char c)
{
	return c != '-' && c != '<' && c != '>' && c != ':' && c != ',' && c != ';' && c != '+' && c != '\n';
}

/* The participant of this name, added when new; (size_t)-1 after a
 * mistake reported. */
static size_t participant(struct reader *r, struct span name)
{
	struct mmd_sequence *s = seq(r);
	name = trim(name.s, name.e);
	if (name.s == name.e) {
		fail(r, name.s - (name.s > r->line_start), "a participant's name is missing; write it, such as Alice");
		return (size_t)-1;
	}
	for (const char *p = name.s; p < name.e; p++) {
		if (!name_byte(*p)) {
			fail(r, p, "participant name '%.*s' holds '%c'; leave it out, and give the text shown with participant id as Text",
			     (int)(name.e - name.s), name.s, *p);
			return (size_t)-1;
		}
	}
	for (size_t i = 0; i < s->nparticipants; i++)
		if (strlen(s->participants[i].id) == (size_t)(name.e - name.s) &&
		    memcmp(s->participants[i].id, name.s, (size_t)(name.e - name.s)) == 0)
			return i;
	if (s->nparticipants == MERMAID_MAX_PARTICIPANTS) {
		fail(r, name.s, "sequence diagram with %d participants, more than the %d Folio draws (MERMAID_MAX_PARTICIPANTS); split it into smaller diagrams",
		     MERMAID_MAX_PARTICIPANTS + 1, MERMAID_MAX_PARTICIPANTS);
		r->stop = true;
		return (size_t)-1;
	}
	char *label = label_text(r, name);
	if (label == NULL)
		return (size_t)-1;
	s->participants = xgrow(s->participants, &r->cap_parts, s->nparticipants + 1, sizeof *s->participants);
	r->active = xgrow(r->active, &r->cap_active, s->nparticipants + 1, sizeof *r->active);
	r->active[s->nparticipants] = 0;
	s->participants[s->nparticipants] = (struct mmd_participant){
		.id = xstrndup(name.s, (size_t)(name.e - name.s)), .label = label, .at = pos_at(r, name.s)};
	return s->nparticipants++;
}

/* A new step, or NULL past the limit (reported at p).  text is taken. */
static struct mmd_step *add_step(struct reader *r, enum mmd_step_kind kind, const char *p, char *text)
{
	struct mmd_sequence *s = seq(r);
	if (s->nsteps == MERMAID_MAX_STEPS) {
		fail(r, p, "sequence diagram with %d steps (messages, notes, activations and block lines), more than the %d Folio draws (MERMAID_MAX_STEPS); split it into smaller diagrams",
		     MERMAID_MAX_STEPS + 1, MERMAID_MAX_STEPS);
		r->stop = true;
		free(text);
		return NULL;
	}
	s->steps = xgrow(s->steps, &r->cap_steps, s->nsteps + 1, sizeof *s->steps);
	struct mmd_step *st = &s->steps[s->nsteps++];
	*st = (struct mmd_step){.kind = kind, .text = text ? text : xstrdup(""), .at = pos_at(r, p)};
	return st;
}

static void participant_statement(struct reader *r, struct span st, bool actor)
{
	const char *p = skip_space(st.s + (actor ? 5 : 11), st.e);
	const char *as = NULL;
	for (const char *q = p; q + 4 <= st.e && !as; q++)
		if (is_space(q[0]) && q[1] == 'a' && q[2] == 's' && is_space(q[3]))
			as = q;
	size_t i = participant(r, (struct span){p, as ? as : st.e});
	if (i == (size_t)-1)
		return;
	struct mmd_participant *part = &seq(r)->participants[i];
	part->actor |= actor;
	if (as) {
		char *label = label_text(r, (struct span){as + 4, st.e});
		if (label == NULL)
			return;
		if (*label) {
			free(part->label);
			part->label = label;
		} else {
			free(label);
		}
	}
}

static void activation(struct reader *r, struct span st, bool on)
{
	const char *p = st.s + (on ? 8 : 10);
	size_t i = participant(r, (struct span){p, st.e});
	if (i == (size_t)-1)
		return;
	if (!on && r->active[i] == 0) {
		fail(r, skip_space(p, st.e), "'%s' is not active here; remove the deactivate, or activate it before",
		     seq(r)->participants[i].id);
		return;
	}
	r->active[i] += on ? 1 : -1;
	struct mmd_step *step = add_step(r, on ? MMD_STEP_ACTIVATE : MMD_STEP_DEACTIVATE, st.s, NULL);
	if (step)
		step->from = step->to = i;
}

/* Whether the text at p (up to e) is side then "of" ("left of"); *after
 * is then just past "of". */
static bool side_of(const char *p, const char *e, const char *side, const char **after)
{
	if (!keyword((struct span){p, e}, side))
		return false;
	const char *of = skip_space(p + strlen(side), e);
	if (!keyword((struct span){of, e}, "of"))
		return false;
	*after = of + 2;
	return true;
}

static void note(struct reader *r, struct span st)
{
	const char *p = skip_space(st.s + 4, st.e);
	enum mmd_note_place place;
	struct span where = trim(p, st.e);
	if (side_of(p, st.e, "left", &p)) {
		place = MMD_NOTE_LEFT;
	} else if (side_of(p, st.e, "right", &p)) {
		place = MMD_NOTE_RIGHT;
	} else if (keyword(where, "over")) {
		place = MMD_NOTE_OVER;
		p += 4;
	} else {
		fail(r, where.s, "a note is placed 'left of', 'right of' or 'over' a participant; write Note over A: text");
		return;
	}
	const char *colon = memchr(p, ':', (size_t)(st.e - p));
	if (colon == NULL) {
		fail(r, st.s, "a note needs its text after ':'; write Note over A: text");
		return;
	}
	const char *comma = memchr(p, ',', (size_t)(colon - p));
	if (comma && place != MMD_NOTE_OVER) {
		fail(r, comma, "only a note 'over' may span two participants; write Note over A,B: text");
		return;
	}
	size_t from = participant(r, (struct span){p, comma ? comma : colon});
	size_t to = from;
	if (from != (size_t)-1 && comma)
		to = participant(r, (struct span){comma + 1, colon});
	if (to == (size_t)-1 || from == (size_t)-1)
		return;
	char *text = label_text(r, (struct span){colon + 1, st.e});
	if (text == NULL)
		return;
	struct mmd_step *step = add_step(r, MMD_STEP_NOTE, st.s, text);
	if (step) {
		step->from = from;
		step->to = to;
		step->place = place;
	}
}

static const struct block_word {
	const char *word;
	enum mmd_block block;
} blocks[] = {
	{"loop", MMD_BLOCK_LOOP}, {"alt", MMD_BLOCK_ALT}, {"opt", MMD_BLOCK_OPT}, {"par", MMD_BLOCK_PAR}, {"rect", MMD_BLOCK_RECT},
};

static void begin_block(struct reader *r, struct span st, const struct block_word *b)
{
	if (r->depth == MERMAID_MAX_DEPTH) {
		fail(r, st.s, "blocks nested %d deep, more than the %d Folio draws (MERMAID_MAX_DEPTH); flatten them",
		     MERMAID_MAX_DEPTH + 1, MERMAID_MAX_DEPTH);
		r->stop = true;
		return;
	}
	/* A rect's colour is the theme's: its text is not shown. */
	char *text = b->block == MMD_BLOCK_RECT ? xstrdup("")
	                                        : label_text(r, (struct span){st.s + strlen(b->word), st.e});
	if (text == NULL)
		return;
	struct mmd_step *step = add_step(r, MMD_STEP_BEGIN, st.s, text);
	if (step) {
		step->block = b->block;
		r->open[r->depth++] = (struct open){.block = b->block, .at = step->at};
	}
}

static void else_block(struct reader *r, struct span st, bool is_else)
{
	enum mmd_block want = is_else ? MMD_BLOCK_ALT : MMD_BLOCK_PAR;
	if (r->depth == 0 || r->open[r->depth - 1].block != want) {
		fail(r, st.s, is_else ? "'else' outside an 'alt' block; put it between alt ... and end"
		                      : "'and' outside a 'par' block; put it between par ... and end");
		return;
	}
	char *text = label_text(r, (struct span){st.s + (is_else ? 4 : 3), st.e});
	if (text == NULL)
		return;
	struct mmd_step *step = add_step(r, MMD_STEP_ELSE, st.s, text);
	if (step)
		step->block = want;
}

#define ARROWS_SUPPORTED "->>, -->>, ->, -->, -x, --x, -), --)"

static const struct arrow_syntax {
	const char *text;
	bool dotted;
	enum mmd_end end;
} arrows[] = {
	{"-->>", true, MMD_END_HEAD}, {"--x", true, MMD_END_CROSS},  {"--)", true, MMD_END_OPEN},
	{"-->", true, MMD_END_NONE},  {"->>", false, MMD_END_HEAD},  {"-x", false, MMD_END_CROSS},
	{"-)", false, MMD_END_OPEN},  {"->", false, MMD_END_NONE},
};

#define SEQUENCE_SUPPORTED \
	"participant, actor, messages (" ARROWS_SUPPORTED "), activate, deactivate, Note, loop, alt/else, opt, par/and, rect, end, autonumber"

/* Statements of Mermaid's sequence diagrams that Folio does not draw. */
static const char *const unsupported_statements[] = {
	"critical", "break", "box", "create", "destroy", "links", "link", "title", "accTitle", "accDescr",
	"option", "properties", "details",
};

/* Whether Mermaid closes the statement named by an 'end'. */
static bool opens_block(const char *named)
{
	return strcmp(named, "critical") == 0 || strcmp(named, "break") == 0 || strcmp(named, "box") == 0;
}

/* A message, "A->>+B: text"; false when the statement has no arrow. */
static bool message(struct reader *r, struct span st)
{
	const char *p = st.s;
	while (p < st.e && name_byte(*p))
		p++;
	if (p == st.e || p == st.s || (*p != '-' && *p != '<'))
		return false;
	struct span from = {st.s, p};
	if (*p == '<') {
		fail(r, p, "arrows at both ends ('%.*s') are not drawn; write one message each way", shown(p, st.e), p);
		return true;
	}
	const struct arrow_syntax *a = NULL;
	for (size_t k = 0; k < sizeof arrows / sizeof arrows[0] && !a; k++)
		if (starts(p, st.e, arrows[k].text))
			a = &arrows[k];
	if (a == NULL) {
		fail(r, p, "'%.*s' is not a message arrow Folio draws; use one of " ARROWS_SUPPORTED, shown(p, st.e), p);
		return true;
	}
	p += strlen(a->text);
	char sign = p < st.e && (*p == '+' || *p == '-') ? *p++ : 0;
	const char *colon = memchr(p, ':', (size_t)(st.e - p));
	size_t f = participant(r, from);
	size_t t = f == (size_t)-1 ? f : participant(r, (struct span){p, colon ? colon : st.e});
	if (t == (size_t)-1)
		return true;
	if (sign == '-' && r->active[f] == 0) {
		fail(r, p - 1, "'-' deactivates '%s', which is not active here; remove the '-', or activate it before with '+'",
		     seq(r)->participants[f].id);
		return true;
	}
	char *text = colon ? label_text(r, (struct span){colon + 1, st.e}) : xstrdup("");
	if (text == NULL)
		return true;
	struct mmd_step *step = add_step(r, MMD_STEP_MESSAGE, st.s, text);
	if (step == NULL)
		return true;
	step->from = f;
	step->to = t;
	step->dotted = a->dotted;
	step->end = a->end;
	step->number = r->number ? r->number++ : 0;
	if (sign) {
		size_t who = sign == '+' ? t : f;
		step = add_step(r, sign == '+' ? MMD_STEP_ACTIVATE : MMD_STEP_DEACTIVATE, p - 1, NULL);
		if (step) {
			step->from = step->to = who;
			r->active[who] += sign == '+' ? 1 : -1;
		}
	}
	return true;
}

static void seq_statement(struct reader *r, struct span st)
{
	for (size_t k = 0; k < sizeof blocks / sizeof blocks[0]; k++) {
		if (keyword(st, blocks[k].word)) {
			begin_block(r, st, &blocks[k]);
			return;
		}
	}
	if (keyword(st, "participant") || keyword(st, "actor")) {
		participant_statement(r, st, keyword(st, "actor"));
	} else if (keyword(st, "activate") || keyword(st, "deactivate")) {
		activation(r, st, keyword(st, "activate"));
	} else if (keyword(st, "note")) {
		note(r, st);
	} else if (keyword(st, "else") || keyword(st, "and")) {
		else_block(r, st, keyword(st, "else"));
	} else if (keyword(st, "end")) {
		if (st.e - st.s != 3)
			fail(r, st.s + 3, "'end' stands alone on its line; move the rest to a line of its own");
		else if (r->depth == 0)
			fail(r, st.s, "'end' closes no block; remove it, or open one before it (loop, alt, opt, par, rect)");
		else if (r->open[r->depth - 1].refused || add_step(r, MMD_STEP_END, st.s, NULL))
			r->depth--;
	} else if (keyword(st, "autonumber")) {
		if (st.e - st.s != 10)
			fail(r, st.s + 11, "'autonumber' takes nothing after it in Folio; write autonumber alone (numbers start at 1)");
		else if (r->number == 0)
			r->number = 1;
	} else {
		const char *named = NULL;
		for (size_t k = 0; k < sizeof unsupported_statements / sizeof unsupported_statements[0] && !named; k++)
			if (keyword(st, unsupported_statements[k]))
				named = unsupported_statements[k];
		if (named) {
			fail(r, st.s, "'%s' is not drawn by Folio in a sequence diagram; rewrite it with what is: " SEQUENCE_SUPPORTED,
			     named);
			if (opens_block(named) && r->depth < MERMAID_MAX_DEPTH)
				r->open[r->depth++] = (struct open){.refused = true, .at = pos_at(r, st.s)};
		}
		else if (!message(r, st))
			fail(r, st.s, "'%.*s' is not a statement of a sequence diagram; write one of " SEQUENCE_SUPPORTED,
			     shown(st.s, st.e), st.s);
	}
}

/* ---- the whole text --------------------------------------------------------- */

static void header(struct reader *r, struct span st)
{
	const char *p = st.s;
	while (p < st.e && !is_space(*p))
		p++;
	struct span word = {st.s, p};
	struct span rest = trim(p, st.e);
	r->known = true;
	if (keyword(word, "flowchart") || keyword(word, "graph")) {
		r->m->kind = MMD_FLOWCHART;
		static const struct {
			const char *word;
			enum mmd_dir dir;
		} dirs[] = {{"TB", MMD_DIR_TB}, {"TD", MMD_DIR_TB}, {"BT", MMD_DIR_BT}, {"LR", MMD_DIR_LR}, {"RL", MMD_DIR_RL}};
		r->m->u.flow.dir = MMD_DIR_TB;
		if (rest.s == rest.e)
			return;
		for (size_t k = 0; k < sizeof dirs / sizeof dirs[0]; k++) {
			if (rest.e - rest.s == 2 && memcmp(rest.s, dirs[k].word, 2) == 0) {
				r->m->u.flow.dir = dirs[k].dir;
				return;
			}
		}
		fail(r, rest.s, "'%.*s' is not a direction; write TD (or TB), BT, LR or RL after %.*s",
		     shown(rest.s, rest.e), rest.s, (int)(word.e - word.s), word.s);
	} else if (word.e - word.s == 15 && memcmp(word.s, "sequenceDiagram", 15) == 0) {
		r->m->kind = MMD_SEQUENCE;
		if (rest.s != rest.e)
			fail(r, rest.s, "'sequenceDiagram' stands alone on its line; move '%.*s' to a line of its own",
			     shown(rest.s, rest.e), rest.s);
	} else {
		fail(r, st.s, "'%.*s' diagrams are not drawn by Folio: only flowchart (or graph) and sequenceDiagram are; "
		     "draw it as one of them, or show the text as code with another info string, such as ```text",
		     (int)(word.e - word.s), word.s);
		r->stop = true;
	}
}

static void read_line(struct reader *r, const char *s, const char *e)
{
	e = comment_start(s, e);
	r->line_failed = false;
	const char *amp = entity(s, e);
	if (amp) {
		fail(r, amp, "entity code '%.*s' is not read by Folio; write the character itself (in quotes when it is a bracket or a quote mark)",
		     (int)((const char *)memchr(amp, ';', (size_t)(e - amp)) - amp + 1), amp);
		return;
	}
	for (const char *p = s; p < e && !r->stop && !r->line_failed;) {
		const char *end = statement_end(p, e);
		struct span st = trim(p, end);
		if (st.s < st.e) {
			if (!r->known)
				header(r, st);
			else if (r->m->kind == MMD_FLOWCHART)
				flow_statement(r, st);
			else
				seq_statement(r, st);
		}
		p = end < e ? end + 1 : e;
	}
}

/* What must hold once every line is read. */
static void finish(struct reader *r)
{
	for (size_t i = r->depth; i > 0; i--) {
		if (r->open[i - 1].refused)
			continue;       /* reported already */
		if (r->m->kind == MMD_FLOWCHART)
			fail_at(r, r->open[i - 1].at, "subgraph '%s' has no 'end'; close it with a line end",
			        r->m->u.flow.groups[r->open[i - 1].index].id);
		else
			fail_at(r, r->open[i - 1].at, "%s block has no 'end'; close it with a line end",
			        blocks[r->open[i - 1].block].word);
	}
	if (r->m->kind == MMD_FLOWCHART) {
		const struct mmd_flowchart *f = &r->m->u.flow;
		for (size_t i = 0; i < f->nnodes; i++)
			for (size_t g = 0; g < f->ngroups; g++)
				if (strcmp(f->nodes[i].id, f->groups[g].id) == 0)
					fail_at(r, f->nodes[i].at, "'%s' is a subgraph, and Folio draws edges between nodes only; link a node inside it",
					        f->nodes[i].id);
		if (f->nnodes == 0 && !r->failed)
			fail_at(r, r->at, "the flowchart has no nodes; write at least one, such as A[Start] --> B[End]");
	} else if (r->m->u.seq.nparticipants == 0 && !r->failed) {
		fail_at(r, r->at, "the sequence diagram has no participants; write a message, such as Alice->>Bob: Hello");
	}
}

struct mmd_diagram *mermaid_parse(const char *src, size_t len, struct pos at, struct diag *d)
{
	struct reader r = {.at = at, .d = d};
	r.m = xcalloc(1, sizeof *r.m);
	r.m->source = xstrndup(src, len);
	r.m->at = at;
	r.m->kind = MMD_FLOWCHART;
	const char *end = src + len;
	for (const char *p = src; p < end && !r.stop;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		r.line++;
		r.line_start = p;
		read_line(&r, p, le);
		p = nl ? nl + 1 : end;
	}
	if (!r.known && !r.failed)
		fail_at(&r, at, "the mermaid block is empty; write a flowchart or a sequenceDiagram in it, or remove the block");
	else if (!r.stop)
		finish(&r);
	free(r.given);
	free(r.active);
	if (r.failed) {
		mermaid_free(r.m);
		return NULL;
	}
	return r.m;
}

void mermaid_free(struct mmd_diagram *m)
{
	if (m == NULL)
		return;
	if (m->kind == MMD_FLOWCHART) {
		struct mmd_flowchart *f = &m->u.flow;
		for (size_t i = 0; i < f->nnodes; i++) {
			free(f->nodes[i].id);
			free(f->nodes[i].label);
		}
		for (size_t i = 0; i < f->nedges; i++)
			free(f->edges[i].label);
		for (size_t i = 0; i < f->ngroups; i++) {
			free(f->groups[i].id);
			free(f->groups[i].title);
		}
		free(f->nodes);
		free(f->edges);
		free(f->groups);
	} else {
		struct mmd_sequence *s = &m->u.seq;
		for (size_t i = 0; i < s->nparticipants; i++) {
			free(s->participants[i].id);
			free(s->participants[i].label);
		}
		for (size_t i = 0; i < s->nsteps; i++)
			free(s->steps[i].text);
		free(s->participants);
		free(s->steps);
	}
	free(m->source);
	free(m);
}

/* ---- on the Markdown tree ------------------------------------------------- */

bool mermaid_is_block(cmark_node *n)
{
	if (n == NULL || cmark_node_get_type(n) != CMARK_NODE_CODE_BLOCK)
		return false;
	const char *info = cmark_node_get_fence_info(n);
	size_t len = strlen(MERMAID_INFO);
	return info && strncmp(info, MERMAID_INFO, len) == 0 &&
	       (info[len] == '\0' || info[len] == ' ' || info[len] == '\t');
}

static void free_diagram(cmark_mem *mem, void *data)
{
	(void)mem;
	mermaid_free(data);
}

bool mermaid_resolve(cmark_node *n, struct pos at, struct diag *d)
{
	const char *text = cmark_node_get_literal(n);
	struct mmd_diagram *m = mermaid_parse(text ? text : "", text ? strlen(text) : 0, at, d);
	if (m == NULL)
		return false;
	free_diagram(NULL, cmark_node_get_user_data(n));
	cmark_node_set_user_data(n, m);
	cmark_node_set_user_data_free_func(n, free_diagram);
	return true;
}

const struct mmd_diagram *mermaid_of(cmark_node *n)
{
	return n && cmark_node_get_type(n) == CMARK_NODE_CODE_BLOCK ? cmark_node_get_user_data(n) : NULL;
}
