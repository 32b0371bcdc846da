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
 * Every site reads English for now.  With languages, the file becomes
 * strings/<language>.yaml, read by the same function, and en.yaml, the
 * list of names, says which it must hold.
 */
#ifndef FOLIO_STRINGS_H
#define FOLIO_STRINGS_H

#include <stdbool.h>

#include "content/loader.h"

/* The strings file every site reads, inside a folder of templates. */
#define STRINGS_FILE "strings/en.yaml"

/*
 * Reads the strings file from the first folder of template_dirs
 * (NULL-terminated, most particular first) that has it, puts site.yaml's
 * strings (in ld->site->strings, as decoded) over it, and checks them all.
 * ld->site->strings then holds every string, sorted by key.  Returns
 * false after reporting every mistake.
 */
bool strings_read(struct loader *ld, const char *const *template_dirs);

#endif
