/*
 * tpl_internal: what the files of the template engine share, and nothing
 * else includes.
 *
 * A template goes through four steps, one file each:
 *
 *   tpl_load.c     reads it (a file of templates/ or a text given) into a
 *                  libxml2 tree, keeps it in the set, and knows its source
 *                  for messages
 *   tpl_check.c    checks its data-f-* attributes, and reads the partials
 *                  and layout they name
 *   tpl_compile.c  turns each element into a struct elem, hung on the
 *                  node's _private, right after the tree is read
 *   tpl_render.c   fills a page from the model through the schema
 *
 * template.c holds the values (struct tval) a page is filled with.
 *
 * Thread-safety: a set is filled (read, compiled, checked) on one thread;
 * once tpl_check() has been called for a page template, every template it
 * reaches is in the set and marked checked, and rendering it, on any
 * number of threads, only reads the set and what is compiled.
 */
#ifndef FOLIO_TPL_INTERNAL_H
#define FOLIO_TPL_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include <libxml/tree.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/escape.h"
#include "base/text.h"
#include "content/schema.h"
#include "web/template.h"

/* One template of a set, kept (with its tree compiled) once named, even
 * when it failed to load: it is then not read, nor reported, again. */
struct tpl {
	char *name;             /* as asked for: "base.html" */
	char *shown;            /* the file used, as messages show it:
	                         * "templates/base.html" */
	char *source;           /* the file's text, for columns */
	xmlDocPtr doc;          /* NULL when it failed to load */
	bool checked;           /* tpl_check.c has been through it */
	bool found;             /* a folder of the set has a file of its name */
};

/* A folder templates are read from. */
struct tpl_dir {
	char *path;             /* owned */
	char *shown;            /* the folder as messages show it; owned */
};

struct tpl_set {
	struct tpl_dir *dirs;   /* looked in in this order: the first holding
	                         * a file of the name gives it; owned */
	size_t ndirs;
	const struct list *strings;     /* struct text_pair by key, for strings.NAME; borrowed; may be NULL */
	const char *number_group;       /* the strings' number_group, between a number's groups of
	                                 * three digits; borrowed */
	/* The accessible names of Markdown's footnotes and tables
	 * (md_html_options): the strings md_note_ref, md_note_back,
	 * md_note_back_nth and md_table; borrowed; NULL when missing. */
	const char *md_note_ref, *md_note_back, *md_note_back_nth, *md_table;
	struct tpl **items;     /* in the order first named; owned */
	size_t n, cap;
};

/* ---- tpl_load.c ---------------------------------------------------- */

/* The template called name, read on first use; NULL after an error,
 * reported at from (only the first time).  Owned by set. */
struct tpl *tpl_load(struct tpl_set *set, const char *name, struct pos from, struct diag *d);

/* tpl_load() for the template named in attribute attr of node: a template
 * already read is found without working out the attribute's position,
 * which costs a scan of the source and is needed only for a message. */
struct tpl *tpl_load_named_in(struct tpl_set *set, const char *name, xmlNodePtr node, const char *attr,
                              struct diag *d);

/* Where attribute attr of node stands in its template's source. */
struct pos tpl_load_attr_pos(struct tpl_set *set, xmlNodePtr node, const char *attr);

/* ---- tpl_check.c ---------------------------------------------------- */

/* The name a template reads the theme's strings under: strings.NAME.
 * No data-f-each or data-f-let may take it. */
#define TPL_STRINGS "strings"

/* ---- tpl_compile.c ------------------------------------------------- */

/*
 * Each element of a template is compiled once, right after the template is
 * read: its directives parsed, its paths split at the dots, its start tag
 * written out when nothing in it depends on the page, and its children
 * turned into runs of finished markup between the elements that do
 * depend on the page.  The result hangs on the node's _private.  Filling
 * a page then neither looks attributes up by name nor allocates, where
 * walking the libxml2 tree did both for every element of every page.
 *
 * Pages render on several threads at once: after compiling, everything
 * here is only read.
 */

/* A dotted path as written ("pattern.effort.min"), split at the dots. */
struct path {
	char *text;             /* as written, for messages; NULL: no path; owned */
	char **names;           /* the n names between the dots; owned */
	size_t n;
	const char *phrase;     /* strings.NAME: the phrase, found by tpl_check(); borrowed */
};

enum part_kind { PART_TEXT, PART_PATH, PART_UNCLOSED };

/* A piece of "text {path} text": text, a path, or a '{' without '}'. */
struct part {
	enum part_kind kind;
	char *text;             /* PART_TEXT, with "{{" already made "{"; owned */
	size_t len;
	struct path path;       /* PART_PATH */
};

struct fmt {
	char *text;             /* as written, for messages; owned */
	struct part *parts;     /* owned */
	size_t n;
};

/* Where an attribute's value comes from: the markup, the markup's site
 * path made relative to the page, or a data-f-attr-NAME. */
enum av_kind { AV_FIXED, AV_LINK, AV_FMT };

struct attr_item {
	enum av_kind kind;
	const char *local;      /* the name without a prefix (the document's) */
	char *name;             /* the name written out; owned */
	char *value;            /* AV_FIXED: the value, AV_LINK: the site path; owned */
	char *markup;           /* AV_FIXED: ' name="value"', escaped; owned */
	size_t markup_len;
	struct fmt *fmt;        /* AV_FMT; owned */
	char *fmt_attr;         /* AV_FMT: the data-f-attr-NAME, for messages; owned */
};

struct let {
	char *name;             /* owned */
	struct path path;
	char *bad;              /* an item without '=', reported when rendered; owned */
};

struct elem;

/* A piece of an element's content: finished markup (text and elements
 * that depend on nothing), or one element that has to be rendered. */
struct run {
	struct elem *el;        /* NULL for markup */
	char *html;             /* owned */
	size_t len;
	int height;             /* levels of elements in the markup */
	xmlNodePtr first, last; /* the nodes the markup was made from */
};

enum source { SRC_NONE, SRC_TEXT, SRC_MD, SRC_HTML };

struct elem {
	xmlNodePtr node;        /* for messages and layouts' fills */
	bool is_void, is_raw, is_a;
	bool pure;              /* no directive in it or below, nothing relative */
	int height;             /* of a pure element: levels of elements, its own included */
	char *each;             /* data-f-each as written, or NULL; owned */
	bool each_ok;           /* each reads 'item in list.path' */
	char *each_var;         /* owned */
	struct path each_path;
	struct path tests[2];   /* data-f-if, data-f-unless */
	char *include, *slot, *fill, *layout;   /* owned; NULL when absent */
	bool has_lets;
	struct let *lets;       /* owned */
	size_t nlets;
	bool omit;
	enum source source;
	struct path source_path;
	int md_shift;
	char *md_self_links;    /* SRC_MD: data-f-md-self-links, the class of headings' links; owned; may be NULL */
	struct attr_item *md_id;        /* SRC_MD: the element's id, for heading ids; owned */
	char *open;             /* "<name" and namespaces; owned */
	size_t open_len;
	bool open_complete;     /* open is the whole start tag: every attribute is fixed */
	struct attr_item *attrs;        /* owned */
	size_t nattrs;
	char *close;            /* "</name>"; owned */
	size_t close_len;
	struct run *kids;       /* owned */
	size_t nkids;
};

/* Compiles every element of doc; each gets its struct elem on _private. */
void tpl_compile(xmlDocPtr doc);

/* Frees what tpl_compile() hung on doc's elements; call before
 * xmlFreeDoc(). */
void tpl_compile_free(xmlDocPtr doc);

/* ---- template.c: values ------------------------------------------- */

/* The value of field f of obj (an object of f's schema). */
struct tval tval_field(const struct field *f, const void *obj);
/* Item i of a TV_LIST value. */
struct tval tval_item(struct tval list, size_t i);
/* Whether data-f-if takes v as set: non-empty, non-zero, true. */
bool tval_truthy(struct tval v);

/* ---- attributes as checking and compiling read them --------------- */

/* The attribute name of el (without a namespace), or NULL.  Templates
 * have no DTD defaults, and looking through the doctype for them, as
 * xmlGetNoNsProp does, was a tenth of an HTML-only build. */
static inline xmlAttrPtr tpl_find_attr(xmlNodePtr el, const char *name)
{
	for (xmlAttrPtr a = el->properties; a; a = a->next)
		if (a->ns == NULL && a->name[0] == (xmlChar)name[0] && strcmp((const char *)a->name, name) == 0)
			return a;
	return NULL;
}

/* The value of attribute name of el, or NULL; caller xmlFree()s. */
static inline char *tpl_get_attr(xmlNodePtr el, const char *name)
{
	xmlAttrPtr a = tpl_find_attr(el, name);
	return a ? (char *)xmlNodeGetContent((xmlNodePtr)a) : NULL;
}

/* ---- markup both compiling and rendering write -------------------- */

/* Writes ' name="value"', the value escaped.  A start tag compiled whole
 * and one written for a page go through here, so they are the same. */
static inline void tpl_put_attr(struct buf *out, const char *name, const char *value)
{
	buf_putc(out, ' ');
	buf_puts(out, name);
	buf_put(out, "=\"", 2);
	escape_html_attr(out, value, strlen(value));
	buf_putc(out, '"');
}

/* Notes what an attribute written on an <a> says about noopener. */
static inline void tpl_note_link_attr(const char *name, const char *value, bool *external, bool *has_rel)
{
	if (strcmp(name, "rel") == 0)
		*has_rel = true;
	else if (strcmp(name, "href") == 0)
		*external = text_starts_with(value, "https:") || text_starts_with(value, "http:") ||
		            text_starts_with(value, "//");
}

#endif
