/*
 * sections: the sections of a resource's page, and their order.
 *
 * A resource has a built-in section for each part its resource.yaml
 * writes (why, cards, steps, help, the playbook...) and for what its
 * folders hold (patterns, quick answers, other questions), plus the
 * Markdown sections of custom_sections.  Its 'sections' list, when it has
 * one, gives their order by id (model_sections, or a custom section's
 * anchor); without it, the built-in ones come in their default order and
 * the custom ones after them.  The result is the derived list
 * resource.contents (struct page_section), which every renderer walks.
 */
#ifndef FOLIO_SECTIONS_H
#define FOLIO_SECTIONS_H

#include <stdbool.h>

#include "content/loader.h"

/* Once r's resource.yaml, patterns and questions are read: checks that
 * what a section needs is there (a title for the patterns and questions
 * of the folders, patterns for the parts that show them), gives each
 * custom section its anchor, and fills r->contents in the resource's
 * order.  Every mistake is reported; returns false when there was one. */
bool sections_order(struct loader *ld, struct resource *r);

/* The section of r's page whose id is id, or NULL.  After
 * sections_order(). */
const struct page_section *sections_find(const struct resource *r, const char *id);

#endif
