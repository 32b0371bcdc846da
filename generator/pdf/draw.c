/*
 * draw: puts the playbook's blocks, cover and running matter on PDF pages
 * (draw.h).
 */
#include "pdf/draw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/xalloc.h"
#include "diagram/diagram.h"

/* The playbook's colours, RGB from 0 to 1. */
static const double ink[3] = {0.067, 0.129, 0.220};      /* navy text */
static const double muted[3] = {0.239, 0.290, 0.361};
static const double accent[3] = {0.0, 0.427, 0.467};     /* teal */
static const double link_blue[3] = {0.043, 0.345, 0.588};
static const double rule_grey[3] = {0.780, 0.812, 0.851};
static const double band[3] = {0.925, 0.945, 0.965};
static const double white[3] = {1, 1, 1};

/* The cover's foot (the publisher, the edition, the site) hangs from the
 * page's bottom edge: its rule is this far above it (at 700 pt on A4). */
#define COVER_FOOT 141.89

/* The right edge of the text area on pdf's pages. */
static double text_right(const struct pdf *pdf)
{
	return BLOCKS_MARGIN_X + blocks_text_width_on(pdf_page_size(pdf));
}

/* A span's colour: the publisher's where it stands for the brand (pdf_use_brand). */
static const double *color_of(const struct pdf *pdf, enum ts_color c)
{
	const struct pdf_brand_ink *brand = pdf_brand_ink(pdf);
	switch (c) {
	case TS_MUTED: return muted;
	case TS_ACCENT: return brand ? brand->accent : accent;
	case TS_LINK: return brand ? brand->link : link_blue;
	case TS_HEADING: return brand ? brand->heading : ink;
	case TS_WHITE: return white;
	default: return ink;
	}
}

static bool same_style(const struct ts_word *a, const struct ts_word *b)
{
	return a->face == b->face && a->size == b->size && a->color == b->color && a->super == b->super;
}

/* Whether words a and b are one link (the same URL, or the same anchor). */
static bool same_link(const struct ts_word *a, const struct ts_word *b)
{
	if (a->link)
		return b->link && strcmp(a->link, b->link) == 0;
	return a->target > 0 && a->target == b->target;
}

static bool is_link(const struct ts_word *w)
{
	return w->link || w->target > 0;
}

/* The element each word of a line is the content of, in a tagged
 * document (NULL otherwise): the line's, or for a link's words a Link
 * under it, one per link (a link that starts the line may go on from the
 * line before).  Caller frees. */
static size_t *word_tags(struct pdf *pdf, const struct ts_line *line, size_t line_tag)
{
	struct tags *tree = pdf_tags(pdf);
	if (tree == NULL)
		return NULL;
	size_t *tags = xcalloc(line->n ? line->n : 1, sizeof *tags);
	for (size_t i = 0; i < line->n;) {
		const struct ts_word *w = &line->words[i];
		size_t j = i + 1, tag = line_tag;
		if (is_link(w) && line_tag) {
			while (j < line->n && same_link(w, &line->words[j]))
				j++;
			char anchor[32];
			snprintf(anchor, sizeof anchor, "#%ld", w->target);
			tag = tags_link(tree, line_tag, w->link ? w->link : anchor, i == 0);
		}
		for (size_t k = i; k < j; k++)
			tags[k] = tag;
		i = j;
	}
	return tags;
}

/* How far a raised word (a footnote reference) sits above the baseline. */
static double rise_of(const struct ts_word *w)
{
	return w->super ? w->size * 0.55 : 0;
}

/* Draws a line in as few pieces as its look allows: neighbouring words of
 * one style that sit one natural space apart (every ragged line, and the
 * last line of a paragraph) are one piece, spaces included. */
/* How a run of words [.., j) ending at end closes, for a reader that
 * takes the text out of the page: a space when words go on after a gap
 * or the line ends (words are placed one by one, so the space is drawn
 * nowhere and moves nothing), or, when a break put a hyphen in the
 * word, a soft hyphen (U+00AD, the same glyph where the face has one),
 * which says the word goes on on the next line. */
static void end_of_run(const struct fontset *fs, const struct ts_line *line, size_t j, double end, struct buf *text)
{
	const struct ts_word *last = &line->words[j - 1];
	if (last->hyphenated && text->len && text->data[text->len - 1] == '-' && font_has(fs, last->face, 0xAD)) {
		text->len--;
		buf_puts(text, "\xC2\xAD");
		return;
	}
	if (!last->hyphenated && (j == line->n || line->words[j].x > end + 0.01))
		buf_putc(text, ' ');
}

static void draw_text(struct pdf *pdf, const struct fontset *fs, size_t page, const struct ts_line *line, double x,
                      double baseline, const size_t *tags)
{
	struct pdf_run *runs = xcalloc(line->n ? line->n : 1, sizeof *runs);
	char **texts = xcalloc(line->n ? line->n : 1, sizeof *texts);
	size_t n = 0, drawn = 0;        /* runs made, and drawn already */
	for (size_t i = 0; i < line->n;) {
		const struct ts_word *w = &line->words[i];
		size_t tag = tags ? tags[i] : 0;
		if (w->super) {         /* off the baseline: a text object of its own, after the words before it */
			struct pdf_run raised = {x + w->x, w->face, w->size, color_of(pdf, w->color), w->text, tag};
			pdf_text_runs(pdf, page, baseline, runs + drawn, n - drawn);
			pdf_text_runs(pdf, page, baseline - rise_of(w), &raised, 1);
			drawn = n;
			i++;
			continue;
		}
		struct buf text = BUF_INIT;
		buf_puts(&text, w->text);
		double end = w->x + w->width;
		size_t j = i + 1;
		for (; j < line->n && same_style(w, &line->words[j]) && (tags ? tags[j] : 0) == tag; j++) {
			const struct ts_word *next = &line->words[j];
			double gap = next->x - end;
			double blank = font_width(fs, w->face, " ", w->size);
			if (gap < blank - 0.01 || gap > blank + 0.01)
				break;
			buf_putc(&text, ' ');
			buf_puts(&text, next->text);
			end = next->x + next->width;
		}
		end_of_run(fs, line, j, end, &text);
		texts[n] = buf_detach(&text);
		runs[n] = (struct pdf_run){x + w->x, w->face, w->size, color_of(pdf, w->color), texts[n], tag};
		n++;
		i = j;
	}
	pdf_text_runs(pdf, page, baseline, runs + drawn, n - drawn);
	for (size_t i = 0; i < n; i++)
		free(texts[i]);
	free(texts);
	free(runs);
}

/* A line through each run of struck words, spaces between them included,
 * at the height of a lowercase letter's middle. */
static void draw_strikes(struct pdf *pdf, size_t page, const struct ts_line *line, double x, double baseline)
{
	for (size_t i = 0; i < line->n;) {
		const struct ts_word *w = &line->words[i];
		size_t j = i + 1;
		if (!w->strike) {
			i = j;
			continue;
		}
		while (j < line->n && line->words[j].strike && line->words[j].color == w->color)
			j++;
		const struct ts_word *end = &line->words[j - 1];
		double y = baseline - w->size * 0.3;
		pdf_line(pdf, page, x + w->x, y, x + end->x + end->width, y, color_of(pdf, w->color), w->size * 0.06, 0);
		i = j;
	}
}

/* The link area over words [i, j) of a line: to a URL, or to an anchor;
 * its words say where it goes. */
static void draw_link(struct pdf *pdf, size_t page, const struct ts_line *line, size_t i, size_t j, double x,
                      double baseline, const struct draw_anchors *anchors)
{
	const struct ts_word *w = &line->words[i], *end = &line->words[j - 1];
	double top = baseline - rise_of(w) - w->size * 0.85, width = end->x + end->width - w->x;
	struct buf text = BUF_INIT;
	for (size_t k = i; k < j; k++)
		buf_printf(&text, "%s%s", k > i ? " " : "", line->words[k].text);
	if (w->link) {
		pdf_link_uri(pdf, page, x + w->x, top, width, w->size * 1.1, w->link, buf_str(&text));
		buf_free(&text);
		return;
	}
	if (anchors == NULL || w->target < 1 || (size_t)w->target > anchors->n || !anchors->v[w->target - 1].set) {
		buf_free(&text);
		return;
	}
	const struct draw_anchor *to = &anchors->v[w->target - 1];
	/* a raised number is small: its area is widened to a finger's reach */
	double pad = w->super ? 1.5 : 0;
	pdf_link_page(pdf, page, x + w->x - pad, top - pad, width + 2 * pad, w->size * 1.1 + 2 * pad, to->page, to->y,
	              buf_str(&text));
	buf_free(&text);
}

/* What is drawn next is the content of tag, or when it is 0 an artifact
 * of kind: the page's furniture, or what a tagged document must not say
 * twice. */
static void belongs(struct pdf *pdf, size_t tag, enum pdf_artifact kind)
{
	if (tag)
		pdf_tag(pdf, tag);
	else
		pdf_artifact(pdf, kind);
}

/* Draws a line's words as the content of line_tag (0: an artifact);
 * each link gets one clickable area over all of its words on the line,
 * not one per word, and its own Link element.  An artifact's links are
 * left out: a tagged document's links are all in its tree. */
static void draw_words(struct pdf *pdf, const struct fontset *fs, size_t page, const struct ts_line *line, double x,
                       double baseline, const struct draw_anchors *anchors, size_t line_tag)
{
	size_t *tags = word_tags(pdf, line, line_tag);
	draw_text(pdf, fs, page, line, x, baseline, tags);
	draw_strikes(pdf, page, line, x, baseline);
	bool clickable = tags == NULL || line_tag != 0;
	for (size_t i = 0; i < line->n && clickable;) {
		const struct ts_word *w = &line->words[i];
		size_t j = i + 1;
		bool linked = is_link(w);
		while (linked && j < line->n && same_link(w, &line->words[j]))
			j++;
		if (linked && tags)
			pdf_tag(pdf, tags[i]);
		if (linked)
			draw_link(pdf, page, line, i, j, x, baseline, anchors);
		i = j;
	}
	if (tags && line_tag)
		pdf_tag(pdf, line_tag);         /* what follows on the line is the line's again */
	free(tags);
}

/* A task's box, on the first line's x-height, ticked when it is done. */
static void draw_box(struct pdf *pdf, size_t page, const struct blocks_item *it, double baseline)
{
	double side = BLOCKS_BODY_SIZE * 0.75, x = it->bullet_x, top = baseline - side;
	const double *ink_of = color_of(pdf, TS_ACCENT);
	pdf_rect(pdf, page, x, top, side, side, 1, NULL, ink_of, 0.8);
	if (it->box == BLOCKS_BOX_TICKED) {
		pdf_line(pdf, page, x + side * 0.2, top + side * 0.5, x + side * 0.42, top + side * 0.75, ink_of, 1.1, 0);
		pdf_line(pdf, page, x + side * 0.42, top + side * 0.75, x + side * 0.82, top + side * 0.22, ink_of, 1.1, 0);
	}
}

static void draw_row(struct pdf *pdf, const struct fontset *fs, size_t page, const struct blocks_item *it, double y,
                     double h, const struct draw_anchors *anchors, bool again)
{
	const struct blocks_row *row = &it->row;
	double left = row->col_x[0], right = row->col_x[row->ncols - 1] + row->col_w[row->ncols - 1];
	pdf_artifact(pdf, again ? PDF_ARTIFACT_PAGE : PDF_ARTIFACT_LAYOUT);
	if (row->header)
		pdf_rect(pdf, page, left, y, right - left, h, 0, band, NULL, 0);
	if (row->first && !row->header)
		pdf_line(pdf, page, left, y, right, y, rule_grey, 0.5, 0);
	if (row->last && row->header)
		pdf_line(pdf, page, left, y + h, right, y + h, muted, 0.75, 0);
	for (size_t c = 0; c < row->ncols; c++) {
		size_t tag = again || it->cell_tags == NULL ? 0 : it->cell_tags[c];
		belongs(pdf, tag, PDF_ARTIFACT_PAGE);
		if (row->cells[c])
			draw_words(pdf, fs, page, row->cells[c], row->col_x[c] + BLOCKS_CELL_PAD + row->cell_dx[c], y + it->ascent,
			           anchors, tag);
	}
}

/* Records where the anchors of line landed, on page at y. */
static void find_anchors(struct draw_anchors *a, const struct ts_line *line, size_t page, double y)
{
	for (size_t i = 0; line && i < line->n; i++) {
		long id = line->words[i].anchor;
		if (id > 0 && (size_t)id <= a->n && !a->v[id - 1].set)
			a->v[id - 1] = (struct draw_anchor){true, page, y};
	}
}

struct draw_anchors draw_find_anchors(const struct ts_placed *placed, size_t nplaced, size_t n, size_t first_page)
{
	struct draw_anchors a = {xcalloc(n ? n : 1, sizeof *a.v), n};
	for (size_t i = 0; i < nplaced; i++) {
		const struct blocks_item *it = placed[i].block->payload;
		size_t page = first_page + placed[i].page;
		if (it->kind == BLOCKS_LINE)
			find_anchors(&a, it->line, page, placed[i].y);
		for (size_t c = 0; it->kind == BLOCKS_ROW && c < it->row.ncols; c++)
			find_anchors(&a, it->row.cells[c], page, placed[i].y);
	}
	return a;
}

void draw_block(struct pdf *pdf, const struct fontset *fs, size_t page, const struct blocks_item *it, double y,
                double h, const struct draw_anchors *anchors, bool again)
{
	switch (it->kind) {
	case BLOCKS_LINE:
		pdf_artifact(pdf, PDF_ARTIFACT_LAYOUT);
		if (it->code)
			pdf_rect(pdf, page, it->band_x, y, text_right(pdf) - it->band_x, h, 0, band, NULL, 0);
		belongs(pdf, it->bullet_tag, PDF_ARTIFACT_LAYOUT);
		if (it->bullet)
			pdf_text(pdf, page, it->bullet_x, y + it->ascent, FONT_REGULAR, BLOCKS_BODY_SIZE, color_of(pdf, TS_ACCENT),
			         it->bullet);
		if (it->box != BLOCKS_NO_BOX)
			draw_box(pdf, page, it, y + it->ascent);
		belongs(pdf, it->tag, PDF_ARTIFACT_LAYOUT);
		draw_words(pdf, fs, page, it->line, it->x, y + it->ascent, anchors, it->tag);
		if (it->page_no) {
			double w = font_width(fs, FONT_REGULAR, it->page_no, BLOCKS_BODY_SIZE);
			pdf_text(pdf, page, text_right(pdf) - w, y + it->ascent, FONT_REGULAR, BLOCKS_BODY_SIZE, ink,
			         it->page_no);
		}
		break;
	case BLOCKS_RULE:
		pdf_artifact(pdf, PDF_ARTIFACT_LAYOUT);
		pdf_line(pdf, page, it->x, y, it->x + it->width, y, rule_grey, 0.75, 0);
		break;
	case BLOCKS_DIAGRAM:
		belongs(pdf, it->tag, PDF_ARTIFACT_LAYOUT);
		pdf_paint_layout(pdf, page, it->layout, it->x, y, it->scale);
		break;
	case BLOCKS_ROW:
		draw_row(pdf, fs, page, it, y, h, anchors, again);
		break;
	case BLOCKS_IMAGE:
		belongs(pdf, it->tag, PDF_ARTIFACT_LAYOUT);
		pdf_image(pdf, page, it->x, y, it->image->width, it->image->height, it->image->kind, it->image->data.data,
		          it->image->data.len);
		break;
	case BLOCKS_MARK:
		break;
	}
}

/* "Edition of 2 March 2026": the resource's updated date (written out by
 * the loader), or epoch's. */
static char *edition(const struct site *site, const struct resource *r, long long epoch)
{
	struct buf date = BUF_INIT, line = BUF_INIT;
	if (r->updated_text.v) {
		buf_puts(&date, r->updated_text.v);
	} else {
		char iso[16];
		time_t t = (time_t)epoch;
		struct tm tm;
		gmtime_r(&t, &tm);
		strftime(iso, sizeof iso, "%Y-%m-%d", &tm);
		model_date(&date, site, iso);
	}
	const struct phrase_arg args[] = {{"date", buf_str(&date)}};
	model_phrase(&line, site, "edition", args, 1);
	buf_free(&date);
	return buf_detach(&line);
}

/* A new element of role in sect (0 in an untagged document), what is
 * drawn next being its content. */
static size_t cover_part(struct pdf *pdf, size_t sect, enum tag_role role)
{
	struct tags *tree = pdf_tags(pdf);
	size_t id = tree ? (role == TAG_H1 ? tags_heading(tree, sect, 1) : tags_add(tree, sect, role)) : 0;
	if (id)
		pdf_tag(pdf, id);
	return id;
}

/* The overview diagram across the cover's column, from y down to no
 * lower than bottom. */
static void cover_diagram(struct pdf *pdf, const struct fontset *fs, const struct site *site, const struct resource *r,
                          size_t sect, double y, double bottom)
{
	const double text_w = blocks_text_width_on(pdf_page_size(pdf));
	size_t tag = cover_part(pdf, sect, TAG_FIGURE);
	if (tag) {
		char *alt = diagram_overview_desc(site, r);
		tags_set_alt(pdf_tags(pdf), tag, alt);
		free(alt);
	}
	struct layout *lay = diagram_overview(r, fs);
	double scale = text_w / lay->width;
	if (lay->height * scale > bottom - y)
		scale = (bottom - y) / lay->height;
	pdf_paint_layout(pdf, 0, lay, BLOCKS_MARGIN_X + (text_w - lay->width * scale) / 2, y, scale);
	layout_free(lay);
}

void draw_cover(struct pdf *pdf, const struct typesetter *ts, const struct site *site, const struct resource *r,
                long long epoch, size_t sect, bool with_diagram)
{
	const struct fontset *fs = ts_fonts(ts);
	const struct pdf_size paper = pdf_page_size(pdf);
	const double text_w = blocks_text_width_on(paper), foot = paper.height - COVER_FOOT;
	/* Without the diagram the titles stand lower, a third of the way
	 * down the room above the foot, rather than over an empty page. */
	const double top = with_diagram ? 120 : 120 + (foot - 120) / 4;
	pdf_artifact(pdf, PDF_ARTIFACT_LAYOUT);
	pdf_rect(pdf, 0, 0, 0, paper.width, 14, 0, color_of(pdf, TS_ACCENT), NULL, 0);
	if (!with_diagram)
		pdf_rect(pdf, 0, BLOCKS_MARGIN_X, top - 40, 56, 5, 0, color_of(pdf, TS_ACCENT), NULL, 0);
	cover_part(pdf, sect, TAG_P);
	pdf_text(pdf, 0, BLOCKS_MARGIN_X, top, FONT_BOLD, 12, color_of(pdf, TS_ACCENT), r->title.v);
	struct ts_spans s = {.v = NULL};
	ts_spans_add(&s, r->playbook->title.v, FONT_BOLD, 32, TS_HEADING, NULL);
	struct ts_lines lines;
	ts_break(ts, &s, text_w, false, &lines);
	double y = top + 50;
	size_t tag = cover_part(pdf, sect, TAG_H1);
	for (size_t i = 0; i < lines.n; i++, y += 38)
		draw_words(pdf, fs, 0, &lines.v[i], BLOCKS_MARGIN_X, y, NULL, tag);
	ts_lines_free(&lines);
	ts_spans_free(&s);
	ts_spans_add(&s, r->playbook->summary.v, FONT_REGULAR, 12.5, TS_MUTED, NULL);
	ts_break(ts, &s, text_w * 0.85, false, &lines);
	y += 6;
	tag = cover_part(pdf, sect, TAG_P);
	for (size_t i = 0; i < lines.n; i++, y += 17)
		draw_words(pdf, fs, 0, &lines.v[i], BLOCKS_MARGIN_X, y, NULL, tag);
	ts_lines_free(&lines);
	ts_spans_free(&s);
	if (with_diagram)
		cover_diagram(pdf, fs, site, r, sect, y + 30, foot - 60);

	char *line = edition(site, r, epoch);
	pdf_artifact(pdf, PDF_ARTIFACT_LAYOUT);
	pdf_line(pdf, 0, BLOCKS_MARGIN_X, foot, BLOCKS_MARGIN_X + text_w, foot, rule_grey, 0.75, 0);
	cover_part(pdf, sect, TAG_P);
	pdf_text(pdf, 0, BLOCKS_MARGIN_X, foot + 24, FONT_BOLD, 12, ink, site->publisher->name.v);
	cover_part(pdf, sect, TAG_P);
	pdf_text(pdf, 0, BLOCKS_MARGIN_X, foot + 42, FONT_REGULAR, 9.5, muted, line);
	size_t address = cover_part(pdf, sect, TAG_P);
	if (address)
		pdf_tag(pdf, tags_add(pdf_tags(pdf), address, TAG_LINK));
	pdf_text(pdf, 0, BLOCKS_MARGIN_X, foot + 58, FONT_REGULAR, 9.5, color_of(pdf, TS_LINK), site->base_url.v);
	pdf_link_uri(pdf, 0, BLOCKS_MARGIN_X, foot + 49, font_width(fs, FONT_REGULAR, site->base_url.v, 9.5), 12,
	             site->base_url.v, site->base_url.v);
	free(line);
}

/* The chapter's name on the left of every page (also where the contents
 * links land), the resource's on the right when both fit; the page number
 * at the foot. */
void draw_running_matter(struct pdf *pdf, const struct fontset *fs, const struct site *site, size_t page,
                         const char *resource, const char *chapter, size_t number, size_t total)
{
	const double size = 7.5;
	const struct pdf_size paper = pdf_page_size(pdf);
	double used = 0;
	pdf_artifact(pdf, PDF_ARTIFACT_HEADER);
	if (chapter) {
		pdf_text(pdf, page, BLOCKS_MARGIN_X, 44, FONT_BOLD, size, muted, chapter);
		used = font_width(fs, FONT_BOLD, chapter, size) + 24;
	}
	double w = font_width(fs, FONT_REGULAR, resource, size);
	if (used + w <= blocks_text_width_on(paper))
		pdf_text(pdf, page, text_right(pdf) - w, 44, FONT_REGULAR, size, muted, resource);
	pdf_line(pdf, page, BLOCKS_MARGIN_X, 52, text_right(pdf), 52, rule_grey, 0.5, 0);
	struct buf page_no = BUF_INIT, pages = BUF_INIT;
	model_number(&page_no, site, (long)number);
	model_number(&pages, site, (long)total);
	const struct phrase_arg args[] = {{"page", buf_str(&page_no)}, {"pages", buf_str(&pages)}};
	struct buf line = BUF_INIT;
	model_phrase(&line, site, "page_of", args, 2);
	buf_free(&page_no);
	buf_free(&pages);
	char *foot = buf_detach(&line);
	w = font_width(fs, FONT_REGULAR, foot, size);
	pdf_artifact(pdf, PDF_ARTIFACT_FOOTER);
	pdf_text(pdf, page, text_right(pdf) - w, paper.height - 34, FONT_REGULAR, size, muted, foot);
	free(foot);
}
