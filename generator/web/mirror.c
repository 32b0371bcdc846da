#include "web/mirror.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/text.h"
#include "base/xalloc.h"
#include "content/body.h"
#include "content/estimate.h"
#include "content/images.h"
#include "content/markdown.h"
#include "diagram/diagram.h"

/* A site path or URL as an absolute URL. */
static void url(struct buf *out, const struct site *site, const char *link)
{
	if (link[0] == '/')
		buf_printf(out, "%s%s", site->base_url.v, link + 1);
	else
		buf_puts(out, link);
}

static void link(struct buf *out, const struct site *site, const char *text, const char *target)
{
	buf_printf(out, "[%s](", text);
	url(out, site, target);
	buf_putc(out, ')');
}

/* Appends src to out with every reference to from[i] (as a link's or an
 * image's destination, "(from" or "]: from") made to[i]. */
static void replace_urls(struct buf *out, const char *src, char *const *from, char *const *to, size_t n)
{
	for (const char *p = src; *p;) {
		const char *lead = *p == '(' ? p + 1 : text_starts_with(p, "]: ") ? p + 3 : NULL;
		size_t hit = n;
		for (size_t i = 0; lead && i < n && hit == n; i++) {
			size_t len = strlen(from[i]);
			if (strncmp(lead, from[i], len) == 0 && lead[len] && strchr(") \t\n\"", lead[len]))
				hit = i;
		}
		if (hit == n) {
			buf_putc(out, *p++);
			continue;
		}
		buf_put(out, p, (size_t)(lead - p));
		buf_puts(out, to[hit]);
		p = lead + strlen(from[hit]);
	}
}

/* m's source with the destination of each image it shows made the
 * absolute URL of the file the build published, so that the copy works on
 * its own; NULL when it shows none.  The caller frees it. */
static char *with_image_urls(const struct site *site, const struct md *m)
{
	char **from = NULL, **to = NULL;
	size_t n = 0, cap_from = 0, cap_to = 0;
	cmark_iter *it = cmark_iter_new(m->doc);
	for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
		const struct image *img = image_of(cmark_iter_get_node(it));
		if (ev != CMARK_EVENT_ENTER || img == NULL)
			continue;
		from = xgrow(from, &cap_from, n + 1, sizeof *from);
		to = xgrow(to, &cap_to, n + 1, sizeof *to);
		from[n] = xstrdup(cmark_node_get_url(cmark_iter_get_node(it)));
		struct buf abs = BUF_INIT;
		url(&abs, site, img->url);
		to[n++] = buf_detach(&abs);
	}
	cmark_iter_free(it);
	char *text = NULL;
	if (n) {
		struct buf b = BUF_INIT;
		replace_urls(&b, m->src, from, to, n);
		text = buf_detach(&b);
	}
	for (size_t i = 0; i < n; i++) {
		free(from[i]);
		free(to[i]);
	}
	free(from);
	free(to);
	return text;
}

/* The HTML of a Markdown text with headings shifted by shift, to tell
 * whether two texts say the same; caller frees. */
static char *rendered(const char *src, int shift)
{
	cmark_node *doc = md_parse(src, strlen(src), CMARK_OPT_DEFAULT);
	struct md_html_options opt = {.heading_shift = shift};
	struct buf html = BUF_INIT;
	md_render_html(&html, doc, &opt);
	cmark_node_free(doc);
	return buf_detach(&html);
}

/* ---- footnote labels ------------------------------------------------ */

/* The length of the footnote label at s ("[^label]"), or 0. */
static size_t note_label_at(const char *s)
{
	if (s[0] != '[' || s[1] != '^')
		return 0;
	size_t len = strcspn(s + 2, "] \t\n[");
	return len && s[2 + len] == ']' ? len : 0;
}

/* Whether "[^label]" (len bytes; labels match without regard to case)
 * occurs in text. */
static bool has_note_label(const char *text, const char *label, size_t len)
{
	for (const char *p = strstr(text, "[^"); p; p = strstr(p + 2, "[^"))
		if (note_label_at(p) == len && strncasecmp(p + 2, label, len) == 0)
			return true;
	return false;
}

/* A footnote label of a text and the one it gets in the copy. */
struct rename {
	const char *label;      /* in the text; len bytes */
	size_t len;
	char *fresh;            /* owned */
};

/* The label at s if renames has it, or NULL. */
static const struct rename *renamed_at(const char *s, const struct rename *renames, size_t n)
{
	size_t len = note_label_at(s);
	for (size_t i = 0; len && i < n; i++)
		if (renames[i].len == len && strncasecmp(s + 2, renames[i].label, len) == 0)
			return &renames[i];
	return NULL;
}

/* A label made from label that neither twin nor text has. */
static char *fresh_label(const char *label, size_t len, const char *twin, const char *text)
{
	struct buf fresh = BUF_INIT;
	for (int k = 2;; k++) {
		buf_reset(&fresh);
		buf_printf(&fresh, "%.*s-%d", (int)len, label, k);
		if (!has_note_label(twin, buf_str(&fresh), fresh.len) && !has_note_label(text, buf_str(&fresh), fresh.len))
			return buf_detach(&fresh);
	}
}

/* text with each footnote label of its definitions that twin already
 * uses renamed label-2, label-3...: the texts of one Markdown copy are
 * one document, in which the first definition of a label would take the
 * later texts' references.  NULL when nothing needed renaming.  Caller
 * frees. */
static char *renamed_notes(const char *text, const char *twin)
{
	struct rename *renames = NULL;
	size_t n = 0, cap = 0;
	for (const char *line = text; line && *line;) {
		const char *p = line + strspn(line, " ");
		size_t len = p - line < 4 ? note_label_at(p) : 0;
		if (len && p[len + 3] == ':' && has_note_label(twin, p + 2, len) && !renamed_at(p, renames, n)) {
			renames = xgrow(renames, &cap, n + 1, sizeof *renames);
			renames[n++] = (struct rename){p + 2, len, fresh_label(p + 2, len, twin, text)};
		}
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	if (n == 0)
		return NULL;
	struct buf out = BUF_INIT;
	for (const char *q = text; *q;) {
		const struct rename *r = renamed_at(q, renames, n);
		if (r) {
			buf_printf(&out, "[^%s]", r->fresh);
			q += r->len + 3;
		} else {
			buf_putc(&out, *q++);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(renames[i].fresh);
	free(renames);
	return buf_detach(&out);
}

/* Appends a Markdown text to the copy, followed by a blank line; its
 * footnotes renamed when an earlier text of the copy has their labels,
 * if the renamed text reads as the original (a label in a code span
 * would not: it is then kept as it is). */
static void append_text(struct buf *out, const char *text)
{
	char *renamed = out->len ? renamed_notes(text, buf_str(out)) : NULL;
	if (renamed) {
		char *want = rendered(text, 0), *got = rendered(renamed, 0);
		if (strcmp(want, got) == 0)
			text = renamed;
		free(want);
		free(got);
	}
	buf_puts(out, text);
	if (!text_ends_with(text, "\n"))
		buf_putc(out, '\n');
	buf_putc(out, '\n');
	free(renamed);
}

/* Markdown source as it was written (its images' URLs made absolute),
 * followed by a blank line. */
static void source(struct buf *out, const struct site *site, const struct md *m)
{
	if (m->src == NULL)
		return;
	char *rewritten = with_image_urls(site, m);
	append_text(out, rewritten ? rewritten : m->src);
	free(rewritten);
}

/* The byte offset of line (from 1) of src, or -1 past its end. */
static long line_offset(const char *src, int line)
{
	const char *p = src;
	for (int k = 1; k < line; k++) {
		p = strchr(p, '\n');
		if (p == NULL)
			return -1;
		p++;
	}
	return p - src;
}

/* src with every heading below level 6 one level down, edited where it is
 * written so that the rest (tables, footnotes, task lists...) stays as
 * the author wrote it; NULL for a heading it cannot edit in place (a
 * setext "---" heading of several lines).  Caller frees. */
static char *shift_in_place(const char *src, cmark_node *doc)
{
	struct buf out = BUF_INIT;
	long copied = 0;
	bool ok = true;
	cmark_iter *it = cmark_iter_new(doc);
	for (cmark_event_type ev; ok && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_HEADING ||
		    cmark_node_get_heading_level(n) >= 6)
			continue;
		int first = cmark_node_get_start_line(n), last = cmark_node_get_end_line(n);
		long at = line_offset(src, first);
		if (at < 0 || at < copied) {
			ok = false;
			break;
		}
		at += cmark_node_get_start_column(n) - 1;
		buf_put(&out, src + copied, (size_t)(at - copied));
		copied = at;
		if (src[at] == '#') {           /* ATX: one more '#' */
			buf_putc(&out, '#');
			continue;
		}
		long under = line_offset(src, last);
		if (under < 0 || last != first + 1 || cmark_node_get_heading_level(n) != 2) {
			/* Setext "===": the same text underlined "---" is level 2. */
			if (under >= 0 && cmark_node_get_heading_level(n) == 1) {
				buf_put(&out, src + copied, (size_t)(under - copied));
				copied = under;
				for (; src[copied] == '=' || src[copied] == ' ' || src[copied] == '>'; copied++)
					buf_putc(&out, src[copied] == '=' ? '-' : src[copied]);
				continue;
			}
			ok = false;
			break;
		}
		/* Setext "---" of one line: written as "### text". */
		buf_puts(&out, "### ");
		size_t len = strcspn(src + copied, "\n");
		buf_put(&out, src + copied, len);
		copied = under + (long)strcspn(src + under, "\n");
	}
	cmark_iter_free(it);
	if (!ok) {
		buf_free(&out);
		return NULL;
	}
	buf_puts(&out, src + copied);
	return buf_detach(&out);
}

/* Whether text reads as src with its headings one level down. */
static bool reads_shifted(const char *src, const char *text)
{
	char *want = rendered(src, 1), *got = rendered(text, 0);
	bool same = strcmp(want, got) == 0;
	free(want);
	free(got);
	return same;
}

/* Markdown with its headings one level down, as a section's text whose
 * "#" is the rank of the section's own title: re-parsed (the model's tree
 * is shared) and written back as CommonMark, its images' URLs made
 * absolute.  cmark's writer loses some GFM (a plain item after a task
 * item comes out nested under it): when what it wrote does not read as
 * the original, the source is edited at its headings instead, so the rest
 * stays as the author wrote it. */
static void source_shifted(struct buf *out, const struct site *site, const struct md *m)
{
	if (m->src == NULL)
		return;
	char *rewritten = with_image_urls(site, m);
	const char *src = rewritten ? rewritten : m->src;
	cmark_node *doc = md_parse(src, strlen(src), CMARK_OPT_DEFAULT);
	char *edited = shift_in_place(src, doc);
	cmark_iter *it = cmark_iter_new(doc);
	for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
		cmark_node *n = cmark_iter_get_node(it);
		int level = cmark_node_get_heading_level(n);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_HEADING && level < 6)
			cmark_node_set_heading_level(n, level + 1);
	}
	cmark_iter_free(it);
	char *text = cmark_render_commonmark(doc, CMARK_OPT_DEFAULT | CMARK_OPT_UNSAFE, 0);
	if (edited && !reads_shifted(src, text) && reads_shifted(src, edited))
		append_text(out, edited);
	else
		append_text(out, text);
	free(text);
	free(edited);
	free(rewritten);
	cmark_node_free(doc);
}

/* A table cell: pipes and line breaks would end it. */
static void cell(struct buf *out, const char *text)
{
	buf_puts(out, " ");
	for (const char *c = text ? text : ""; *c; c++) {
		if (*c == '|')
			buf_puts(out, "\\|");
		else if (*c == '\n')
			buf_putc(out, ' ');
		else
			buf_putc(out, *c);
	}
	buf_puts(out, " |");
}

/* A table's header row and the row under it that makes it one. */
static void table_head(struct buf *out, const char *const *heads, size_t n)
{
	buf_putc(out, '|');
	for (size_t i = 0; i < n; i++)
		cell(out, heads[i]);
	buf_puts(out, "\n|");
	for (size_t i = 0; i < n; i++)
		buf_puts(out, " --- |");
	buf_putc(out, '\n');
}

static void titled_list(struct buf *out, const struct list *items)
{
	const struct titled_text *t = items->items;
	for (size_t i = 0; i < items->len; i++)
		buf_printf(out, "- **%s**: %s\n", t[i].title.v, t[i].text.v);
	buf_putc(out, '\n');
}

static void lines_list(struct buf *out, const struct list *lines)
{
	const struct str *s = lines->items;
	for (size_t i = 0; i < lines->len; i++)
		buf_printf(out, "- %s\n", s[i].v);
	buf_putc(out, '\n');
}

/* The estimator as the page states it: how the estimate is worked out,
 * then which patterns share which foundation. */
static void estimator_section(struct buf *out, const struct site *site, const struct resource *r)
{
	const struct estimator *e = r->estimator;
	struct estimate words = {.min = 0};
	estimate_explain(&words, site, r);
	buf_printf(out, "## %s\n\n", e->title.v);
	source(out, site, &e->intro);
	const char *said[] = {words.unit_meaning.v, words.cost_formula.v, words.sharing.v};
	for (size_t i = 0; i < sizeof said / sizeof *said; i++)
		if (said[i])
			buf_printf(out, "- %s\n", said[i]);
	lines_list(out, &e->assumptions);
	const struct estimator_foundation *f = e->foundations.items;
	if (e->foundations.len)
		buf_printf(out, "%s:\n\n", model_string(site, "estimate_foundations"));
	for (size_t i = 0; i < e->foundations.len; i++) {
		buf_printf(out, "- %s: ", f[i].label.v);
		const struct pattern *const *refs = f[i].pattern_refs.items;
		for (size_t k = 0; k < f[i].pattern_refs.len; k++)
			buf_printf(out, "%s%s", k ? ", " : "", refs[k]->label.v);
		buf_printf(out, "\n%s", i + 1 == e->foundations.len ? "\n" : "");
	}
	estimate_free_words(&words);
}

void mirror_home(struct buf *out, const struct site *site)
{
	buf_printf(out, "# %s\n\n%s\n\n", site->title.v, site->description.v);
	for (size_t i = 0; i < site->resources.len; i++) {
		const struct resource *r = schema_list_at(&model_resource_schema, &site->resources, i);
		buf_puts(out, "- ");
		link(out, site, r->title.v, r->url.v);
		buf_printf(out, ": %s\n", r->summary.v);
	}
}

static void flows_table(struct buf *out, const struct site *site, const struct pattern *p)
{
	const char *const heads[] = {model_string(site, "flow_from"), model_string(site, "flow_to"),
	                             model_string(site, "flow_data"), model_string(site, "flow_how"),
	                             model_string(site, "flow_owner")};
	table_head(out, heads, 5);
	const struct flow *f = p->flows.items;
	for (size_t i = 0; i < p->flows.len; i++) {
		buf_putc(out, '|');
		cell(out, f[i].from_system->name.v);
		cell(out, f[i].to_system->name.v);
		cell(out, f[i].data.v);
		cell(out, f[i].how_label.v);
		cell(out, f[i].owner_system ? f[i].owner_system->name.v : "");
		buf_putc(out, '\n');
	}
	buf_putc(out, '\n');
}

static void mapping_table(struct buf *out, const struct mapping_columns *col, const struct pattern *p)
{
	const char *const heads[] = {col->source.v, col->target.v, col->direction.v, col->transform.v, col->owner.v};
	table_head(out, heads, 5);
	const struct mapping_row *m = p->mapping.items;
	for (size_t i = 0; i < p->mapping.len; i++) {
		buf_printf(out, "| %s `%s` | %s `%s` |", m[i].source_ref->name.v, m[i].source.v, m[i].target_ref->name.v,
		           m[i].target.v);
		cell(out, m[i].direction_label.v ? m[i].direction_label.v : m[i].direction.v);
		cell(out, m[i].transform.v);
		cell(out, m[i].owner_ref->name.v);
		buf_putc(out, '\n');
	}
	buf_putc(out, '\n');
}

static void pitfalls_list(struct buf *out, const struct site *site, const struct pattern *p)
{
	if (p->pitfalls.len == 0)
		return;
	buf_printf(out, "## %s\n\n", model_string(site, "pitfalls"));
	const struct pitfall *pit = p->pitfalls.items;
	const char *what_to_do = model_string(site, "what_to_do");
	for (size_t i = 0; i < p->pitfalls.len; i++)
		buf_printf(out, "- **%s**: %s %s: %s\n", pit[i].title.v, pit[i].problem.v, what_to_do, pit[i].remedy.v);
	buf_putc(out, '\n');
}

/* The body as written, but its pitfalls' sources (body.h) after the
 * pitfalls, as on the page: the text is cut where that heading's line
 * starts once it is in out (notes renamed, lines unchanged). */
static void body_and_pitfalls(struct buf *out, const struct site *site, const struct pattern *p)
{
	size_t start = out->len;
	source(out, site, &p->body);
	cmark_node *sources = body_pitfall_sources(site, p->body.doc);
	long cut = sources ? line_offset(buf_str(out) + start, cmark_node_get_start_line(sources)) : -1;
	char *after = cut >= 0 ? xstrdup(buf_str(out) + start + cut) : NULL;
	if (after)
		out->len = start + (size_t)cut;
	pitfalls_list(out, site, p);
	if (after)
		buf_puts(out, after);
	free(after);
}

void mirror_pattern(struct buf *out, const struct site *site, const struct resource *r, const struct pattern *p)
{
	buf_printf(out, "# %s\n\n%s\n\n", p->title.v, p->summary.v);
	struct buf resource = BUF_INIT;
	link(&resource, site, r->title.v, r->url.v);
	const struct phrase_arg part_of[] = {{"resource", buf_str(&resource)}};
	model_phrase(out, site, "part_of", part_of, 1);
	buf_free(&resource);
	buf_puts(out, "\n\n");
	buf_printf(out, "- %s: %s\n", model_string(site, "best_for"), p->best_for.v);
	if (p->avoid_when.v)
		buf_printf(out, "- %s: %s\n", model_string(site, "avoid_when"), p->avoid_when.v);
	const struct vocabulary *v = r->vocabulary;
	buf_printf(out, "- %s: %s\n- %s: %s\n", model_string(site, "decision_note"), p->decision.v,
	           model_string(site, "complexity"), p->complexity_text.v);
	if (p->effort)
		buf_printf(out, "- %s: %s\n", model_string(site, "typical_effort"), p->effort->text.v);
	buf_printf(out, "\n## %s\n\n", model_string(site, "systems_title"));
	const struct system *s = p->systems.items;
	for (size_t i = 0; i < p->systems.len; i++)
		buf_printf(out, "- **%s**: %s\n", s[i].name.v, s[i].role.v);
	buf_printf(out, "\n## %s\n\n", model_string(site, "data_flows"));
	flows_table(out, site, p);
	body_and_pitfalls(out, site, p);
	if (p->mapping.len) {
		buf_printf(out, "## %s\n\n", v->mapping->title.v);
		mapping_table(out, v->mapping->columns, p);
	}
	if (p->effort && p->effort->assumptions.len) {
		buf_printf(out, "## %s\n\n", model_string(site, "effort_assumptions"));
		lines_list(out, &p->effort->assumptions);
	}
}

static void matrix_section(struct buf *out, const struct site *site, const struct resource *r)
{
	const struct decision_matrix *m = r->matrix;
	buf_printf(out, "## %s\n\n", m->title.v);
	source(out, site, &m->guide);
	const struct criterion *c = m->criteria.items;
	const char **heads = xcalloc(m->criteria.len + 1, sizeof *heads);
	heads[0] = model_string(site, "pattern");
	for (size_t i = 0; i < m->criteria.len; i++)
		heads[i + 1] = c[i].name.v;
	table_head(out, heads, m->criteria.len + 1);
	free(heads);
	for (size_t i = 0; i < r->patterns->items.len; i++) {
		const struct pattern *p = schema_list_at(&model_pattern_schema, &r->patterns->items, i);
		buf_putc(out, '|');
		cell(out, p->label.v);
		const struct rating *rt = p->ratings.items;
		for (size_t k = 0; k < p->ratings.len; k++)
			cell(out, rt[k].value.v);
		buf_putc(out, '\n');
	}
	buf_putc(out, '\n');
}

static void support_section(struct buf *out, const struct site *site, const struct support *s)
{
	buf_printf(out, "## %s\n\n", s->title.v);
	source(out, site, &s->intro);
	const struct product *pr = s->products.items;
	const char **heads = xcalloc(s->products.len + 1, sizeof *heads);
	heads[0] = s->area_label.v;
	for (size_t i = 0; i < s->products.len; i++)
		heads[i + 1] = pr[i].name.v;
	table_head(out, heads, s->products.len + 1);
	free(heads);
	const struct support_row *rows = s->rows.items;
	for (size_t i = 0; i < s->rows.len; i++) {
		buf_putc(out, '|');
		cell(out, rows[i].area->name.v);
		const struct support_cell *const *cells = rows[i].cells.items;
		for (size_t k = 0; k < rows[i].cells.len; k++) {
			buf_printf(out, " **%s**: ", cells[k]->level_label.v);
			struct buf note = BUF_INIT;
			buf_puts(&note, cells[k]->note.v);
			const struct str *src = cells[k]->sources.items;
			for (size_t n = 0; n < cells[k]->sources.len; n++) {
				struct buf number = BUF_INIT;
				model_number(&number, site, (long)n + 1);
				const struct phrase_arg args[] = {{"number", buf_str(&number)}};
				buf_puts(&note, " [");
				model_phrase(&note, site, "source_link", args, 1);
				buf_free(&number);
				buf_puts(&note, "](");
				url(&note, site, src[n].v);
				buf_putc(&note, ')');
			}
			for (const char *ch = note.data; ch && *ch; ch++)
				if (*ch == '|')
					buf_puts(out, "\\|");
				else
					buf_putc(out, *ch);
			buf_puts(out, " |");
			buf_free(&note);
		}
		buf_putc(out, '\n');
	}
	buf_printf(out, "\n%s\n\n", s->note.v);
}

/* A heading and its questions, each answer as written. */
static void questions(struct buf *out, const struct site *site, const char *title, const struct list *faqs)
{
	buf_printf(out, "## %s\n\n", title);
	const struct faq *const *q = faqs->items;
	for (size_t i = 0; i < faqs->len; i++) {
		buf_printf(out, "### %s\n\n", q[i]->question.v);
		source(out, site, &q[i]->answer);
	}
}

/* The steps after the download that the page shows (see struct
 * next_step), as a numbered list; a step's text continues its item. */
static void next_steps(struct buf *out, const struct next_section *next)
{
	buf_printf(out, "### %s\n\n", next->title.v);
	const struct next_step *steps = next->steps.items;
	size_t n = 0;
	for (size_t i = 0; i < next->steps.len; i++) {
		if (!steps[i].shown || steps[i].text.src == NULL)
			continue;
		buf_printf(out, "%zu. **%s**: ", ++n, steps[i].title.v);
		const char *src = steps[i].text.src;
		size_t len = strlen(src);
		while (len && strchr(" \t\n", src[len - 1]))
			len--;
		for (size_t k = 0; k < len; k++) {
			buf_putc(out, src[k]);
			if (src[k] == '\n')
				buf_puts(out, "   ");     /* still inside the item */
		}
		buf_putc(out, '\n');
	}
	buf_putc(out, '\n');
}

/* What the overview's diagram shows, as its caption says it. */
static void overview_desc(struct buf *out, const struct site *site, const struct resource *r)
{
	if (r->patterns->items.len == 0)
		return;         /* no diagram (render.c) */
	char *desc = diagram_overview_desc(site, r);
	if (!text_ends_with(buf_str(out), "\n\n"))
		buf_putc(out, '\n');
	buf_printf(out, "%s\n\n", desc);
	free(desc);
}

static void playbook_section(struct buf *out, const struct site *site, const struct resource *r)
{
	buf_printf(out, "## %s\n\n%s\n\n", r->playbook->title.v, r->playbook->summary.v);
	if (r->playbook->includes.len)
		lines_list(out, &r->playbook->includes);
	link(out, site, model_string(site, "download_pdf"), r->playbook->url.v);
	buf_puts(out, ".\n\n");
	if (r->next)
		next_steps(out, r->next);
}

/* One section of the resource page, as the page shows it; the overview
 * is its text and the diagram's description, and the trust points and
 * related links are left out. */
static void section(struct buf *out, const struct site *site, const struct resource *r, const struct page_section *s)
{
	switch (s->kind) {
	case SECTION_ANSWERS:
		questions(out, site, r->faq->quick_title.v ? r->faq->quick_title.v : model_string(site, "quick_answers"), &r->faq->quick);
		break;
	case SECTION_WHY:
		buf_printf(out, "## %s\n\n", r->why->title.v);
		source(out, site, &r->why->intro);
		titled_list(out, &r->why->risks);
		break;
	case SECTION_HELPS:
		buf_printf(out, "## %s\n\n", r->cards->title.v);
		titled_list(out, &r->cards->items);
		break;
	case SECTION_STEPS: {
		buf_printf(out, "## %s\n\n", r->steps->title.v);
		const struct titled_text *t = r->steps->items.items;
		for (size_t i = 0; i < r->steps->items.len; i++)
			buf_printf(out, "%zu. **%s**: %s\n", i + 1, t[i].title.v, t[i].text.v);
		buf_putc(out, '\n');
		break;
	}
	case SECTION_PATTERNS:
		buf_printf(out, "## %s\n\n", r->patterns->title.v);
		for (size_t i = 0; i < r->patterns->items.len; i++) {
			const struct pattern *p = schema_list_at(&model_pattern_schema, &r->patterns->items, i);
			buf_puts(out, "- ");
			link(out, site, p->title.v, p->url.v);
			buf_printf(out, ": %s\n", p->summary.v);
		}
		buf_putc(out, '\n');
		break;
	case SECTION_OVERVIEW:
		buf_printf(out, "## %s\n\n", r->overview->title.v);
		source(out, site, &r->overview->text);
		overview_desc(out, site, r);
		break;
	case SECTION_MATRIX:
		matrix_section(out, site, r);
		break;
	case SECTION_SUPPORT:
		support_section(out, site, r->support);
		break;
	case SECTION_ESTIMATOR:
		estimator_section(out, site, r);
		break;
	case SECTION_HELP:
		buf_printf(out, "## %s\n\n", r->help->title.v);
		source(out, site, &r->help->intro);
		titled_list(out, &r->help->services);
		break;
	case SECTION_PLAYBOOK:
		playbook_section(out, site, r);
		break;
	case SECTION_FAQ:
		questions(out, site, r->faq->title.v ? r->faq->title.v : model_string(site, "questions"), &r->faq->more);
		break;
	case SECTION_CUSTOM: {
		const struct custom_section *c = s->refs[SECTION_CUSTOM];
		buf_printf(out, "## %s\n\n", c->title.v);
		source_shifted(out, site, &c->body);
		break;
	}
	default:
		break;
	}
}

void mirror_resource(struct buf *out, const struct site *site, const struct resource *r)
{
	buf_printf(out, "# %s\n\n%s\n\n", r->title.v, r->summary.v);
	if (r->audiences.len) {
		buf_printf(out, "## %s\n\n", model_string(site, "who_it_is_for"));
		const struct audience *a = r->audiences.items;
		for (size_t i = 0; i < r->audiences.len; i++)
			buf_printf(out, "- **%s**: %s\n", a[i].name.v, a[i].use.v);
		buf_putc(out, '\n');
	}
	const struct page_section *sections = r->contents.items;
	for (size_t i = 0; i < r->contents.len; i++)
		section(out, site, r, &sections[i]);
}

void mirror_plain_page(struct buf *out, const struct site *site, const struct plain_page *p)
{
	buf_printf(out, "# %s\n\n", p->title.v);
	source(out, site, &p->body);
}
