/*
 * mdblocks: Markdown for the playbook, as blocks.
 *
 * The PDF's own walk over the cmark tree of a body (the web page has its
 * own, content/markdown.h): paragraphs justified in the body size, with
 * emphasis, code and links as typeset spans (their site paths made
 * absolute); headings as sections and subsections; bulleted and numbered
 * lists with the marker hanging in the margin; code blocks line by line in
 * the monospaced face on a band; block quotes indented; thematic breaks as
 * rules.  Raw HTML, and anything else, is left out.  Inside a list item
 * only paragraphs are set, its own or a quote's (at the item's indent): a
 * list, code block or heading nested in an item is left out of the PDF,
 * though the web page shows it.
 */
#ifndef FOLIO_MDBLOCKS_H
#define FOLIO_MDBLOCKS_H

#include <cmark-gfm.h>

#include "pdf/blocks.h"

/* Adds the blocks of parent's children to b, in width at x.  A heading of
 * level n becomes a level n + heading_base heading of blocks.h, held
 * between 2 and 3: never a chapter.  The tree is only read. */
void mdblocks_add(struct blocks *b, cmark_node *parent, double x, double width, int heading_base);

#endif
