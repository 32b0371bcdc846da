/*
 * load: reads a source folder's content/ into a struct site.
 *
 * The only stage that reads content.  It checks everything the format
 * requires (types, required and unknown keys, references between files,
 * slugs, UTF-8, links) and reports every problem of the run to the diag,
 * so an author sees all mistakes at once.  The one part it may leave for
 * later is the Markdown of pattern bodies, parsed once, for their pages
 * (load_body_open); when loading fails, it checks them before it returns.
 */
#ifndef FOLIO_LOAD_H
#define FOLIO_LOAD_H

#include <stdbool.h>

#include "base/diag.h"
#include "base/font.h"
#include "content/model.h"

/* Largest content file read, in bytes. */
#define LOAD_MAX_FILE_SIZE (4u << 20)

struct load_options {
	const char *source;     /* folder holding content/ and static/ */
	bool drafts;            /* keep draft: true entries */
	const char *base_url;   /* overrides site.yaml's base_url when set */
	/* The fonts the site is drawn with.  When given, every text is
	 * checked against them (glyphs.h), and pattern bodies are left on disk
	 * (struct md) unparsed: their page checks them (load_body_open), or,
	 * when loading fails, load_site() does before it returns.  When NULL,
	 * neither happens. */
	const struct fontset *fonts;
	int jobs;               /* threads reading resources; 0: one per core */
};

/* Returns the site, owned by the caller (model_free), or NULL when any
 * error was reported. */
struct site *load_site(const struct load_options *opt, struct diag *d);

/* A Markdown text brought back for rendering: md holds its source and
 * tree, owned here when owned is set (else borrowed from the model). */
struct load_body {
	struct md md;
	bool owned;
};

/* How a body read back is checked: as load_site() checks every text it
 * keeps, which it does not do for the bodies it leaves on disk. */
struct load_check {
	const struct fontset *fonts;    /* its text is checked against them; may be NULL */
	struct site *notes;             /* where its links to site paths go (model_add_link); may be NULL */
};

/* Makes m's text available in b: a text kept in memory is lent; a body
 * left on disk is read from its file and parsed, after checking it is the
 * text that was loaded (else an error asks to build again).  With check,
 * its mistakes are reported to d (links, nesting, raw HTML, emptiness,
 * characters the fonts lack); without, a body whose Markdown has one is
 * refused without a word, for whoever checks it to report.  Thread-safe.
 * Returns false when the body cannot be used; b needs load_body_close()
 * either way. */
bool load_body_open(const struct md *m, struct load_body *b, const struct load_check *check, struct diag *d);
void load_body_close(struct load_body *b);

/* The kinds of content file load_text() reads. */
enum load_kind { LOAD_SITE_YAML, LOAD_RESOURCE_YAML, LOAD_PATTERN_MD, LOAD_FAQ_MD };

/*
 * Reads text (len bytes, need not end in NUL) as one content file of kind,
 * with the checks load_site() makes, into a new site: its own fields for
 * LOAD_SITE_YAML, else one resource (slug "r"), holding for LOAD_PATTERN_MD
 * and LOAD_FAQ_MD the one entry (slug "p" or "q").  The source folder is
 * "(memory)": checks that need other files report them missing.  Returns
 * the site, owned by the caller (model_free), or NULL after reporting.  For
 * tests and fuzzing, which must not touch the disk.
 */
struct site *load_text(enum load_kind kind, const char *text, size_t len, struct diag *d);

/* Splits front matter: text must start with a "---" line and the YAML end
 * at the next "---" or "..." line.  Sets *yaml, *yaml_len, *body and
 * *body_line (the file line where the body starts); returns false after
 * reporting an error. */
bool load_split_front_matter(const char *text, const char *shown, const char **yaml,
                             size_t *yaml_len, const char **body, int *body_line, struct diag *d);

#endif
