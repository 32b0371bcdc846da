/*
 * playbook: assembles a resource's PDF (playbook.h) from its parts: the
 * body's blocks (chapters.h) and the contents built from where its
 * chapters landed, both paginated (blocks.h), then drawn (draw.h) after
 * the cover, with the links, bookmarks and page labels that tie them.
 */
#include "pdf/playbook.h"

#include <stdlib.h>

#include "base/buf.h"
#include "base/version.h"
#include "base/xalloc.h"
#include "pdf/blocks.h"
#include "pdf/chapters.h"
#include "pdf/draw.h"
#include "pdf/pdf.h"
#include "pdf/typeset.h"

/* Where a chapter or section begins in the paginated body. */
struct mark {
	int level;
	const char *title;
	size_t page;                    /* body page */
	double y;
};

/* Blocks and the places pagination gave them. */
struct part {
	struct blocks *blocks;          /* owned */
	struct ts_placed *placed;       /* owned */
	size_t n, pages;
};

static void part_paginate(struct part *part)
{
	part->placed = blocks_paginate(part->blocks, &part->n, &part->pages);
}

static void part_free(struct part *part)
{
	free(part->placed);
	blocks_free(part->blocks);
}

/* Whether the caller no longer wants the playbook: checked between steps
 * of a few milliseconds at most, so that a dropped one stops soon. */
static bool dropped(const struct options *opt)
{
	return opt->cancel && atomic_load_explicit(opt->cancel, memory_order_relaxed);
}

static struct mark *collect_marks(const struct ts_placed *placed, size_t n, size_t *nmarks)
{
	struct mark *marks = NULL;
	size_t cap = 0;
	*nmarks = 0;
	for (size_t i = 0; i < n; i++) {
		const struct blocks_item *it = placed[i].block->payload;
		if (it->kind != BLOCKS_MARK)
			continue;
		marks = xgrow(marks, &cap, *nmarks + 1, sizeof *marks);
		marks[(*nmarks)++] = (struct mark){it->level, it->title, placed[i].page, placed[i].y};
	}
	return marks;
}

/* Where the contents' elements stand: a chapter's TOCI is open, and in
 * it the TOC of its sections. */
struct toc_open {
	bool chapter, sections;
};

/* The elements of an entry of the contents, the entry's line being a
 * Link: a chapter's TOCI in the TOC, a section's in a TOC of its own in
 * its chapter's TOCI. */
static void contents_entry(struct blocks *toc, bool chapter, struct toc_open *open)
{
	if (chapter) {
		if (open->sections)
			blocks_close(toc);
		if (open->chapter)
			blocks_close(toc);
		*open = (struct toc_open){true, false};
	} else if (!open->sections) {
		blocks_open(toc, TAG_TOC);
		open->sections = true;
	}
	blocks_open(toc, TAG_TOCI);
	blocks_open(toc, TAG_LINK);
}

/* The contents: one line per chapter and section, with its page number. */
static void build_contents(struct blocks *toc, const struct site *site, const char *title, const struct mark *marks,
                           size_t nmarks)
{
	blocks_open(toc, TAG_H1);
	blocks_text(toc, title, FONT_BOLD, 20, 25, TS_TEXT, BLOCKS_MARGIN_X, blocks_text_width(toc), false);
	blocks_close(toc);
	blocks_space(toc, 14);
	blocks_open(toc, TAG_TOC);
	struct toc_open open = {false, false};
	for (size_t i = 0; i < nmarks; i++) {
		bool chapter = marks[i].level == 1;
		contents_entry(toc, chapter, &open);
		double indent = chapter ? 0 : 14;
		double size = chapter ? 10.5 : BLOCKS_BODY_SIZE;
		struct ts_spans s = {.v = NULL};
		ts_spans_add(&s, marks[i].title, chapter ? FONT_BOLD : FONT_REGULAR, size, TS_TEXT, NULL);
		struct ts_lines *l = blocks_break(toc, &s, blocks_text_width(toc) - indent - 40, false);
		if (chapter)
			blocks_space(toc, 7);
		struct blocks_item *it =
			blocks_lines(toc, l, BLOCKS_MARGIN_X + indent, chapter ? 15 : 13, size, NULL, 0, false);
		if (it) {
			it->toc_target = (long)i;
			struct buf page_no = BUF_INIT;
			model_number(&page_no, site, (long)marks[i].page + 1);   /* as the pages' feet write it */
			it->page_no = blocks_keep(toc, buf_detach(&page_no));
		}
		ts_spans_free(&s);
		blocks_close(toc);              /* the Link */
		if (!chapter)   /* a section's TOCI; a chapter's stays open for its sections */
			blocks_close(toc);
	}
}

/* The contents' lines, each a link to its mark, on the pages after the
 * cover. */
static void draw_contents(struct pdf *pdf, const struct fontset *fs, const struct part *toc, const struct mark *marks,
                          size_t front)
{
	for (size_t i = 0; i < toc->n; i++) {
		const struct ts_placed *at = &toc->placed[i];
		const struct blocks_item *it = at->block->payload;
		size_t page = 1 + at->page;
		draw_block(pdf, fs, page, it, at->y, at->block->height, NULL, false);
		if (it->toc_target >= 0) {
			const struct mark *m = &marks[it->toc_target];
			pdf_tag(pdf, it->tag);  /* the area is the entry's Link's */
			pdf_link_page(pdf, page, BLOCKS_MARGIN_X, at->y, blocks_text_width(toc->blocks), at->block->height,
			              front + m->page, m->y, m->title);
		}
	}
}

/* Whether placement i shows a block placed before it: a table's header
 * row repeated at the top of a page the table goes on to.  A table's rows
 * are placed together, so looking back through them is enough. */
static bool placed_before(const struct ts_placed *placed, size_t i)
{
	const struct ts_block *blk = placed[i].block;
	if (!blk->header)
		return false;
	for (size_t k = i; k-- > 0 && placed[k].block->table == blk->table;)
		if (placed[k].block == blk)
			return true;
	return false;
}

/* The body's blocks, then the running matter of every body page with
 * the chapter under way at its top. */
static void draw_body(struct pdf *pdf, const struct fontset *fs, const struct site *site, const struct part *body,
                      const struct mark *marks, size_t nmarks, size_t front, const char *resource,
                      const struct options *opt)
{
	struct draw_anchors anchors =
		draw_find_anchors(body->placed, body->n, blocks_anchor_count(body->blocks), front);
	for (size_t i = 0; i < body->n && !dropped(opt); i++) {
		const struct ts_block *blk = body->placed[i].block;
		draw_block(pdf, fs, front + body->placed[i].page, blk->payload, body->placed[i].y, blk->height, &anchors,
		           placed_before(body->placed, i));
	}
	free(anchors.v);
	const char *chapter = NULL;
	size_t next_mark = 0;
	for (size_t p = 0; p < body->pages; p++) {
		while (next_mark < nmarks && marks[next_mark].page <= p) {
			if (marks[next_mark].level == 1)
				chapter = marks[next_mark].title;
			next_mark++;
		}
		draw_running_matter(pdf, fs, site, front + p, resource, chapter, p + 1, body->pages);
	}
}

/* Bookmarks: the contents (titled title), then each chapter with its
 * sections under it. */
static void outline(struct pdf *pdf, const char *title, const struct mark *marks, size_t nmarks, size_t front)
{
	size_t chapter_outline = 0;
	pdf_outline(pdf, 0, title, 1, BLOCKS_TOP);
	for (size_t i = 0; i < nmarks; i++) {
		if (marks[i].level == 1)
			chapter_outline = pdf_outline(pdf, 0, marks[i].title, front + marks[i].page, marks[i].y);
		else
			pdf_outline(pdf, chapter_outline, marks[i].title, front + marks[i].page, marks[i].y);
	}
}

/* The patterns' labels, comma-separated, for the document's keywords. */
static void keywords_of(const struct resource *r, struct buf *out)
{
	for (size_t i = 0; i < r->patterns->items.len; i++)
		buf_printf(out, "%s%s", i ? ", " : "",
		           ((const struct pattern *)schema_list_at(&model_pattern_schema, &r->patterns->items, i))->label.v);
}

/* The paper the playbook asks for (the loader checked its name). */
static enum pdf_paper paper_of(const struct playbook *pb)
{
	return model_paper_of(pb->paper.v) == MODEL_PAPER_LETTER ? PDF_PAPER_LETTER : PDF_PAPER_A4;
}

struct hash playbook_site_face(const struct site *site)
{
	/* Checked against pdf/: none of these is read there. */
	static const char *const pages_only[] = {"title", "tagline", "description", "navigation", "footer",
	                                         "resources", "pages", NULL};
	return schema_hash_but(&model_site_schema, site, pages_only);
}

bool playbook_build(const struct site *site, const struct resource *r, const struct fontset *fs,
                    const struct options *opt, struct buf *out, size_t *pages, struct diag *d)
{
	if (dropped(opt))
		return false;
	struct typesetter *ts = ts_new(fs, site->language.v);
	struct part body = {.blocks = blocks_new(ts, site->base_url.v)};
	struct part toc = {.blocks = blocks_new(ts, site->base_url.v)};
	blocks_set_paper(body.blocks, paper_of(r->playbook));
	blocks_set_paper(toc.blocks, paper_of(r->playbook));
	/* The tree in reading order: the cover and the contents come first,
	 * though they are made once the body is laid out. */
	struct tags *tags = tags_new();
	size_t cover = tags_add(tags, 0, TAG_SECT);
	blocks_use_tags(toc.blocks, tags);
	blocks_enter(toc.blocks, tags_add(tags, 0, TAG_SECT));
	blocks_use_tags(body.blocks, tags);
	bool failed = !chapters_add(body.blocks, site, r, opt->cancel, d);
	part_paginate(&body);
	size_t nmarks;
	struct mark *marks = collect_marks(body.placed, body.n, &nmarks);
	const char *contents = model_string(site, "contents");
	build_contents(toc.blocks, site, contents, marks, nmarks);
	part_paginate(&toc);
	size_t front = 1 + toc.pages;

	struct buf keywords = BUF_INIT;
	keywords_of(r, &keywords);
	struct pdf_info info = {r->playbook->title.v, site->publisher->name.v, r->summary.v,
	                        keywords.data ? keywords.data : "", "Folio " FOLIO_VERSION, opt->epoch,
	                        site->language.v, paper_of(r->playbook), tags};
	struct pdf *pdf = failed || dropped(opt) ? NULL : pdf_new(fs, &info, r->playbook->file.v, d);
	bool ok = pdf != NULL && !dropped(opt);
	if (ok) {
		if (site->brand)
			pdf_use_brand(pdf, &site->brand->rgb);
		for (size_t i = 0; i < front + body.pages; i++)
			pdf_add_page(pdf);
		draw_cover(pdf, ts, site, r, opt->epoch, cover, !chapters_has_overview(r));
		draw_contents(pdf, fs, &toc, marks, front);
		draw_body(pdf, fs, site, &body, marks, nmarks, front, r->title.v, opt);
		outline(pdf, contents, marks, nmarks, front);
		pdf_page_labels(pdf, 0, PDF_LABEL_ROMAN, 1);
		pdf_page_labels(pdf, front, PDF_LABEL_DECIMAL, 1);
		*pages = front + body.pages;
		ok = !dropped(opt) && pdf_finish_until(pdf, out, opt->cancel);
	}
	pdf_free(pdf);
	buf_free(&keywords);
	free(marks);
	part_free(&body);
	part_free(&toc);
	tags_free(tags);
	ts_free(ts);
	return ok;
}
