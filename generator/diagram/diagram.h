/*
 * diagram: what the diagrams of a resource show, taken from the model.
 *
 * A pattern's diagram has its systems as boxes and its flows as arrows
 * (lanes layout); the overview has the resource's hub at the centre and
 * one box per pattern around it (hub layout).  The text alternative of
 * each diagram comes from the same data.
 */
#ifndef FOLIO_DIAGRAM_H
#define FOLIO_DIAGRAM_H

#include "base/font.h"
#include "content/mermaid.h"
#include "content/model.h"
#include "diagram/layout.h"

/* Layouts; the caller frees them with layout_free(). */
struct layout *diagram_pattern(const struct pattern *p, const struct fontset *fs);
struct layout *diagram_overview(const struct resource *r, const struct fontset *fs);

/* One-paragraph descriptions for <desc> and alt text, in the words of
 * site's strings diagram_flow and diagram_overview; caller frees. */
char *diagram_pattern_desc(const struct site *site, const struct pattern *p);
char *diagram_overview_desc(const struct site *site, const struct resource *r);

/* The layout of a diagram written in Mermaid: a flowchart laid out by
 * Graphviz's dot (flowchart.h), a sequence diagram in lanes (sequence.h).
 * Caller frees. */
struct layout *diagram_mermaid(const struct mmd_diagram *m, const struct fontset *fs);

/* Its text alternative, for <desc> and the PDF: a flowchart's nodes and
 * edges, a sequence diagram's messages in order, in the words of site's
 * strings (diagram_mermaid_*).  Caller frees. */
char *diagram_mermaid_desc(const struct site *site, const struct mmd_diagram *m);

/* The name of its kind in site's strings ("Flowchart", "Sequence
 * diagram"): the title of a diagram given no caption.  Borrowed from
 * site. */
const char *diagram_mermaid_name(const struct site *site, const struct mmd_diagram *m);

#endif
