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

/* How far a raised word (a footnote reference) sits above the baseline. */
static double rise_of(const struct ts_word *w)
{
	return w->super ? w->size * 0.55 : 0;
}

/* Draws a line in as few pieces as its look allows: neighbouring words of
 * one style that sit one natural space apart (every ragged line, and the
 * last line of a paragraph) are one piece, spaces included. */
static void draw_text(struct pdf *pdf, const struct fontset *fs, size_t page, const struct ts_line *line, double x,
                      double baseline)
{
	struct pdf_run *runs = xcalloc(line->n ? line->n : 1, sizeof *runs);
	char **texts = xcalloc(line->n ? line->n : 1, sizeof *texts);
	size_t n = 0;
	for (size_t i = 0; i < line->n;) {
		const struct ts_word *w = &line->words[i];
		if (w->super) {         /* off the baseline: a text object of its own */
			pdf_text(pdf, page, x + w->x, baseline - rise_of(w), w->face, w->size, color_of(pdf, w->color), w->text);
			i++;
			continue;
		}
		struct buf text = BUF_INIT;
		buf_puts(&text, w->text);
		double end = w->x + w->width;
		size_t j = i + 1;
		for (; j < line->n && same_style(w, &line->words[j]); j++) {
			const struct ts_word *next = &line->words[j];
			double gap = next->x - end;
			double blank = font_width(fs, w->face, " ", w->size);
			if (gap < blank - 0.01 || gap > blank + 0.01)
				break;
			buf_putc(&text, ' ');
			buf_puts(&text, next->text);
			end = next->x + next->width;
		}
		texts[n] = buf_detach(&text);
		runs[n] = (struct pdf_run){x + w->x, w->face, w->size, color_of(pdf, w->color), texts[n], 0};
		n++;
		i = j;
	}
	pdf_text_runs(pdf, page, baseline, runs, n);
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

/* The link area over words [i, j) of a line: to a URL, or to an anchor. */
static void draw_link(struct pdf *pdf, size_t page, const struct ts_line *line, size_t i, size_t j, double x,
                      double baseline, const struct draw_anchors *anchors)
{
	const struct ts_word *w = &line->words[i], *end = &line->words[j - 1];
	double top = baseline - rise_of(w) - w->size * 0.85, width = end->x + end->width - w->x;
	if (w->link) {
		pdf_link_uri(pdf, page, x + w->x, top, width, w->size * 1.1, w->link, NULL);
		return;
	}
	if (anchors == NULL || w->target < 1 || (size_t)w->target > anchors->n || !anchors->v[w->target - 1].set)
		return;
	const struct draw_anchor *to = &anchors->v[w->target - 1];
	/* a raised number is small: its area is widened to a finger's reach */
	double pad = w->super ? 1.5 : 0;
	pdf_link_page(pdf, page, x + w->x - pad, top - pad, width + 2 * pad, w->size * 1.1 + 2 * pad, to->page, to->y, NULL);
}

/* Whether words a and b are one link (the same URL, or the same anchor). */
static bool same_link(const struct ts_word *a, const struct ts_word *b)
{
	if (a->link)
		return b->link && strcmp(a->link, b->link) == 0;
	return a->target > 0 && a->target == b->target;
}

/* Draws a line's words; each link gets one clickable area over all of its
 * words on the line, not one per word. */
static void draw_words(struct pdf *pdf, const struct fontset *fs, size_t page, const struct ts_line *line, double x,
                       double baseline, const struct draw_anchors *anchors)
{
	draw_text(pdf, fs, page, line, x, baseline);
	draw_strikes(pdf, page, line, x, baseline);
	for (size_t i = 0; i < line->n;) {
		const struct ts_word *w = &line->words[i];
		size_t j = i + 1;
		bool linked = w->link || w->target > 0;
		while (linked && j < line->n && same_link(w, &line->words[j]))
			j++;
		if (linked)
			draw_link(pdf, page, line, i, j, x, baseline, anchors);
		i = j;
	}
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
                     double h, const struct draw_anchors *anchors)
{
	const struct blocks_row *row = &it->row;
	double left = row->col_x[0], right = row->col_x[row->ncols - 1] + row->col_w[row->ncols - 1];
	if (row->header)
		pdf_rect(pdf, page, left, y, right - left, h, 0, band, NULL, 0);
	if (row->first && !row->header)
		pdf_line(pdf, page, left, y, right, y, rule_grey, 0.5, 0);
	if (row->last && row->header)
		pdf_line(pdf, page, left, y + h, right, y + h, muted, 0.75, 0);
	for (size_t c = 0; c < row->ncols; c++)
		if (row->cells[c])
			draw_words(pdf, fs, page, row->cells[c], row->col_x[c] + BLOCKS_CELL_PAD + row->cell_dx[c], y + it->ascent,
			           anchors);
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
                double h, const struct draw_anchors *anchors)
{
	switch (it->kind) {
	case BLOCKS_LINE:
		if (it->code)
			pdf_rect(pdf, page, it->band_x, y, text_right(pdf) - it->band_x, h, 0, band, NULL, 0);
		if (it->bullet)
			pdf_text(pdf, page, it->bullet_x, y + it->ascent, FONT_REGULAR, BLOCKS_BODY_SIZE, color_of(pdf, TS_ACCENT),
			         it->bullet);
		if (it->box != BLOCKS_NO_BOX)
			draw_box(pdf, page, it, y + it->ascent);
		draw_words(pdf, fs, page, it->line, it->x, y + it->ascent, anchors);
		if (it->page_no) {
			double w = font_width(fs, FONT_REGULAR, it->page_no, BLOCKS_BODY_SIZE);
			pdf_text(pdf, page, text_right(pdf) - w, y + it->ascent, FONT_REGULAR, BLOCKS_BODY_SIZE, ink,
			         it->page_no);
		}
		break;
	case BLOCKS_RULE:
		pdf_line(pdf, page, it->x, y, it->x + it->width, y, rule_grey, 0.75, 0);
		break;
	case BLOCKS_DIAGRAM:
		pdf_paint_layout(pdf, page, it->layout, it->x, y, it->scale);
		break;
	case BLOCKS_ROW:
		draw_row(pdf, fs, page, it, y, h, anchors);
		break;
	case BLOCKS_IMAGE:
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

void draw_cover(struct pdf *pdf, const struct typesetter *ts, const struct site *site, const struct resource *r,
                long long epoch)
{
	const struct fontset *fs = ts_fonts(ts);
	const struct pdf_size paper = pdf_page_size(pdf);
	const double text_w = blocks_text_width_on(paper), foot = paper.height - COVER_FOOT;
	pdf_rect(pdf, 0, 0, 0, paper.width, 14, 0, color_of(pdf, TS_ACCENT), NULL, 0);
	pdf_text(pdf, 0, BLOCKS_MARGIN_X, 120, FONT_BOLD, 12, color_of(pdf, TS_ACCENT), r->title.v);
	struct ts_spans s = {.v = NULL};
	ts_spans_add(&s, r->playbook->title.v, FONT_BOLD, 32, TS_HEADING, NULL);
	struct ts_lines lines;
	ts_break(ts, &s, text_w, false, &lines);
	double y = 170;
	for (size_t i = 0; i < lines.n; i++, y += 38)
		draw_words(pdf, fs, 0, &lines.v[i], BLOCKS_MARGIN_X, y, NULL);
	ts_lines_free(&lines);
	ts_spans_free(&s);
	ts_spans_add(&s, r->playbook->summary.v, FONT_REGULAR, 12.5, TS_MUTED, NULL);
	ts_break(ts, &s, text_w * 0.85, false, &lines);
	y += 6;
	for (size_t i = 0; i < lines.n; i++, y += 17)
		draw_words(pdf, fs, 0, &lines.v[i], BLOCKS_MARGIN_X, y, NULL);
	ts_lines_free(&lines);
	ts_spans_free(&s);

	struct layout *lay = diagram_overview(r, fs);
	double scale = text_w / lay->width;
	double room = foot - 60 - (y + 30);
	if (lay->height * scale > room)
		scale = room / lay->height;
	pdf_paint_layout(pdf, 0, lay, BLOCKS_MARGIN_X + (text_w - lay->width * scale) / 2, y + 30, scale);
	layout_free(lay);

	char *line = edition(site, r, epoch);
	pdf_line(pdf, 0, BLOCKS_MARGIN_X, foot, BLOCKS_MARGIN_X + text_w, foot, rule_grey, 0.75, 0);
	pdf_text(pdf, 0, BLOCKS_MARGIN_X, foot + 24, FONT_BOLD, 12, ink, site->publisher->name.v);
	pdf_text(pdf, 0, BLOCKS_MARGIN_X, foot + 42, FONT_REGULAR, 9.5, muted, line);
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
	pdf_text(pdf, page, text_right(pdf) - w, paper.height - 34, FONT_REGULAR, size, muted, foot);
	free(foot);
}
