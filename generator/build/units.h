/*
 * units: the build's dependency record, kept for the next `folio build`.
 *
 * A build is made of units (web/render.h): the home page, each resource's
 * pages, pictures and playbook, the site's other pages.  The record
 * (record.h) says whether anything changed; this file says what each unit
 * wrote and what the others may rely on, so that a build after an edit
 * inside some resource folders makes only those resources' units again
 * and puts them in place, as the preview does (session.h):
 *
 *   - the stamps of the inputs but the resource folders' contents, the
 *     templates, the static files and site.yaml ("the rest": the program,
 *     the options, fonts, pages and the interface's strings) in one
 *     hash, and of each folder under content/resources/ in one hash each
 *     (base/tree.h), to tell which resources an edit touched;
 *   - the stamps of the plain pages (content/pages/), which the rest
 *     counts by name alone, and what the other pages show of them
 *     (pages_faces): an edit of a page that leaves that as it was makes
 *     the site's own pages again;
 *   - the stamp of site.yaml, and what the playbooks print of it
 *     (playbook_site_face): an edit of what only the pages show (the
 *     navigation, the footer, the tagline) makes every page again and
 *     takes every playbook as it was, when each resource still says what
 *     it said;
 *   - the static folders by the names of their entries, and by their
 *     stamps but for their fonts/, in one hash each: an edit of a file is
 *     copied over the last build, and a file added or removed builds
 *     whole (it may clash with a page's name);
 *   - the static files the texts link to (an image a page shows at its
 *     size and the playbook prints), by their site paths and their
 *     stamps in one hash: an edit of one of them builds whole;
 *   - every template file, the site's and the theme's, by its bytes, with
 *     which units' pages read it (render_template_users), to tell which
 *     must be made again after a template edit;
 *   - each resource's slug in the site's order and the fingerprint of what
 *     the site's own pages show of it (schema_hash), to tell whether they
 *     must be made again;
 *   - every unit's files, pages with their ids, left-out files and the
 *     links its bodies hold (render_unit), to remove what an edit took
 *     away and to check every link of the site without making the pages
 *     again; each file with the hash of its bytes, so that an update
 *     tells whether a page it made again changed without reading the
 *     one in place (output_know);
 *   - for each pattern page, the hash of the body's file it was made
 *     from, and for each unit whether a page of it read a body field:
 *     after an edit of content that leaves what a resource says but its
 *     bodies as it was, a pattern page whose body did not change is kept
 *     as it is, with its files, ids and links as noted here, and so is
 *     the resource's page when no playbook shows there;
 *   - how many warnings the render printed: a build that printed some
 *     is not updated (its warnings would be lost).
 *
 * It is kept beside the record, ".<output name>.folio-units", and belongs
 * to the build whose record holds the hash of its bytes, or to none: so
 * an update can write it before it puts the output in place, while the
 * output's walk is still going on (session.h), and a units file left by
 * an update that was then dropped is never trusted.  Plain text, one item a line, fields separated by
 * tabs, with '\', tab and newline escaped.
 */
#ifndef FOLIO_UNITS_H
#define FOLIO_UNITS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/hash.h"
#include "base/tree.h"
#include "web/render.h"

struct units_record {
	struct hash bytes;              /* of the file, as units_read() read it or
	                                 * units_write() wrote it: the record
	                                 * names its units file by it */
	struct hash rest;               /* see above */
	struct hash statics, static_names;      /* the same */
	struct hash pages;              /* the stamps of content/pages/ */
	struct hash page_faces;         /* what the pages but their own show of
	                                 * them (pages_faces) */
	struct hash site;               /* the stamp of content/site.yaml */
	struct hash site_face;          /* what the playbooks print of it
	                                 * (playbook_site_face) */
	char **linked;                  /* site paths of the static files the
	                                 * texts link to, sorted */
	size_t nlinked;
	struct hash linked_stamps;      /* their stamps, as the build found them */
	struct tree_part *folders;      /* under content/resources/, sorted */
	size_t nfolders;
	struct tree_part *templates;    /* "0/NAME" (the site's) and "1/NAME" (the
	                                 * theme's), by bytes, sorted */
	unsigned char *users;           /* the same: UNITS_SITE_PAGES | UNITS_RESOURCES */
	size_t ntemplates;
	char **slugs;                   /* the site's resources, in order */
	struct hash *faces;             /* the same: what the site's pages show of each */
	size_t nresources;
	size_t render_warnings;
	struct render_unit *units;      /* every unit of the build, in render order */
	size_t nunits;
	char **files;                   /* the files named by the links' positions */
	size_t nfiles;
	/* As read: the file's text, and where each unit's lines are in it,
	 * so that a units file written after an update copies the units it
	 * did not make again rather than write them out anew. */
	char *text;                     /* owned */
	size_t text_len;
	size_t units_at;                /* where the units begin in it */
	size_t *unit_at, *unit_len;     /* owned, nspans each (nunits, though the
	                                 * units be taken away) */
	size_t nspans;
};

/* Which units read a template (struct render_users, as bits). */
enum { UNITS_SITE_PAGES = 1, UNITS_RESOURCES = 2 };

/* The units file of output folder out: caller frees. */
char *units_path(const char *out);

/* Reads a units file into *u (freed with units_free()), with the hash of
 * its bytes; false, with *u empty, when there is none or it is not one
 * this folio wrote whole. */
bool units_read(const char *path, struct units_record *u);

/* units_read() in two steps: everything but the units, then the units,
 * unit i whole when whole is NULL or whole[i] (i < nwhole).  A unit not
 * read whole has its pages and left-out files (which links may name) and
 * whether it reads every resource, but not its links or files: the
 * record then serves only an update that makes none of those units again
 * (units_write() copies them as they were read).  Each false, with *u
 * empty, as units_read() is; units_read_units() is called once after a
 * units_read_head() that succeeded. */
bool units_read_head(const char *path, struct units_record *u);
bool units_read_units(struct units_record *u, const bool *whole, size_t nwhole);

/* Writes it, atomically (a temporary file renamed over it), and sets
 * u->bytes; when it cannot be written, removes the old one, so that no
 * stale record is trusted, and sets u->bytes to {0, 0}, which no file's
 * bytes hash to.  With from (read by units_read(), or NULL), a unit of u
 * not made_here is the one at the same place in from and is copied as it
 * was read. */
void units_write(const char *path, struct units_record *u, const struct units_record *from);

void units_free(struct units_record *u);

#endif
