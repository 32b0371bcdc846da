/*
 * load: reads a source folder's content/ into a struct site.
 *
 * The only stage that reads content.  It checks everything the format
 * requires (types, required and unknown keys, references between files,
 * slugs, UTF-8, links) and reports every problem of the run to the diag,
 * so an author sees all mistakes at once.  The one part it may leave for
 * later is the Markdown of pattern bodies, parsed once, for their pages
 * (body.h); when loading fails, it checks them before it returns.
 *
 * The stage's modules, each with one job: source (files of content/
 * opened safely), walk (folders listed, entries ordered), frontmatter,
 * decode (YAML through the schema), body (Markdown parsed and checked,
 * bodies read back), xref (references between objects), resource (one
 * resource's files), sections (the order of a resource page's sections),
 * pages (the plain pages), siteyaml (site.yaml), strings (the theme's
 * interface phrases under site.yaml's), loader (their shared state).
 */
#ifndef FOLIO_LOAD_H
#define FOLIO_LOAD_H

#include <stdbool.h>

#include "base/diag.h"
#include "base/font.h"
#include "base/options.h"
#include "content/model.h"

/* Largest content file read, in bytes. */
#define LOAD_MAX_FILE_SIZE (4u << 20)

/* Reads opt->source's content/ (with opt->drafts, opt->base_url, and
 * opt->jobs threads reading resources), and the theme's strings
 * (strings.h) from the first of template_dirs (NULL-terminated: the
 * folders templates are read from, in the order they are looked in) that
 * has them.  With fonts, every text is checked against them (glyphs.h),
 * and pattern bodies are left on disk (struct md) unparsed: their page
 * checks them (body_open), or, when loading fails, load_site() does
 * before it returns; with fonts NULL, neither happens.  Returns the site, owned by the caller (model_free), or NULL
 * when any error was reported. */
struct site *load_site(const struct options *opt, const char *const *template_dirs, const struct fontset *fonts,
                       struct diag *d);

/*
 * load_site() for `folio build` over its last build (build/session.h),
 * which knows the resources to be slugs[0..n), in that order: only those
 * with read[i] are read from their folders; the others are named alone
 * (struct resource's kept), their units taken as that build left them.
 * The site's own files and the plain pages are read as load_site() reads
 * them.  The caller checks that a resource read is still what the site's
 * pages show of it (its weight, whether it is a draft): the order is not
 * worked out again.
 */
struct site *load_site_partly(const struct options *opt, const char *const *template_dirs,
                              const struct fontset *fonts, char *const *slugs, size_t n, const bool *read,
                              struct diag *d);

/*
 * Reads resource index of site (loaded by load_site() with these opt and
 * fonts) again from its folder, with the checks load_site() makes of a
 * resource and of the site's references to it, and puts it in the site
 * in place of the one there, with its files' hashes and links.  *moved
 * says whether its place among the resources may have changed (its weight
 * or whether it is a draft), which the site's order does not yet show.
 * False after reporting errors: the site is then as it was.  For the
 * preview, which keeps the site between edits.
 */
bool load_resource_again(struct site *site, const struct options *opt, const struct fontset *fonts, size_t index,
                         bool *moved, struct diag *d);

/*
 * The same for plain page index (content/pages/): *shown says whether
 * what the other pages show of it changed (its place in the menus, its
 * title, address, description or kind), which the menus, made from the
 * pages when the site was loaded, do not yet show.  False after
 * reporting errors: the site is then as it was.
 */
bool load_page_again(struct site *site, const struct options *opt, const struct fontset *fonts, size_t index,
                     bool *shown, struct diag *d);

/* The kinds of content file load_text() reads. */
enum load_kind { LOAD_SITE_YAML, LOAD_RESOURCE_YAML, LOAD_PATTERN_MD, LOAD_FAQ_MD };

/*
 * Reads text (len bytes, need not end in NUL) as one content file of kind,
 * with the checks load_site() makes, into a new site: its own fields for
 * LOAD_SITE_YAML, else one resource (slug "r"), holding for LOAD_PATTERN_MD
 * and LOAD_FAQ_MD the one entry (slug "p" or "q").  The source folder is
 * "(memory)": checks that need other files report them missing.  No
 * strings file is read: site.yaml's strings stay as written, unchecked,
 * and a text made of a string (a resource's default words, the derived
 * texts) is that string's name.
 * Returns the site, owned by the caller (model_free), or NULL after
 * reporting.  For tests and fuzzing, which must not touch the disk.
 */
struct site *load_text(enum load_kind kind, const char *text, size_t len, struct diag *d);

#endif
