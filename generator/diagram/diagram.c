#include "diagram/diagram.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/xalloc.h"
#include "diagram/flowchart.h"
#include "diagram/sequence.h"

_Static_assert(LAY_KINDS >= MODEL_FLOW_KINDS_MAX, "a colour for every flow kind a resource may declare");

/* A flow's arrow: its kind's colour (by the kind's place in the
 * resource's list) in the kind's line style; plain without a kind. */
static enum lay_role role_of(const struct flow *f)
{
	static const enum lay_stroke lines[MODEL_LINES] = {
		[MODEL_LINE_SOLID] = LAY_STROKE_SOLID, [MODEL_LINE_DASHED] = LAY_STROKE_DASHED,
		[MODEL_LINE_DOTTED] = LAY_STROKE_DOTTED, [MODEL_LINE_HEAVY] = LAY_STROKE_HEAVY};
	if (f->kind == NULL || f->kind->rank < 1)
		return ROLE_EDGE_PLAIN;
	return lay_edge_role((size_t)(f->kind->rank - 1), lines[model_line_of(f->kind->line.v)]);
}

static size_t system_index(const struct pattern *p, const struct system *s)
{
	return (size_t)(s - (const struct system *)p->systems.items);
}

/* "A, B and C" of a list of struct str, into b. */
static void join_examples(struct buf *b, const struct list *examples, size_t most)
{
	const struct str *items = examples->items;
	size_t n = examples->len < most ? examples->len : most;
	for (size_t i = 0; i < n; i++) {
		buf_puts(b, i == 0 ? "" : ", ");
		buf_puts(b, items[i].v);
	}
}

struct layout *diagram_pattern(const struct pattern *p, const struct fontset *fs)
{
	const struct system *systems = p->systems.items;
	const struct flow *flows = p->flows.items;
	struct lay_box_in *boxes = xcalloc(p->systems.len ? p->systems.len : 1, sizeof *boxes);
	char **details = xcalloc(p->systems.len ? p->systems.len : 1, sizeof *details);
	for (size_t i = 0; i < p->systems.len; i++) {
		struct buf b = BUF_INIT;
		join_examples(&b, &systems[i].examples, 3);
		details[i] = buf_detach(&b);
		boxes[i] = (struct lay_box_in){systems[i].id.v, systems[i].name.v, details[i]};
	}
	struct lay_flow_in *in = xcalloc(p->flows.len ? p->flows.len : 1, sizeof *in);
	for (size_t i = 0; i < p->flows.len; i++)
		in[i] = (struct lay_flow_in){system_index(p, flows[i].from_system), system_index(p, flows[i].to_system),
		                             flows[i].data.v, flows[i].how_label.v, role_of(&flows[i])};
	struct layout *lay = layout_lanes(boxes, p->systems.len, in, p->flows.len, fs);
	for (size_t i = 0; i < p->systems.len; i++)
		free(details[i]);
	free(details);
	free(boxes);
	free(in);
	return lay;
}

static bool is_hub(const struct system *s, const char *hub)
{
	return s != NULL && strcmp(s->name.v, hub) == 0;
}

/* Whether a flow carries data into or out of the hub: the overview's
 * spoke stands for these flows only, not for those among the pattern's
 * other systems (one of them loading another). */
static bool touches_hub(const struct flow *f, const char *hub)
{
	return is_hub(f->from_system, hub) != is_hub(f->to_system, hub);
}

/* Whether any flow of p touches the hub; without one, the spoke stands
 * for all of p's flows. */
static bool any_touches_hub(const struct pattern *p, const char *hub)
{
	const struct flow *flows = p->flows.items;
	for (size_t i = 0; i < p->flows.len; i++)
		if (touches_hub(&flows[i], hub))
			return true;
	return false;
}

/* The words for how a pattern's data moves to and from the hub: each
 * kind once, in order ("" when its flows have none). */
static char *kinds_of(const struct pattern *p, const char *hub)
{
	struct buf b = BUF_INIT;
	const struct flow *flows = p->flows.items;
	bool all = !any_touches_hub(p, hub);
	for (size_t i = 0; i < p->flows.len; i++) {
		bool seen = flows[i].kind == NULL || !(all || touches_hub(&flows[i], hub));
		for (size_t k = 0; k < i && !seen; k++)
			seen = flows[k].kind == flows[i].kind && (all || touches_hub(&flows[k], hub));
		if (!seen) {
			buf_puts(&b, b.len ? ", " : "");
			buf_puts(&b, flows[i].how_label.v);
		}
	}
	return buf_detach(&b);
}

/* Which way p's data crosses the spoke: into the hub when some flow ends
 * at it, out when some flow starts there, both ways when both (and when
 * no flow touches it, so nothing is claimed). */
static enum lay_way way_of(const struct pattern *p, const char *hub)
{
	const struct flow *flows = p->flows.items;
	bool in = false, out = false;
	for (size_t i = 0; i < p->flows.len; i++) {
		if (!touches_hub(&flows[i], hub))
			continue;
		in = in || is_hub(flows[i].to_system, hub);
		out = out || is_hub(flows[i].from_system, hub);
	}
	return in == out ? LAY_WAY_BOTH : in ? LAY_WAY_IN : LAY_WAY_OUT;
}

/* Whether name is title, or starts with title and a space, whatever the
 * case: a system "Billing" or "Billing and tax systems" is what a spoke
 * titled "Billing" stands for. */
static bool names_title(const char *name, const char *title)
{
	size_t n = strlen(title);
	return n > 0 && strncasecmp(name, title, n) == 0 && (name[n] == '\0' || name[n] == ' ');
}

/* Whether a system is drawn elsewhere in the overview: it is the hub, or
 * it names a spoke (its own or another's, see names_title). */
static bool drawn_elsewhere(const struct system *s, const char *hub, const struct list *patterns)
{
	if (is_hub(s, hub))
		return true;
	for (size_t i = 0; i < patterns->len; i++) {
		const struct pattern *p = schema_list_at(&model_pattern_schema, patterns, i);
		if (names_title(s->name.v, p->label.v))
			return true;
	}
	return false;
}

/* A spoke's sub-label: the systems its pattern adds to the picture, i.e.
 * those drawn nowhere else in it.  The rule rests on the content's own
 * names (the hub's name, the spokes' titles), so it holds for any
 * publisher's patterns. */
static char *spoke_detail(const struct pattern *p, const char *hub, const struct list *patterns)
{
	struct buf b = BUF_INIT;
	const struct system *systems = p->systems.items;
	for (size_t i = 0; i < p->systems.len; i++)
		if (!drawn_elsewhere(&systems[i], hub, patterns))
			buf_printf(&b, "%s%s", b.len ? ", " : "", systems[i].name.v);
	return buf_detach(&b);
}

static const char *hub_of(const struct resource *r)
{
	return r->overview && r->overview->hub.v ? r->overview->hub.v : r->title.v;
}

struct layout *diagram_overview(const struct resource *r, const struct fontset *fs)
{
	const struct list *patterns = &r->patterns->items;
	size_t n = patterns->len;
	const char *hub = hub_of(r);
	struct lay_box_in centre = {"hub", hub, NULL};
	struct lay_box_in *spokes = xcalloc(n ? n : 1, sizeof *spokes);
	char **details = xcalloc(n ? n : 1, sizeof *details);
	char **labels = xcalloc(n ? n : 1, sizeof *labels);
	enum lay_way *ways = xcalloc(n ? n : 1, sizeof *ways);
	for (size_t i = 0; i < n; i++) {
		const struct pattern *p = schema_list_at(&model_pattern_schema, patterns, i);
		details[i] = spoke_detail(p, hub, patterns);
		labels[i] = kinds_of(p, hub);
		ways[i] = way_of(p, hub);
		spokes[i] = (struct lay_box_in){p->slug.v, p->label.v, details[i]};
	}
	struct layout *lay = layout_hub(&centre, spokes, n, (const char *const *)labels, ways, fs);
	for (size_t i = 0; i < n; i++) {
		free(details[i]);
		free(labels[i]);
	}
	free(details);
	free(labels);
	free(ways);
	free(spokes);
	return lay;
}

char *diagram_pattern_desc(const struct site *site, const struct pattern *p)
{
	struct buf b = BUF_INIT;
	const struct flow *flows = p->flows.items;
	buf_puts(&b, p->title.v);
	buf_puts(&b, ": ");
	for (size_t i = 0; i < p->flows.len; i++) {
		const char *how = flows[i].how_label.v;
		const struct phrase_arg flow[] = {{"from", flows[i].from_system->name.v},
		                                  {"to", flows[i].to_system->name.v},
		                                  {"data", flows[i].data.v},
		                                  {"how", how}};
		buf_puts(&b, i ? "; " : "");
		/* A flow of no declared kind has no "how" to name. */
		model_phrase(&b, site, how ? "diagram_flow" : "diagram_flow_plain", flow, sizeof flow / sizeof flow[0] - !how);
	}
	buf_putc(&b, '.');
	return buf_detach(&b);
}

char *diagram_overview_desc(const struct site *site, const struct resource *r)
{
	struct buf spokes = BUF_INIT;
	const struct list *patterns = &r->patterns->items;
	const char *hub = hub_of(r);
	for (size_t i = 0; i < patterns->len; i++) {
		const struct pattern *p = schema_list_at(&model_pattern_schema, patterns, i);
		char *kinds = kinds_of(p, hub);
		buf_printf(&spokes, "%s%s%s%s%s", i ? "; " : "", p->label.v, *kinds ? " (" : "", kinds, *kinds ? ")" : "");
		free(kinds);
	}
	struct buf b = BUF_INIT;
	const struct phrase_arg args[] = {{"hub", hub}, {"spokes", buf_str(&spokes)}};
	model_phrase(&b, site, "diagram_overview", args, 2);
	buf_free(&spokes);
	return buf_detach(&b);
}

struct layout *diagram_mermaid(const struct mmd_diagram *m, const struct fontset *fs)
{
	return m->kind == MMD_FLOWCHART ? layout_flowchart(&m->u.flow, fs) : layout_sequence(&m->u.seq, fs);
}
