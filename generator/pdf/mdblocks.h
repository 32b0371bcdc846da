/*
 * mdblocks: Markdown for the playbook, as blocks.
 *
 * The PDF's own walk over the cmark tree of a body (the web page has its
 * own, content/markdown.h): paragraphs justified in the body size, with
 * emphasis, code, links (their site paths made absolute) and
 * strikethrough (a line drawn through) as typeset spans; headings as
 * sections and subsections; bulleted and numbered lists with the marker
 * hanging in the margin, a task's marker a drawn box, empty or ticked (no
 * glyph the fonts could lack); code blocks line by line in the monospaced
 * face on a band, each line's spaces kept, leading ones and runs (tabs
 * stop every 4 columns); block quotes indented; thematic breaks as rules.  Whatever an
 * item or a quote holds (lists, code, tables, quotes, paragraphs) is set
 * at its indent, recursively: the loader bounds the nesting
 * (MD_MAX_DEPTH), and a column too narrow to indent further stays put.
 *
 * GFM tables go through the playbook's tables (blocks_table_in): the
 * header row bold on its band and repeated on each page the table spans,
 * the columns aligned as the delimiter row says, inline markup in cells,
 * long cells wrapped in columns that share the width.  A paragraph
 * "Table: text" right before a table is its caption, set above it in
 * bold and kept with it, not as a paragraph.
 *
 * Footnotes: cmark-gfm puts the definitions at the end of the text, in
 * the order of their first reference, and numbers the references (an
 * unreferenced definition is dropped).  They are set at the end of the
 * text, or later where the caller holds them back to (mdblocks_add_held:
 * the end of the chapter), after a short rule, in the small size, each
 * starting with its number.  A reference is its number raised, linked to
 * its note; the note's number links back to its first reference.  Raw
 * HTML, and anything else, is left out.
 *
 * Links: paper shows no link's address, so every link whose words are
 * not already its address is followed by " [n]", the number
 * blocks_cite() gives its address, a link too; whoever sets the chapter
 * lists the numbered addresses (blocks_take_citations).
 */
#ifndef FOLIO_MDBLOCKS_H
#define FOLIO_MDBLOCKS_H

#include <cmark-gfm.h>

#include "content/model.h"
#include "pdf/blocks.h"

/* Adds the blocks of doc's children to b, in width at x,
 * its footnotes last; site's words describe its diagrams (site may be
 * NULL: they then have no description).  A heading of level n becomes a level n +
 * heading_base heading of blocks.h, held between 2 and 3: never a chapter.
 * The tree is only read. */
void mdblocks_add(struct blocks *b, const struct site *site, cmark_node *doc, double x, double width, int heading_base);

/* A text whose footnotes are held back. */
struct mdblocks_text;

/* mdblocks_add without the footnotes: returns what mdblocks_notes() needs
 * to set them later, or NULL when the text has none.  doc must live until
 * then. */
struct mdblocks_text *mdblocks_add_held(struct blocks *b, const struct site *site, cmark_node *doc, double x,
                                        double width, int heading_base);

/* A text set in parts, with other blocks between them: mdblocks_start()
 * sets nothing yet; each mdblocks_continue() sets doc's next children up
 * to stop, one of them (NULL: to the end); mdblocks_notes() ends it, its
 * footnotes numbered through all its parts. */
struct mdblocks_text *mdblocks_start(struct blocks *b, const struct site *site, cmark_node *doc, double x,
                                     double width, int heading_base);
/* t NULL: nothing to do. */
void mdblocks_continue(struct mdblocks_text *t, const cmark_node *stop);

/* Sets the footnotes of a held text where b has got to, and frees t;
 * NULL: nothing to do. */
void mdblocks_notes(struct mdblocks_text *t);

#endif
