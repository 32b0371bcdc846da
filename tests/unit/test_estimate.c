/*
 * The estimator's formula against figures worked out by hand.
 *
 * Formula (estimate.h): the largest figure counts fully, each other one
 * at shared_percent; times volume% and experience%; min and max rounded
 * half up separately; complexity is the highest.
 */
#define HARNESS_NAME "estimate"
#include "harness.h"

#include "content/estimate.h"

static struct pattern make(long min, long max, long complexity, struct effort *e)
{
	struct pattern p;
	memset(&p, 0, sizeof p);
	e->min = min;
	e->max = max;
	p.effort = e;
	p.complexity = complexity;
	return p;
}

static void test_one_pattern_at_neutral_factors(void)
{
	struct effort e;
	struct pattern erp = make(8, 16, 4, &e);
	const struct pattern *sel[] = {&erp};
	struct estimate r = estimate_patterns(sel, 1, NULL, 60, 100, 100);
	CHECK(r.min == 8 && r.max == 16 && r.complexity == 4);
}

static void test_two_patterns_high_volume_new_team(void)
{
	/* min: 8 + 0.6 * 3 = 9.8; * 1.30 * 1.25 = 15.925 -> 16
	 * max: 16 + 0.6 * 6 = 19.6; * 1.30 * 1.25 = 31.85 -> 32 */
	struct effort e1, e2;
	struct pattern erp = make(8, 16, 4, &e1), mkt = make(3, 6, 2, &e2);
	const struct pattern *sel[] = {&mkt, &erp};
	struct estimate r = estimate_patterns(sel, 2, NULL, 60, 130, 125);
	CHECK(r.min == 16);
	CHECK(r.max == 32);
	CHECK(r.complexity == 4);
}

static void test_three_patterns_experienced_team(void)
{
	/* min: largest 6, others 4 and 3 at 60%: 6 + 2.4 + 1.8 = 10.2; * 0.85 = 8.67 -> 9
	 * max: largest 12, others 8 and 10: 12 + 4.8 + 6 = 22.8; * 0.85 = 19.38 -> 19 */
	struct effort a, b, c;
	struct pattern bi = make(6, 12, 3, &a), sup = make(4, 8, 2, &b), shop = make(3, 10, 3, &c);
	const struct pattern *sel[] = {&bi, &sup, &shop};
	struct estimate r = estimate_patterns(sel, 3, NULL, 60, 100, 85);
	CHECK(r.min == 9);
	CHECK(r.max == 19);
	CHECK(r.complexity == 3);
}

static void test_half_rounds_up(void)
{
	/* 5 at 90%: 4.5 -> 5; 3 at 90% = 2.7 -> 3 */
	struct effort e;
	struct pattern p = make(3, 5, 1, &e);
	const struct pattern *sel[] = {&p};
	struct estimate r = estimate_patterns(sel, 1, NULL, 60, 90, 100);
	CHECK(r.min == 3);
	CHECK(r.max == 5);
}

static void test_nothing_selected(void)
{
	struct estimate r = estimate_patterns(NULL, 0, NULL, 60, 100, 100);
	CHECK(r.min == 0 && r.max == 0 && r.complexity == 0);
}

/* The largest is the one with the larger upper figure, for both figures:
 * a 10-12 and b 4-14 make b count in full, so
 * min 4 + 0.6 * 10 = 10 and max 14 + 0.6 * 12 = 21.2 -> 21
 * (picking the larger lower figure for min would give 10 + 2.4 = 12). */
static void test_largest_is_by_upper_figure(void)
{
	struct effort e1, e2;
	struct pattern a = make(10, 12, 2, &e1), b = make(4, 14, 3, &e2);
	const struct pattern *sel[] = {&a, &b};
	struct estimate r = estimate_patterns(sel, 2, NULL, 60, 100, 100);
	CHECK(r.min == 10);
	CHECK(r.max == 21);
}

/* Equal upper figures: the larger lower figure wins, then the first.
 * a 3-10, b 5-10: b full; min 5 + 1.8 = 6.8 -> 7, max 10 + 6 = 16.
 * c 5-10 after b: b (first) full; min 5 + 3 = 8, max 10 + 6 = 16. */
static void test_ties(void)
{
	struct effort e1, e2, e3;
	struct pattern a = make(3, 10, 1, &e1), b = make(5, 10, 1, &e2), c = make(5, 10, 1, &e3);
	const struct pattern *ab[] = {&a, &b};
	struct estimate r = estimate_patterns(ab, 2, NULL, 60, 100, 100);
	CHECK(r.min == 7 && r.max == 16);
	const struct pattern *bc[] = {&b, &c};
	r = estimate_patterns(bc, 2, NULL, 60, 100, 100);
	CHECK(r.min == 8 && r.max == 16);
}

/* A foundation shared by the patterns at refs[0..n). */
static struct estimator_foundation foundation_of(const struct pattern **refs, size_t n)
{
	struct estimator_foundation f;
	memset(&f, 0, sizeof f);
	f.pattern_refs.items = refs;
	f.pattern_refs.len = n;
	return f;
}

/* Only patterns that share a foundation share: erp 8-16 and mkt 3-6 share
 * matching, bi 6-12 shares nothing and counts in full.
 *   erp + bi:        min 8 + 6 = 14,            max 16 + 12 = 28
 *   erp + mkt:       min 8 + 1.8 = 9.8 -> 10,   max 16 + 3.6 = 19.6 -> 20
 *   erp + mkt + bi:  min 9.8 + 6 = 15.8 -> 16,  max 19.6 + 12 = 31.6 -> 32 */
static void test_sharing_only_between_shared_foundations(void)
{
	struct effort e1, e2, e3;
	struct pattern erp = make(8, 16, 4, &e1), mkt = make(3, 6, 2, &e2), bi = make(6, 12, 3, &e3);
	const struct pattern *matching[] = {&erp, &mkt};
	struct estimator_foundation f = foundation_of(matching, 2);
	struct list foundations = {&f, 1};
	const struct pattern *erp_bi[] = {&erp, &bi};
	struct estimate r = estimate_patterns(erp_bi, 2, &foundations, 60, 100, 100);
	CHECK(r.min == 14 && r.max == 28);
	const struct pattern *erp_mkt[] = {&erp, &mkt};
	r = estimate_patterns(erp_mkt, 2, &foundations, 60, 100, 100);
	CHECK(r.min == 10 && r.max == 20);
	const struct pattern *all[] = {&bi, &erp, &mkt};
	r = estimate_patterns(all, 3, &foundations, 60, 100, 100);
	CHECK(r.min == 16 && r.max == 32);
	/* without foundations listed, all three share: bi adds 60 % too
	 * min 9.8 + 3.6 = 13.4 -> 13, max 19.6 + 7.2 = 26.8 -> 27 */
	r = estimate_patterns(all, 3, NULL, 60, 100, 100);
	CHECK(r.min == 13 && r.max == 27);
}

/* Groups link through shared foundations: a shares one with b, b another
 * with c, so a and c share too although no foundation names both; d
 * shares with nobody.  a 2-4, b 6-8, c 3-5, d 1-2:
 *   min 6 + 0.6 * (2 + 3) + 1 = 10,  max 8 + 0.6 * (4 + 5) + 2 = 15.4 -> 15
 * a and c alone share nothing: min 2 + 3 = 5, max 4 + 5 = 9. */
static void test_groups_link_through_shared_foundations(void)
{
	struct effort e1, e2, e3, e4;
	struct pattern a = make(2, 4, 1, &e1), b = make(6, 8, 1, &e2), c = make(3, 5, 1, &e3), d = make(1, 2, 1, &e4);
	const struct pattern *ab[] = {&a, &b}, *bc[] = {&b, &c};
	struct estimator_foundation f[] = {foundation_of(ab, 2), foundation_of(bc, 2)};
	struct list foundations = {f, 2};
	const struct pattern *sel[] = {&a, &b, &c, &d};
	struct estimate r = estimate_patterns(sel, 4, &foundations, 60, 100, 100);
	CHECK(r.min == 10 && r.max == 15);
	const struct pattern *ac[] = {&a, &c};
	r = estimate_patterns(ac, 2, &foundations, 60, 100, 100);
	CHECK(r.min == 5 && r.max == 9);
}

/* A site whose strings are pairs[0..n), sorted by key. */
static struct site site_of(struct text_pair *pairs, size_t n)
{
	struct site site;
	memset(&site, 0, sizeof site);
	site.strings.items = pairs;
	site.strings.len = n;
	return site;
}

/* The estimate in words, for the templates: in the resource's unit and
 * on its scale, as the site's strings put them. */
static void test_words(void)
{
	struct effort e;
	struct pattern p = make(4, 8, 3, &e);
	const struct pattern *sel[] = {&p};
	struct estimate r = estimate_patterns(sel, 1, NULL, 60, 100, 100);
	struct vocabulary v = {.effort_unit = {(char *)"shifts", {NULL, 0, 0}}, .complexity_max = 4};
	struct text_pair english[] = {{.key.v = (char *)"effort_range", .value.v = (char *)"{min} to {max} {unit}"},
	                              {.key.v = (char *)"scale_value", .value.v = (char *)"{value} of {max}"}};
	struct site site = site_of(english, 2);
	estimate_words(&r, &site, &v);
	CHECK_STR(r.text.v, "4 to 8 shifts");
	CHECK_STR(r.complexity_text.v, "3 of 4");
	estimate_free_words(&r);
	CHECK(r.text.v == NULL && r.complexity_text.v == NULL);
	struct text_pair own[] = {{.key.v = (char *)"effort_range", .value.v = (char *)"{unit}: {min}-{max}"},
	                          {.key.v = (char *)"scale_value", .value.v = (char *)"{value}/{max}"}};
	site = site_of(own, 2);
	estimate_words(&r, &site, &v);
	CHECK_STR(r.text.v, "shifts: 4-8");
	CHECK_STR(r.complexity_text.v, "3/4");
	estimate_free_words(&r);
}

/* What the figures mean: the unit with the team only when a team is
 * assumed, the rule that fits whether foundations are listed, and the
 * cost formula only with a cost. */
static void test_explain(void)
{
	struct text_pair words[] = {
		{.key.v = (char *)"estimate_cost_formula", .value.v = (char *)"{unit}*{days}*team*rate"},
		{.key.v = (char *)"estimate_sharing_all", .value.v = (char *)"all at {percent}"},
		{.key.v = (char *)"estimate_sharing_groups", .value.v = (char *)"groups at {percent}"},
		{.key.v = (char *)"estimate_unit_meaning", .value.v = (char *)"{unit} for {team}"}};
	struct site site = site_of(words, 4);
	struct vocabulary v = {.effort_unit = {(char *)"weeks", {NULL, 0, 0}}, .complexity_max = 5};
	struct estimator est;
	memset(&est, 0, sizeof est);
	est.shared_percent = 60;
	struct resource r;
	memset(&r, 0, sizeof r);
	r.estimator = &est;
	r.vocabulary = &v;
	struct estimate e = {.min = 0};
	estimate_explain(&e, &site, &r);
	CHECK(e.unit_meaning.v == NULL && e.cost_formula.v == NULL);
	CHECK_STR(e.sharing.v, "all at 60");
	estimate_free_words(&e);
	struct estimator_foundation f;
	memset(&f, 0, sizeof f);
	struct estimator_cost cost = {.days_per_unit = 5};
	struct estimator full = est;
	full.foundations = (struct list){&f, 1};
	full.team_assumed = 2;
	full.cost = &cost;
	r.estimator = &full;
	estimate_explain(&e, &site, &r);
	CHECK_STR(e.unit_meaning.v, "weeks for 2");
	CHECK_STR(e.sharing.v, "groups at 60");
	CHECK_STR(e.cost_formula.v, "weeks*5*team*rate");
	estimate_free_words(&e);
}

int main(void)
{
	RUN(test_one_pattern_at_neutral_factors);
	RUN(test_two_patterns_high_volume_new_team);
	RUN(test_three_patterns_experienced_team);
	RUN(test_half_rounds_up);
	RUN(test_nothing_selected);
	RUN(test_largest_is_by_upper_figure);
	RUN(test_ties);
	RUN(test_sharing_only_between_shared_foundations);
	RUN(test_groups_link_through_shared_foundations);
	RUN(test_words);
	RUN(test_explain);
	return harness_done();
}
