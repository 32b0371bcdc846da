/*
 * vocabulary: a resource's own words, completed and looked up.
 *
 * A resource names the things its patterns share in resource.yaml: the
 * kinds of flow its diagrams draw (vocabulary.flow_kinds), the effort
 * unit, the complexity scale, the words of the mapping tables
 * (vocabulary.mapping), the levels of its support matrix (support.levels)
 * and the captions and labels of its sections.  Nothing of one subject is
 * built into Folio: what an author leaves out gets a plain default, the
 * theme's string of its name (default_effort_unit, default_mapping_title
 * and the others strings.c lists), and a flow, a mapping row or a support
 * cell may only name what the resource declares.
 *
 * Private to content/, like the loader; the renderers read the completed
 * model (model.h).
 */
#ifndef FOLIO_VOCABULARY_H
#define FOLIO_VOCABULARY_H

#include <stdbool.h>

#include "content/loader.h"

/*
 * Once resource.yaml is decoded into r, before its patterns are read:
 * allocates r->vocabulary when absent and fills in every default the
 * author left out (vocabulary, matrix caption, support captions,
 * estimator words) from ld's site's strings (read before any resource;
 * without them, as in load_text(), a default is its string's name), numbers the flow kinds and support levels (rank, from
 * 1), checks their ids are unique and their count is one Folio can draw,
 * and sets the complexity scale of ld for the patterns.  Reports every
 * mistake; returns false when there was one.
 */
bool vocabulary_complete(struct loader *ld, struct resource *r);

/* The flow kind of v called id, or NULL (also for v or id NULL).
 * Thread-safe: only reads. */
const struct flow_kind *vocabulary_flow_kind(const struct vocabulary *v, const char *id);

/* The direction of v's mapping words called id, or NULL. */
const struct mapping_direction *vocabulary_direction(const struct vocabulary *v, const char *id);

/* The level of s called id, or NULL. */
const struct support_level *vocabulary_level(const struct support *s, const char *id);

/*
 * Ties a flow's how to the kind v declares (f->kind, f->how_label), or
 * reports, at the value, a kind v does not declare (with the kind meant,
 * when one is close, and the declared ones) or that v declares none.  A
 * flow without how is drawn plain and is not an error.  v NULL (the
 * resource could not be read) checks nothing.  Returns false after
 * reporting.
 */
bool vocabulary_link_flow(struct loader *ld, const struct vocabulary *v, struct flow *f);

/* Ties a mapping row's direction to its words (m->direction_label), or
 * reports a direction v's mapping words do not declare.  v NULL checks
 * nothing.  Returns false after reporting. */
bool vocabulary_link_direction(struct loader *ld, const struct vocabulary *v, struct mapping_row *m);

/* Writes a pattern's numbers in v's words, as the site's strings put
 * them: its complexity on v's scale (p->complexity_text, "3 of 5") and its
 * effort range in v's unit (p->effort->text, "4 to 8 weeks").  v NULL (the
 * resource could not be read) writes nothing. */
void vocabulary_pattern_texts(const struct loader *ld, const struct vocabulary *v, struct pattern *p);

/* Ties a support cell's level to s's levels (c->level_ref, c->level_label),
 * or reports a level s does not declare.  Returns false after reporting. */
bool vocabulary_link_level(struct loader *ld, const struct support *s, struct support_cell *c);

#endif
