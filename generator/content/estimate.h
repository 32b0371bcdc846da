/*
 * estimate: the scope and cost estimator's formula, and its data for the
 * page's script.
 *
 * The formula (stated on the page from the content's assumptions):
 *   - the selected patterns fall into groups that share foundations
 *     (estimator.foundations: a shares one with b, b one with c, and a, b
 *     and c are one group); without foundations listed, all are one group;
 *   - in each group the largest pattern counts in full: the one with the
 *     largest upper bound (max), then the largest lower bound, then the
 *     first in the page's order;
 *   - every other pattern of a group adds shared_percent of its own
 *     figures, because it builds on foundations already built;
 *   - the sum is multiplied by the volume and experience percentages;
 *   - the minimum and the maximum are computed separately, each rounded to
 *     whole units of effort (vocabulary.effort_unit), half up;
 *   - complexity is the highest complexity selected.
 * All arithmetic is on integers, so the page's script (static/js/
 * estimator.js), which does the same, gives the same figures.
 */
#ifndef FOLIO_ESTIMATE_H
#define FOLIO_ESTIMATE_H

#include <stddef.h>

#include "content/model.h"

struct estimate {
	struct pos at;
	long min;               /* in the resource's effort unit */
	long max;
	long complexity;        /* 1 to vocabulary.complexity_max; 0 when nothing is selected */
	struct str text;        /* the range in words, "20 to 40 weeks": NULL unless the
	                         * caller writes it (model_range), and then owned */
	struct str complexity_text;     /* the same for complexity, "5 of 5" (model_scale) */
	/* What the figures mean, in the site's words (estimate_explain); owned,
	 * NULL until written and when the estimator has nothing to say. */
	struct str unit_meaning;        /* what one unit of effort is: elapsed time, with the team */
	struct str sharing;             /* the sharing rule, and which pattern counts in full */
	struct str cost_formula;        /* how a day rate and a team size become a cost */
};

extern const struct schema estimate_schema;

/* The estimate for the patterns[0..n), with the factors in percent;
 * foundations: struct estimator_foundation whose pattern_refs are among
 * patterns (NULL or empty: every pattern shares with every other). */
struct estimate estimate_patterns(const struct pattern *const *patterns, size_t n, const struct list *foundations,
                                  long shared_percent, long volume_percent, long experience_percent);

/* Writes e's range in v's unit and its complexity on v's scale as site's
 * strings word them (e->text, "20 to 40 weeks", and e->complexity_text,
 * "5 of 5"), for a template; free them with estimate_free_words(). */
void estimate_words(struct estimate *e, const struct site *site, const struct vocabulary *v);

/* Writes the sentences that say what e's figures mean for r's estimator
 * (e->unit_meaning, e->sharing, e->cost_formula), for the page and the
 * playbook; freed by estimate_free_words(). */
void estimate_explain(struct estimate *e, const struct site *site, const struct resource *r);

void estimate_free_words(struct estimate *e);

/* The estimator's data as JSON for an inline data block: patterns with
 * their ranges, complexity, risks and assumptions, the factors, the shared
 * share, the foundations, the team assumed, the cost (null without), and
 * the resource's effort unit and complexity scale for the script's words.
 * '<' is written as \u003c so the text can never end a <script>.
 * Caller frees. */
char *estimate_json(const struct resource *r);

#endif
