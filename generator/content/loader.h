/*
 * loader: the state the modules of the content stage share while they read
 * one source folder.  Private to content/: load.h is the stage's face.
 *
 * A struct loader is used by one thread.  Reading resources on several
 * threads, each gets a copy with a diag and a loader_seen of its own (load.c),
 * handed over in folder order afterwards, so any number of threads gives
 * the same site and the same report.
 */
#ifndef FOLIO_LOADER_H
#define FOLIO_LOADER_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "base/hash.h"
#include "content/body.h"
#include "content/load.h"
#include "content/model.h"

/* What reading sees beside the objects it fills, for the site to own
 * once loading is done: the file names positions point into, every
 * content file read with the hash of its bytes, and the links to site
 * paths (in the order they were written). */
struct loader_seen {
	char **paths;                   /* owned */
	size_t npaths, cap_paths;
	struct hash_known *read;       /* owned; the paths are in paths */
	size_t nread, cap_read;
	struct body_links links;
};

/* A folder below content/ and its realpath (source.h). */
struct folder {
	char *path, *real;
};

#define LOADER_FOLDERS 8

struct loader {
	const struct options *opt;
	const struct fontset *fonts;   /* texts are checked against them; NULL: not */
	struct diag *d;
	struct site *site;              /* being filled; a thread reading one resource only reads it */
	struct loader_seen *seen;     /* this thread's */
	char *content_dir;              /* content/ as path_in() names it */
	char *content_real;             /* its realpath, for symlink checks */
	bool raw_html;                  /* site.yaml's markdown.raw_html: keep raw HTML */
	long scale_max;                 /* the resource being read: its complexity scale
	                                 * (SF_SCALE fields); 0 before one is read */
	struct folder folders[LOADER_FOLDERS];  /* the last folders resolved */
	size_t next_folder;             /* the slot the next one takes */
};

/* Keeps a copy of path in what ld saw until the site owns it; returns the
 * copy, for struct pos. */
const char *loader_intern_path(struct loader *ld, const char *path);

/* Notes that the content file at path (interned) was read, its bytes
 * hashing to hash, so that fingerprinting the inputs need not read it
 * again. */
void loader_note_read(struct loader *ld, const char *path, struct hash hash);

/* Moves what from saw to the end of into; from is left empty. */
void loader_seen_append(struct loader_seen *into, struct loader_seen *from);

/* Gives what was seen to site, which holds none yet and then owns them
 * (model_free); seen is left empty. */
void loader_seen_give(struct loader_seen *seen, struct site *site);

/* Frees what no site took; seen is left empty. */
void loader_seen_free(struct loader_seen *seen);

/* Sets a derived value (one the loader computes), freeing the old one;
 * value is taken. */
void loader_set_derived(struct str *s, char *value, struct pos at);

/* Warns when a description (key names it) has a length search engines
 * would cut or pad. */
void loader_check_description(struct loader *ld, const struct str *s, const char *key);

/* Reports every id (a struct str at id_offset in each element of list, of
 * schema s) used twice; what names them ("system").  Returns false when
 * there was one. */
bool loader_check_unique_ids(struct loader *ld, const struct list *list, const struct schema *s, size_t id_offset,
                             const char *what);

#endif
