/*
 * resource: reads one resource: its resource.yaml, then the patterns and
 * questions of its folders.
 */
#include "content/resource.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/xalloc.h"
#include "content/body.h"
#include "content/confine.h"
#include "content/decode.h"
#include "content/frontmatter.h"
#include "content/markdown.h"
#include "content/sections.h"
#include "content/vocabulary.h"
#include "content/walk.h"
#include "content/xref.h"

/* A body left on disk (struct md) is only hashed here: it is parsed and
 * checked when it is read back for its page (body_open). */
bool resource_read_page(struct loader *ld, const char *text, const char *shown, const struct schema *s, void *obj,
                        struct md *body, bool on_disk, uint64_t hash, bool *unread)
{
	const char *yaml, *rest;
	size_t yaml_len;
	int body_line;
	struct ynode *root = NULL;
	if (frontmatter_split(text, shown, &yaml, &yaml_len, &rest, &body_line, ld->d))
		root = ytree_parse(yaml, yaml_len, shown, 2, ld->d);
	if (unread)
		*unread = root == NULL;
	if (root == NULL)
		return false;
	bool ok = decode_object(ld, s, obj, root);
	ytree_free(root);
	struct pos body_at = {shown, body_line, 1};
	if (on_disk)
		*body = (struct md){.at = body_at, .on_disk = true, .raw_html = ld->raw_html, .hash = hash};
	body_images_from(body, ld->opt);
	if (on_disk) {
		if (rest[strspn(rest, " \t\n")] == '\0') {
			body_report_empty(ld->d, body_at);
			ok = false;
		}
	} else if (!body_parse(body, rest, body_at, ld->raw_html, &ld->seen->links, ld->d)) {
		ok = false;
	} else if (cmark_node_first_child(body->doc) == NULL) {
		body_report_empty(ld->d, body_at);
		ok = false;
	}
	return ok;
}

/* Reads a front-matter document (pattern or FAQ entry) into obj; *unread
 * (when not NULL) tells whether it could not be parsed. */
static bool read_page_file(struct loader *ld, const char *rel, const struct schema *s, void *obj,
                           struct md *body, bool on_disk, bool *unread)
{
	const char *shown;
	uint64_t hash = 0;
	char *text = confine_read_text(ld, rel, &shown, &hash);
	struct pos file_at = {shown, 1, 1};
	memcpy((char *)obj + s->pos_offset, &file_at, sizeof file_at);
	if (unread)
		*unread = true;     /* until it is parsed: a file that cannot be read is reported */
	bool ok = text != NULL && resource_read_page(ld, text, shown, s, obj, body, on_disk, hash, unread);
	free(text);
	return ok;
}

static bool read_pattern(struct loader *ld, struct resource *r, const char *rel, const char *slug, void *obj)
{
	struct pattern *p = obj;
	/* With the fonts at hand, every check of a body can wait for its
	 * page: the body is left on disk.  Not with the site's own fonts: the
	 * check notes the characters the fonts are cut to before any page is
	 * made, so it must see every body now. */
	bool later = ld->fonts != NULL && ld->site->own_fonts == NULL;
	char *url = xasprintf("%spatterns/%s/", r->url.v, slug);
	/* Its relative links lead from its page (body.h). */
	ld->seen->links.base = url;
	bool ok = read_page_file(ld, rel, &model_pattern_schema, p, &p->body, later, &p->unread);
	ld->seen->links.base = r->url.v;
	loader_set_derived(&p->slug, xstrdup(slug), p->at);
	loader_set_derived(&p->url, url, p->at);
	loader_check_description(ld, &p->summary, "summary");
	return xref_pattern(ld, r->vocabulary, p) && ok;
}

static bool read_faq(struct loader *ld, struct resource *r, const char *rel, const char *slug, void *obj)
{
	(void)r;
	struct faq *q = obj;
	bool ok = read_page_file(ld, rel, &model_faq_schema, q, &q->answer, false, NULL);
	loader_set_derived(&q->slug, xstrdup(slug), q->at);
	loader_set_derived(&q->anchor, xasprintf("faq-%s", slug), q->at);
	return ok;
}

/* Sorts the questions into the quick answers and the rest (both borrow from
 * items, in its order); a quick answer must stand alone at a quotable length. */
static bool split_quick_answers(struct loader *ld, struct faq_section *faq)
{
	size_t n = faq->items.len;
	faq->quick.items = xcalloc(n ? n : 1, sizeof(void *));
	faq->more.items = xcalloc(n ? n : 1, sizeof(void *));
	bool ok = true;
	for (size_t i = 0; i < n; i++) {
		struct faq *q = schema_list_at(&model_faq_schema, &faq->items, i);
		struct list *into = q->quick ? &faq->quick : &faq->more;
		((const void **)into->items)[into->len++] = q;
		if (!q->quick)
			continue;
		char *plain = md_plain_text(q->answer.doc);
		size_t words = text_word_count(plain);
		free(plain);
		if (words < FAQ_QUICK_MIN_WORDS || words > FAQ_QUICK_MAX_WORDS) {
			diag_error(ld->d, q->answer.at,
			           "a quick answer has %d to %d words, this one %zu; %s it or drop 'quick: true'",
			           FAQ_QUICK_MIN_WORDS, FAQ_QUICK_MAX_WORDS, words,
			           words < FAQ_QUICK_MIN_WORDS ? "complete" : "shorten");
			ok = false;
		}
	}
	return ok;
}

static bool check_playbook_file(struct loader *ld, const struct playbook *pb)
{
	const char *f = pb->file.v;
	if (f == NULL)
		return true;
	size_t n = strlen(f);
	char *stem = n > 4 ? xstrndup(f, n - 4) : xstrdup("");
	bool ok = text_ends_with(f, ".pdf") && text_is_slug(stem);
	free(stem);
	if (!ok)
		diag_error(ld->d, pb->file.at, "playbook file '%s' is not a plain file name; write one like my-playbook.pdf (a-z, 0-9, '-', ending in .pdf)", f);
	return ok;
}

/* The next steps are shown beside the download, in the playbook section,
 * so they need one.  A step the lead form performs is shown as written only
 * when the site has the form; without it, the step says its without_form
 * text instead (another way to the same thing), or is left out. */
static bool resolve_next_steps(struct loader *ld, struct resource *r)
{
	struct next_section *next = r->next;
	if (next == NULL)
		return true;
	bool has_form = ld->site != NULL && ld->site->lead_form != NULL;
	struct next_step *steps = next->steps.items;
	for (size_t i = 0; i < next->steps.len; i++) {
		struct next_step *step = &steps[i];
		if (step->form && !has_form && step->without_form.src != NULL) {
			struct md with_form = step->text;
			step->text = step->without_form;
			step->without_form = with_form;
		}
		step->shown = !step->form || has_form || step->without_form.src != NULL;
	}
	if (r->playbook != NULL)
		return true;
	diag_error(ld->d, next->at, "'next' is shown beside the playbook's download, and this resource has no playbook; "
	           "add 'playbook' to resource.yaml or remove 'next'");
	return false;
}

bool resource_read_text(struct loader *ld, const char *text, const char *shown, struct resource *r)
{
	bool ok = false;
	/* resource.yaml's texts and the FAQ's answers are shown on its page. */
	const char *base_before = ld->seen->links.base;
	ld->seen->links.base = r->url.v;
	struct ynode *root = text ? ytree_parse(text, strlen(text), shown, 1, ld->d) : NULL;
	r->unread = root == NULL;
	if (root != NULL) {
		ok = decode_object(ld, &model_resource_schema, r, root);
		loader_check_description(ld, &r->description, "description");
		if (r->playbook) {
			ok &= check_playbook_file(ld, r->playbook);
			if (r->playbook->file.v)
				loader_set_derived(&r->playbook->url, xasprintf("%s%s", r->url.v, r->playbook->file.v),
				                   r->playbook->at);
		}
		ok &= resolve_next_steps(ld, r);
		/* Before the patterns, which use its words. */
		ok &= vocabulary_complete(ld, r);
		if (r->updated.v) {
			struct buf date = BUF_INIT;
			model_date(&date, ld->site, r->updated.v);
			loader_set_derived(&r->updated_text, buf_detach(&date), r->updated.at);
		}
	}
	if (r->patterns == NULL)
		r->patterns = xcalloc(1, sizeof *r->patterns);
	if (r->faq == NULL)
		r->faq = xcalloc(1, sizeof *r->faq);
	ok &= walk_read_entries(ld, r, "patterns", &model_pattern_schema, read_pattern, &r->patterns->items);
	ok &= walk_read_entries(ld, r, "faq", &model_faq_schema, read_faq, &r->faq->items);
	walk_order_entries(ld, &r->patterns->items, &model_pattern_schema, offsetof(struct pattern, weight),
	                   offsetof(struct pattern, draft), offsetof(struct pattern, slug));
	walk_order_entries(ld, &r->faq->items, &model_faq_schema, offsetof(struct faq, weight),
	                   offsetof(struct faq, draft), offsetof(struct faq, slug));
	ok &= split_quick_answers(ld, r->faq);
	ok &= xref_resource(ld, r);
	/* Without its resource.yaml, what it lacks would be reported again. */
	if (root != NULL) {
		ok &= sections_order(ld, r);
		ok &= xref_actions(ld, r);
	}
	ytree_free(root);
	ld->seen->links.base = base_before;
	return ok;
}

void resource_start(struct resource *r, const char *slug, const char *shown)
{
	struct pos at = {shown, 1, 1};
	r->at = at;
	loader_set_derived(&r->slug, xstrdup(slug), at);
	loader_set_derived(&r->url, xasprintf("/resources/%s/", slug), at);
}

bool resource_read(struct loader *ld, const char *slug, struct resource *r)
{
	char *rel = xasprintf("content/resources/%s/resource.yaml", slug);
	const char *shown;
	char *text = confine_read_text(ld, rel, &shown, NULL);
	resource_start(r, slug, shown);
	bool ok = resource_read_text(ld, text, shown, r);
	free(text);
	free(rel);
	return ok;
}
