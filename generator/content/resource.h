/*
 * resource: one resource read from its folder of content/resources/.
 *
 * Its resource.yaml comes first (decoded, its calls to action tied to the
 * site's), then its patterns and questions (front matter and Markdown
 * files), in order, then what ties them together (xref.h).  A pattern's
 * body may be left on disk, hashed, for its page to read back (body.h).
 */
#ifndef FOLIO_RESOURCE_H
#define FOLIO_RESOURCE_H

#include <stdbool.h>
#include <stdint.h>

#include "content/loader.h"

/* Sets what a resource's folder name slug gives it (slug, url) and its
 * position, at the file shown. */
void resource_start(struct resource *r, const char *slug, const char *shown);

/* Reads the resource in content/resources/slug/ into r (zeroed).  Every
 * mistake is reported; returns false when there was one. */
bool resource_read(struct loader *ld, const char *slug, struct resource *r);

/* Reads the clean text of a resource.yaml (NULL: it could not be read,
 * already reported) into r, started with resource_start(), then the
 * resource's patterns and questions from their folders. */
bool resource_read_text(struct loader *ld, const char *text, const char *shown, struct resource *r);

/* Reads the clean text of a front-matter document (a pattern or a
 * question) named shown into obj, of schema s, and its Markdown body into
 * body: parsed and checked, or, with on_disk, left in its file (whose
 * bytes hash to hash) after checking it is not empty.  Returns false
 * after reporting; *unread (when not NULL) is set when the front matter
 * could not even be parsed, so that nothing is checked against it. */
bool resource_read_page(struct loader *ld, const char *text, const char *shown, const struct schema *s, void *obj,
                        struct md *body, bool on_disk, uint64_t hash, bool *unread);

#endif
