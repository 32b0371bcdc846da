/*
 * chapters: what the playbook says, from the model.
 *
 * The body of a resource's playbook as blocks (blocks.h), chapter after
 * chapter, in the order of the resource's page (resource.contents): the
 * introduction first (the summary, then why it matters, who it is for,
 * what it helps with and the steps, those it has, in its order), then one
 * chapter per pattern (its diagram, facts, connected systems, data flows,
 * narrative, pitfalls, mapping template and effort assumptions), the
 * decision matrix, the support matrix with its numbered sources,
 * the scope and cost worksheet, the questions and answers (all of them,
 * where the other questions are) and each custom section, wherever the
 * resource puts them; how the publisher helps comes last.  The
 * architecture overview, the map of the book, comes right after the
 * introduction wherever the page puts it.  The trust points and the
 * related links are the page's only.  Which of
 * these a resource has is the model's say; how they look is blocks.h's
 * and draw.h's.
 */
#ifndef FOLIO_CHAPTERS_H
#define FOLIO_CHAPTERS_H

#include <stdatomic.h>
#include <stdbool.h>

#include "base/diag.h"
#include "content/model.h"
#include "pdf/blocks.h"

/* Adds the chapters of r's playbook to b, in order.  Markdown bodies left
 * on disk are read back for the time it takes (their page reports their
 * mistakes).  *cancel is looked at between the patterns' chapters (cancel
 * may be NULL: never): once it is true the rest is left out, for the
 * caller drops the playbook.  Returns false when a body could not be read
 * back, after reporting it to d: the blocks then lack it. */
bool chapters_add(struct blocks *b, const struct site *site, const struct resource *r, const atomic_bool *cancel,
                  struct diag *d);

/* Whether r's playbook has the architecture overview chapter, whose
 * diagram the cover then leaves to it. */
bool chapters_has_overview(const struct resource *r);

#endif
