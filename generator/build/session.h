/*
 * session: the preview's build, kept loaded between edits.
 *
 * `folio serve` builds the site whole once (build.h) and keeps what it
 * was made of: the model, the templates, the fonts, and for every unit of
 * the build (render.h: the home page, each resource's pages, pictures and
 * playbook, the site's other pages and feeds) the files it wrote, the
 * links its bodies hold and the ids its pages hold.  That is the build's
 * dependency record: a resource's unit is made from that resource's
 * folder and the site's own settings, unless one of its pages read the
 * list of every resource or page.
 *
 * After an edit whose every file lies in resource folders, only those
 * resources are read again, and only their units and the site's own pages
 * (which list every resource) are made again, but the pattern pages whose
 * bodies are the same files, when what the resource says but its bodies
 * is as it was (render_tools.faces_same); every link of the site is
 * checked against the pages as they now are, and the files that changed
 * are put in place (output_begin_update).  After an edit of templates
 * (not of the interface's strings beside them), the templates are read
 * again and only the units whose pages read one of those, as layout or
 * partial, are made again; their pictures and playbooks are taken as they
 * were.  Any other edit (site.yaml, the interface's strings, plain pages,
 * static files, fonts, a resource's place among the others, a folder made
 * or removed) builds the site whole again.  Either way the served folder
 * ends as a whole build of the same sources would make it, byte for byte
 * (tests/preview.sh checks it after each kind of edit).
 *
 * `folio build` makes the same updates over its last build, from the
 * units file that build left (units.h) in place of a session's memory:
 * session_update_over().  It loads the site whole, as any build does, so
 * that every message a build prints is printed; the render, the link
 * check and the writes are those of an update.
 *
 * One thread at a time uses a session.
 */
#ifndef FOLIO_SESSION_H
#define FOLIO_SESSION_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "base/options.h"
#include "build/build.h"

struct session;

/* A session building opt->out from opt's sources (copied: the strings it
 * points to must outlive the session).  Nothing is built yet. */
struct session *session_new(const struct options *opt);

void session_free(struct session *s);

/* How the sources are built this time: with the playbooks as the last
 * build left them (options.reuse_playbooks), or made; cancel may drop the
 * build (NULL: never); progress counts it (NULL: nothing shown). */
struct session_run {
	bool reuse_playbooks;
	const atomic_bool *cancel;
	struct progress *progress;
};

/* A whole build (build_run_kept), whose parts the session then keeps in
 * place of the last.  False as build_run() is. */
bool session_build(struct session *s, const struct session_run *run, struct build_stats *stats, struct diag *d);

enum session_result {
	SESSION_UPDATED,        /* the changed resources are made again and in place */
	SESSION_WHOLE,          /* the edit needs a whole build: nothing was done */
	SESSION_FAILED,         /* errors were reported, or the update was dropped
	                         * (run->cancel): the served folder is as it was */
};

/* Updates the build after files[0..n) (paths as the source's folder joined
 * with a path below it) changed. */
enum session_result session_update(struct session *s, char *const *files, size_t n, const struct session_run *run,
                                   struct build_stats *stats, struct diag *d);

/* `folio build` over the last build: after load (parts, borrowed), when
 * the units file the last build left (last, read by
 * fingerprint_last_units()) shows that only resource folders changed,
 * the units of those resources (and the site's own pages, when what they
 * show of one changed) are made again and put in place as
 * session_update() does; when only template files changed, the units
 * whose pages read one, with their pictures and playbooks as they were.
 * The record and units file are then written anew.  With partly, the site
 * holds only the resources edited (load_site_partly): the update is
 * dropped when it needs the others, when the site's own pages must be
 * made again or a link elsewhere may have lost its target.  Before it
 * puts anything in place it waits for fp's walk of the output
 * (fingerprint_output_found), and is dropped when the output is not as
 * the record says.  SESSION_WHOLE when the edit needs a whole build: then
 * nothing was put in place or reported, parts are as they were.  Otherwise the caller still frees parts
 * (build_parts_free), at once, then last (units_free). */
struct fingerprint;
struct units_record;
enum session_result session_update_over(const struct options *opt, struct build_parts *parts,
                                        struct fingerprint *fp, struct units_record *last, bool partly,
                                        struct build_stats *stats, struct diag *d);

/* Which of the resources the build last describes were edited (a flag
 * each, in its order; the caller frees them), when edits inside their
 * folders are all that changed since among the inputs the units file
 * splits (fingerprint_last_units() has checked the rest); NULL
 * otherwise.  Only last's head need be read (units_read_head). */
bool *session_edited_folders(const struct units_record *last, const struct fingerprint *fp);

/* Whether last's units (read) allow an update of the resources edited
 * flags: none of them is read by every page. */
bool session_units_allow(const struct units_record *last, const bool *edited);

/* Whether an update took playbooks as they were (run->reuse_playbooks)
 * that are still to be made: then session_make_playbooks() makes them. */
bool session_playbooks_due(const struct session *s);

/* Makes the playbooks that builds and updates took as they were, and
 * whatever shows them (their resource pages): after a whole build, by a
 * whole build again. */
enum session_result session_make_playbooks(struct session *s, const struct session_run *run,
                                           struct build_stats *stats, struct diag *d);

#endif
