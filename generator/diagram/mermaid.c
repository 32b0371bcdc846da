/*
 * mermaid: the text alternative of a diagram written in Mermaid
 * (diagram.h), in the words of the site's strings, so that a screen
 * reader and the PDF's alternative text read what the drawing shows:
 * a flowchart edge by edge, a sequence diagram step by step, in the order
 * the author wrote them.
 */
#include "diagram/diagram.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/xalloc.h"

/* Appends the phrase called key, after a space when out has text. */
static void sentence(struct buf *out, const struct site *site, const char *key, const struct phrase_arg *args,
                     size_t nargs)
{
	if (out->len > 0)
		buf_putc(out, ' ');
	model_phrase(out, site, key, args, nargs);
}

/* "A, B and C" of items[0..n), into out. */
static void join(struct buf *out, const struct site *site, const char *const *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && i + 1 == n)
			buf_printf(out, " %s ", model_string(site, "diagram_mermaid_and"));
		else if (i > 0)
			buf_puts(out, ", ");
		buf_puts(out, items[i]);
	}
}

const char *diagram_mermaid_name(const struct site *site, const struct mmd_diagram *m)
{
	return model_string(site, m->kind == MMD_FLOWCHART ? "diagram_mermaid_flowchart" : "diagram_mermaid_sequence");
}

/* ---- flowcharts ------------------------------------------------------------ */

static void flow_intro(struct buf *out, const struct site *site, const struct mmd_diagram *m)
{
	static const char *const dirs[] = {[MMD_DIR_TB] = "diagram_mermaid_dir_tb", [MMD_DIR_BT] = "diagram_mermaid_dir_bt",
	                                   [MMD_DIR_LR] = "diagram_mermaid_dir_lr", [MMD_DIR_RL] = "diagram_mermaid_dir_rl"};
	const struct mmd_flowchart *f = &m->u.flow;
	char *nodes = model_number_text(site, (long)f->nnodes), *edges = model_number_text(site, (long)f->nedges);
	const struct phrase_arg args[] = {{"name", diagram_mermaid_name(site, m)},
	                                  {"direction", model_string(site, dirs[f->dir])},
	                                  {"nodes", nodes},
	                                  {"edges", edges}};
	sentence(out, site, "diagram_mermaid_flow_intro", args, 4);
	free(nodes);
	free(edges);
}

static void flow_edges(struct buf *out, const struct site *site, const struct mmd_flowchart *f)
{
	for (size_t i = 0; i < f->nedges; i++) {
		const struct mmd_edge *e = &f->edges[i];
		const struct phrase_arg args[] = {
			{"from", f->nodes[e->from].label}, {"to", f->nodes[e->to].label}, {"label", e->label}};
		const char *key = e->head ? (e->label ? "diagram_mermaid_edge_label" : "diagram_mermaid_edge")
		                          : (e->label ? "diagram_mermaid_link_label" : "diagram_mermaid_link");
		sentence(out, site, key, args, e->label ? 3 : 2);
	}
}

/* The labels of the nodes for which keep() holds, "A, B and C", as the
 * phrase key with its other argument; nothing when there is none. */
static void node_list(struct buf *out, const struct site *site, const struct mmd_flowchart *f, const bool *keep,
                      const char *key, const char *group)
{
	const char **labels = xcalloc(f->nnodes ? f->nnodes : 1, sizeof *labels);
	size_t n = 0;
	for (size_t i = 0; i < f->nnodes; i++)
		if (keep[i])
			labels[n++] = f->nodes[i].label;
	if (n > 0) {
		struct buf list = BUF_INIT;
		join(&list, site, labels, n);
		const struct phrase_arg args[] = {{"nodes", buf_str(&list)}, {"group", group}};
		sentence(out, site, key, args, group ? 2 : 1);
		buf_free(&list);
	}
	free(labels);
}

static void flow_desc(struct buf *out, const struct site *site, const struct mmd_diagram *m)
{
	const struct mmd_flowchart *f = &m->u.flow;
	flow_intro(out, site, m);
	flow_edges(out, site, f);
	bool *keep = xcalloc(f->nnodes ? f->nnodes : 1, sizeof *keep);
	for (size_t i = 0; i < f->nnodes; i++)
		keep[i] = true;
	for (size_t i = 0; i < f->nedges; i++)
		keep[f->edges[i].from] = keep[f->edges[i].to] = false;
	node_list(out, site, f, keep, "diagram_mermaid_unlinked", NULL);
	for (size_t g = 0; g < f->ngroups; g++) {
		for (size_t i = 0; i < f->nnodes; i++)
			keep[i] = f->nodes[i].group == g + 1;
		node_list(out, site, f, keep, "diagram_mermaid_group", f->groups[g].title);
	}
	free(keep);
}

/* ---- sequence diagrams ------------------------------------------------------- */

static const char *const block_keys[] = {
	[MMD_BLOCK_LOOP] = "diagram_mermaid_block_loop", [MMD_BLOCK_ALT] = "diagram_mermaid_block_alt",
	[MMD_BLOCK_OPT] = "diagram_mermaid_block_opt",   [MMD_BLOCK_PAR] = "diagram_mermaid_block_par",
	[MMD_BLOCK_RECT] = "diagram_mermaid_block_rect",
};

static const char *const end_keys[] = {
	[MMD_BLOCK_LOOP] = "diagram_mermaid_end_loop", [MMD_BLOCK_ALT] = "diagram_mermaid_end_alt",
	[MMD_BLOCK_OPT] = "diagram_mermaid_end_opt",   [MMD_BLOCK_PAR] = "diagram_mermaid_end_par",
	[MMD_BLOCK_RECT] = "diagram_mermaid_end_rect",
};

/* A block's line: its name, and its condition when it has one. */
static void block_line(struct buf *out, const struct site *site, const char *key, const char *text)
{
	sentence(out, site, key, NULL, 0);
	if (*text)
		buf_printf(out, ": %s", text);
	buf_putc(out, '.');
}

static void seq_intro(struct buf *out, const struct site *site, const struct mmd_diagram *m)
{
	const struct mmd_sequence *s = &m->u.seq;
	const char **labels = xcalloc(s->nparticipants ? s->nparticipants : 1, sizeof *labels);
	for (size_t i = 0; i < s->nparticipants; i++)
		labels[i] = s->participants[i].label;
	struct buf list = BUF_INIT;
	join(&list, site, labels, s->nparticipants);
	const struct phrase_arg args[] = {{"name", diagram_mermaid_name(site, m)}, {"participants", buf_str(&list)}};
	sentence(out, site, "diagram_mermaid_seq_intro", args, 2);
	buf_free(&list);
	free(labels);
}

static void seq_message(struct buf *out, const struct site *site, const struct mmd_sequence *s,
                        const struct mmd_step *st, long number)
{
	char *n = model_number_text(site, number);
	const struct phrase_arg args[] = {{"number", n},
	                                  {"from", s->participants[st->from].label},
	                                  {"to", s->participants[st->to].label},
	                                  {"text", st->text}};
	sentence(out, site, *st->text ? "diagram_mermaid_message" : "diagram_mermaid_message_plain", args,
	         *st->text ? 4 : 3);
	free(n);
}

static void seq_note(struct buf *out, const struct site *site, const struct mmd_sequence *s, const struct mmd_step *st)
{
	static const char *const keys[] = {[MMD_NOTE_LEFT] = "diagram_mermaid_note_left",
	                                   [MMD_NOTE_RIGHT] = "diagram_mermaid_note_right",
	                                   [MMD_NOTE_OVER] = "diagram_mermaid_note_over"};
	const char *who[] = {s->participants[st->from].label, s->participants[st->to].label};
	struct buf list = BUF_INIT;
	join(&list, site, who, st->to == st->from ? 1 : 2);
	const struct phrase_arg args[] = {{"who", buf_str(&list)}, {"text", st->text}};
	sentence(out, site, keys[st->place], args, 2);
	buf_free(&list);
}

static void seq_desc(struct buf *out, const struct site *site, const struct mmd_diagram *m)
{
	const struct mmd_sequence *s = &m->u.seq;
	enum mmd_block open[MERMAID_MAX_DEPTH];
	size_t depth = 0;
	long messages = 0;
	seq_intro(out, site, m);
	for (size_t i = 0; i < s->nsteps; i++) {
		const struct mmd_step *st = &s->steps[i];
		const struct phrase_arg who[] = {{"who", s->participants[st->from].label}};
		switch (st->kind) {
		case MMD_STEP_MESSAGE:
			seq_message(out, site, s, st, ++messages);
			break;
		case MMD_STEP_NOTE:
			seq_note(out, site, s, st);
			break;
		case MMD_STEP_ACTIVATE:
		case MMD_STEP_DEACTIVATE:
			sentence(out, site, st->kind == MMD_STEP_ACTIVATE ? "diagram_mermaid_activate" : "diagram_mermaid_deactivate",
			         who, 1);
			break;
		case MMD_STEP_BEGIN:
			if (depth < MERMAID_MAX_DEPTH)
				open[depth++] = st->block;
			block_line(out, site, block_keys[st->block], st->text);
			break;
		case MMD_STEP_ELSE:
			block_line(out, site, st->block == MMD_BLOCK_PAR ? "diagram_mermaid_block_and" : "diagram_mermaid_block_else",
			           st->text);
			break;
		case MMD_STEP_END:
			if (depth > 0)
				sentence(out, site, end_keys[open[--depth]], NULL, 0);
			break;
		}
	}
}

char *diagram_mermaid_desc(const struct site *site, const struct mmd_diagram *m)
{
	struct buf out = BUF_INIT;
	if (m->kind == MMD_FLOWCHART)
		flow_desc(&out, site, m);
	else
		seq_desc(&out, site, m);
	return buf_detach(&out);
}
