/*
 * render: turns the model into the site's HTML pages.
 *
 * One page per template: home.html (the list of resources), resource.html
 * (one per resource), pattern.html (one per pattern) and 404.html.  Each
 * page's template gets the variables site, page and, where they apply,
 * resource and pattern.  Renderers read the model and write only through
 * the output module.
 */
#ifndef FOLIO_RENDER_H
#define FOLIO_RENDER_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "base/font.h"
#include "base/options.h"
#include "content/body.h"
#include "content/model.h"
#include "output/bodies.h"
#include "output/output.h"
#include "output/reuse.h"
#include "web/produced.h"
#include "web/template.h"

struct render_unit;

/* What the pages are made with and written to. */
struct render_tools {
	struct tpl_set *templates;      /* checked here, then only read */
	const struct fontset *fonts;
	struct output *out;
	struct reuse *reuse;            /* files to take from the last build and to
	                                 * note for the next (reuse.h); NULL: make
	                                 * everything */
	const bool *only;               /* per resource, whether to make its files;
	                                 * NULL: every resource's */
	bool resources_only;            /* with only: not the site's own pages
	                                 * either (unit 0 and the last) */
	const struct fontset *const *worker_fonts;      /* a set for each thread
	                                 * after the first (nworker_fonts), kept by
	                                 * a caller that renders again and again;
	                                 * NULL: copies of fonts are made here */
	int nworker_fonts;
	/* For an update after an edit of the templates alone (build/session.c):
	 * what the last build's pattern pages made of their bodies, whose
	 * markup a page made again takes from the page in place rather than
	 * parsing its body (output/bodies.h), and the units that build made,
	 * whose links found in those bodies it takes.  NULL: every body is
	 * parsed. */
	const struct bodies *bodies;
	const struct render_unit *last_units;   /* nunits of the site's */
	/* For an update after an edit of content alone: per resource, whether
	 * everything it says but its pattern bodies is as the last build's
	 * (schema_hash).  Then a pattern page whose body's file is the one
	 * that build made it from, and which shows nothing else of its body,
	 * is kept as it is, with what the last build's unit noted of it
	 * (last_units), rather than made again.  NULL: every page is made. */
	const bool *faces_same;
};

/* Copies of fonts for the threads after the first of a render on threads
 * threads, which each draw with a set of their own: *sets holds
 * threads - 1 of them, or fewer when the fonts cannot be loaded again.
 * Returns how many; the caller owns them (render_worker_fonts_free). */
int render_worker_fonts(const struct fontset *fonts, int threads, struct fontset ***sets);

void render_worker_fonts_free(struct fontset **sets, int n);

/* Paths of files in the output, owned, each with the hash of its bytes
 * (hash_bytes), or zero when that is not known. */
struct render_files {
	char **paths;
	struct hash *bytes;
	size_t n, cap;
};

void render_files_add(struct render_files *f, const char *path, struct hash bytes);

/* Moves from's paths and hashes to the end of into's; from is left empty. */
void render_files_append(struct render_files *into, struct render_files *from);

/* The body each pattern page of a unit was made from: the page's site
 * path (owned) and the hash of its body's file as loaded (struct md). */
struct render_sources {
	char **urls;
	uint64_t *hashes;
	size_t n, cap;
};

void render_sources_add(struct render_sources *s, const char *url, uint64_t hash);

/* Moves from's entries to the end of into's; from is left empty. */
void render_sources_append(struct render_sources *into, struct render_sources *from);

void render_sources_free(struct render_sources *s);

/*
 * A part of the site's build, and what it depends on.  Unit 0 is the home
 * page, unit i (1 <= i <= resources) the pages, pictures and playbook of
 * resource i - 1 in the site's order, the last one the plain pages, the
 * 404 page and the feeds.  In that order they are the order of a
 * one-thread build.  A resource's unit is made from that resource and the
 * site's own settings, unless reads_all says that a page of it read the
 * list of every resource or plain page (a template may), which makes it
 * depend on them all.
 */
struct render_unit {
	bool made_here;                 /* this render made it (tools->only) */
	bool reads_all;
	bool reads_bodies;              /* a page of it read a pattern's body
	                                 * field, its own or another's */
	struct render_sources sources;  /* its pattern pages' bodies */
	struct body_links found;        /* links to site paths found in its bodies */
	struct produced made;           /* its pages' ids, and the files a full
	                                 * build writes that this one left out;
	                                 * sorted (produced_sort) */
	struct render_files files;      /* the files its pages, pictures and
	                                 * playbook wrote or kept (the feeds and
	                                 * stylesheets of the site's own pages
	                                 * are not listed) */
};

void render_unit_free(struct render_unit *u);

/* What a render hands back: every unit, those it did not make empty. */
struct render_result {
	size_t pages;                   /* pages written */
	struct buf bodies;              /* the notes of the pattern pages made,
	                                 * in order (bodies_put), for the record */
	size_t bodies_kept;             /* pattern pages made from the last
	                                 * build's notes (tools->bodies) */
	size_t pages_kept;              /* pattern pages kept as they were
	                                 * (tools->faces_same): they have no
	                                 * note in bodies */
	struct render_unit *units;      /* owned; render_result_free */
	size_t nunits;
};

void render_result_free(struct render_result *r);

/* Reads the templates the site's pages are made from into templates, and
 * checks them (render_site() does it first); false after reporting. */
bool render_check_templates(const struct site *site, struct tpl_set *templates, struct diag *d);

/* Which units' pages read a template (render_check_templates() read it). */
struct render_users {
	bool site_pages;                /* the site's own: unit 0 and the last */
	bool resources;                 /* every resource's unit */
};

/* Notes in users (which it only sets) whose pages read the template called
 * name ("partials/footer.html"), as templates holds it. */
void render_template_users(const struct tpl_set *templates, const char *name, struct render_users *users);

/* Renders every page into tools->out, on opt->jobs threads (a page, a PNG
 * or a playbook is one task; the output is the same bytes whatever the
 * number, and messages come in the order of a one-thread build).  PNGs
 * and playbooks that tools->reuse offers are taken rather than made; every
 * one written is noted there.  Pattern bodies left on disk are checked as
 * their pages are made (body_open); the links to site paths found in them
 * go to result->found, in the order of a one-thread build, for the link
 * check after the build, and the ids of every page to result->made.  Returns false after reporting errors, or
 * (without a word of its own) when *opt->cancel was set: the output is
 * then incomplete.  result is filled either way. */
bool render_site(const struct site *site, const struct options *opt, const struct render_tools *tools,
                 struct render_result *result, struct diag *d);

#endif
