/*
 * scaffold: `folio new`, the starting files of a site and of its entries.
 *
 * A new site is a folder with content/site.yaml and one resource holding
 * one pattern and one question, which builds and passes `folio check` at
 * once; a new resource, pattern, question or page is one file in an
 * existing site.  The texts are in starters.h.  A file that exists is
 * never changed: when any file to write is already there, nothing is
 * written.
 */
#ifndef FOLIO_SCAFFOLD_H
#define FOLIO_SCAFFOLD_H

#include <stdbool.h>
#include <stdio.h>

enum scaffold_kind { SCAFFOLD_SITE, SCAFFOLD_RESOURCE, SCAFFOLD_PATTERN, SCAFFOLD_FAQ, SCAFFOLD_PAGE };

/* The kind called name: "site", "resource", "pattern", "faq" or "page".
 * False when there is none of that name. */
bool scaffold_kind_named(const char *name, enum scaffold_kind *kind);

/*
 * Writes the starting files of kind.  For SCAFFOLD_SITE, name is the new
 * site's folder (made if missing; it must not have content/ yet) and
 * source is not used.  For the others, name is the entry's slug (a-z,
 * 0-9, '-'), RESOURCE/SLUG for a pattern or a question, and source the
 * folder of the site it goes in, which must have content/site.yaml (and
 * the resource, for a pattern or a question).  Prints a line for each
 * file made on out; false after printing one line on err that says why
 * (then nothing was written, unless the disk failed while writing).
 */
bool scaffold_new(enum scaffold_kind kind, const char *name, const char *source, FILE *out, FILE *err);

#endif
