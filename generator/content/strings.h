/*
 * strings: the interface phrases of the theme, read into the model.
 *
 * Every fixed phrase the pages, the playbook, the feeds and the Markdown
 * copies show ("On this page", "Page 3 of 36") comes from the theme's
 * strings file, strings/en.yaml beside the templates: a flat mapping of
 * snake_case names to phrases.  site.yaml's strings: overrides any of
 * them.  The file holds the list of names, so a new phrase is one line
 * of it; the code names only the strings it fills itself, with the
 * placeholders it fills (strings.c), and the loader makes sure each of
 * those exists with exactly those placeholders.
 *
 * A site reads the file of its language (site.yaml's language, a BCP 47
 * tag): strings/<tag>.yaml, else the tag with its last subtag dropped
 * ("de-AT", then "de").  Like a template, the file is the site's own
 * when its templates/ has one, else the theme's: whole, never merged.
 * en.yaml is the list of names, so every other language's file must
 * hold exactly its names; a missing one is an error naming it.
 */
#ifndef FOLIO_STRINGS_H
#define FOLIO_STRINGS_H

#include <stdbool.h>

#include "content/loader.h"

/* The English strings file, inside a folder of templates: the list of
 * names every language's file holds. */
#define STRINGS_NAMES "strings/en.yaml"

/*
 * Reads the strings file of the site's language from the first folder of
 * template_dirs (NULL-terminated, most particular first) that has it,
 * checks it against the English one, puts site.yaml's
 * strings (in ld->site->strings, as decoded) over it, and checks them all.
 * ld->site->strings then holds every string, sorted by key.  Returns
 * false after reporting every mistake.
 */
bool strings_read(struct loader *ld, const char *const *template_dirs);

#endif
