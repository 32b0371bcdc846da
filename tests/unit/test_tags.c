/*
 * The structure tree of a tagged PDF (pdf/tags.h): reading order of kids,
 * links found while drawing, headings that never skip a level, figure
 * boxes.
 */
#include "harness.h"

#include <string.h>

#include "pdf/tags.h"

/* The kinds of kids of element id, as a string: E for an element, C for
 * content, A for an annotation ("CEC"). */
static const char *kid_kinds(const struct tags *t, size_t id)
{
	static char kinds[64];
	const struct tag_element *e = tags_at(t, id);
	size_t n = 0;
	for (size_t i = 0; i < e->nkids && n + 1 < sizeof kinds; i++)
		kinds[n++] = e->kids[i].kind == TAG_KID_ELEMENT ? 'E' : e->kids[i].kind == TAG_KID_CONTENT ? 'C' : 'A';
	kinds[n] = '\0';
	return kinds;
}

/* Elements join their parent in the order they are added. */
static void test_added_in_order(void)
{
	struct tags *t = tags_new();
	size_t sect = tags_add(t, 0, TAG_SECT);
	size_t p1 = tags_add(t, sect, TAG_P);
	size_t list = tags_add(t, sect, TAG_L);
	CHECK_INT(tags_count(t), 4);
	CHECK_STR(kid_kinds(t, 0), "E");
	CHECK_INT(tags_at(t, sect)->kids[0].id, p1);
	CHECK_INT(tags_at(t, sect)->kids[1].id, list);
	CHECK_INT(tags_at(t, list)->parent, sect);
	CHECK_STR(tags_role_name(tags_role(t, list)), "L");
	CHECK_STR(tags_role_name(TAG_BLOCKQUOTE), "BlockQuote");
	tags_free(t);
}

/* A link found in a sentence sits between the words before and after it:
 * it joins the paragraph when its words are marked, not when it is made. */
static void test_link_joins_when_marked(void)
{
	struct tags *t = tags_new();
	size_t p = tags_add(t, 0, TAG_P);
	size_t link = tags_link(t, p, "https://example.com/", false);
	tags_mark(t, p, 0, 0);          /* "Read " */
	tags_mark(t, link, 0, 1);       /* "the guide" */
	tags_annot(t, link, 0, 0);
	tags_mark(t, p, 0, 2);          /* " first." */
	CHECK_STR(kid_kinds(t, p), "CEC");
	CHECK_INT(tags_at(t, p)->kids[1].id, link);
	CHECK_STR(kid_kinds(t, link), "CA");
	CHECK_INT(tags_at(t, link)->kids[0].mcid, 1);
	tags_free(t);
}

/* A link that goes on at the start of the next line is the same link;
 * one after other words, or to another address, is a new one. */
static void test_link_goes_on(void)
{
	struct tags *t = tags_new();
	size_t p = tags_add(t, 0, TAG_P);
	size_t first = tags_link(t, p, "https://example.com/", false);
	tags_mark(t, first, 0, 0);
	CHECK_INT(tags_link(t, p, "https://example.com/", true), first);
	CHECK(tags_link(t, p, "https://example.org/", true) != first);
	CHECK(tags_link(t, p, "https://example.com/", false) != first);
	tags_mark(t, p, 0, 1);
	CHECK(tags_link(t, p, "https://example.com/", true) != first);
	tags_free(t);
}

/* A heading is never more than one level below the last one. */
static void test_headings_never_skip(void)
{
	struct tags *t = tags_new();
	CHECK_INT(tags_role(t, tags_heading(t, 0, 2)), TAG_H1);
	CHECK_INT(tags_role(t, tags_heading(t, 0, 3)), TAG_H2);
	CHECK_INT(tags_role(t, tags_heading(t, 0, 3)), TAG_H3);
	CHECK_INT(tags_role(t, tags_heading(t, 0, 1)), TAG_H1);
	CHECK_INT(tags_role(t, tags_heading(t, 0, 3)), TAG_H2);
	tags_free(t);
}

/* A figure's box holds all that is drawn for it on its first page. */
static void test_figure_box(void)
{
	struct tags *t = tags_new();
	size_t fig = tags_add(t, 0, TAG_FIGURE);
	tags_grow_box(t, fig, 2, 10, 20, 30, 40);
	tags_grow_box(t, fig, 2, 5, 25, 35, 30);
	tags_grow_box(t, fig, 3, 0, 0, 100, 100);       /* another page: not this box */
	const struct tag_element *e = tags_at(t, fig);
	CHECK(e->has_box);
	CHECK_INT(e->box_page, 2);
	CHECK(e->box[0] == 5 && e->box[1] == 20 && e->box[2] == 35 && e->box[3] == 40);
	tags_free(t);
}

static void test_holds_content(void)
{
	CHECK(tags_role_holds_content(TAG_P));
	CHECK(tags_role_holds_content(TAG_TD));
	CHECK(tags_role_holds_content(TAG_LINK));
	CHECK(!tags_role_holds_content(TAG_L));
	CHECK(!tags_role_holds_content(TAG_TABLE));
	CHECK(!tags_role_holds_content(TAG_SECT));
}

int main(void)
{
	RUN(test_added_in_order);
	RUN(test_link_joins_when_marked);
	RUN(test_link_goes_on);
	RUN(test_headings_never_skip);
	RUN(test_figure_box);
	RUN(test_holds_content);
	return harness_done();
}
