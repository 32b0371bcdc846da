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

#include "base/hash.h"
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
	struct str url;                 /* derived: site path of the PDF */
};

struct trust {
	struct pos at;
	struct str title;
	struct list points;             /* struct str */
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
	struct str how;                 /* enum: see model_flow_modes */
	struct str owner;               /* system id, optional */
	struct str how_label;           /* derived: words for how */
	const struct system *from_system;   /* derived */
	const struct system *to_system;     /* derived */
	const struct system *owner_system;  /* derived, NULL without owner */
};

struct effort {
	struct pos at;
	long min;                       /* weeks */
	long max;
	struct list assumptions;        /* struct str: what the range assumes */
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
	struct str direction;           /* enum: one-way, two-way */
	struct str transform;
	struct str owner;               /* system id of the system of record */
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
	long complexity;                /* 1 to 5 */
	struct effort *effort;
	struct list systems;            /* struct system */
	struct list flows;              /* struct flow */
	struct list pitfalls;           /* struct pitfall */
	struct list mapping;            /* struct mapping_row */
	struct list ratings;            /* struct rating, in the matrix's criteria order */
	struct md body;                 /* derived: the Markdown after the front matter */
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
	struct list criteria;           /* struct criterion */
};

struct vendor {
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

struct connector_cell {
	struct pos at;
	struct str vendor;              /* vendor id */
	struct str area;                /* area id */
	struct str level;               /* enum: see model_connector_levels */
	struct str note;
	struct list sources;            /* struct str: URLs */
	struct str level_label;         /* derived */
	const struct vendor *vendor_ref;    /* derived */
};

/* Derived: one area with its cells in the order of the vendors. */
struct connector_row {
	struct pos at;
	const struct area *area;
	struct list cells;              /* refs to struct connector_cell */
};

struct connectors {
	struct pos at;
	struct str title;
	struct md intro;
	struct str checked;             /* date the sources were read */
	struct str note;                /* footnote under the table */
	struct list vendors;            /* struct vendor */
	struct list areas;              /* struct area */
	struct list cells;              /* struct connector_cell */
	struct list rows;               /* derived: struct connector_row per area */
};

struct estimator_factor {
	struct pos at;
	struct str id;
	struct str label;
	long percent;                   /* multiplies the effort: 100 is neutral */
};

struct estimator {
	struct pos at;
	struct str title;
	struct md intro;
	struct list assumptions;        /* struct str */
	long shared_percent;            /* effort kept per extra pattern's share, see estimate.h */
	struct list volumes;            /* struct estimator_factor */
	struct list experience;         /* struct estimator_factor */
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
	SECTION_CONNECTORS,
	SECTION_ESTIMATOR,
	SECTION_HELP,
	SECTION_PLAYBOOK,
	SECTION_TRUST,
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
	struct list audiences;          /* struct audience */
	struct why *why;
	struct card_section *cards;
	struct card_section *steps;
	struct pattern_section *patterns;
	struct overview *overview;
	struct help *help;
	struct playbook *playbook;
	struct trust *trust;
	struct faq_section *faq;
	struct related *related;
	struct decision_matrix *matrix;
	struct connectors *connectors;
	struct estimator *estimator;
	struct list cta;                /* struct str: ids of site calls to action */
	struct list sections;           /* struct str: section ids in page order; empty: the default */
	struct list custom_sections;    /* struct custom_section */
	struct list actions;            /* derived: struct call_to_action, the site's, with a
	                                 * url of '#id' made a link to this resource's page */
	struct list contents;           /* derived: struct page_section, the sections of its page in order */
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

/* A link from content to a path of the site, checked once the site is built. */
struct site_link {
	char *path;                     /* owned: "/resources/x/" without fragment */
	struct pos at;
};

struct site {
	struct pos at;
	struct str title;
	struct str tagline;
	struct str description;
	struct str base_url;            /* always ends in '/' */
	struct str language;
	struct publisher *publisher;
	struct list calls_to_action;    /* struct call_to_action */
	struct lead_form *lead_form;
	struct list navigation;         /* struct link_item; then, derived, the plain pages shown in the header */
	struct footer *footer;          /* its links end with the plain pages shown in the footer (derived) */
	struct markdown_settings *markdown;
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
};

extern const struct schema model_site_schema;
extern const struct schema model_resource_schema;
extern const struct schema model_pattern_schema;
extern const struct schema model_faq_schema;
extern const struct schema model_page_schema;
extern const struct schema model_page_section_schema;

/* The values of connector_cell.level and their words; NULL-terminated. */
extern const char *const model_connector_levels[];
extern const char *const model_connector_level_labels[];

/* The values of plain_page.type and plain_page.menu; NULL-terminated. */
extern const char *const model_page_types[];
extern const char *const model_page_menus[];

/* The values of flow.how and their words, index for index; NULL-terminated. */
extern const char *const model_flow_modes[];
extern const char *const model_flow_mode_labels[];

void model_free(struct site *site);

#endif
