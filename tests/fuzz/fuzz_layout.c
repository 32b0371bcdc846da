/*
 * Diagram layout from random systems and flows.  The input is lines:
 *   box NAME[|DETAIL]
 *   flow FROM TO ROLE LABEL[|TAG]     (FROM, TO, ROLE: numbers, taken
 *                                      modulo the boxes and the roles)
 * other lines are ignored.  Both layouts (lanes, and hub with the first
 * box at the centre) are computed and written as SVG.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/xalloc.h"
#include "diagram/layout.h"
#include "diagram/paint_svg.h"
#include "fuzz.h"

#define MAX_BOXES 40
#define MAX_FLOWS 80

struct input {
	struct lay_box_in boxes[MAX_BOXES];
	struct lay_flow_in flows[MAX_FLOWS];
	const char *labels[MAX_BOXES];
	size_t nboxes, nflows;
};

/* Splits "a|b" in place: returns b, or NULL without a '|'. */
static char *split_bar(char *s)
{
	char *bar = strchr(s, '|');
	if (bar == NULL)
		return NULL;
	*bar = '\0';
	return bar + 1;
}

static void read_line(struct input *in, char *line)
{
	if (strncmp(line, "box ", 4) == 0 && in->nboxes < MAX_BOXES) {
		struct lay_box_in *b = &in->boxes[in->nboxes];
		b->name = line + 4;
		b->detail = split_bar(line + 4);
		b->id = b->name;
		in->labels[in->nboxes] = b->detail;
		in->nboxes++;
		return;
	}
	unsigned from, to, role;
	int used = 0;
	if (strncmp(line, "flow ", 5) == 0 && in->nflows < MAX_FLOWS &&
	    sscanf(line + 5, "%u %u %u %n", &from, &to, &role, &used) == 3 && used > 0) {
		struct lay_flow_in *f = &in->flows[in->nflows++];
		f->from = from;
		f->to = to;
		/* 0: a plain arrow; then every kind in every stroke */
		role %= LAY_KINDS * LAY_STROKES + 1;
		f->role = role ? lay_edge_role((role - 1) / LAY_STROKES, (enum lay_stroke)((role - 1) % LAY_STROKES))
		               : ROLE_EDGE_PLAIN;
		f->label = line + 5 + used;
		f->tag = split_bar(line + 5 + used);
	}
}

static void draw(const struct layout *lay)
{
	struct buf svg = BUF_INIT;
	struct svg_options opt = {"dg-", "A title", "A description", true, NULL};
	svg_write(&svg, lay, &opt);
	buf_free(&svg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	struct input in;
	memset(&in, 0, sizeof in);
	for (char *line = text, *next; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		read_line(&in, line);
	}
	if (in.nboxes > 0) {
		size_t kept = 0;
		for (size_t i = 0; i < in.nflows; i++) {
			struct lay_flow_in f = in.flows[i];
			f.from %= in.nboxes;
			f.to %= in.nboxes;
			if (f.from != f.to)     /* the loader refuses a flow to itself */
				in.flows[kept++] = f;
		}
		struct layout *lay = layout_lanes(in.boxes, in.nboxes, in.flows, kept, fuzz_fonts());
		draw(lay);
		layout_free(lay);
		/* Every way an arrow can point, spoke after spoke. */
		enum lay_way ways[MAX_BOXES];
		for (size_t i = 0; i < MAX_BOXES; i++)
			ways[i] = (enum lay_way)(i % 3);
		lay = layout_hub(&in.boxes[0], in.boxes + 1, in.nboxes - 1, in.labels + 1, ways, fuzz_fonts());
		draw(lay);
		layout_free(lay);
	}
	free(text);
	return 0;
}
