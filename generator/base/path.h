/*
 * path: file paths as an author sees them.
 */
#ifndef FOLIO_PATH_H
#define FOLIO_PATH_H

/* The path of rel inside the folder dir, as messages name it: dir "." or
 * "" adds nothing, and a dir ending in '/' gets no second one.  The
 * caller frees it. */
char *path_in(const char *dir, const char *rel);

#endif
