/*
 * sequence: lays out a Mermaid sequence diagram in lanes.
 *
 * Participants stand in a row of boxes (an actor as a figure) in the
 * order of the diagram, each with a lifeline running down, and again at
 * the foot.  Every step takes a row of its own, in the order written: a
 * message is an arrow between two lifelines (a loop on one for a message
 * to itself) with its text above, a note a box beside or over lifelines,
 * a block (loop, alt, opt, par) a frame around its rows with its keyword
 * in a tab, and rect a tinted band behind them.  Columns are as wide as
 * the widest text between two neighbours needs.
 */
#ifndef FOLIO_SEQUENCE_H
#define FOLIO_SEQUENCE_H

#include "base/font.h"
#include "content/mermaid.h"
#include "diagram/layout.h"

/* The layout of s, in CSS pixels; caller frees with layout_free().
 * Thread-safe. */
struct layout *layout_sequence(const struct mmd_sequence *s, const struct fontset *fs);

#endif
