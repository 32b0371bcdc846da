/*
 * walk: the folders of content/ listed, and what they hold put in order.
 *
 * A resource is a folder of content/resources/; its patterns and questions
 * are the .md files of its patterns/ and faq/ folders, named by slug.
 * Folders are listed sorted by name, so that any machine reads them in the
 * same order; entries are then ordered by weight and slug, drafts left out
 * unless asked for.
 */
#ifndef FOLIO_WALK_H
#define FOLIO_WALK_H

#include <stdbool.h>
#include <stddef.h>

#include "content/loader.h"

/* The names in the folder rel (relative to the source): of its folders
 * with want_dirs, else of its .md files; sorted, hidden ones left out.
 * NULL (and *count 0) when the folder does not exist.  Free with
 * walk_free_names(). */
char **walk_list(struct loader *ld, const char *rel, bool want_dirs, size_t *count);
void walk_free_names(char **names, size_t n);

/* Checks a file or folder name used as a slug; reports at the file rel. */
bool walk_check_slug(struct loader *ld, const char *name, const char *rel);

/* Reads one entry of a resource: the file rel, named slug, into obj. */
typedef bool (*walk_entry_reader)(struct loader *ld, struct resource *r, const char *rel, const char *slug,
                                  void *obj);

/* Reads every .md file of the resource's folder sub (patterns, faq) into
 * out, a new list of objects of schema s, one in file name order for each
 * (reader fills it), checking their names.  Returns false when anything
 * was reported. */
bool walk_read_entries(struct loader *ld, struct resource *r, const char *sub, const struct schema *s,
                       walk_entry_reader reader, struct list *out);

/* Sorts a list of objects of schema s (resources, patterns, questions) by
 * weight, then slug (each a member at the offset given), and drops the
 * drafts unless ld's options keep them: a draft's links are forgotten (a
 * draft resource's with all its files'), as its pages are not built. */
void walk_order_entries(struct loader *ld, struct list *list, const struct schema *s, size_t weight_off,
                        size_t draft_off, size_t slug_off);

#endif
