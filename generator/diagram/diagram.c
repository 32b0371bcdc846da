#include "diagram/diagram.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/xalloc.h"

static enum lay_role role_of(const char *how)
{
	static const struct {
		const char *how;
		enum lay_role role;
	} roles[] = {{"realtime", ROLE_EDGE_REALTIME}, {"event", ROLE_EDGE_EVENT}, {"batch", ROLE_EDGE_BATCH},
	             {"warehouse", ROLE_EDGE_WAREHOUSE}};
	for (size_t i = 0; how && i < sizeof roles / sizeof roles[0]; i++)
		if (strcmp(roles[i].how, how) == 0)
			return roles[i].role;
	return ROLE_EDGE_PLAIN;
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
		                             flows[i].data.v, flows[i].how_label.v, role_of(flows[i].how.v)};
	struct layout *lay = layout_lanes(boxes, p->systems.len, in, p->flows.len, fs);
	for (size_t i = 0; i < p->systems.len; i++)
		free(details[i]);
	free(details);
	free(boxes);
	free(in);
	return lay;
}

/* The words for how a pattern's data moves: each kind once, in order. */
static char *modes_of(const struct pattern *p)
{
	struct buf b = BUF_INIT;
	const struct flow *flows = p->flows.items;
	for (size_t i = 0; i < p->flows.len; i++) {
		bool seen = false;
		for (size_t k = 0; k < i; k++)
			seen |= strcmp(flows[k].how.v, flows[i].how.v) == 0;
		if (!seen) {
			buf_puts(&b, b.len ? ", " : "");
			buf_puts(&b, flows[i].how_label.v);
		}
	}
	return buf_detach(&b);
}

/* The names of a pattern's systems other than the hub's. */
static char *spoke_detail(const struct pattern *p, const char *hub)
{
	struct buf b = BUF_INIT;
	const struct system *systems = p->systems.items;
	for (size_t i = 0; i < p->systems.len; i++)
		if (hub == NULL || strcmp(systems[i].name.v, hub) != 0)
			buf_printf(&b, "%s%s", b.len ? ", " : "", systems[i].name.v);
	return buf_detach(&b);
}

struct layout *diagram_overview(const struct resource *r, const struct fontset *fs)
{
	const struct list *patterns = &r->patterns->items;
	size_t n = patterns->len;
	const char *hub = r->overview && r->overview->hub.v ? r->overview->hub.v : r->title.v;
	struct lay_box_in centre = {"hub", hub, NULL};
	struct lay_box_in *spokes = xcalloc(n ? n : 1, sizeof *spokes);
	char **details = xcalloc(n ? n : 1, sizeof *details);
	char **labels = xcalloc(n ? n : 1, sizeof *labels);
	for (size_t i = 0; i < n; i++) {
		const struct pattern *p = schema_list_at(&model_pattern_schema, patterns, i);
		details[i] = spoke_detail(p, hub);
		labels[i] = modes_of(p);
		spokes[i] = (struct lay_box_in){p->slug.v, p->label.v, details[i]};
	}
	struct layout *lay = layout_hub(&centre, spokes, n, (const char *const *)labels, fs);
	for (size_t i = 0; i < n; i++) {
		free(details[i]);
		free(labels[i]);
	}
	free(details);
	free(labels);
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
		const struct phrase_arg flow[] = {{"from", flows[i].from_system->name.v},
		                                  {"to", flows[i].to_system->name.v},
		                                  {"data", flows[i].data.v},
		                                  {"how", flows[i].how_label.v}};
		buf_puts(&b, i ? "; " : "");
		model_phrase(&b, site, "diagram_flow", flow, sizeof flow / sizeof flow[0]);
	}
	buf_putc(&b, '.');
	return buf_detach(&b);
}

char *diagram_overview_desc(const struct site *site, const struct resource *r)
{
	struct buf spokes = BUF_INIT;
	const struct list *patterns = &r->patterns->items;
	const char *hub = r->overview && r->overview->hub.v ? r->overview->hub.v : r->title.v;
	for (size_t i = 0; i < patterns->len; i++) {
		const struct pattern *p = schema_list_at(&model_pattern_schema, patterns, i);
		char *modes = modes_of(p);
		buf_printf(&spokes, "%s%s (%s)", i ? "; " : "", p->label.v, modes);
		free(modes);
	}
	struct buf b = BUF_INIT;
	const struct phrase_arg args[] = {{"hub", hub}, {"spokes", buf_str(&spokes)}};
	model_phrase(&b, site, "diagram_overview", args, 2);
	buf_free(&spokes);
	return buf_detach(&b);
}
