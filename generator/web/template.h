/*
 * template: HTML templates a designer can open in a browser.
 *
 * A template is a well-formed HTML file (XHTML syntax: every element
 * closed, every attribute quoted) read with libxml2.  Plain markup is
 * copied to the output; data-f-* attributes fill it from the model:
 *
 *   data-f-text="path"          replace the content with the value, escaped
 *   data-f-md="path"            replace the content with rendered Markdown
 *   data-f-md-shift="N"         with data-f-md: add N to heading levels
 *   data-f-md-self-links="cls"  with data-f-md: h2 and h3 link to themselves
 *                               (<a class="cls" href="#id">)
 *   data-f-md-ids="text"        with data-f-md: heading and note ids start
 *                               with text and "-" instead of the element's
 *                               id (two parts of one text on a page)
 *   data-f-html="path"          replace the content with trusted markup
 *                               that Folio generated (diagrams)
 *   data-f-attr-NAME="text"     set attribute NAME; {path} in text is
 *                               replaced by the value; the attribute is
 *                               left out when a {path} has no value
 *   data-f-if="path"            keep the element only when the value is
 *   data-f-unless="path"        set (non-empty, non-zero, true) / is not
 *   data-f-each="x in path"     repeat the element for each item of a list,
 *                               with x and loop.index/first/last/length
 *   data-f-let="x=path, y=path" name values for the element's subtree
 *   data-f-include="file.html"  replace the element with a partial
 *   data-f-omit=""              write the content without the element
 *   data-f-layout="base.html"   on a page's root: render inside a layout,
 *   data-f-slot="name"          in a layout: a place a page can fill
 *   data-f-fill="name"          in a page: what goes into that slot
 *
 * A path is a dotted name such as resource.title, resolved against the
 * variables given to tpl_render() and the schema of each object;
 * strings.NAME is one of the theme's interface phrases (tpl_set_strings),
 * checked with the template.  Output
 * is HTML5, with text and attribute values escaped by construction.
 * Every mistake is reported as templates/file.html:line:col, naming the
 * file that was read (the site's or the theme's).
 */
#ifndef FOLIO_TEMPLATE_H
#define FOLIO_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/hash.h"
#include "content/markdown.h"
#include "content/schema.h"

enum tval_kind {
	TV_NONE,        /* absent */
	TV_TEXT,        /* text */
	TV_LINK,        /* a URL; a site path is made relative to the page */
	TV_INT,
	TV_BOOL,
	TV_MD,          /* a cmark tree */
	TV_HTML,        /* markup Folio generated itself */
	TV_OBJECT,      /* obj described by schema */
	TV_LIST         /* list of schema structs, struct str, or pointers */
};

struct tval {
	enum tval_kind kind;
	const char *text;               /* TV_TEXT, TV_LINK, TV_HTML */
	long number;                    /* TV_INT, TV_BOOL */
	const void *obj;                /* TV_MD (cmark_node), TV_OBJECT */
	const struct schema *schema;    /* TV_OBJECT; TV_LIST elements (NULL: struct str) */
	const struct list *list;        /* TV_LIST */
	bool refs;                      /* TV_LIST of pointers */
	/* TV_MD: the part of the tree written (md_html_options' from and
	 * until; NULL, NULL: all of it). */
	const void *md_from, *md_until;
	/* TV_MD: a part the page's tpl_md_parts hears of by this number when
	 * it is not 0; then obj may be NULL, a part brought from the markup
	 * of the last build rather than its tree (tpl_md_parts). */
	int md_part;
};

struct tpl_var {
	const char *name;
	struct tval value;
};

struct tval tval_object(const struct schema *s, const void *obj);
struct tval tval_text(const char *text);
struct tval tval_link(const char *url);
struct tval tval_html(const char *markup);

struct tpl_set;

/* A set of templates read from dir (shown in messages as shown_dir).  Files
 * are read when first used and kept.  Owned by the caller: tpl_free(). */
struct tpl_set *tpl_new(const char *dir, const char *shown_dir);
void tpl_free(struct tpl_set *set);

/* Adds a folder to look in for a template that the folders added before
 * have no file of: a site's templates/, then the theme's.  A template,
 * partials included, is read from the first folder holding a file of its
 * name, and messages name that file.  Call before the first template is
 * read. */
void tpl_add_dir(struct tpl_set *set, const char *dir, const char *shown_dir);

/* The phrases templates read as strings.NAME: a struct list of struct
 * text_pair sorted by key (a site's strings, model.h), borrowed for the
 * life of the set.  Call before the first tpl_check(), which reports a
 * name that is not among them. */
void tpl_set_strings(struct tpl_set *set, const struct list *strings);

/* Adds a template called name whose text is text[0..len), as if read
 * from the folder (for tests and fuzzing).  Call before name is first
 * used.  Returns false after reporting errors. */
bool tpl_add_source(struct tpl_set *set, const char *name, const char *text, size_t len, struct diag *d);

/* Reads and checks a template (and, recursively, its layout and partials)
 * without rendering it.  Returns false after reporting errors. */
bool tpl_check(struct tpl_set *set, const char *name, struct diag *d);

/* Calls fn(ctx, path, at) for every site path a template writes as it
 * is ("/css/site.css" in an href, src or action), at its place in the
 * template, for each template tpl_check() has been through, in the order
 * they were first named.  Elements written only on some pages
 * (data-f-if, data-f-unless, data-f-each) are left out.  For the check that every file a template loads
 * or links is written. */
typedef void (*tpl_site_path_fn)(void *ctx, const char *path, struct pos at);
void tpl_site_paths(struct tpl_set *set, tpl_site_path_fn fn, void *ctx);

/* Whether template name, as tpl_check() has been through it, is or reads
 * the template called other ("partials/footer.html"): as its layout, or
 * as a partial it or they include, however deep.  A partial included only
 * on some pages (inside data-f-if, say) counts.  False when name was never
 * checked: no page uses it. */
bool tpl_reads(const struct tpl_set *set, const char *name, const char *other);

/* A page's Markdown parts (tval md_part), for a page that may be made
 * again without its text being parsed (output/bodies.h).  Each part written
 * is noted: its number, the key of how it was written (the element's
 * options, the page's root) and where its markup is in the page.  A part
 * without a tree is asked of find, which appends its markup for that key;
 * when it has none, or when the page wants anything else of the part
 * (its text), *missed is set and the page is to be made again with the
 * tree.  Called from the rendering thread. */
struct tpl_md_parts {
	void (*note)(void *ctx, int part, struct hash key, size_t at, size_t len);
	bool (*find)(void *ctx, int part, struct hash key, struct buf *out);
	void *ctx;
	bool *missed;
};

/* What a page's rendering brings beside its variables.  root is the
 * relative path from the page to the site root ("", "../", ...), used to
 * write site paths as relative links; diagram draws the diagrams of its
 * Markdown texts (NULL: they stay code), with diagram_ctx (the page's
 * task's: the fonts belong to a thread). */
struct tpl_page {
	const char *root;
	md_diagram_fn diagram;
	void *diagram_ctx;
	/* Fields whose reading the caller wants to know of (NULL: none):
	 * reading watched[i] sets bit i of *read.  A page that reads the
	 * list of every resource, say, depends on every resource. */
	const struct field *const *watched;
	size_t nwatched;
	unsigned *read;
	const struct tpl_md_parts *md_parts;    /* NULL: none noted */
};

/*
 * Renders template name with the variables vars[0..nvars) into out, for
 * the page pg.  Returns false after reporting errors (out then holds a
 * partial page).  Once tpl_check() has been called for name, rendering it
 * only reads the set: several threads may then render from one set at
 * once, each with its own out and d.
 */
bool tpl_render(struct tpl_set *set, const char *name, const struct tpl_var *vars, size_t nvars,
                const struct tpl_page *pg, struct buf *out, struct diag *d);

#endif
