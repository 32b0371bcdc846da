/*
 * chapters: sets the model's content for the playbook as blocks, chapter
 * by chapter (chapters.h).
 */
#include "pdf/chapters.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/xalloc.h"
#include "content/body.h"
#include "content/estimate.h"
#include "diagram/diagram.h"
#include "pdf/mdblocks.h"

/* The body under construction. */
struct doc {
	struct blocks *blocks;
	const struct site *site;        /* its strings word every fixed phrase */
	struct diag *d;                 /* for a body that cannot be read back */
	bool failed;
	/* The last Markdown text, while its footnotes wait for the end of its
	 * chapter (or for the next text: each numbers its notes from 1, so
	 * two texts' notes never share a place), and while the rest of it may
	 * come after other blocks (markdown_start). */
	struct mdblocks_text *notes;
	struct body held;               /* open while notes is set */
};

/* The site's string called key: every phrase the playbook writes itself. */
static const char *say(const struct doc *doc, const char *key)
{
	return model_string(doc->site, key);
}

/* The string called key followed by a colon, kept as long as the blocks:
 * the strings write labels without it. */
static const char *label(const struct doc *doc, const char *key)
{
	return blocks_keep(doc->blocks, xasprintf("%s:", say(doc, key)));
}

/* Sets the footnotes held back, if any: at the end of a chapter, or
 * before the next Markdown text. */
static void end_notes(struct doc *doc)
{
	if (doc->notes == NULL)
		return;
	mdblocks_notes(doc->notes);
	doc->notes = NULL;
	body_close(&doc->held);
}

/* url as a link in the small size, a span per part up to and with each
 * '/': an address longer than the line then breaks after a slash (the
 * break of last resort between spans of one word), not at any letter. */
static void address_spans(struct ts_spans *s, const char *url)
{
	for (const char *p = url; *p;) {
		size_t len = strcspn(p, "/");
		len += p[len] == '/';
		char *part = xstrndup(p, len);
		ts_spans_add(s, part, FONT_REGULAR, BLOCKS_SMALL_SIZE, TS_LINK, url);
		free(part);
		p += len;
	}
}

/* The numbered sources ("number\turl\n" a line), each a link; the last
 * never alone at the top of a page.  An address is set between angle
 * brackets, as RFC 3986 (appendix C) advises for addresses in text: one
 * that ends in a hyphen ("...-sync-work-") would otherwise end its line
 * there, and readers that join hyphenated lines would drop it. */
static void sources_list(struct blocks *b, const char *sources)
{
	for (const char *p = sources; *p;) {
		size_t len = strcspn(p, "\n");
		if (p != sources && p[len] == '\n' && p[len + 1] == '\0')
			blocks_keep_together(b);
		char *line = xstrndup(p, len);
		char *tab = strchr(line, '\t');
		*tab = '\0';
		struct ts_spans s = {.v = NULL};
		char *num = xasprintf("[%s] ", line);
		ts_spans_add(&s, num, FONT_REGULAR, BLOCKS_SMALL_SIZE, TS_MUTED, NULL);
		ts_spans_add(&s, "<", FONT_REGULAR, BLOCKS_SMALL_SIZE, TS_MUTED, NULL);
		address_spans(&s, tab + 1);
		ts_spans_add(&s, ">", FONT_REGULAR, BLOCKS_SMALL_SIZE, TS_MUTED, NULL);
		/* a wrapped address goes on under itself, clear of the number */
		double indent = font_width(blocks_fonts(b), FONT_REGULAR, num, BLOCKS_SMALL_SIZE);
		blocks_hanging(b, &s, BLOCKS_MARGIN_X, blocks_text_width(b), indent, BLOCKS_SMALL_SIZE, BLOCKS_SMALL_LEADING);
		ts_spans_free(&s);
		free(num);
		free(line);
		p += len + (p[len] == '\n');
	}
}

/* Opens m for markdown_until(), which sets it; its footnotes are held
 * back for end_notes().  A body left on disk is read back for the time
 * it takes (its page reports its mistakes).  Returns its tree, or NULL. */
static cmark_node *markdown_start(struct doc *doc, const struct md *m, int heading_base)
{
	end_notes(doc);
	if (!body_open(m, &doc->held, NULL, doc->d)) {
		/* What it read before the mistake is held all the same. */
		body_close(&doc->held);
		doc->failed = true;
		return NULL;
	}
	if (doc->held.md.doc == NULL) {
		body_close(&doc->held);
		return NULL;
	}
	doc->notes = mdblocks_start(doc->blocks, doc->site, doc->held.md.doc, BLOCKS_MARGIN_X,
	                            blocks_text_width(doc->blocks), heading_base);
	return doc->held.md.doc;
}

/* Sets the open text's blocks up to stop, one of its top-level nodes
 * (NULL: to its end). */
static void markdown_until(struct doc *doc, cmark_node *stop)
{
	size_t errors = doc->d->errors;
	mdblocks_continue(doc->notes, stop);
	if (doc->d->errors > errors)    /* an image that cannot be drawn */
		doc->failed = true;
}

/* m's blocks, its footnotes held back for end_notes(). */
static void markdown(struct doc *doc, const struct md *m, int heading_base)
{
	markdown_start(doc, m, heading_base);
	markdown_until(doc, NULL);
}

/* The addresses the chapter's links cited (blocks_cite), numbered, under
 * the site's heading for sources: the last thing of a chapter, after its
 * footnotes. */
static void end_sources(struct doc *doc)
{
	char *cited = blocks_take_citations(doc->blocks);
	if (cited == NULL)
		return;
	blocks_heading(doc->blocks, 2, say(doc, "sources"));
	sources_list(doc->blocks, cited);
	free(cited);
}

/* A list item of plain text, with a bold lead-in when lead is set. */
static void list_item(struct blocks *b, const char *marker, const char *lead, const char *text)
{
	struct ts_spans s = {.v = NULL};
	if (lead) {
		ts_spans_add(&s, lead, FONT_BOLD, BLOCKS_BODY_SIZE, TS_TEXT, NULL);
		ts_spans_add(&s, ": ", FONT_BOLD, BLOCKS_BODY_SIZE, TS_TEXT, NULL);
	}
	ts_spans_add(&s, text, FONT_REGULAR, BLOCKS_BODY_SIZE, TS_TEXT, NULL);
	blocks_list_item(b, marker, &s, false);
	ts_spans_free(&s);
}

static void bullets_of_titled(struct blocks *b, const struct list *items)
{
	const struct titled_text *t = items->items;
	blocks_open(b, TAG_L);
	for (size_t i = 0; i < items->len; i++)
		list_item(b, "•", t[i].title.v, t[i].text.v);
	blocks_close(b);
	blocks_space(b, 6);
}

static void bullets_of_lines(struct blocks *b, const struct list *lines)
{
	const struct str *a = lines->items;
	blocks_open(b, TAG_L);
	for (size_t i = 0; i < lines->len; i++)
		list_item(b, "•", NULL, a[i].v);
	blocks_close(b);
}

/* "Label: value" in body text, the label bold. */
static void facts_line(struct blocks *b, const char *label, const char *value)
{
	struct ts_spans s = {.v = NULL};
	ts_spans_add(&s, label, FONT_BOLD, BLOCKS_BODY_SIZE, TS_TEXT, NULL);
	ts_spans_add(&s, " ", FONT_REGULAR, BLOCKS_BODY_SIZE, TS_TEXT, NULL);
	ts_spans_add(&s, value, FONT_REGULAR, BLOCKS_BODY_SIZE, TS_TEXT, NULL);
	blocks_paragraph(b, &s, BLOCKS_MARGIN_X, blocks_text_width(b), BLOCKS_BODY_SIZE, BLOCKS_BODY_LEADING, false);
	ts_spans_free(&s);
	blocks_space(b, 2);
}

/* A chapter's opening paragraph, larger than the body. */
static void lead_paragraph(struct blocks *b, const char *text)
{
	blocks_text(b, text, FONT_REGULAR, 11, 15.5, TS_TEXT, BLOCKS_MARGIN_X, blocks_text_width(b), true);
}

static void audiences(struct doc *doc, const struct resource *r)
{
	struct blocks *b = doc->blocks;
	if (r->audiences.len == 0)
		return;
	blocks_heading(b, 2, say(doc, "who_it_is_for"));
	const struct audience *a = r->audiences.items;
	blocks_open(b, TAG_L);
	for (size_t i = 0; i < r->audiences.len; i++)
		list_item(b, "•", a[i].name.v, a[i].use.v);
	blocks_close(b);
}

/* The sections that introduce the resource, in its order, with who it is
 * for after why it matters (first without it). */
static void chapter_introduction(struct doc *doc, const struct resource *r)
{
	struct blocks *b = doc->blocks;
	blocks_heading(b, 1, say(doc, "playbook_introduction"));
	lead_paragraph(b, r->summary.v);
	blocks_space(b, 8);
	if (r->why == NULL)
		audiences(doc, r);
	const struct page_section *sections = r->contents.items;
	for (size_t i = 0; i < r->contents.len; i++) {
		if (sections[i].kind == SECTION_WHY && r->why) {        /* the loader lists it only when there is one */
			blocks_heading(b, 2, r->why->title.v);
			markdown(doc, &r->why->intro, 2);
			bullets_of_titled(b, &r->why->risks);
			audiences(doc, r);
		} else if (sections[i].kind == SECTION_HELPS) {
			blocks_heading(b, 2, r->cards->title.v);
			bullets_of_titled(b, &r->cards->items);
		} else if (sections[i].kind == SECTION_STEPS) {
			blocks_heading(b, 2, r->steps->title.v);
			const struct titled_text *t = r->steps->items.items;
			blocks_open(b, TAG_L);
			for (size_t k = 0; k < r->steps->items.len; k++)
				list_item(b, blocks_keep(b, xasprintf("%zu.", k + 1)), t[k].title.v, t[k].text.v);
			blocks_close(b);
		}
	}
}

/* A pattern's facts: what it is best for, when to avoid it, the decision
 * note, its complexity and its effort, in the resource's words (the
 * loader wrote the numbers out). */
static void pattern_facts(struct doc *doc, const struct pattern *p)
{
	struct blocks *b = doc->blocks;
	facts_line(b, label(doc, "best_for"), p->best_for.v);
	if (p->avoid_when.v)
		facts_line(b, label(doc, "avoid_when"), p->avoid_when.v);
	facts_line(b, label(doc, "decision_note"), p->decision.v);
	struct buf effort = BUF_INIT;
	if (p->effort) {
		const struct phrase_arg args[] = {{"complexity", p->complexity_text.v}, {"effort", p->effort->text.v}};
		model_phrase(&effort, doc->site, "playbook_complexity_effort", args, 2);
	} else {
		buf_puts(&effort, p->complexity_text.v);
	}
	facts_line(b, label(doc, "complexity"), blocks_keep(b, buf_detach(&effort)));
}

static void systems_table(struct doc *doc, const struct pattern *p)
{
	struct blocks *b = doc->blocks;
	blocks_heading(b, 2, say(doc, "systems_title"));
	const struct system *sys = p->systems.items;
	size_t cols = 3;
	struct ts_spans *cells = xcalloc((p->systems.len + 1) * cols, sizeof *cells);
	blocks_cell(&cells[0], say(doc, "playbook_system"), FONT_BOLD);
	blocks_cell(&cells[1], say(doc, "playbook_role"), FONT_BOLD);
	blocks_cell(&cells[2], say(doc, "examples"), FONT_BOLD);
	for (size_t i = 0; i < p->systems.len; i++) {
		struct ts_spans *row = &cells[(i + 1) * cols];
		blocks_cell(&row[0], sys[i].name.v, FONT_BOLD);
		blocks_cell(&row[1], sys[i].role.v, FONT_REGULAR);
		struct buf ex = BUF_INIT;
		const struct str *e = sys[i].examples.items;
		for (size_t k = 0; k < sys[i].examples.len; k++)
			buf_printf(&ex, "%s%s", k ? ", " : "", e[k].v);
		blocks_cell(&row[2], ex.data ? ex.data : "", FONT_REGULAR);
		buf_free(&ex);
	}
	blocks_table(b, cells, p->systems.len + 1, cols);
	free(cells);
}

static void flows_table(struct doc *doc, const struct pattern *p)
{
	struct blocks *b = doc->blocks;
	blocks_heading(b, 2, say(doc, "data_flows"));
	const struct flow *f = p->flows.items;
	size_t cols = 5;
	struct ts_spans *cells = xcalloc((p->flows.len + 1) * cols, sizeof *cells);
	static const char *const flow_heads[] = {"flow_from", "flow_to", "flow_data", "flow_how", "flow_owner"};
	for (size_t c = 0; c < cols; c++)
		blocks_cell(&cells[c], say(doc, flow_heads[c]), FONT_BOLD);
	for (size_t i = 0; i < p->flows.len; i++) {
		struct ts_spans *row = &cells[(i + 1) * cols];
		blocks_cell(&row[0], f[i].from_system->name.v, FONT_REGULAR);
		blocks_cell(&row[1], f[i].to_system->name.v, FONT_REGULAR);
		blocks_cell(&row[2], f[i].data.v, FONT_REGULAR);
		blocks_cell(&row[3], f[i].how_label.v ? f[i].how_label.v : "", FONT_REGULAR);
		blocks_cell(&row[4], f[i].owner_system ? f[i].owner_system->name.v : "", FONT_REGULAR);
	}
	blocks_table(b, cells, p->flows.len + 1, cols);
	free(cells);
}

static void pitfalls(struct doc *doc, const struct pattern *p)
{
	struct blocks *b = doc->blocks;
	blocks_heading(b, 2, say(doc, "pitfalls"));
	/* Between the problem and the remedy: " What to do: ". */
	char *what_to_do = xasprintf(" %s: ", say(doc, "what_to_do"));
	const struct pitfall *pit = p->pitfalls.items;
	blocks_open(b, TAG_L);
	for (size_t i = 0; i < p->pitfalls.len; i++) {
		struct ts_spans s = {.v = NULL};
		ts_spans_add(&s, pit[i].title.v, FONT_BOLD, BLOCKS_BODY_SIZE, TS_TEXT, NULL);
		ts_spans_add(&s, ". ", FONT_BOLD, BLOCKS_BODY_SIZE, TS_TEXT, NULL);
		ts_spans_add(&s, pit[i].problem.v, FONT_REGULAR, BLOCKS_BODY_SIZE, TS_TEXT, NULL);
		ts_spans_add(&s, what_to_do, FONT_BOLD, BLOCKS_BODY_SIZE, TS_ACCENT, NULL);
		ts_spans_add(&s, pit[i].remedy.v, FONT_REGULAR, BLOCKS_BODY_SIZE, TS_TEXT, NULL);
		blocks_list_item(b, "•", &s, true);
		ts_spans_free(&s);
	}
	blocks_close(b);
	free(what_to_do);
}

static void mapping_table(struct blocks *b, const struct mapping_words *words, const struct pattern *p)
{
	blocks_heading(b, 2, words->title.v);
	const struct mapping_row *m = p->mapping.items;
	size_t cols = 5;
	struct ts_spans *cells = xcalloc((p->mapping.len + 1) * cols, sizeof *cells);
	const struct mapping_columns *col = words->columns;
	const char *const map_heads[] = {col->source.v, col->target.v, col->direction.v, col->transform.v, col->owner.v};
	for (size_t c = 0; c < cols; c++)
		blocks_cell(&cells[c], map_heads[c], FONT_BOLD);
	for (size_t i = 0; i < p->mapping.len; i++) {
		struct ts_spans *row = &cells[(i + 1) * cols];
		char *src = xasprintf("%s %s", m[i].source_ref ? m[i].source_ref->name.v : "", m[i].source.v);
		char *dst = xasprintf("%s %s", m[i].target_ref ? m[i].target_ref->name.v : "", m[i].target.v);
		blocks_cell(&row[0], src, FONT_REGULAR);
		blocks_cell(&row[1], dst, FONT_REGULAR);
		blocks_cell(&row[2], m[i].direction_label.v ? m[i].direction_label.v : m[i].direction.v, FONT_REGULAR);
		blocks_cell(&row[3], m[i].transform.v ? m[i].transform.v : "", FONT_REGULAR);
		blocks_cell(&row[4], m[i].owner_ref ? m[i].owner_ref->name.v : "", FONT_REGULAR);
		free(src);
		free(dst);
	}
	blocks_table(b, cells, p->mapping.len + 1, cols);
	free(cells);
}

static void chapter_pattern(struct doc *doc, const struct vocabulary *v, const struct pattern *p)
{
	struct blocks *b = doc->blocks;
	blocks_heading(b, 1, p->title.v);
	lead_paragraph(b, p->summary.v);
	blocks_space(b, 6);
	char *alt = diagram_pattern_desc(doc->site, p);
	blocks_diagram(b, diagram_pattern(p, blocks_fonts(b)), alt);
	free(alt);
	pattern_facts(doc, p);
	systems_table(doc, p);
	flows_table(doc, p);
	cmark_node *body = markdown_start(doc, &p->body, 1);
	cmark_node *sources = body_pitfall_sources(doc->site, body);
	markdown_until(doc, sources);
	if (p->pitfalls.len)
		pitfalls(doc, p);
	markdown_until(doc, NULL);
	if (p->mapping.len)
		mapping_table(b, v->mapping, p);
	if (p->effort && p->effort->assumptions.len) {
		blocks_heading(b, 2, say(doc, "effort_assumptions"));
		bullets_of_lines(b, &p->effort->assumptions);
	}
}

static void chapter_matrix(struct doc *doc, const struct resource *r)
{
	struct blocks *b = doc->blocks;
	const struct decision_matrix *m = r->matrix;
	blocks_heading(b, 1, m->title.v);
	markdown(doc, &m->guide, 1);
	size_t cols = m->criteria.len + 1;
	const struct list *patterns = &r->patterns->items;
	struct ts_spans *cells = xcalloc((patterns->len + 1) * cols, sizeof *cells);
	blocks_cell(&cells[0], say(doc, "pattern"), FONT_BOLD);
	const struct criterion *crit = m->criteria.items;
	for (size_t c = 1; c < cols; c++)
		blocks_cell(&cells[c], crit[c - 1].name.v, FONT_BOLD);
	for (size_t i = 0; i < patterns->len; i++) {
		const struct pattern *p = schema_list_at(&model_pattern_schema, patterns, i);
		struct ts_spans *row = &cells[(i + 1) * cols];
		blocks_cell(&row[0], p->label.v, FONT_BOLD);
		const struct rating *rt = p->ratings.items;
		for (size_t c = 1; c < cols && c - 1 < p->ratings.len; c++)
			blocks_cell(&row[c], rt[c - 1].value.v, FONT_REGULAR);
	}
	blocks_table(b, cells, patterns->len + 1, cols);
	free(cells);
	blocks_heading(b, 2, say(doc, "playbook_criteria"));
	for (size_t c = 0; c < m->criteria.len; c++)
		if (crit[c].text.v)
			facts_line(b, blocks_keep(b, xasprintf("%s:", crit[c].name.v)), crit[c].text.v);
}

/* The support matrix: a product per column, an area per row; each
 * cell's sources are cited (blocks_cite), numbered with the chapter's
 * other addresses and listed at its end. */
static void support_table(struct blocks *b, const struct support *s)
{
	size_t cols = s->products.len + 1;
	struct ts_spans *cells = xcalloc((s->rows.len + 1) * cols, sizeof *cells);
	blocks_cell(&cells[0], s->area_label.v, FONT_BOLD);
	const struct product *pr = s->products.items;
	for (size_t k = 1; k < cols; k++)
		blocks_cell(&cells[k], pr[k - 1].name.v, FONT_BOLD);
	const struct support_row *rows = s->rows.items;
	for (size_t i = 0; i < s->rows.len; i++) {
		struct ts_spans *row = &cells[(i + 1) * cols];
		blocks_cell(&row[0], rows[i].area->name.v, FONT_BOLD);
		const struct support_cell *const *cc = rows[i].cells.items;
		for (size_t k = 0; k < rows[i].cells.len && k + 1 < cols; k++) {
			const struct support_cell *cell = cc[k];
			if (cell == NULL)
				continue;
			ts_spans_add(&row[k + 1], cell->level_label.v, FONT_BOLD, BLOCKS_SMALL_SIZE, TS_TEXT, NULL);
			ts_spans_add(&row[k + 1], ". ", FONT_BOLD, BLOCKS_SMALL_SIZE, TS_TEXT, NULL);
			ts_spans_add(&row[k + 1], cell->note.v, FONT_REGULAR, BLOCKS_SMALL_SIZE, TS_TEXT, NULL);
			const struct str *src = cell->sources.items;
			for (size_t n = 0; n < cell->sources.len; n++) {
				char *ref = xasprintf(" [%zu]", blocks_cite(b, src[n].v));
				ts_spans_add(&row[k + 1], ref, FONT_REGULAR, BLOCKS_SMALL_SIZE, TS_LINK, src[n].v);
				free(ref);
			}
		}
	}
	blocks_table(b, cells, s->rows.len + 1, cols);
	free(cells);
}

static void chapter_support(struct doc *doc, const struct support *s)
{
	struct blocks *b = doc->blocks;
	blocks_heading(b, 1, s->title.v);
	markdown(doc, &s->intro, 1);
	support_table(b, s);
	blocks_text(b, s->note.v, FONT_ITALIC, BLOCKS_SMALL_SIZE, BLOCKS_SMALL_LEADING, TS_MUTED, BLOCKS_MARGIN_X,
	            blocks_text_width(b), false);
}

/* A row per pattern, with a box to tick, its effort, complexity and
 * risks (its pitfalls' titles). */
static void worksheet_table(struct doc *doc, const struct resource *r)
{
	struct blocks *b = doc->blocks;
	const struct list *patterns = &r->patterns->items;
	size_t cols = 5;
	struct ts_spans *cells = xcalloc((patterns->len + 1) * cols, sizeof *cells);
	const char *const heads[] = {say(doc, "playbook_tick"), r->estimator->pattern_label.v, say(doc, "typical_effort"),
	                             say(doc, "complexity"), say(doc, "main_risks")};
	for (size_t c = 0; c < cols; c++)
		blocks_cell(&cells[c], heads[c], FONT_BOLD);
	for (size_t i = 0; i < patterns->len; i++) {
		const struct pattern *p = schema_list_at(&model_pattern_schema, patterns, i);
		struct ts_spans *row = &cells[(i + 1) * cols];
		blocks_cell(&row[0], "[  ]", FONT_MONO);
		blocks_cell(&row[1], p->label.v, FONT_BOLD);
		blocks_cell(&row[2], p->effort ? p->effort->text.v : "", FONT_REGULAR);
		blocks_cell(&row[3], p->complexity_text.v, FONT_REGULAR);
		struct buf risks = BUF_INIT;
		const struct pitfall *pit = p->pitfalls.items;
		for (size_t k = 0; k < p->pitfalls.len; k++)
			buf_printf(&risks, "%s%s", k ? "; " : "", pit[k].title.v);
		blocks_cell(&row[4], risks.data ? risks.data : "", FONT_REGULAR);
		buf_free(&risks);
	}
	blocks_table(b, cells, patterns->len + 1, cols);
	free(cells);
}

/* A table of one of the estimator's factors, head: the key of its name. */
static void factor_table(struct doc *doc, const char *head, const struct list *factor)
{
	struct blocks *b = doc->blocks;
	struct ts_spans *cells = xcalloc((factor->len + 1) * 2, sizeof *cells);
	blocks_cell(&cells[0], say(doc, head), FONT_BOLD);
	blocks_cell(&cells[1], say(doc, "playbook_multiplied_by"), FONT_BOLD);
	const struct estimator_factor *f = factor->items;
	for (size_t i = 0; i < factor->len; i++) {
		blocks_cell(&cells[(i + 1) * 2], f[i].label.v, FONT_REGULAR);
		struct buf value = BUF_INIT;
		model_number(&value, doc->site, f[i].percent);
		const struct phrase_arg args[] = {{"value", buf_str(&value)}};
		struct buf pc = BUF_INIT;
		model_phrase(&pc, doc->site, "playbook_percent", args, 1);
		buf_free(&value);
		blocks_cell(&cells[(i + 1) * 2 + 1], buf_str(&pc), FONT_REGULAR);
		buf_free(&pc);
	}
	blocks_table(b, cells, factor->len + 1, 2);
	free(cells);
}

/* How the estimate is worked out: the sharing rule, then the resource's
 * own assumptions, then what a unit of effort is and how a cost follows,
 * in the same words as the web page's estimator. */
static void worksheet_rules(struct doc *doc, const struct resource *r)
{
	struct blocks *b = doc->blocks;
	struct estimate words = {.min = 0};
	estimate_explain(&words, doc->site, r);
	const struct str *lines = r->estimator->assumptions.items;
	blocks_open(b, TAG_L);
	list_item(b, "•", NULL, blocks_keep(b, xstrdup(words.sharing.v)));
	for (size_t i = 0; i < r->estimator->assumptions.len; i++)
		list_item(b, "•", NULL, lines[i].v);
	if (words.unit_meaning.v)
		list_item(b, "•", NULL, blocks_keep(b, xstrdup(words.unit_meaning.v)));
	if (words.cost_formula.v)
		list_item(b, "•", NULL, blocks_keep(b, xstrdup(words.cost_formula.v)));
	blocks_close(b);
	estimate_free_words(&words);
}

/* Which patterns share which foundation, so that a reader of the paper
 * worksheet can apply the sharing rule; nothing when none are listed. */
static void foundations_table(struct doc *doc, const struct estimator *e)
{
	if (e->foundations.len == 0)
		return;
	struct blocks *b = doc->blocks;
	struct ts_spans *cells = xcalloc((e->foundations.len + 1) * 2, sizeof *cells);
	blocks_cell(&cells[0], say(doc, "estimate_foundation"), FONT_BOLD);
	blocks_cell(&cells[1], say(doc, "estimate_built_on"), FONT_BOLD);
	const struct estimator_foundation *f = e->foundations.items;
	for (size_t i = 0; i < e->foundations.len; i++) {
		blocks_cell(&cells[(i + 1) * 2], f[i].label.v, FONT_REGULAR);
		struct buf names = BUF_INIT;
		const struct pattern *const *refs = f[i].pattern_refs.items;
		for (size_t k = 0; k < f[i].pattern_refs.len; k++)
			buf_printf(&names, "%s%s", k ? ", " : "", refs[k]->label.v);
		blocks_cell(&cells[(i + 1) * 2 + 1], buf_str(&names), FONT_REGULAR);
		buf_free(&names);
	}
	blocks_table(b, cells, e->foundations.len + 1, 2);
	free(cells);
}

/* A bold line of the worksheet to fill in by hand. */
static void fill_in_line(struct doc *doc, const char *key, const struct phrase_arg *args, size_t nargs)
{
	struct blocks *b = doc->blocks;
	struct buf line = BUF_INIT;
	model_phrase(&line, doc->site, key, args, nargs);
	blocks_text(b, blocks_keep(b, buf_detach(&line)), FONT_BOLD, BLOCKS_BODY_SIZE, BLOCKS_BODY_LEADING * 1.6, TS_TEXT,
	            BLOCKS_MARGIN_X, blocks_text_width(b), false);
}

/* The cost formula as lines to fill in, the lower and the upper end of
 * the range: the web estimator computes it from a day rate and a team
 * size, which a reader of the paper enters with a pen. */
static void worksheet_cost(struct doc *doc, const struct resource *r)
{
	const struct estimator_cost *cost = r->estimator->cost;
	if (cost == NULL)
		return;
	struct buf days = BUF_INIT;
	model_number(&days, doc->site, cost->days_per_unit);
	const struct phrase_arg args[] = {{"unit", r->vocabulary->effort_unit.v}, {"days", buf_str(&days)}};
	fill_in_line(doc, "playbook_cost_low", args, 2);
	fill_in_line(doc, "playbook_cost_high", args, 2);
	buf_free(&days);
}

static void chapter_worksheet(struct doc *doc, const struct resource *r)
{
	struct blocks *b = doc->blocks;
	const struct estimator *e = r->estimator;
	blocks_heading(b, 1, e->title.v);
	markdown(doc, &e->intro, 1);
	blocks_heading(b, 2, say(doc, "estimate_how"));
	worksheet_rules(doc, r);
	foundations_table(doc, e);
	blocks_heading(b, 2, say(doc, "playbook_worksheet"));
	worksheet_table(doc, r);
	factor_table(doc, "estimate_volume", &e->volumes);
	factor_table(doc, "estimate_experience", &e->experience);
	struct buf scale = BUF_INIT;
	model_number(&scale, doc->site, r->vocabulary->complexity_max);
	const struct phrase_arg args[] = {{"unit", r->vocabulary->effort_unit.v}, {"scale", buf_str(&scale)}};
	fill_in_line(doc, "playbook_your_estimate", args, 2);
	buf_free(&scale);
	worksheet_cost(doc, r);
}

static void chapter_faq(struct doc *doc, const struct resource *r)
{
	struct blocks *b = doc->blocks;
	blocks_heading(b, 1, r->faq->title.v ? r->faq->title.v : say(doc, "playbook_questions"));
	const struct list *faqs = &r->faq->items;
	for (size_t i = 0; i < faqs->len; i++) {
		const struct faq *q = schema_list_at(&model_faq_schema, faqs, i);
		blocks_space(b, 8);
		blocks_open(b, TAG_H2);     /* a question heads its answer */
		blocks_text(b, q->question.v, FONT_BOLD, 10.5, 14, TS_TEXT, BLOCKS_MARGIN_X, blocks_text_width(b), false);
		blocks_close(b);
		blocks_keep_together(b);
		blocks_space(b, 2);
		markdown(doc, &q->answer, 2);
		end_notes(doc);     /* before the next question: each answer numbers its own */
	}
}

/* Whether url leads to this resource's own playbook section (a "#playbook"
 * action, made absolute by the loader): the book the reader already
 * holds, so the book does not offer it. */
static bool leads_to_this_book(const struct resource *r, const char *url)
{
	size_t len = strlen(r->url.v);
	return strncmp(url, r->url.v, len) == 0 && url[len] == '#' &&
	       strcmp(url + len + 1, model_sections[SECTION_PLAYBOOK].id) == 0;
}

static void chapter_help(struct doc *doc, const struct site *site, const struct resource *r)
{
	struct blocks *b = doc->blocks;
	blocks_heading(b, 1, r->help->title.v);
	markdown(doc, &r->help->intro, 1);
	bullets_of_titled(b, &r->help->services);
	const struct call_to_action *actions = r->actions.items;
	for (size_t i = 0; i < r->actions.len; i++) {
		const struct call_to_action *action = &actions[i];
		if (leads_to_this_book(r, action->url.v))
			continue;
		const char *url = action->url.v;
		char *absolute = url[0] == '/' ? xasprintf("%s%s", site->base_url.v, url + 1) : xstrdup(url);
		struct ts_spans s = {.v = NULL};
		ts_spans_add(&s, action->label.v, FONT_BOLD, BLOCKS_BODY_SIZE, TS_TEXT, NULL);
		ts_spans_add(&s, ": ", FONT_BOLD, BLOCKS_BODY_SIZE, TS_TEXT, NULL);
		if (action->text.v) {
			ts_spans_add(&s, action->text.v, FONT_REGULAR, BLOCKS_BODY_SIZE, TS_TEXT, NULL);
			ts_spans_add(&s, " ", FONT_REGULAR, BLOCKS_BODY_SIZE, TS_TEXT, NULL);
		}
		ts_spans_add(&s, absolute, FONT_REGULAR, BLOCKS_BODY_SIZE, TS_LINK, absolute);
		blocks_paragraph(b, &s, BLOCKS_MARGIN_X, blocks_text_width(b), BLOCKS_BODY_SIZE, BLOCKS_BODY_LEADING, false);
		ts_spans_free(&s);
		free(absolute);
		blocks_space(b, 6);
	}
}

static bool stopped(const atomic_bool *cancel)
{
	return cancel && atomic_load_explicit(cancel, memory_order_relaxed);
}

/* The architecture overview: every pattern's systems around the hub
 * across the column (the one place the book draws it: the cover leaves
 * it out), then the resource's words on it.  The patterns' chapters give
 * the detail. */
static void chapter_overview(struct doc *doc, const struct resource *r)
{
	struct blocks *b = doc->blocks;
	blocks_heading(b, 1, r->overview->title.v);
	char *alt = diagram_overview_desc(doc->site, r);
	blocks_diagram(b, diagram_overview(r, blocks_fonts(b)), alt);
	free(alt);
	blocks_space(b, 6);
	markdown(doc, &r->overview->text, 1);
}

/* A custom section: its title and its Markdown. */
static void chapter_custom(struct doc *doc, const struct custom_section *c)
{
	blocks_heading(doc->blocks, 1, c->title.v);
	markdown(doc, &c->body, 0);
}

/* The chapter (or chapters) a section of the page makes, if any: the
 * introduction's sections are in it, and the playbook itself, the trust
 * points and the related links are the page's. */
static void chapter_of(struct doc *doc, const struct resource *r, const struct page_section *s,
                       const atomic_bool *cancel)
{
	switch (s->kind) {
	case SECTION_PATTERNS:
		for (size_t i = 0; i < r->patterns->items.len && !stopped(cancel); i++) {
			chapter_pattern(doc, r->vocabulary, schema_list_at(&model_pattern_schema, &r->patterns->items, i));
			end_notes(doc);
			end_sources(doc);
		}
		break;
	case SECTION_MATRIX:
		chapter_matrix(doc, r);
		break;
	case SECTION_OVERVIEW:  /* after the introduction (chapters_add) */
		break;
	case SECTION_SUPPORT:
		chapter_support(doc, r->support);
		break;
	case SECTION_ESTIMATOR:
		chapter_worksheet(doc, r);
		break;
	case SECTION_ANSWERS:
		/* Every question is in one chapter: where the other questions
		 * are, or, when all are quick answers, here. */
		if (r->faq->more.len == 0)
			chapter_faq(doc, r);
		break;
	case SECTION_FAQ:
		chapter_faq(doc, r);
		break;
	case SECTION_CUSTOM:
		chapter_custom(doc, s->refs[SECTION_CUSTOM]);
		break;
	default:
		break;
	}
	end_notes(doc);
	end_sources(doc);
}

bool chapters_has_overview(const struct resource *r)
{
	const struct page_section *sections = r->contents.items;
	for (size_t i = 0; i < r->contents.len; i++)
		if (sections[i].kind == SECTION_OVERVIEW)
			return true;
	return false;
}

bool chapters_add(struct blocks *b, const struct site *site, const struct resource *r, const atomic_bool *cancel,
                  struct diag *d)
{
	struct doc doc = {.blocks = b, .site = site, .d = d, .failed = false};
	blocks_set_diag(b, d);          /* the images' warnings */
	chapter_introduction(&doc, r);
	end_notes(&doc);
	end_sources(&doc);
	/* The overview maps the whole book: a reader meets it before the
	 * first pattern, though the page may show it later. */
	if (chapters_has_overview(r)) {
		chapter_overview(&doc, r);
		end_notes(&doc);
		end_sources(&doc);
	}
	const struct page_section *sections = r->contents.items;
	for (size_t i = 0; i < r->contents.len && !stopped(cancel); i++)
		chapter_of(&doc, r, &sections[i], cancel);
	end_notes(&doc);
	if (stopped(cancel))
		return !doc.failed;
	/* How the publisher helps ends the playbook: its calls to action are
	 * the reader's next step. */
	if (r->help)
		chapter_help(&doc, site, r);
	end_notes(&doc);
	end_sources(&doc);
	return !doc.failed;
}
