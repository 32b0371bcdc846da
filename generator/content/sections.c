/*
 * sections: the sections a resource's page shows, in the resource's order
 * (sections.h).
 */
#include "content/sections.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/xalloc.h"
#include "content/markdown.h"

/* An id a custom section cannot take: the page's closing calls to action. */
#define NEXT_STEPS_ID "next-steps"

/* What the resource shows for the built-in section kind, or NULL: the
 * object the template and the renderers read. */
static const void *builtin_object(const struct resource *r, enum section_kind kind)
{
	switch (kind) {
	case SECTION_ANSWERS: return r->faq && r->faq->quick.len ? r->faq : NULL;
	case SECTION_WHY: return r->why;
	case SECTION_HELPS: return r->cards;
	case SECTION_STEPS: return r->steps;
	case SECTION_PATTERNS: return r->patterns && r->patterns->items.len ? r->patterns : NULL;
	case SECTION_OVERVIEW: return r->overview;
	case SECTION_MATRIX: return r->matrix;
	case SECTION_SUPPORT: return r->support;
	case SECTION_ESTIMATOR: return r->estimator;
	case SECTION_HELP: return r->help;
	case SECTION_PLAYBOOK: return r->playbook;
	case SECTION_TRUST: return r->trust;
	case SECTION_FAQ: return r->faq && r->faq->more.len ? r->faq : NULL;
	case SECTION_RELATED: return r->related;
	default: return NULL;
	}
}

/* The heading of a built-in section the resource has; NULL for quick
 * answers without a quick_title, which the theme words. */
static const char *builtin_title(const struct resource *r, enum section_kind kind)
{
	switch (kind) {
	case SECTION_ANSWERS: return r->faq->quick_title.v;
	case SECTION_WHY: return r->why->title.v;
	case SECTION_HELPS: return r->cards->title.v;
	case SECTION_STEPS: return r->steps->title.v;
	case SECTION_PATTERNS: return r->patterns->title.v;
	case SECTION_OVERVIEW: return r->overview->title.v;
	case SECTION_MATRIX: return r->matrix->title.v;
	case SECTION_SUPPORT: return r->support->title.v;
	case SECTION_ESTIMATOR: return r->estimator->title.v;
	case SECTION_HELP: return r->help->title.v;
	case SECTION_PLAYBOOK: return r->playbook->title.v;
	case SECTION_TRUST: return r->trust->title.v;
	case SECTION_FAQ: return r->faq->title.v;
	case SECTION_RELATED: return r->related->title.v;
	default: return NULL;
	}
}

/* How an author gives the resource a built-in section it lacks. */
static char *how_to_add(enum section_kind kind)
{
	switch (kind) {
	case SECTION_ANSWERS: return xstrdup("mark a question of faq/ 'quick: true'");
	case SECTION_PATTERNS: return xstrdup("add a pattern to patterns/");
	case SECTION_FAQ: return xstrdup("add a question to faq/");
	default: return xasprintf("add '%s' to resource.yaml", model_sections[kind].key);
	}
}

/* Whether a part of resource.yaml was written (a folder's section is made
 * by the loader when it was not). */
static bool written(struct pos at)
{
	return at.file != NULL;
}

/* The parts that show the patterns need some; the patterns and the
 * questions of the folders need a section title from resource.yaml. */
static bool check_needs(struct loader *ld, const struct resource *r)
{
	bool ok = true;
	bool has_patterns = r->patterns->items.len > 0;
	const struct {
		const char *key;
		const struct pos *at;
	} needing[] = {{"overview", r->overview ? &r->overview->at : NULL},
	               {"matrix", r->matrix ? &r->matrix->at : NULL},
	               {"estimator", r->estimator ? &r->estimator->at : NULL}};
	for (size_t i = 0; i < sizeof needing / sizeof needing[0] && !has_patterns; i++) {
		if (needing[i].at == NULL)
			continue;
		diag_error(ld->d, *needing[i].at,
		           "'%s' shows the resource's patterns, and it has none; add a pattern to patterns/ or remove '%s'",
		           needing[i].key, needing[i].key);
		ok = false;
	}
	if (has_patterns && !written(r->patterns->at)) {
		diag_error(ld->d, r->at, "patterns/ holds patterns, and resource.yaml has no 'patterns' to title their section; add patterns: with a title");
		ok = false;
	}
	if (r->faq->more.len && !written(r->faq->at)) {
		diag_error(ld->d, r->at, "faq/ holds questions, and resource.yaml has no 'faq' to title their section; add faq: with a title");
		ok = false;
	}
	return ok;
}

/* The built-in section whose id is id, or SECTION_CUSTOM. */
static enum section_kind builtin_kind(const char *id)
{
	for (int k = 0; k < SECTION_CUSTOM; k++)
		if (strcmp(model_sections[k].id, id) == 0)
			return (enum section_kind)k;
	return SECTION_CUSTOM;
}

/* The position an anchor is reported at: where it was written, or the
 * title it was made from. */
static struct pos anchor_pos(const struct custom_section *c)
{
	return c->anchor.at.file ? c->anchor.at : c->title.at;
}

/* Gives each custom section its anchor (a slug of its title when it
 * wrote none) and checks that no two share one and none takes a built-in
 * section's id. */
static bool name_custom_sections(struct loader *ld, struct resource *r)
{
	bool ok = true;
	struct custom_section *cs = r->custom_sections.items;
	for (size_t i = 0; i < r->custom_sections.len; i++) {
		struct custom_section *c = &cs[i];
		if (c->anchor.v == NULL && c->title.v) {
			struct buf slug = BUF_INIT;
			md_slugify(&slug, c->title.v);
			loader_set_derived(&c->anchor, buf_detach(&slug), c->title.at);
			c->anchor.at = (struct pos){0};      /* derived: reported at the title */
		}
		if (c->anchor.v == NULL)
			continue;
		const char *made = c->anchor.at.file ? "" : " (made from its title)";
		if (builtin_kind(c->anchor.v) != SECTION_CUSTOM || strcmp(c->anchor.v, NEXT_STEPS_ID) == 0) {
			diag_error(ld->d, anchor_pos(c),
			           "custom section anchor '%s'%s is the id of a built-in section; give it an anchor of its own",
			           c->anchor.v, made);
			ok = false;
			continue;
		}
		for (size_t j = 0; j < i; j++) {
			if (cs[j].anchor.v == NULL || strcmp(cs[j].anchor.v, c->anchor.v) != 0)
				continue;
			diag_error(ld->d, anchor_pos(c),
			           "custom section anchor '%s'%s is used twice (also at line %d); give each its own anchor",
			           c->anchor.v, made, anchor_pos(&cs[j]).line);
			ok = false;
			break;
		}
	}
	return ok;
}

/* Every section the resource has, in the default order: the built-in
 * ones, then the custom ones as listed.  The ids and titles are
 * borrowed; sections_order() copies those it keeps. */
static size_t sections_present(const struct resource *r, struct page_section *out)
{
	size_t n = 0;
	for (int k = 0; k < SECTION_CUSTOM; k++) {
		const void *obj = builtin_object(r, (enum section_kind)k);
		if (obj == NULL)
			continue;
		out[n] = (struct page_section){.at = r->at, .kind = (enum section_kind)k};
		out[n].id.v = (char *)model_sections[k].id;
		out[n].title.v = (char *)builtin_title(r, (enum section_kind)k);
		out[n++].refs[k] = obj;
	}
	const struct custom_section *cs = r->custom_sections.items;
	for (size_t i = 0; i < r->custom_sections.len; i++) {
		if (cs[i].anchor.v == NULL)
			continue;
		out[n] = (struct page_section){.at = cs[i].at, .kind = SECTION_CUSTOM};
		out[n].id.v = cs[i].anchor.v;
		out[n].title.v = cs[i].title.v;
		out[n++].refs[SECTION_CUSTOM] = &cs[i];
	}
	return n;
}

/* Reports an id of 'sections' that names no section, with the one it
 * could have meant: a close id, or the id of the section a resource.yaml
 * key makes. */
static void report_unknown(struct loader *ld, const struct str *name, const struct resource *r)
{
	size_t n = 0, cap = SECTION_CUSTOM + r->custom_sections.len;
	const char **ids = xcalloc(cap, sizeof *ids);
	struct buf all = BUF_INIT;
	for (int k = 0; k < SECTION_CUSTOM; k++) {
		ids[n++] = model_sections[k].id;
		buf_printf(&all, "%s%s", all.len ? ", " : "", model_sections[k].id);
		if (strcmp(model_sections[k].key, name->v) == 0 && strcmp(model_sections[k].id, name->v) != 0) {
			diag_error(ld->d, name->at, "unknown section '%s' in sections; did you mean '%s'? (the id of the section '%s' makes)",
			           name->v, model_sections[k].id, name->v);
			goto done;
		}
	}
	const struct custom_section *cs = r->custom_sections.items;
	for (size_t i = 0; i < r->custom_sections.len; i++)
		if (cs[i].anchor.v)
			ids[n++] = cs[i].anchor.v;
	const char *near = diag_suggest(name->v, ids, n);
	if (near)
		diag_error(ld->d, name->at, "unknown section '%s' in sections; did you mean '%s'?", name->v, near);
	else
		diag_error(ld->d, name->at, "unknown section '%s' in sections; name one of %s, or a custom section's anchor",
		           name->v, all.data);
done:
	buf_free(&all);
	free(ids);
}

/* The index in present[0..n) of the section called id, or n. */
static size_t find_present(const struct page_section *present, size_t n, const char *id)
{
	size_t i = 0;
	while (i < n && strcmp(present[i].id.v, id) != 0)
		i++;
	return i;
}

/* Puts the sections present[0..n) in the order of r->sections into
 * order, their indexes; every listed id must name a section the resource
 * has, once, and every section it has must be listed.  Returns how many
 * were placed. */
static size_t follow_list(struct loader *ld, const struct resource *r, const struct page_section *present, size_t n,
                          size_t *order, bool *ok)
{
	const struct str *names = r->sections.items;
	bool *placed = xcalloc(n ? n : 1, sizeof *placed);
	size_t kept = 0;
	for (size_t i = 0; i < r->sections.len; i++) {
		const struct str *name = &names[i];
		if (name->v == NULL)
			continue;       /* not a slug: already reported */
		size_t at = find_present(present, n, name->v);
		size_t twice = 0;
		while (twice < i && !(names[twice].v && strcmp(names[twice].v, name->v) == 0))
			twice++;
		if (twice < i) {
			diag_error(ld->d, name->at, "section '%s' is listed twice in sections (also at line %d); keep one",
			           name->v, names[twice].at.line);
		} else if (at < n) {
			placed[at] = true;
			order[kept++] = at;
			continue;
		} else if (builtin_kind(name->v) != SECTION_CUSTOM) {
			char *how = how_to_add(builtin_kind(name->v));
			diag_error(ld->d, name->at, "sections lists '%s', which this resource does not have; %s, or remove it from sections",
			           name->v, how);
			free(how);
		} else {
			report_unknown(ld, name, r);
		}
		*ok = false;
	}
	for (size_t i = 0; i < n; i++) {
		if (placed[i])
			continue;
		bool custom = present[i].kind == SECTION_CUSTOM;
		diag_error(ld->d, custom ? anchor_pos(present[i].refs[SECTION_CUSTOM]) : names[0].at,
		           "sections does not list '%s', a section this resource has; add it to sections where it belongs on the page",
		           present[i].id.v);
		*ok = false;
	}
	free(placed);
	return kept;
}

bool sections_order(struct loader *ld, struct resource *r)
{
	bool ok = check_needs(ld, r);
	ok &= name_custom_sections(ld, r);
	size_t cap = SECTION_CUSTOM + r->custom_sections.len;
	struct page_section *present = xcalloc(cap, sizeof *present);
	size_t *order = xcalloc(cap, sizeof *order);
	size_t n = sections_present(r, present), kept = n;
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	if (r->sections.len)
		kept = follow_list(ld, r, present, n, order, &ok);
	struct page_section *contents = xcalloc(kept ? kept : 1, sizeof *contents);
	for (size_t i = 0; i < kept; i++) {
		contents[i] = present[order[i]];
		contents[i].id.v = xstrdup(contents[i].id.v);
		contents[i].title.v = contents[i].title.v ? xstrdup(contents[i].title.v) : NULL;
	}
	r->contents.items = contents;
	r->contents.len = kept;
	free(order);
	free(present);
	return ok;
}

const struct page_section *sections_find(const struct resource *r, const char *id)
{
	const struct page_section *s = r->contents.items;
	for (size_t i = 0; i < r->contents.len; i++)
		if (strcmp(s[i].id.v, id) == 0)
			return &s[i];
	return NULL;
}
