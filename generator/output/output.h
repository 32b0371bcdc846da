/*
 * output: writes a build into a staging folder and swaps it into place.
 *
 * Nothing is written to the published folder itself: files go to a
 * staging folder beside it, and output_commit() exchanges the two in one
 * rename (renameat2 RENAME_EXCHANGE), so the published folder is at every
 * moment the old build or the new one, never a mix.  A failed build calls
 * output_abort() and the published folder stays as it was.
 *
 * To avoid ever deleting a folder Folio did not make, an existing output
 * folder is replaced only when it is empty or holds the marker file that
 * every build writes (OUTPUT_MARKER).
 */
#ifndef FOLIO_OUTPUT_H
#define FOLIO_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "base/hash.h"

#define OUTPUT_MARKER ".folio-build"

struct output;

/* Prepares a staging folder for final_dir (shown in messages as shown).
 * Returns NULL after reporting an error. */
struct output *output_begin(const char *final_dir, const char *shown, struct diag *d);

/* Writes a file at rel (a relative path with '/'), creating folders. */
bool output_write(struct output *o, const char *rel, const void *data, size_t len);

/* output_write() of data whose hash_bytes() the caller has worked out. */
bool output_write_hashed(struct output *o, const char *rel, const void *data, size_t len, struct hash bytes);

/* Copies the file src (a path) to rel, creating folders. */
bool output_copy_file(struct output *o, const char *src, const char *rel);

/* Copies the tree src (shown as shown_src) into the output root.  A
 * missing src copies nothing. */
bool output_copy_tree(struct output *o, const char *src, const char *shown_src);

/* A folder to copy, and how messages name it. */
struct output_tree {
	const char *path;
	const char *shown;
};

/* Copies the union of the trees srcs[0..n) into the output root: a path
 * found in several is taken from the first (a site's static/ before the
 * theme's), and a folder found in several gets the files of all.  A
 * missing tree adds nothing. */
bool output_copy_trees(struct output *o, const struct output_tree *srcs, size_t n);

/* True when the build has written a file at rel. */
bool output_has(const struct output *o, const char *rel);

/* Number of files written so far. */
size_t output_count(const struct output *o);

/* Number of HTML files written so far whose bytes differ from the
 * previous build's (all of them when there is none). */
size_t output_new_pages(const struct output *o);

/* Swaps the staging folder in and removes the previous build; frees o.
 * Returns false after reporting an error (the old build then stays). */
bool output_commit(struct output *o);

/* output_commit(), which also works out the output's fingerprint as
 * tree_stamp() (base/tree.h) would find it, from what the build wrote,
 * without walking the tree: *stamped is false when it could not (then
 * walk). */
bool output_commit_stamped(struct output *o, struct hash *stamp, bool *stamped);

/*
 * An update of a build in place, for the preview, which owns its folder:
 * a write whose bytes differ from the file in place goes at once to a
 * folder beside it (final_dir.update), and output_commit() renames each
 * into place and removes the files output_remove() named; output_abort()
 * removes that folder and leaves final_dir as it was.  A reader may see some files of the update before
 * others.  output_has() also answers for the files already in final_dir
 * but those to be removed.  NULL after reporting when final_dir is not a
 * build of Folio's.
 */
struct output *output_begin_update(const char *final_dir, const char *shown, struct diag *d);

/* output_commit() of an update, on up to threads threads, which also says
 * how many HTML files it changed. */
bool output_apply(struct output *o, int threads, size_t *new_pages);

/* output_apply(), which also carries the folder's fingerprint (tree_stamp,
 * base/tree.h) forward: *stamp holds it as it was before the update and
 * then as it is after, worked out from the entries the update replaced,
 * added and removed, without walking the folder, and *files the regular
 * files it added less those it removed.  *stamped is false when an entry
 * could not be stat'ed (then walk).  The fingerprint is the folder's only
 * if nothing else changed it meanwhile, which the next walk would see. */
bool output_apply_stamped(struct output *o, int threads, size_t *new_pages, struct hash *stamp, long *files,
                          bool *stamped);

/* The files an update has written so far whose bytes differ from those
 * in place (0 for a build). */
size_t output_changed(struct output *o);

/* Whether o is an update in place (output_begin_update). */
bool output_in_place(const struct output *o);

/* Tells an update what the build it updates wrote at rel: the hash of
 * its bytes (hash_bytes), as that build's record says (zero: not known).
 * A write of rel then compares its bytes with that hash instead of
 * reading the file in place; a path told two different hashes is read.
 * Only for a caller that checks, before output_apply, that the folder is
 * still as that record describes it: a file changed by hand meanwhile
 * would otherwise be taken for the one the record names.  Call it before
 * any write. */
void output_know(struct output *o, const char *rel, struct hash bytes);

/* The hash output_know() was told of rel into *bytes; false when there
 * is none (or two).  The page a note of output/bodies.h was taken from is
 * found by it.  Any thread may ask once the writes have begun. */
bool output_known(const struct output *o, const char *rel, struct hash *bytes);

/* Notes that the update keeps the file at rel as it is: it counts as
 * written (output_has, output_made) and is not removed. */
void output_keep(struct output *o, const char *rel);

/* Notes that the update removes rel, unless it writes it. */
void output_remove(struct output *o, const char *rel);

/* True when this build (or update) itself wrote rel. */
bool output_made(const struct output *o, const char *rel);

/* Removes the staging folder; frees o.  NULL is a no-op. */
void output_abort(struct output *o);

/* output_abort for a caller in a hurry (the preview, dropping a build for
 * a newer one): moves the staging folder aside, which is quick, and
 * returns where it now is, for the caller to remove with
 * output_remove_tree when time allows (and free); NULL when nothing was
 * left.  Frees o.  A folder set aside is left alone by the next builds
 * of this process, and removed by the first build after it ends. */
char *output_set_aside(struct output *o);

/* Removes path and everything below it, following no symbolic link;
 * what cannot be removed is left. */
void output_remove_tree(const char *path);

#endif
