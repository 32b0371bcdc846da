/*
 * mermaid: diagrams written as Mermaid text in a Markdown body.
 *
 * A fenced code block whose info string is "mermaid" holds a diagram
 * (folio(5): Diagrams as code).  This module reads the subset Folio draws,
 * flowcharts and sequence diagrams, into plain data: what the diagram
 * shows, with no geometry.  The diagram stage lays it out (flowcharts with
 * Graphviz's dot, sequence diagrams in lanes) and every painter draws it:
 * SVG in the page, vectors in the PDF.
 *
 * body.c parses every such block as it checks its text and hangs the
 * result on the code block's node (cmark's user data, freed with the
 * tree), as it does an image's record, so a renderer reads plain data
 * through mermaid_of() and never parses Mermaid itself.
 *
 * Everything outside the subset is an error at its line and column in the
 * Markdown file, naming what was found and what is supported; classDef,
 * class, style and linkStyle are ignored with a warning at their line.
 */
#ifndef FOLIO_MERMAID_H
#define FOLIO_MERMAID_H

#include <stdbool.h>
#include <stddef.h>

#include <cmark-gfm.h>

#include "base/diag.h"

/* The info string that marks a fenced block as a diagram. */
#define MERMAID_INFO "mermaid"

/* Limits, so that a diagram cannot grow a page or a layout without end;
 * beyond them the block is an error that names the limit. */
#define MERMAID_MAX_NODES 150           /* a flowchart's nodes */
#define MERMAID_MAX_EDGES 300           /* a flowchart's edges */
#define MERMAID_MAX_GROUPS 50           /* a flowchart's subgraphs */
#define MERMAID_MAX_DEPTH 8             /* subgraphs, or blocks, one in another */
#define MERMAID_MAX_PARTICIPANTS 30     /* a sequence diagram's lanes */
#define MERMAID_MAX_STEPS 400           /* a sequence diagram's messages, notes and block lines */
#define MERMAID_MAX_LABEL 300           /* bytes of one label */

enum mmd_kind { MMD_FLOWCHART, MMD_SEQUENCE };

/* ---- flowcharts ---------------------------------------------------------- */

/* Which way the ranks go: TD and TB are the same. */
enum mmd_dir { MMD_DIR_TB, MMD_DIR_BT, MMD_DIR_LR, MMD_DIR_RL };

enum mmd_shape {
	MMD_SHAPE_RECT,         /* A[text] */
	MMD_SHAPE_ROUNDED,      /* A(text) */
	MMD_SHAPE_STADIUM,      /* A([text]) */
	MMD_SHAPE_DATABASE,     /* A[(text)] */
	MMD_SHAPE_CIRCLE,       /* A((text)) */
	MMD_SHAPE_DECISION,     /* A{text} */
	MMD_SHAPE_SUBROUTINE,   /* A[[text]] */
	MMD_SHAPES
};

enum mmd_stroke {
	MMD_STROKE_SOLID,       /* -->, --- */
	MMD_STROKE_DOTTED,      /* -.->, -.- */
	MMD_STROKE_THICK,       /* ==>, === */
	MMD_STROKES
};

struct mmd_node {
	char *id;               /* owned: as written, "A" */
	char *label;            /* owned: the text shown; the id when none is given */
	enum mmd_shape shape;
	size_t group;           /* 1 + index of the innermost subgraph holding it; 0: none */
	struct pos at;          /* where it first appears */
};

struct mmd_edge {
	size_t from, to;        /* indexes into nodes */
	char *label;            /* owned; NULL: none */
	enum mmd_stroke stroke;
	bool head;              /* an arrow head at to ("-->"); false for "---" */
	struct pos at;
};

struct mmd_group {
	char *id;               /* owned */
	char *title;            /* owned: the id when none is given */
	size_t parent;          /* 1 + index of the subgraph holding it; 0: none */
	struct pos at;
};

/* Nodes, edges and groups in the order they first appear in the text:
 * layouts and descriptions follow that order, so output is deterministic. */
struct mmd_flowchart {
	enum mmd_dir dir;
	struct mmd_node *nodes;
	size_t nnodes;
	struct mmd_edge *edges;
	size_t nedges;
	struct mmd_group *groups;
	size_t ngroups;
};

/* ---- sequence diagrams --------------------------------------------------- */

struct mmd_participant {
	char *id;               /* owned: as written in messages */
	char *label;            /* owned: the alias's text ("as ..."), else the id */
	bool actor;             /* "actor": drawn as a figure, not a box */
	struct pos at;
};

/* A message's line and its end, from its arrow:
 *   ->  solid, none      -->  dotted, none
 *   ->> solid, head      -->> dotted, head
 *   -x  solid, cross     --x  dotted, cross
 *   -)  solid, open      --)  dotted, open (asynchronous) */
enum mmd_end { MMD_END_NONE, MMD_END_HEAD, MMD_END_CROSS, MMD_END_OPEN };

enum mmd_note_place { MMD_NOTE_LEFT, MMD_NOTE_RIGHT, MMD_NOTE_OVER };

enum mmd_block { MMD_BLOCK_LOOP, MMD_BLOCK_ALT, MMD_BLOCK_OPT, MMD_BLOCK_PAR, MMD_BLOCK_RECT };

enum mmd_step_kind {
	MMD_STEP_MESSAGE,       /* from -> to, text */
	MMD_STEP_NOTE,          /* over/left/right of from (.. to for "over A,B"), text */
	MMD_STEP_ACTIVATE,      /* from: "activate A", or "+" on a message (which comes first) */
	MMD_STEP_DEACTIVATE,    /* from: "deactivate A", or "-" on a message (which comes first) */
	MMD_STEP_BEGIN,         /* block opens: block, text its condition (may be "") */
	MMD_STEP_ELSE,          /* "else" of alt, "and" of par: text its condition (may be "") */
	MMD_STEP_END            /* the innermost open block closes */
};

struct mmd_step {
	enum mmd_step_kind kind;
	size_t from, to;        /* participant indexes; to == from when one */
	char *text;             /* owned; "" when none */
	bool dotted;            /* message */
	enum mmd_end end;       /* message */
	int number;             /* message: its autonumber, 0 when not numbered */
	enum mmd_note_place place;      /* note */
	enum mmd_block block;   /* begin: which block */
	struct pos at;
};

/* Participants in the order they are declared or first used; steps in the
 * order written.  Every BEGIN has its END, every ELSE sits in an alt (else)
 * or par (and) block, and every DEACTIVATE follows an ACTIVATE of the same
 * participant: the parser refuses text that breaks these. */
struct mmd_sequence {
	struct mmd_participant *participants;
	size_t nparticipants;
	struct mmd_step *steps;
	size_t nsteps;
};

/* ---- one diagram ----------------------------------------------------------- */

struct mmd_diagram {
	enum mmd_kind kind;
	union {
		struct mmd_flowchart flow;
		struct mmd_sequence seq;
	} u;
	char *source;           /* owned: the block's text, as written */
	struct pos at;          /* the fence line of its block */
};

/*
 * Reads src[0..len) (the text of a fenced block, UTF-8 already checked)
 * whose fence line is at (its first line of text is the next one; each of
 * its lines starts at column at.col).  On success returns the diagram,
 * which the caller frees with mermaid_free(); warnings may have gone to d.
 * On a mistake reports every one it can to d, each at its own line and
 * column, and returns NULL: nothing partial is returned.  Thread-safe.
 */
struct mmd_diagram *mermaid_parse(const char *src, size_t len, struct pos at, struct diag *d);

void mermaid_free(struct mmd_diagram *m);

/* Whether code block n is a diagram: its info string's first word is
 * MERMAID_INFO. */
bool mermaid_is_block(cmark_node *n);

/* Parses code block n (mermaid_is_block), whose fence is at at, and hangs
 * the diagram on n for the renderers; false after reporting to d, n left
 * without one.  Thread-safe. */
bool mermaid_resolve(cmark_node *n, struct pos at, struct diag *d);

/* The diagram mermaid_resolve hung on n, or NULL. */
const struct mmd_diagram *mermaid_of(cmark_node *n);

#endif
