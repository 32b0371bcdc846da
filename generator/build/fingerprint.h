/*
 * fingerprint: when a build can be skipped, what it may take from the last
 * one, and the record it leaves for the next (record.h).
 *
 * A build's output depends on its inputs: the folio program (its bytes,
 * so that a rebuilt folio counts as a change), the options that change
 * the output, and every file under the source's content/, templates/ and
 * static/, under the theme's templates/ and static/, and the fonts
 * (base/tree.h).  The record keeps two fingerprints of them: by their
 * bytes, and by their stamps (what stat says), which are cheap to take; when the stamps are the record's, the bytes are not
 * read.  It also keeps the fingerprint of the output folder as the build
 * left it, so that any edit in it is seen; the walk that takes it reads
 * again only the folders whose stamps moved since the last walk, whose
 * entries it keeps beside the record (".NAME.folio-listing",
 * base/listing.h), and stats every entry.  When the inputs and the
 * output are as the record says, the build is skipped and the warnings it
 * printed are shown again.  Without SOURCE_DATE_EPOCH the build's date
 * counts, not its second: the pages show the year and the day, and a site
 * with nothing changed is not rebuilt within a day.
 *
 * A build may be skipped only after a complete one: one that made
 * everything from the inputs it fingerprinted.  The bytes of a content
 * file are those the loader read (the render reads a pattern body again
 * only if it is still the same); templates, static files and fonts are
 * read at other moments than they are hashed, so the build is complete
 * only when their stamps after it are those before it.  A build that
 * takes its playbooks from the last one (options.reuse_playbooks)
 * is never complete.  An incomplete build still leaves a record: the
 * files it made are what they are, and the next build may reuse them.
 *
 * A complete build also leaves its units file (units.h), from which the
 * next build, when only resource folders or only templates changed,
 * updates the output in place (session.h).  It is trusted only beside the
 * record that names it by the hash of its bytes, over an output that is
 * as that record says, after a build with the same tools.
 *
 * Not thread-safe: one build uses its fingerprint from one thread.
 */
#ifndef FOLIO_FINGERPRINT_H
#define FOLIO_FINGERPRINT_H

#include <stdbool.h>

#include "base/diag.h"
#include "base/hash.h"
#include "build/build.h"

struct fingerprint;
struct reuse;
struct site;

/* Stamps the inputs of the build opt describes, whose fonts are in
 * fonts_at (NULL: none), and reads the record the last build into
 * opt->out left.  opt and fonts_at are borrowed and must outlive the
 * result, which the caller frees with fingerprint_free(). */
struct fingerprint *fingerprint_new(const struct options *opt, const char *fonts_at);

/* Frees f and the reuse it made.  NULL is a no-op. */
void fingerprint_free(struct fingerprint *f);

/* True when the last build made opt->out completely from these very
 * inputs and nothing in opt->out changed since: then its counts are put
 * in stats and its warnings printed again on d's stream.  The inputs'
 * bytes are read only when their stamps differ from the record's (which
 * is then brought up to date).  When the inputs changed, the walk of
 * opt->out that tells whether it is as the record says goes on on a
 * thread of its own, for fingerprint_output_found(). */
bool fingerprint_unchanged(struct fingerprint *f, struct build_stats *stats, struct diag *d);

/* The files the build may take from the last one (reuse.h): those the
 * record lists, when the last build drew with the same tools; none
 * otherwise.  Made at the first call; owned by f. */
struct reuse *fingerprint_reuse(struct fingerprint *f);

/* Notes that the site draws with its own fonts (site.yaml's fonts:): the
 * files of fonts, by their bytes, count among the tools that draw PNGs,
 * so no PNG drawn with other fonts is reused.  Called before
 * fingerprint_reuse(); a file that cannot be read lets nothing be reused. */
struct fontset;
void fingerprint_fonts_chosen(struct fingerprint *f, const struct fontset *fonts);

/* Takes the stamps the units file keeps (units.h): of every input but
 * the resource folders' contents, the templates and site.yaml, of each
 * resource folder and of site.yaml, and the templates' bytes.  Called
 * before the build reads its first input, so that an edit made while it
 * runs is seen by the next. */
void fingerprint_take_parts(struct fingerprint *f);

/* The last build's units file, moved into *last (freed with units_free)
 * when an update may be built on it: the record says that build was
 * complete, the output is not known to differ from what it left (the
 * update asks fingerprint_output_found() before it puts anything in
 * place), the file belongs to it, the rest of the inputs is as it was
 * (fingerprint_take_parts), the static files but the fonts are the same
 * files (their bytes may differ: fingerprint_statics_edited) and its
 * render printed no warning.  False, with *last empty, otherwise. */
struct units_record;
bool fingerprint_last_units(struct fingerprint *f, struct units_record *last);

/* The same, with only the file's head read (units_read_head): the caller
 * reads its units (units_read_units), once it knows which it wants
 * whole. */
bool fingerprint_last_units_head(struct fingerprint *f, struct units_record *last);

/* Whether a file of the static folders (but their fonts) changed since
 * the build last describes, which its head was read from: an update then
 * copies them over it. */
bool fingerprint_statics_edited(const struct fingerprint *f, const struct units_record *last);

/* Whether a static file a text links to (an image a page shows at its
 * size and the playbook prints) changed since the build last describes:
 * content, which copying it over would leave stale. */
bool fingerprint_linked_edited(const struct fingerprint *f, const struct units_record *last);

/* Whether a plain page changed since the build last describes (a page
 * added or removed changes the rest). */
bool fingerprint_pages_edited(const struct fingerprint *f, const struct units_record *last);

/* Whether content/site.yaml changed since the build last describes,
 * which the rest does not count (units.h). */
bool fingerprint_site_edited(const struct fingerprint *f, const struct units_record *last);

/* Whether the last build printed nothing: then a build that reads only
 * some of the content (load_site_partly) loses no message. */
bool fingerprint_last_quiet(const struct fingerprint *f);

/* The output's fingerprint as the build found it (tree_stamp) into
 * *stamp, and the files the last record counts in it into *files; false
 * when it is not known to be as that record left it.  Waits for the walk
 * fingerprint_unchanged() left going: an update asks just before it puts
 * anything in place. */
bool fingerprint_output_found(struct fingerprint *f, struct hash *stamp, size_t *files);

/* Waits for that walk, when a build is about to replace the output
 * whole: no thread then reads a folder the swap moves. */
void fingerprint_output_wait(struct fingerprint *f);

/* The PNGs and playbooks the last build's record lists (none without a
 * record), as read by fingerprint_new(): borrowed. */
struct reuse_kept;
const struct reuse_kept *fingerprint_last_kept(const struct fingerprint *f, size_t *n);

/* The template files fingerprint_take_parts() listed, by bytes (units.h);
 * NULL when it could not. */
const struct tree_part *fingerprint_templates(const struct fingerprint *f, size_t *n);

/* The resource folders' stamps fingerprint_take_parts() took, sorted by
 * name; NULL when it could not. */
const struct tree_part *fingerprint_parts(const struct fingerprint *f, size_t *n);

/* What the build just put in place made, for its units file. */
struct build_made {
	const struct render_unit *units;        /* every unit */
	size_t nunits;
	const struct reuse_kept *kept;          /* the PNGs and playbooks kept; NULL:
	                                         * those fingerprint_reuse() noted */
	size_t nkept;
	size_t render_warnings;                 /* lines d got while rendering */
	const struct tpl_set *templates;        /* the set the pages were made from */
	bool update;                            /* an update in place: the site's */
	size_t pages, files;                    /* pages and files in all are these,
	                                         * not stats' (what it wrote) */
	const struct hash *faces;               /* what the site's pages show of each
	                                         * resource (units.h); NULL: as the
	                                         * site's resources say */
	const struct units_record *units_from;  /* the units file read, whose units
	                                         * not made_here these are; NULL */
	const struct buf *bodies;               /* the notes of every pattern page
	                                         * (render_result's), the bodies
	                                         * record; NULL: some pages were not
	                                         * made, the record stays as it is */
};

/* Writes the units file of the build just made (units.h), or removes the
 * last when the build is not complete: before the build is put in place
 * (an update, while the output's walk goes on) or after; the record then
 * names it.  site and made as for fingerprint_remember(), which writes it
 * itself when this was not called. */
void fingerprint_remember_units(struct fingerprint *f, const struct site *site, const struct build_made *made);

/* The bodies record of the output (output/bodies.h): caller frees. */
char *fingerprint_bodies_path(const struct fingerprint *f);

/* Leaves the record of the build just put in place, and its units file
 * unless fingerprint_remember_units() wrote it (then made's units,
 * templates, faces and render warnings are not read):
 * site is the model it was made from (the hashes of the content files the
 * loader read spare reading them again), output the output folder's
 * fingerprint, NULL when it must be walked (tree_stamp), stats its counts
 * and d its messages.  Nothing is written when the output cannot be read;
 * no units file when the build is not complete. */
void fingerprint_remember(struct fingerprint *f, const struct site *site, const struct hash *output,
                          const struct build_stats *stats, const struct diag *d, const struct build_made *made);

#endif
