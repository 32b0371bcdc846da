/* Mermaid text to the diagram model (content/mermaid.h), then its text
 * alternative (diagram/mermaid.c).  A diagram returned must keep the
 * promises of mermaid.h: every index in range, every block closed, every
 * else in its alt or par, every deactivation after an activation, the
 * limits kept. */
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "content/mermaid.h"
#include "content/model.h"
#include "diagram/diagram.h"
#include "fuzz.h"

static void check_flowchart(const struct mmd_flowchart *f)
{
	if (f->nnodes == 0 || f->nnodes > MERMAID_MAX_NODES || f->nedges > MERMAID_MAX_EDGES ||
	    f->ngroups > MERMAID_MAX_GROUPS)
		__builtin_trap();
	for (size_t i = 0; i < f->nedges; i++)
		if (f->edges[i].from >= f->nnodes || f->edges[i].to >= f->nnodes)
			__builtin_trap();
	for (size_t i = 0; i < f->nnodes; i++)
		if (f->nodes[i].group > f->ngroups || strlen(f->nodes[i].label) > MERMAID_MAX_LABEL ||
		    f->nodes[i].label[0] == '\0')
			__builtin_trap();
	for (size_t g = 0; g < f->ngroups; g++)
		if (f->groups[g].parent > g)    /* a parent comes before its child */
			__builtin_trap();
}

static void check_sequence(const struct mmd_sequence *s)
{
	if (s->nparticipants == 0 || s->nparticipants > MERMAID_MAX_PARTICIPANTS || s->nsteps > MERMAID_MAX_STEPS)
		__builtin_trap();
	enum mmd_block open[MERMAID_MAX_DEPTH];
	size_t depth = 0;
	int active[MERMAID_MAX_PARTICIPANTS] = {0};
	for (size_t i = 0; i < s->nsteps; i++) {
		const struct mmd_step *st = &s->steps[i];
		if (st->from >= s->nparticipants || st->to >= s->nparticipants || st->text == NULL)
			__builtin_trap();
		if (st->kind == MMD_STEP_BEGIN) {
			if (depth == MERMAID_MAX_DEPTH)
				__builtin_trap();
			open[depth++] = st->block;
		} else if (st->kind == MMD_STEP_ELSE) {
			if (depth == 0 || open[depth - 1] != st->block ||
			    (st->block != MMD_BLOCK_ALT && st->block != MMD_BLOCK_PAR))
				__builtin_trap();
		} else if (st->kind == MMD_STEP_END) {
			if (depth == 0)
				__builtin_trap();
			depth--;
		} else if (st->kind == MMD_STEP_ACTIVATE) {
			active[st->from]++;
		} else if (st->kind == MMD_STEP_DEACTIVATE) {
			if (active[st->from]-- == 0)
				__builtin_trap();
		}
	}
	if (depth != 0)
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	/* As from cmark: valid UTF-8 with no NUL byte. */
	if (!text_valid_utf8(text, size, NULL) || memchr(text, '\0', size) != NULL)
		return 0;
	struct diag d;
	diag_init(&d, NULL);
	struct pos at = {"fuzz.md", 1, 1};
	struct mmd_diagram *m = mermaid_parse(text, size, at, &d);
	if (m != NULL) {
		if (d.errors != 0)
			__builtin_trap();
		if (m->kind == MMD_FLOWCHART)
			check_flowchart(&m->u.flow);
		else
			check_sequence(&m->u.seq);
		static struct site no_strings;  /* the phrases' keys stand for them */
		char *desc = diagram_mermaid_desc(&no_strings, m);
		free(desc);
	} else if (d.errors == 0) {
		__builtin_trap();       /* refused without a word */
	}
	mermaid_free(m);
	diag_free(&d);
	return 0;
}
