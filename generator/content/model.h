/*
 * model: the content of a site as plain typed structs.
 *
 * The loader fills a struct site; renderers read it and never change it.
 * Everything is owned by the struct site and released by model_free().
 * The schema tables (model.c) tie each member to its YAML key; members
 * marked "derived" are computed by the loader, not written by authors.
 */
#ifndef FOLIO_MODEL_H
#define FOLIO_MODEL_H

#include <stdbool.h>

#include "base/buf.h"
#include "base/font.h"
#include "base/hash.h"
#include "base/phrase.h"
#include "content/brand.h"
#include "content/schema.h"

struct link_item {
	struct pos at;
	struct str label;
	struct str url;                 /* link */
};

struct call_to_action {
	struct pos at;
	struct str id;
	struct str label;
	struct str url;                 /* link */
	struct str text;
};

struct publisher {
	struct pos at;
	struct str name;
	struct str url;
	struct str logo;                /* path under static/ */
	struct str icon;                /* path under static/: a square mark (default: logo) */
	struct str description;
	struct str logo_url;            /* derived: site path of the logo */
	struct str icon_svg_url;        /* derived: site path of icon when it is an SVG */
};

/* site.yaml's brand: the publisher's colours (content/brand.h).  Written
 * as "#rrggbb" or "#rgb"; the loader parses them into rgb. */
struct brand {
	struct pos at;
	struct str primary;
	struct str accent;
	struct str dark_primary;        /* optional: derived from primary when absent */
	struct str dark_accent;         /* optional: derived from accent when absent */
	struct str theme_color;         /* optional (default: primary); once loaded, always "#rrggbb" */
	struct brand_rgb rgb;           /* derived: the colours as numbers */
};

struct lead_form {
	struct pos at;
	struct str endpoint;            /* https URL */
	struct str title;
	struct str text;
};

/* How Markdown from content is treated. */
struct markdown_settings {
	struct pos at;
	bool raw_html;                  /* keep raw HTML (off: left out with a warning) */
};

/* site.yaml's fonts: the publisher's own font files (relative to the
 * site folder, inside its fonts/ folder), one a face; a face left out
 * keeps the bundled one. */
struct site_fonts {
	struct pos at;
	struct str regular, bold, italic, mono;
};

struct footer {
	struct pos at;
	struct md text;
	struct list links;              /* struct link_item */
};

struct titled_text {
	struct pos at;
	struct str title;
	struct str text;
};

struct audience {
	struct pos at;
	struct str name;
	struct str use;
};

struct why {
	struct pos at;
	struct str title;
	struct md intro;
	struct list risks;              /* struct titled_text */
};

struct card_section {
	struct pos at;
	struct str title;
	struct str intro;
	struct list items;              /* struct titled_text */
};

struct overview {
	struct pos at;
	struct str title;
	struct str hub;                 /* the system at the centre */
	struct md text;
};

struct help {
	struct pos at;
	struct str title;
	struct md intro;
	struct list services;           /* struct titled_text */
};

struct playbook {
	struct pos at;
	struct str title;
	struct str file;                /* file name of the PDF */
	struct str summary;
	struct list includes;           /* struct str */
	struct str paper;               /* enum: see model_papers; NULL: a4 */
	struct str url;                 /* derived: site path of the PDF */
};

struct trust {
	struct pos at;
	struct str title;
	struct list points;             /* struct str */
};

/* What happens after the download, shown in the playbook section: each
 * step, in order.  A step the lead form performs (form: true) is shown only
 * when site.yaml names a lead_form, so that the page never promises an
 * e-mail it cannot send. */
struct next_step {
	struct pos at;
	struct str title;
	struct md text;
	bool form;
	struct md without_form;         /* a form step's text when the site has no lead_form */
	bool shown;                     /* derived: not form, the site has a lead_form, or without_form */
};

struct next_section {
	struct pos at;
	struct str title;
	struct list steps;              /* struct next_step */
};

struct related {
	struct pos at;
	struct str title;
	struct list items;              /* struct related_item */
};

struct related_item {
	struct pos at;
	struct str title;
	struct str url;                 /* link */
	struct str text;
};

/* One way data or work moves in a resource's diagrams: a resource's own
 * words, drawn in the colour of its place in the list (see
 * MODEL_FLOW_KINDS_MAX) with its line style. */
struct flow_kind {
	struct pos at;
	struct str id;
	struct str label;
	struct str line;                /* enum: see model_line_styles */
	long rank;                      /* derived: its place in the list, from 1 */
};

/* The headings of a pattern's mapping table. */
struct mapping_columns {
	struct pos at;
	struct str source;
	struct str target;
	struct str direction;
	struct str transform;
	struct str owner;
};

/* A value a mapping row's direction may take, and its words. */
struct mapping_direction {
	struct pos at;
	struct str id;
	struct str label;
};

/* The words of the patterns' mapping tables. */
struct mapping_words {
	struct pos at;
	struct str title;
	struct mapping_columns *columns;
	struct list directions;         /* struct mapping_direction */
};

/* A resource's own words for what its patterns share.  Every member is set
 * once the resource is read: what the author left out has its default
 * (content/vocabulary.c, documented in folio(5)). */
struct vocabulary {
	struct pos at;
	struct list flow_kinds;         /* struct flow_kind: none unless declared */
	struct str effort_unit;
	long complexity_max;            /* complexity runs from 1 to this */
	struct mapping_words *mapping;
};

struct system {
	struct pos at;
	struct str id;
	struct str name;
	struct str role;
	struct list examples;           /* struct str */
};

struct flow {
	struct pos at;
	struct str from;                /* system id */
	struct str to;                  /* system id */
	struct str data;
	struct str how;                 /* flow kind id (vocabulary.flow_kinds), optional */
	struct str owner;               /* system id, optional */
	struct str how_label;           /* derived: the kind's label; NULL without how */
	const struct flow_kind *kind;       /* derived, NULL without how */
	const struct system *from_system;   /* derived */
	const struct system *to_system;     /* derived */
	const struct system *owner_system;  /* derived, NULL without owner */
};

struct effort {
	struct pos at;
	long min;                       /* in the vocabulary's effort unit */
	long max;
	struct list assumptions;        /* struct str: what the range assumes */
	struct str text;                /* derived: the range in words, "4 to 8 weeks" (effort_range) */
};

struct pitfall {
	struct pos at;
	struct str title;
	struct str problem;
	struct str remedy;
};

/* One row of a pattern's field mapping template. */
struct mapping_row {
	struct pos at;
	struct str source_system;       /* system id */
	struct str source;              /* object.field */
	struct str target_system;       /* system id */
	struct str target;              /* object.field */
	struct str direction;           /* a direction id of vocabulary.mapping */
	struct str transform;
	struct str owner;               /* system id of the system of record */
	struct str direction_label;     /* derived: the direction's words */
	const struct system *source_ref;    /* derived */
	const struct system *target_ref;    /* derived */
	const struct system *owner_ref;     /* derived */
};

struct criterion {
	struct pos at;
	struct str id;
	struct str name;
	struct str text;
};

/* A pattern's answer to one criterion of the decision matrix. */
struct rating {
	struct pos at;
	struct str criterion;           /* criterion id */
	struct str value;
	const struct criterion *ref;    /* derived */
};

struct pattern {
	struct pos at;
	struct str slug;                /* derived: file name without .md */
	struct str url;                 /* derived: site path of its page */
	struct str title;
	struct str summary;
	long weight;
	bool draft;
	struct str short_title;         /* "short": a few words for tables and ticks */
	struct str label;               /* derived: short_title, else title */
	struct str best_for;
	struct str avoid_when;
	struct str decision;
	long complexity;                /* 1 to vocabulary.complexity_max */
	struct str complexity_text;     /* derived: on its scale, "3 of 5" (scale_value) */
	struct effort *effort;
	struct list systems;            /* struct system */
	struct list flows;              /* struct flow */
	struct list pitfalls;           /* struct pitfall */
	struct list mapping;            /* struct mapping_row */
	struct list ratings;            /* struct rating, in the matrix's criteria order */
	struct md body;                 /* derived: the Markdown after the front matter */
	bool unread;                    /* derived: its file could not be parsed (reported); the
	                                 * checks that compare it with other files leave it out */
};

struct faq {
	struct pos at;
	struct str slug;                /* derived */
	struct str anchor;              /* derived: fragment id on the resource page */
	struct str question;
	long weight;
	bool draft;
	bool quick;                     /* a short answer: 40 to 60 words, shown first */
	struct md answer;               /* derived: the Markdown body */
};

struct pattern_section {
	struct pos at;
	struct str title;
	struct str intro;
	struct list items;              /* derived: struct pattern, in order */
};

struct faq_section {
	struct pos at;
	struct str title;
	struct str intro;
	struct str quick_title;         /* heading of the short answers block */
	struct list items;              /* derived: struct faq, in order */
	struct list quick;              /* derived: borrowed quick answers of items */
	struct list more;               /* derived: borrowed other entries of items */
};

/* Words a quick answer may have: enough to stand alone, short enough to quote. */
enum { FAQ_QUICK_MIN_WORDS = 40, FAQ_QUICK_MAX_WORDS = 60 };

struct decision_matrix {
	struct pos at;
	struct str title;
	struct md guide;                /* how to read it */
	struct str caption;             /* the table's caption, before its count of criteria;
	                                 * a default when left out */
	struct list criteria;           /* struct criterion */
};

struct product {
	struct pos at;
	struct str id;
	struct str name;
};

struct area {
	struct pos at;
	struct str id;
	struct str name;
	struct str pattern;             /* slug of the pattern it matches, optional */
	const struct pattern *pattern_ref;  /* derived */
};

/* One level of the support matrix; levels are listed strongest first and
 * drawn by their place (see MODEL_SUPPORT_LEVELS_MAX). */
struct support_level {
	struct pos at;
	struct str id;
	struct str label;
	bool unsourced;                 /* a cell at this level may cite no source */
	long rank;                      /* derived: its place in the list, from 1 */
};

struct support_cell {
	struct pos at;
	struct str product;             /* product id */
	struct str area;                /* area id */
	struct str level;               /* level id */
	struct str note;
	struct list sources;            /* struct str: URLs */
	struct str level_label;         /* derived */
	const struct support_level *level_ref;  /* derived */
	const struct product *product_ref;      /* derived */
};

/* Derived: one area with its cells in the order of the products. */
struct support_row {
	struct pos at;
	const struct area *area;
	struct list cells;              /* refs to struct support_cell */
};

/* The support matrix: what each product offers in each area, at one of
 * the resource's levels. */
struct support {
	struct pos at;
	struct str title;
	struct md intro;
	struct str checked;             /* date the sources were read */
	struct str checked_text;        /* derived: checked as the strings write a date */
	struct str note;                /* footnote under the table */
	struct str caption;             /* the table's caption; a default when left out */
	struct str area_label;          /* heading of the areas' column; a default when left out */
	struct list levels;             /* struct support_level, strongest first */
	struct list products;           /* struct product */
	struct list areas;              /* struct area */
	struct list cells;              /* struct support_cell */
	struct list rows;               /* derived: struct support_row per area */
};

struct estimator_factor {
	struct pos at;
	struct str id;
	struct str label;
	long percent;                   /* multiplies the effort: 100 is neutral */
};

/* Groundwork several patterns build on (middleware, ID mapping): where
 * two ticked patterns share one, the second adds only shared_percent of
 * its range (estimate.h). */
struct estimator_foundation {
	struct pos at;
	struct str id;
	struct str label;
	struct list patterns;           /* struct str: pattern slugs */
	struct list pattern_refs;       /* derived: borrowed struct pattern *, in patterns' order */
};

/* What the reader's day rate and team size turn the effort into. */
struct estimator_cost {
	struct pos at;
	long days_per_unit;             /* working days in one effort unit: 5 for weeks */
	struct str currency;            /* optional: the rate's currency; none, the reader's own */
};

struct estimator {
	struct pos at;
	struct str title;
	struct md intro;
	/* Words of the form and the table; a default when left out. */
	struct str legend;              /* over the patterns to tick */
	struct str hint;                /* the result before anything is ticked */
	struct str pattern_label;       /* heading of the patterns' column */
	struct list assumptions;        /* struct str */
	long shared_percent;            /* effort kept per extra pattern's share, see estimate.h */
	struct list volumes;            /* struct estimator_factor */
	struct list experience;         /* struct estimator_factor */
	long team_assumed;              /* people the effort's elapsed time assumes; 0: not said */
	struct list foundations;        /* struct estimator_foundation; none: every pattern shares */
	struct estimator_cost *cost;    /* NULL: no day rate to enter */
};

/* A section of Markdown a resource adds to its page (custom_sections). */
struct custom_section {
	struct pos at;
	struct str title;
	struct md body;
	struct str anchor;              /* its id on the page; derived from the title when not written */
};

/* The kinds of section a resource page is made of: the built-in ones, in
 * their default order, then the resource's own. */
enum section_kind {
	SECTION_ANSWERS,                /* the quick answers of faq/ */
	SECTION_WHY,
	SECTION_HELPS,                  /* resource.yaml's cards */
	SECTION_STEPS,
	SECTION_PATTERNS,
	SECTION_OVERVIEW,
	SECTION_MATRIX,
	SECTION_SUPPORT,
	SECTION_ESTIMATOR,
	SECTION_PLAYBOOK,
	SECTION_TRUST,                  /* what the playbook rests on: shown with it */
	SECTION_HELP,                   /* after the free material, not between its parts */
	SECTION_FAQ,                    /* the other questions of faq/ */
	SECTION_RELATED,
	SECTION_CUSTOM,                 /* a struct custom_section */
	SECTION_KINDS
};

/* What the format says of each built-in section (model.c): its id, which
 * is its anchor on the page and its name in a resource's 'sections', and
 * the key in resource.yaml that gives it. */
struct model_section {
	const char *id;
	const char *key;
};
extern const struct model_section model_sections[SECTION_CUSTOM];

/* Derived: one section of a resource page, in the resource's order. */
struct page_section {
	struct pos at;
	enum section_kind kind;
	struct str id;                  /* its anchor: model_sections[kind].id, or a custom section's */
	struct str title;               /* its heading; NULL when the theme words it (quick answers
	                                 * without a quick_title) */
	const void *refs[SECTION_KINDS];        /* refs[kind] only: what it shows, borrowed from the
	                                         * resource (the faq_section for answers and faq) */
};

struct resource {
	struct pos at;
	struct str slug;                /* derived: folder name */
	struct str url;                 /* derived: site path of its page */
	struct str title;
	struct str kicker;
	struct str summary;
	struct str description;
	long weight;
	bool draft;
	struct str updated;
	struct str updated_text;        /* derived: updated as the strings write a date,
	                                 * "1 November 2026"; NULL without updated */
	struct list audiences;          /* struct audience */
	struct why *why;
	struct card_section *cards;
	struct card_section *steps;
	struct pattern_section *patterns;
	struct overview *overview;
	struct help *help;
	struct playbook *playbook;
	struct trust *trust;
	struct next_section *next;
	struct faq_section *faq;
	struct related *related;
	struct decision_matrix *matrix;
	struct support *support;
	struct estimator *estimator;
	struct vocabulary *vocabulary;  /* always set once read (defaults filled in) */
	struct list cta;                /* struct str: ids of site calls to action */
	struct list sections;           /* struct str: section ids in page order; empty: the default */
	struct list custom_sections;    /* struct custom_section */
	struct list actions;            /* derived: struct call_to_action, the site's, with a
	                                 * url of '#id' made a link to this resource's page */
	struct list contents;           /* derived: struct page_section, the sections of its page in order */
	bool unread;                    /* derived: resource.yaml could not be parsed (reported); the
	                                 * checks that compare it with other files leave it out */
	bool kept;                      /* derived: not read, its unit taken as the last build
	                                 * left it (load_site_partly): only its slug and url are set */
};

/* A plain page: content/pages/<slug>.md, built at /<slug>/. */
struct plain_page {
	struct pos at;
	struct str slug;                /* derived: file name without .md */
	struct str url;                 /* derived: site path of the page */
	struct str title;
	struct str description;
	struct str type;                /* enum: about, contact, page (the default) */
	long weight;
	bool draft;
	struct str menu;                /* enum: header, footer (the default), both, none */
	struct md body;                 /* derived: the Markdown after the front matter */
};

/* A link from content to a path of the site, checked once the site is
 * built: a relative link is stored resolved against the page it is shown
 * on (body.h). */
struct site_link {
	char *path;                     /* owned: "/resources/x/" without fragment or query */
	char *fragment;                 /* owned: the id after '#', or NULL */
	char *written;                  /* owned: a relative link as written ("../x/"), or NULL */
	struct pos at;
	char *copy;                     /* owned: the file the build publishes at path (an image
	                                 * beside its Markdown, images.h); NULL: none */
};

struct site {
	struct pos at;
	struct str title;
	struct str tagline;
	struct str description;
	struct str base_url;            /* always ends in '/' */
	struct str language;
	struct publisher *publisher;
	struct brand *brand;            /* NULL: the theme's own colours */
	struct list calls_to_action;    /* struct call_to_action */
	struct lead_form *lead_form;
	struct list navigation;         /* struct link_item; then, derived, the plain pages shown in the header */
	struct footer *footer;          /* its links end with the plain pages shown in the footer (derived) */
	struct markdown_settings *markdown;
	struct list strings;            /* struct text_pair: site.yaml's strings, which
	                                 * override the theme's; once loaded, every
	                                 * string of the theme, sorted by key (model_string) */
	struct list resources;          /* derived: struct resource, in order */
	struct list pages;              /* derived: struct plain_page, in order */
	struct site_link *links;        /* owned: every site path content links to,
	                                 * but for bodies left on disk (body.h) */
	size_t nlinks;
	size_t cap_links;
	struct hash_known *read;        /* owned: every content file read, by interned path, with its bytes' hash */
	size_t nread;
	size_t cap_read;
	char **paths;                   /* owned: interned file paths for struct pos */
	size_t npaths;
	size_t cap_paths;
	struct site_fonts *fonts;       /* site.yaml's fonts:, NULL when absent */
	struct fontset *own_fonts;      /* owned: with fonts:, the faces the content was
	                                 * checked against (the site's over the bundled),
	                                 * noting the characters used (font_track) */
};

extern const struct schema model_site_schema;
extern const struct schema model_resource_schema;
extern const struct schema model_pattern_schema;
extern const struct schema model_faq_schema;
extern const struct schema model_page_schema;
extern const struct schema model_page_section_schema;

/* The line styles a flow kind may be drawn with, in the order of enum
 * model_line; NULL-terminated. */
enum model_line { MODEL_LINE_SOLID, MODEL_LINE_DASHED, MODEL_LINE_DOTTED, MODEL_LINE_HEAVY, MODEL_LINES };
extern const char *const model_line_styles[];

/* The enum model_line of a line style's name (MODEL_LINE_SOLID for NULL or
 * a name not in model_line_styles). */
enum model_line model_line_of(const char *name);

/* The papers a playbook may be printed on, in the order of enum
 * model_paper; NULL-terminated. */
enum model_paper { MODEL_PAPER_A4, MODEL_PAPER_LETTER, MODEL_PAPERS };
extern const char *const model_papers[];

/* The enum model_paper of a paper's name (MODEL_PAPER_A4, the default, for
 * NULL or a name not in model_papers). */
enum model_paper model_paper_of(const char *name);

/* How many flow kinds and support levels a resource may declare: the
 * diagrams and the theme have a colour for each place up to these. */
enum { MODEL_FLOW_KINDS_MAX = 6, MODEL_SUPPORT_LEVELS_MAX = 6 };

/* Bounds and default of vocabulary.complexity_max. */
enum { MODEL_COMPLEXITY_MAX_LOW = 2, MODEL_COMPLEXITY_MAX_DEFAULT = 5, MODEL_COMPLEXITY_MAX_HIGH = 10 };

/* The values of plain_page.type and plain_page.menu; NULL-terminated. */
extern const char *const model_page_types[];
extern const char *const model_page_menus[];

void model_free(struct site *site);

/*
 * The interface phrases of a loaded site (its strings: the theme's
 * strings file with site.yaml's strings over it).  The loader makes sure
 * every key the code asks for exists and has exactly the placeholders the
 * code fills (content/strings.c lists them), so these cannot fail for a
 * site load_site() returned.  They only read the site: any thread.
 */

/* The phrase called key as written, placeholders and doubled braces in
 * it; key itself when the site has no such string (a site made by hand,
 * or a key the loader does not require). */
const char *model_string(const struct site *site, const char *key);

/* Appends the phrase called key to out, its placeholders filled from
 * args[0..nargs) (phrase.h) and its doubled braces made single. */
void model_phrase(struct buf *out, const struct site *site, const char *key, const struct phrase_arg *args,
                  size_t nargs);

/* Appends a number as the site's language writes it: the strings'
 * number_group between groups of three digits from 1000 on ("12,500";
 * "12.500" in German).  Every number a reader sees goes through here. */
void model_number(struct buf *out, const struct site *site, long value);

/* value as model_number() writes it, in a string of its own (caller frees). */
char *model_number_text(const struct site *site, long value);

/* The same for scaled / 10^decimals, with number_decimal before exactly
 * that many decimals: (25, 1) gives "2.5", in German "2,5". */
void model_decimal(struct buf *out, const struct site *site, long scaled, int decimals);

/* Appends a rating on its scale, as "scale_value" writes it: "3 of 5". */
void model_scale(struct buf *out, const struct site *site, long value, long max);

/* Appends a range of effort, as "effort_range" writes it: "4 to 8 weeks"
 * (unit: the resource's vocabulary.effort_unit). */
void model_range(struct buf *out, const struct site *site, long min, long max, const char *unit);

/* Appends a date written YYYY-MM-DD as the strings write dates ("date":
 * "{day} {month} {year}", the month named by "month_1" to "month_12"):
 * "2 March 2026".  A text that is not such a date is appended as it is. */
void model_date(struct buf *out, const struct site *site, const char *iso);

#endif
