/*
 * reuse: files a build takes from the previous build instead of making
 * them again.
 *
 * PNGs.  A PNG (a diagram at a scale, or a social card) is a pure function
 * of what it draws, the fonts and the program that draws it, with its
 * libraries (cairo, pixman, FreeType, zlib, libpng).  Its key is a hash of
 * what it draws, serialized field by field (every coordinate to the bit,
 * every line of text, every role; a card's title, context, publisher and
 * motif) with its kind and scale.  The fonts and the program are the
 * build's "tools" fingerprint, kept in the build record: the
 * previous build's list is used only when its tools match this build's.
 *
 * Playbooks.  The preview server's first phase (options.reuse_playbooks)
 * takes each playbook PDF from the previous build as it is, with the page
 * count that build recorded, so that pages are ready before the slow PDF is;
 * its second phase makes them again.
 *
 * Either way a file is reused only when the previous output still holds it
 * with the bytes the record says (a 128-bit hash, base/hash.h): a file altered
 * or removed since is made again.  Every PNG and playbook the build writes
 * is noted, for the next build's record.
 *
 * Thread safety: reuse_png, reuse_playbook and the reuse_note functions
 * may be called from any thread.
 */
#ifndef FOLIO_REUSE_H
#define FOLIO_REUSE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/hash.h"
#include "diagram/layout.h"
#include "diagram/paint_cairo.h"

struct reuse;

/* A file of the output that the next build may take as it is instead of
 * making it again: a PNG, found by what it draws, or a playbook, found by
 * its path.  The build record keeps the list (build/record.h). */
enum reuse_kept_kind { REUSE_KEPT_PNG = 'i', REUSE_KEPT_PLAYBOOK = 'b' };

struct reuse_kept {
	enum reuse_kept_kind kind;
	struct hash key;                /* what a PNG draws; zero for a playbook */
	struct hash bytes;              /* of the file as the build wrote it */
	size_t pages;                   /* a playbook's page count */
	char *path;                     /* in the output, relative; owned; no newline */
};

/* Frees n kept files' paths and the array. */
void reuse_kept_free(struct reuse_kept *kept, size_t n);

/* Reuse from previous_dir (the previous output; NULL: nothing to reuse) the
 * files of old[0..nold) (copied); playbooks only when take_playbooks. */
struct reuse *reuse_new(const char *previous_dir, const struct reuse_kept *old, size_t nold, bool take_playbooks);
void reuse_free(struct reuse *u);

/* reuse_new() with the files of sorted[0..n) (in the order
 * reuse_kept_sort() gives) borrowed, not copied: they must outlive the
 * result and stay as they are meanwhile.  For a caller that keeps the
 * list between builds (the preview's session). */
struct reuse *reuse_borrow(const char *previous_dir, const struct reuse_kept *sorted, size_t n, bool take_playbooks);

/* Sorts kept files as reuse_borrow() wants them, by kind, key and path;
 * reuse_kept_compare() is that order. */
void reuse_kept_sort(struct reuse_kept *kept, size_t n);
int reuse_kept_compare(const struct reuse_kept *x, const struct reuse_kept *y);

/* The keys of a diagram's PNG at scale and of a social card's. */
struct hash reuse_key_diagram(const struct layout *lay, const struct paint_palette *pal, double scale);
struct hash reuse_key_card(const struct paint_cairo_card *c);

/* Appends the previous build's PNG for key to png; false (png untouched)
 * when there is none to reuse.  u may be NULL. */
bool reuse_png(struct reuse *u, struct hash key, struct buf *png);

/* For a build updated in place (output_begin_update), where the previous
 * output is the output: true when the PNG at rel was drawn from key, as
 * the record says, which the caller then keeps as it is
 * (output_keep); it is noted for the next record and not read at all,
 * and *bytes is the hash of its bytes as the record has it.  The files
 * of a folder only Folio writes (the preview's) are trusted to be what
 * it wrote. */
bool reuse_png_here(struct reuse *u, struct hash key, const char *rel, struct hash *bytes);

/* With take_playbooks: appends the previous build's playbook at rel to
 * pdf and sets *pages; false (pdf untouched) otherwise. */
bool reuse_playbook(struct reuse *u, const char *rel, struct buf *pdf, size_t *pages);

/* Notes a PNG or a playbook the build wrote at rel, whose bytes hash to
 * bytes (hash_bytes).  u may be NULL. */
void reuse_note_png(struct reuse *u, struct hash key, const char *rel, struct hash bytes);
void reuse_note_playbook(struct reuse *u, const char *rel, size_t pages, struct hash bytes);

/* The files noted, in a fixed order (kind, key, path), for the next
 * record: the caller owns the array (reuse_kept_free). */
struct reuse_kept *reuse_noted(struct reuse *u, size_t *n);

/* The tools fingerprint: the fonts in fonts_at (their bytes) and the
 * program with every library it has mapped (path, inode and the file's
 * stamp: size, modification and change times, which change whenever the
 * bytes do).  False, with *out zero, when it cannot be known (a library
 * replaced on disk while this process runs, no fonts): then nothing may be
 * reused. */
bool reuse_tools(const char *fonts_at, struct hash *out);

/* How many PNGs were reused, for the summary of a build. */
size_t reuse_count(const struct reuse *u);

#endif
