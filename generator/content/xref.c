/*
 * xref: ties the references between content objects (a flow to its
 * systems and kind, a rating to its criterion, a cell to its product, area
 * and level...) and checks they lead somewhere.
 */
#include "content/xref.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/xalloc.h"
#include "content/sections.h"
#include "content/vocabulary.h"

static const struct system *find_system(const struct pattern *p, const char *id)
{
	const struct system *systems = p->systems.items;
	for (size_t i = 0; i < p->systems.len; i++)
		if (systems[i].id.v && strcmp(systems[i].id.v, id) == 0)
			return &systems[i];
	return NULL;
}

static const struct system *resolve_system(struct loader *ld, const struct pattern *p, const struct str *ref,
                                           const char *key)
{
	if (ref->v == NULL)
		return NULL;
	const struct system *sys = find_system(p, ref->v);
	if (sys)
		return sys;
	const char *ids[12];
	struct buf all = BUF_INIT;
	const struct system *systems = p->systems.items;
	size_t n = 0;
	for (size_t i = 0; i < p->systems.len && n < 12; i++)
		if (systems[i].id.v) {
			ids[n++] = systems[i].id.v;
			buf_printf(&all, "%s%s", all.len ? ", " : "", systems[i].id.v);
		}
	const char *near = diag_suggest(ref->v, ids, n);
	diag_error(ld->d, ref->at, "flow '%s' names system '%s', which this pattern does not list (systems: %s); %s%s%s",
	           key, ref->v, all.len ? all.data : "none", near ? "did you mean '" : "add it under systems",
	           near ? near : "", near ? "'?" : "");
	buf_free(&all);
	return NULL;
}

/* The schema of parent's field key: of its entries for a list, of the
 * object itself for a mapping. */
static const struct schema *item_schema(const struct schema *parent, const char *key)
{
	return schema_field(parent, key)->sub;
}

static bool link_mapping(struct loader *ld, const struct vocabulary *v, struct pattern *p)
{
	bool ok = true;
	struct mapping_row *rows = p->mapping.items;
	for (size_t i = 0; i < p->mapping.len; i++) {
		struct mapping_row *m = &rows[i];
		m->source_ref = resolve_system(ld, p, &m->source_system, "source_system");
		m->target_ref = resolve_system(ld, p, &m->target_system, "target_system");
		m->owner_ref = resolve_system(ld, p, &m->owner, "owner");
		ok &= (m->source_system.v == NULL || m->source_ref) && (m->target_system.v == NULL || m->target_ref) &&
		      (m->owner.v == NULL || m->owner_ref);
		ok &= vocabulary_link_direction(ld, v, m);
	}
	return ok;
}

bool xref_pattern(struct loader *ld, const struct vocabulary *v, struct pattern *p)
{
	bool ok = loader_check_unique_ids(ld, &p->systems, item_schema(&model_pattern_schema, "systems"),
	                           offsetof(struct system, id), "system");
	ok &= link_mapping(ld, v, p);
	loader_set_derived(&p->label, xstrdup(p->short_title.v ? p->short_title.v : p->title.v ? p->title.v : ""), p->at);
	struct flow *flows = p->flows.items;
	for (size_t i = 0; i < p->flows.len; i++) {
		struct flow *f = &flows[i];
		f->from_system = resolve_system(ld, p, &f->from, "from");
		f->to_system = resolve_system(ld, p, &f->to, "to");
		f->owner_system = resolve_system(ld, p, &f->owner, "owner");
		ok &= f->from.v == NULL || f->from_system != NULL;
		ok &= f->to.v == NULL || f->to_system != NULL;
		ok &= f->owner.v == NULL || f->owner_system != NULL;
		if (f->from_system && f->from_system == f->to_system) {
			diag_error(ld->d, f->to.at, "flow goes from '%s' to itself; name two different systems", f->from.v);
			ok = false;
		}
		ok &= vocabulary_link_flow(ld, v, f);
	}
	if (p->effort && p->effort->min > p->effort->max) {
		diag_error(ld->d, p->effort->at, "effort min (%ld) is larger than max (%ld); swap them",
		           p->effort->min, p->effort->max);
		ok = false;
	}
	vocabulary_pattern_texts(ld, v, p);
	return ok;
}

/* Whether id is the id of a built-in section of a resource page. */
static bool is_builtin_section(const char *id)
{
	for (int k = 0; k < SECTION_CUSTOM; k++)
		if (strcmp(model_sections[k].id, id) == 0)
			return true;
	return false;
}

/* A copy of the site's call to action c for resource r: a url '#id' is
 * made a link to that section of r's page, which r must have. */
static bool copy_action(struct loader *ld, const struct resource *r, const struct call_to_action *c,
                        const struct str *named, struct call_to_action *out)
{
	*out = (struct call_to_action){.at = c->at};
	loader_set_derived(&out->id, xstrdup(c->id.v), c->id.at);
	loader_set_derived(&out->label, xstrdup(c->label.v), c->label.at);
	if (c->text.v)
		loader_set_derived(&out->text, xstrdup(c->text.v), c->text.at);
	const char *url = c->url.v;
	if (url[0] != '#') {
		loader_set_derived(&out->url, xstrdup(url), c->url.at);
		return true;
	}
	loader_set_derived(&out->url, xasprintf("%s%s", r->url.v, url), c->url.at);
	if (sections_find(r, url + 1))
		return true;
	if (strcmp(url + 1, "playbook") == 0)
		diag_error(ld->d, named->at, "call to action '%s' leads to '%s', and this resource has no playbook; add 'playbook' to resource.yaml or remove '%s' from cta",
		           c->id.v, url, c->id.v);
	else
		diag_error(ld->d, named->at, "call to action '%s' leads to '%s', a section this resource's page does not have; add the section or remove '%s' from cta",
		           c->id.v, url, c->id.v);
	return false;
}

bool xref_actions(struct loader *ld, struct resource *r)
{
	const struct str *ids = r->cta.items;
	const struct call_to_action *ctas = ld->site->calls_to_action.items;
	size_t nctas = ld->site->calls_to_action.len;
	bool ok = true;
	r->actions.items = xcalloc(r->cta.len ? r->cta.len : 1, sizeof(struct call_to_action));
	for (size_t i = 0; i < r->cta.len; i++) {
		if (ids[i].v == NULL)
			continue;       /* not a single value: already reported */
		const struct call_to_action *found = NULL;
		const char *names[64];
		size_t nn = 0;
		for (size_t k = 0; k < nctas; k++) {
			if (ctas[k].id.v && strcmp(ctas[k].id.v, ids[i].v) == 0)
				found = &ctas[k];
			if (ctas[k].id.v && nn < 64)
				names[nn++] = ctas[k].id.v;
		}
		if (found == NULL) {
			const char *near = diag_suggest(ids[i].v, names, nn);
			diag_error(ld->d, ids[i].at, "call to action '%s' is not defined in site.yaml; %s%s%s", ids[i].v,
			           near ? "did you mean '" : "add it under calls_to_action", near ? near : "",
			           near ? "'?" : "");
			ok = false;
			continue;
		}
		if (found->url.v == NULL || found->label.v == NULL)
			continue;       /* broken in site.yaml: already reported */
		struct call_to_action *copy = (struct call_to_action *)r->actions.items + r->actions.len++;
		ok &= copy_action(ld, r, found, &ids[i], copy);
	}
	return ok;
}

/* The resource whose page is the site path page ("/resources/x/"), or
 * NULL. */
static const struct resource *resource_at(const struct site *site, const char *page, size_t len)
{
	for (size_t i = 0; i < site->resources.len; i++) {
		const struct resource *r = schema_list_at(&model_resource_schema, &site->resources, i);
		if (r->url.v && strlen(r->url.v) == len && strncmp(r->url.v, page, len) == 0)
			return r;
	}
	return NULL;
}

bool xref_site_actions(struct loader *ld)
{
	const struct call_to_action *ctas = ld->site->calls_to_action.items;
	bool ok = true;
	for (size_t i = 0; i < ld->site->calls_to_action.len; i++) {
		const struct call_to_action *c = &ctas[i];
		const char *hash = c->url.v && c->url.v[0] == '/' ? strchr(c->url.v, '#') : NULL;
		const struct resource *r = hash ? resource_at(ld->site, c->url.v, (size_t)(hash - c->url.v)) : NULL;
		if (r == NULL || r->unread || r->kept || sections_find(r, hash + 1))
			continue;       /* an unread resource.yaml's sections are unknown; a kept
			                 * one's are as the last build checked them */
		if (!is_builtin_section(hash + 1))
			continue;       /* another id of the page: checked against the page as written (build/links.h) */
		if (strcmp(hash + 1, "playbook") == 0)
			diag_error(ld->d, c->url.at, "call to action '%s' leads to '%s', and resource '%s' has no playbook; add one to its resource.yaml or change the url (\"#playbook\" leads to the playbook of each resource that shows the action)",
			           c->id.v, c->url.v, r->slug.v);
		else
			diag_error(ld->d, c->url.at, "call to action '%s' leads to '%s', a section resource '%s' does not have; add it or change the url",
			           c->id.v, c->url.v, r->slug.v);
		ok = false;
	}
	return ok;
}

/* Index of the criterion called id in m, or m->criteria.len. */
static size_t criterion_index(const struct decision_matrix *m, const char *id)
{
	const struct criterion *criteria = m->criteria.items;
	size_t c = 0;
	while (c < m->criteria.len && !(criteria[c].id.v && id && strcmp(criteria[c].id.v, id) == 0))
		c++;
	return c;
}

/* Puts a pattern's ratings in the order of the matrix's criteria, checking
 * that it rates every criterion once. */
static bool order_ratings(struct loader *ld, const struct decision_matrix *m, struct pattern *p)
{
	bool ok = true;
	struct rating *given = p->ratings.items;
	struct rating *ordered = xcalloc(m->criteria.len ? m->criteria.len : 1, sizeof *ordered);
	for (size_t k = 0; k < p->ratings.len; k++) {
		size_t c = criterion_index(m, given[k].criterion.v);
		if (c == m->criteria.len || ordered[c].ref) {
			diag_error(ld->d, given[k].criterion.at, c == m->criteria.len
			           ? "rating for '%s', which is not a criterion of the decision matrix in resource.yaml; rate one of its criteria, or add this one to the matrix"
			           : "criterion '%s' is rated twice; keep one", given[k].criterion.v);
			free(given[k].criterion.v);
			free(given[k].value.v);
			ok = false;
			continue;
		}
		ordered[c] = given[k];
		ordered[c].ref = (const struct criterion *)m->criteria.items + c;
	}
	size_t kept = 0;
	for (size_t c = 0; c < m->criteria.len; c++) {
		if (ordered[c].ref) {
			ordered[kept++] = ordered[c];
			continue;
		}
		diag_error(ld->d, p->at, "pattern does not rate criterion '%s' of the decision matrix; add it under ratings",
		           ((const struct criterion *)m->criteria.items)[c].id.v);
		ok = false;
	}
	free(p->ratings.items);
	p->ratings.items = ordered;
	p->ratings.len = kept;
	return ok;
}

static bool link_ratings(struct loader *ld, struct resource *r)
{
	bool ok = true;
	const struct list *patterns = &r->patterns->items;
	if (r->unread)
		return true;    /* without its matrix, every rating would look wrong */
	for (size_t i = 0; i < patterns->len; i++) {
		struct pattern *p = schema_list_at(&model_pattern_schema, patterns, i);
		if (p->unread)
			continue;       /* its ratings are unknown, not missing */
		if (r->matrix) {
			ok &= order_ratings(ld, r->matrix, p);
		} else if (p->ratings.len) {
			diag_error(ld->d, ((struct rating *)p->ratings.items)[0].at,
			           "ratings need a decision matrix; add 'matrix' with its criteria to resource.yaml, or remove the ratings");
			ok = false;
		}
	}
	return ok;
}

static const void *find_by_id(const struct list *list, const struct schema *s, size_t id_offset, const char *id)
{
	for (size_t i = 0; i < list->len; i++) {
		const char *e = schema_list_at(s, list, i);
		const struct str *v = (const struct str *)(e + id_offset);
		if (v->v && id && strcmp(v->v, id) == 0)
			return e;
	}
	return NULL;
}

/* A cell needs a source unless its level says none may be found; the
 * message names the levels that may go without. */
static bool check_sources(struct loader *ld, const struct support *s, const struct support_cell *cell)
{
	if (cell->level_ref == NULL || cell->level_ref->unsourced || cell->sources.len)
		return true;
	struct buf unsourced = BUF_INIT;
	const struct support_level *levels = s->levels.items;
	for (size_t i = 0; i < s->levels.len; i++)
		if (levels[i].unsourced && levels[i].id.v)
			buf_printf(&unsourced, "%s%s", unsourced.len ? " or " : "", levels[i].id.v);
	if (unsourced.len)
		diag_error(ld->d, cell->at, "cell at level '%s' needs at least one source URL under sources; add one, or use level: %s",
		           cell->level.v, unsourced.data);
	else
		diag_error(ld->d, cell->at, "cell at level '%s' needs at least one source URL under sources; add one, or mark a level that needs none with unsourced: true",
		           cell->level.v);
	buf_free(&unsourced);
	return false;
}

/* The level a missing cell would take: the first that needs no source. */
static const char *unsourced_level(const struct support *s)
{
	const struct support_level *levels = s->levels.items;
	for (size_t i = 0; i < s->levels.len; i++)
		if (levels[i].unsourced)
			return levels[i].id.v;
	return NULL;
}

static bool link_areas(struct loader *ld, struct resource *r, const struct schema *area_s)
{
	struct support *s = r->support;
	bool ok = loader_check_unique_ids(ld, &s->areas, area_s, offsetof(struct area, id), "area");
	struct area *areas = s->areas.items;
	for (size_t a = 0; a < s->areas.len; a++) {
		if (areas[a].pattern.v == NULL)
			continue;
		areas[a].pattern_ref = find_by_id(&r->patterns->items, &model_pattern_schema, offsetof(struct pattern, slug),
		                                  areas[a].pattern.v);
		if (areas[a].pattern_ref == NULL) {
			diag_error(ld->d, areas[a].pattern.at, "area names pattern '%s', which is not in patterns/; write the name of a file in patterns/ without .md, or add the pattern", areas[a].pattern.v);
			ok = false;
		}
	}
	return ok;
}

static bool link_support(struct loader *ld, struct resource *r)
{
	struct support *s = r->support;
	if (s == NULL)
		return true;
	const struct schema *matrix = item_schema(&model_resource_schema, "support");
	const struct schema *product_s = item_schema(matrix, "products");
	const struct schema *area_s = item_schema(matrix, "areas");
	const struct schema *row_s = item_schema(matrix, "rows");
	bool ok = loader_check_unique_ids(ld, &s->products, product_s, offsetof(struct product, id), "product");
	ok &= link_areas(ld, r, area_s);
	struct area *areas = s->areas.items;
	/* one row per area, its cells in product order */
	s->rows.items = xcalloc(s->areas.len ? s->areas.len : 1, sizeof(struct support_row));
	s->rows.len = s->areas.len;
	struct support_cell *cells = s->cells.items;
	for (size_t a = 0; a < s->areas.len; a++) {
		struct support_row *row = schema_list_at(row_s, &s->rows, a);
		row->at = areas[a].at;
		row->area = &areas[a];
		row->cells.items = xcalloc(s->products.len ? s->products.len : 1, sizeof(void *));
		row->cells.len = s->products.len;
	}
	for (size_t i = 0; i < s->cells.len; i++) {
		struct support_cell *cell = &cells[i];
		const struct product *pr = find_by_id(&s->products, product_s, offsetof(struct product, id), cell->product.v);
		const struct area *ar = find_by_id(&s->areas, area_s, offsetof(struct area, id), cell->area.v);
		cell->product_ref = pr;
		if (cell->product.v && pr == NULL) {
			diag_error(ld->d, cell->product.at, "cell names product '%s', which is not listed under products; write one of their ids, or add it there", cell->product.v);
			ok = false;
		}
		if (cell->area.v && ar == NULL) {
			diag_error(ld->d, cell->area.at, "cell names area '%s', which is not listed under areas; write one of their ids, or add it there", cell->area.v);
			ok = false;
		}
		ok &= vocabulary_link_level(ld, s, cell);
		ok &= check_sources(ld, s, cell);
		if (pr == NULL || ar == NULL)
			continue;
		struct support_row *row = schema_list_at(row_s, &s->rows, (size_t)(ar - areas));
		const void **slot = (const void **)row->cells.items + (pr - (const struct product *)s->products.items);
		if (*slot) {
			diag_error(ld->d, cell->at, "a second cell for product '%s' and area '%s'; keep one", cell->product.v, cell->area.v);
			ok = false;
		}
		*slot = cell;
	}
	const char *fallback = unsourced_level(s);
	for (size_t a = 0; a < s->rows.len; a++) {
		struct support_row *row = schema_list_at(row_s, &s->rows, a);
		const struct product *products = s->products.items;
		for (size_t k = 0; k < row->cells.len; k++)
			if (((const void **)row->cells.items)[k] == NULL && ok) {
				diag_error(ld->d, s->at, "no cell for product '%s' and area '%s'; add one: every product needs a cell in every area%s%s%s",
				           products[k].id.v, areas[a].id.v, fallback ? " (level: " : "", fallback ? fallback : "",
				           fallback ? " when no source says)" : "");
				ok = false;
			}
	}
	return ok;
}

/* Resolves a foundation's pattern slugs; a slug written twice would make
 * the pattern share with itself, so it is refused like an unknown one. */
static bool link_foundation(struct loader *ld, const struct resource *r, struct estimator_foundation *f)
{
	const struct str *slugs = f->patterns.items;
	const void **refs = xcalloc(f->patterns.len ? f->patterns.len : 1, sizeof *refs);
	f->pattern_refs.items = refs;
	bool ok = true;
	for (size_t i = 0; i < f->patterns.len; i++) {
		refs[f->pattern_refs.len] = find_by_id(&r->patterns->items, &model_pattern_schema,
		                                       offsetof(struct pattern, slug), slugs[i].v);
		if (refs[f->pattern_refs.len] == NULL) {
			diag_error(ld->d, slugs[i].at, "foundation '%s' names pattern '%s', which is not in patterns/; write the name of a file in patterns/ without .md, or remove it",
			           f->id.v, slugs[i].v);
			ok = false;
			continue;
		}
		for (size_t k = 0; k < i; k++)
			if (strcmp(slugs[k].v, slugs[i].v) == 0) {
				diag_error(ld->d, slugs[i].at, "foundation '%s' names pattern '%s' twice; keep one", f->id.v, slugs[i].v);
				ok = false;
			}
		f->pattern_refs.len++;
	}
	return ok;
}

static bool link_estimator(struct loader *ld, struct resource *r)
{
	struct estimator *e = r->estimator;
	if (e == NULL)
		return true;
	const struct schema *est = item_schema(&model_resource_schema, "estimator");
	/* Both lists are checked, so that every duplicate is reported. */
	bool ok = loader_check_unique_ids(ld, &e->volumes, item_schema(est, "volumes"), offsetof(struct estimator_factor, id),
	                           "volume");
	ok &= loader_check_unique_ids(ld, &e->experience, item_schema(est, "experience"), offsetof(struct estimator_factor, id),
	                       "experience");
	ok &= loader_check_unique_ids(ld, &e->foundations, item_schema(est, "foundations"),
	                              offsetof(struct estimator_foundation, id), "foundation");
	struct estimator_foundation *found = e->foundations.items;
	for (size_t i = 0; i < e->foundations.len; i++)
		ok &= link_foundation(ld, r, &found[i]);
	return ok;
}

bool xref_resource(struct loader *ld, struct resource *r)
{
	bool ok = link_ratings(ld, r);
	ok &= link_support(ld, r);
	ok &= link_estimator(ld, r);
	return ok;
}
