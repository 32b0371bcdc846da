/*
 * vocabulary: a resource's own words, completed and looked up
 * (vocabulary.h).
 */
#include "content/vocabulary.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/xalloc.h"

/* The defaults: plain words that fit any subject, in the theme's strings
 * (strings.c requires each; folio(5) lists them), so that a site or a
 * language words them.  The directions' ids stay fixed: pattern files
 * name them. */
static const char *const DEFAULT_COLUMNS[] = {"default_mapping_source", "default_mapping_target",
                                              "default_mapping_direction", "default_mapping_transform",
                                              "default_mapping_owner"};
static const struct {
	const char *id, *label;
} DEFAULT_DIRECTIONS[] = {{"one-way", "default_direction_one_way"}, {"two-way", "default_direction_two_way"}};
static const char DEFAULT_LINE[] = "solid";

/* The schema of parent's field key (of its entries, for a list). */
static const struct schema *sub(const struct schema *parent, const char *key)
{
	return schema_field(parent, key)->sub;
}

static const struct schema *vocabulary_schema(void)
{
	return sub(&model_resource_schema, "vocabulary");
}

/* Sets s to value when the author left it out or empty. */
static void fill_value(struct str *s, const char *value, struct pos at)
{
	if (s->v == NULL || s->v[0] == '\0')
		loader_set_derived(s, xstrdup(value), at);
}

/* The same with the site's string called key. */
static void fill(const struct loader *ld, struct str *s, const char *key, struct pos at)
{
	fill_value(s, model_string(ld->site, key), at);
}

/* The element of list (of schema s) whose id (a struct str at id_offset)
 * is id, or NULL. */
static const void *find_id(const struct list *list, const struct schema *s, size_t id_offset, const char *id)
{
	for (size_t i = 0; id && i < list->len; i++) {
		const char *e = schema_list_at(s, list, i);
		const struct str *v = (const struct str *)(e + id_offset);
		if (v->v && strcmp(v->v, id) == 0)
			return e;
	}
	return NULL;
}

/* Numbers a list's entries from 1 (a long at rank_offset) and reports the
 * first entry beyond most; what names them ("flow kind"). */
static bool number(struct loader *ld, const struct list *list, const struct schema *s, size_t rank_offset,
                   size_t id_offset, int most, const char *what)
{
	for (size_t i = 0; i < list->len; i++)
		*(long *)((char *)schema_list_at(s, list, i) + rank_offset) = (long)i + 1;
	if (list->len <= (size_t)most)
		return true;
	const struct str *id = (const struct str *)((char *)schema_list_at(s, list, (size_t)most) + id_offset);
	diag_error(ld->d, schema_pos(s, schema_list_at(s, list, (size_t)most)),
	           "%s '%s' is one too many: Folio draws at most %d %ss, each in a style of its own (%zu declared); merge or drop some",
	           what, id->v ? id->v : "", most, what, list->len);
	return false;
}

static void complete_mapping(const struct loader *ld, struct vocabulary *v)
{
	struct pos at = v->at;
	if (v->mapping == NULL) {
		v->mapping = xcalloc(1, sizeof *v->mapping);
		v->mapping->at = at;
	}
	struct mapping_words *m = v->mapping;
	fill(ld, &m->title, "default_mapping_title", m->at);
	if (m->columns == NULL) {
		m->columns = xcalloc(1, sizeof *m->columns);
		m->columns->at = m->at;
	}
	struct str *columns[] = {&m->columns->source, &m->columns->target, &m->columns->direction,
	                         &m->columns->transform, &m->columns->owner};
	for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++)
		fill(ld, columns[i], DEFAULT_COLUMNS[i], m->columns->at);
	if (m->directions.len == 0) {
		size_t n = sizeof DEFAULT_DIRECTIONS / sizeof DEFAULT_DIRECTIONS[0];
		struct mapping_direction *d = xcalloc(n, sizeof *d);
		for (size_t i = 0; i < n; i++) {
			d[i].at = m->at;
			loader_set_derived(&d[i].id, xstrdup(DEFAULT_DIRECTIONS[i].id), m->at);
			loader_set_derived(&d[i].label, xstrdup(model_string(ld->site, DEFAULT_DIRECTIONS[i].label)), m->at);
		}
		free(m->directions.items);
		m->directions.items = d;
		m->directions.len = n;
	}
}

static bool complete_vocabulary(struct loader *ld, struct resource *r)
{
	if (r->vocabulary == NULL) {
		r->vocabulary = xcalloc(1, sizeof *r->vocabulary);
		r->vocabulary->at = r->at;
	}
	struct vocabulary *v = r->vocabulary;
	fill(ld, &v->effort_unit, "default_effort_unit", v->at);
	if (v->complexity_max == 0)
		v->complexity_max = MODEL_COMPLEXITY_MAX_DEFAULT;
	ld->scale_max = v->complexity_max;
	complete_mapping(ld, v);
	const struct schema *vs = vocabulary_schema();
	const struct schema *kinds = sub(vs, "flow_kinds");
	struct flow_kind *k = v->flow_kinds.items;
	for (size_t i = 0; i < v->flow_kinds.len; i++)
		fill_value(&k[i].line, DEFAULT_LINE, k[i].at);
	bool ok = loader_check_unique_ids(ld, &v->flow_kinds, kinds, offsetof(struct flow_kind, id), "flow kind");
	ok &= number(ld, &v->flow_kinds, kinds, offsetof(struct flow_kind, rank), offsetof(struct flow_kind, id),
	             MODEL_FLOW_KINDS_MAX, "flow kind");
	const struct schema *mw = sub(vs, "mapping");
	ok &= loader_check_unique_ids(ld, &v->mapping->directions, sub(mw, "directions"),
	                              offsetof(struct mapping_direction, id), "direction");
	return ok;
}

static bool complete_support(struct loader *ld, struct support *s)
{
	fill(ld, &s->caption, "default_support_caption", s->at);
	fill(ld, &s->area_label, "default_area_label", s->at);
	if (s->checked.v) {     /* the date in the language's words, as a resource's updated */
		struct buf date = BUF_INIT;
		model_date(&date, ld->site, s->checked.v);
		loader_set_derived(&s->checked_text, buf_detach(&date), s->checked.at);
	}
	const struct schema *levels = sub(sub(&model_resource_schema, "support"), "levels");
	bool ok = loader_check_unique_ids(ld, &s->levels, levels, offsetof(struct support_level, id), "level");
	ok &= number(ld, &s->levels, levels, offsetof(struct support_level, rank), offsetof(struct support_level, id),
	             MODEL_SUPPORT_LEVELS_MAX, "support level");
	return ok;
}

bool vocabulary_complete(struct loader *ld, struct resource *r)
{
	bool ok = complete_vocabulary(ld, r);
	if (r->matrix)
		fill(ld, &r->matrix->caption, "default_matrix_caption", r->matrix->at);
	if (r->support)
		ok &= complete_support(ld, r->support);
	if (r->estimator) {
		struct estimator *e = r->estimator;
		fill(ld, &e->legend, "default_estimator_legend", e->at);
		fill(ld, &e->hint, "default_estimator_hint", e->at);
		fill(ld, &e->pattern_label, "default_estimator_pattern_label", e->at);
	}
	return ok;
}

const struct flow_kind *vocabulary_flow_kind(const struct vocabulary *v, const char *id)
{
	if (v == NULL)
		return NULL;
	return find_id(&v->flow_kinds, sub(vocabulary_schema(), "flow_kinds"), offsetof(struct flow_kind, id), id);
}

const struct mapping_direction *vocabulary_direction(const struct vocabulary *v, const char *id)
{
	if (v == NULL || v->mapping == NULL)
		return NULL;
	const struct schema *dirs = sub(sub(vocabulary_schema(), "mapping"), "directions");
	return find_id(&v->mapping->directions, dirs, offsetof(struct mapping_direction, id), id);
}

const struct support_level *vocabulary_level(const struct support *s, const char *id)
{
	if (s == NULL)
		return NULL;
	const struct schema *levels = sub(sub(&model_resource_schema, "support"), "levels");
	return find_id(&s->levels, levels, offsetof(struct support_level, id), id);
}

void vocabulary_pattern_texts(const struct loader *ld, const struct vocabulary *v, struct pattern *p)
{
	if (v == NULL)
		return;
	struct buf b = BUF_INIT;
	model_scale(&b, ld->site, p->complexity, v->complexity_max);
	loader_set_derived(&p->complexity_text, buf_detach(&b), p->at);
	if (p->effort) {
		model_range(&b, ld->site, p->effort->min, p->effort->max, v->effort_unit.v);
		loader_set_derived(&p->effort->text, buf_detach(&b), p->effort->at);
	}
}

/* Reports value (of key) as none of the ids of list (of schema s), which
 * are what ("flow kinds") declared under where, with the one meant when
 * one is close. */
static void report_undeclared(struct loader *ld, const struct str *value, const char *key, const struct list *list,
                              const struct schema *s, size_t id_offset, const char *what, const char *where)
{
	const char **ids = xcalloc(list->len ? list->len : 1, sizeof *ids);
	struct buf all = BUF_INIT;
	size_t n = 0;
	for (size_t i = 0; i < list->len; i++) {
		const struct str *id = (const struct str *)((const char *)schema_list_at(s, list, i) + id_offset);
		if (id->v == NULL)
			continue;
		ids[n++] = id->v;
		buf_printf(&all, "%s%s", all.len ? ", " : "", id->v);
	}
	const char *near = diag_suggest(value->v, ids, n);
	if (near)
		diag_error(ld->d, value->at, "'%s' is '%s', not one of the %s (%s); did you mean '%s'?", key, value->v,
		           what, all.data, near);
	else
		diag_error(ld->d, value->at, "'%s' is '%s', not one of the %s declared under %s (%s); write one of them, or declare it there", key, value->v, what,
		           where, all.data ? all.data : "none");
	buf_free(&all);
	free(ids);
}

bool vocabulary_link_flow(struct loader *ld, const struct vocabulary *v, struct flow *f)
{
	if (v == NULL || f->how.v == NULL)
		return true;
	if (v->flow_kinds.len == 0) {
		diag_error(ld->d, f->how.at,
		           "'how' is '%s', but resource.yaml declares no flow kinds; declare them under vocabulary.flow_kinds (id, label, line)",
		           f->how.v);
		return false;
	}
	f->kind = vocabulary_flow_kind(v, f->how.v);
	if (f->kind == NULL) {
		report_undeclared(ld, &f->how, "how", &v->flow_kinds, sub(vocabulary_schema(), "flow_kinds"),
		                  offsetof(struct flow_kind, id), "flow kinds", "vocabulary.flow_kinds");
		return false;
	}
	loader_set_derived(&f->how_label, xstrdup(f->kind->label.v ? f->kind->label.v : f->how.v), f->how.at);
	return true;
}

bool vocabulary_link_direction(struct loader *ld, const struct vocabulary *v, struct mapping_row *m)
{
	if (v == NULL || v->mapping == NULL || m->direction.v == NULL)
		return true;
	const struct mapping_direction *d = vocabulary_direction(v, m->direction.v);
	if (d == NULL) {
		report_undeclared(ld, &m->direction, "direction", &v->mapping->directions,
		                  sub(sub(vocabulary_schema(), "mapping"), "directions"), offsetof(struct mapping_direction, id),
		                  "directions", "vocabulary.mapping.directions");
		return false;
	}
	loader_set_derived(&m->direction_label, xstrdup(d->label.v ? d->label.v : d->id.v), m->direction.at);
	return true;
}

bool vocabulary_link_level(struct loader *ld, const struct support *s, struct support_cell *c)
{
	if (c->level.v == NULL)
		return true;
	c->level_ref = vocabulary_level(s, c->level.v);
	if (c->level_ref == NULL) {
		report_undeclared(ld, &c->level, "level", &s->levels, sub(sub(&model_resource_schema, "support"), "levels"),
		                  offsetof(struct support_level, id), "levels", "support.levels");
		return false;
	}
	loader_set_derived(&c->level_label, xstrdup(c->level_ref->label.v ? c->level_ref->label.v : c->level.v),
	                   c->level.at);
	return true;
}
