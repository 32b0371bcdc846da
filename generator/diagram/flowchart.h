/*
 * flowchart: lays out a Mermaid flowchart with Graphviz's dot.
 *
 * dot (libgvc with the dot layout plugin linked in, run in this process)
 * places the nodes in ranks and routes the edges as splines; Folio gives it
 * every size, measured with its own fonts (node boxes, edge labels and
 * subgraph titles as fixed-size boxes), so Graphviz measures no text and
 * the labels fit what the painters draw.  Edges end on the outline of
 * their nodes' shapes (lay_shape), clipped here, not by Graphviz.
 * Graphviz keeps global state: calls are serialised by a lock.
 */
#ifndef FOLIO_FLOWCHART_H
#define FOLIO_FLOWCHART_H

#include "base/font.h"
#include "content/mermaid.h"
#include "diagram/layout.h"

/* The layout of f, in CSS pixels; caller frees with layout_free().
 * Thread-safe. */
struct layout *layout_flowchart(const struct mmd_flowchart *f, const struct fontset *fs);

#endif
