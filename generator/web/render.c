#include "web/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


#include "base/buf.h"
#include "base/pool.h"
#include "base/progress.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "content/body.h"
#include "content/estimate.h"
#include "content/markdown.h"
#include "diagram/diagram.h"
#include "diagram/paint.h"
#include "diagram/paint_cairo.h"
#include "diagram/paint_svg.h"
#include "output/reuse.h"
#include "pdf/playbook.h"
#include "pdf/typeset.h"
#include "web/brandcss.h"
#include "web/feeds.h"
#include "web/jsonld.h"
#include "web/mirror.h"

/* What a template knows about the page being rendered. */
struct page {
	struct pos at;
	struct str kind;        /* home, resource, pattern, 404 */
	struct str title;       /* the page's own title */
	struct str head_title;  /* for <title>: own title and site title */
	struct str description;
	struct str url;         /* site path of the page */
	struct str canonical;   /* absolute URL */
	struct str year;        /* of the build, for the footer */
	struct str image;       /* site path of the page's social card */
	struct str image_url;   /* its absolute URL */
	struct str image_alt;
	struct str og_type;     /* website or article */
	struct str locale;      /* en_GB from en-GB, for Open Graph */
};

/* A diagram's files and text alternative, for a template's <figure>. */
struct figure {
	struct pos at;
	struct str svg;         /* site paths */
	struct str png;
	struct str png2x;
	struct str alt;
};

static const struct field figure_fields[] = {
	SCHEMA_FIELD(struct figure, svg, "svg", SK_LINK, 0),
	SCHEMA_FIELD(struct figure, png, "png", SK_LINK, 0),
	SCHEMA_FIELD(struct figure, png2x, "png2x", SK_LINK, 0),
	SCHEMA_FIELD(struct figure, alt, "alt", SK_LINE, 0),
	SCHEMA_END};
static const struct schema figure_schema = {"figure", sizeof(struct figure), offsetof(struct figure, at),
                                            figure_fields};

static const struct field page_fields[] = {
	SCHEMA_FIELD(struct page, kind, "kind", SK_LINE, 0),
	SCHEMA_FIELD(struct page, title, "title", SK_LINE, 0),
	SCHEMA_FIELD(struct page, head_title, "head_title", SK_LINE, 0),
	SCHEMA_FIELD(struct page, description, "description", SK_LINE, 0),
	SCHEMA_FIELD(struct page, url, "url", SK_LINK, 0),
	SCHEMA_FIELD(struct page, canonical, "canonical", SK_URL, 0),
	SCHEMA_FIELD(struct page, year, "year", SK_LINE, 0),
	SCHEMA_FIELD(struct page, image, "image", SK_LINK, 0),
	SCHEMA_FIELD(struct page, image_url, "image_url", SK_URL, 0),
	SCHEMA_FIELD(struct page, image_alt, "image_alt", SK_LINE, 0),
	SCHEMA_FIELD(struct page, og_type, "og_type", SK_LINE, 0),
	SCHEMA_FIELD(struct page, locale, "locale", SK_LINE, 0),
	SCHEMA_END};
static const struct schema page_schema = {"page", sizeof(struct page), offsetof(struct page, at), page_fields};

struct job {
	const struct site *site;
	struct tpl_set *templates;
	struct output *o;
	struct diag *d;
	const struct fontset *fonts;
	const struct options *opt;
	char year[16];
	char date[16];          /* of the build, YYYY-MM-DD */
	size_t pages;
	bool ok;
	struct reuse *reuse;    /* PNGs and playbooks from the last build; may be NULL */
	const struct paint_palette *palette;    /* the pictures' colours; NULL: the theme's */
	const struct field *const *watched;     /* WATCHED_COUNT of them */
	struct body_links *found;       /* the task's: links found in a pattern body */
	struct produced *made;          /* the task's: the ids of its page */
	struct render_files *files;     /* the task's: the files it wrote */
	unsigned reads;                 /* the task's: which of the fields a page's
	                                 * template may read site-wide ones through
	                                 * it read (WATCHED_*) */
	const struct bodies *bodies;    /* render_tools' */
	const struct render_unit *last_units;   /* the same */
	const bool *faces_same;         /* the same */
	size_t unit;                    /* the task's (render.h) */
	struct buf *notes;              /* the task's: the note of its pattern page */
	struct render_sources *sources; /* the task's: the body its pattern page
	                                 * was made from */
	size_t bodies_kept;             /* the task's: 1 when its page was made
	                                 * from a note */
	bool kept;                      /* the task's page was made from a note */
	/* Of the page being made: its Markdown parts, and, once written, the
	 * hash of its bytes. */
	const struct tpl_md_parts *md_parts;
	struct hash page_bytes;
};

/* The fields through which a template reaches beyond its own page's
 * resource: a page that reads one depends on every resource (or plain
 * page), not only on its own.  And a pattern's body, which a page made
 * from the last build's note of its body does not have. */
enum { WATCHED_RESOURCES, WATCHED_PAGES, WATCHED_BODY, WATCHED_COUNT };
#define WATCHED_SITE_WIDE ((1u << WATCHED_RESOURCES) | (1u << WATCHED_PAGES))

/* Keeps a file of the previous build as it is, in a build updated in
 * place, and notes it among the task's files with the hash of its bytes
 * (the record's). */
static void job_keep(struct job *job, const char *rel, struct hash bytes)
{
	output_keep(job->o, rel);
	if (job->files)
		render_files_add(job->files, rel, bytes);
}

/* Writes a file of the task's, whose bytes hash to bytes (hash_bytes),
 * and notes it among the task's files: the units file keeps the hash, for
 * the next update to tell without reading the file whether it changed. */
static bool job_write_hashed(struct job *job, const char *rel, const void *data, size_t len, struct hash bytes)
{
	bool ok = output_write_hashed(job->o, rel, data, len, bytes);
	if (ok && job->files)
		render_files_add(job->files, rel, bytes);
	return ok;
}

static bool job_write(struct job *job, const char *rel, const void *data, size_t len)
{
	return job_write_hashed(job, rel, data, len, hash_bytes(data, len));
}

/* Draws the Mermaid diagram of code block n inline, in the page's
 * palette: its name is the caption's text, else what kind of diagram it
 * is, and its description tells what it shows in words. */
static bool draw_diagram(void *ctx, cmark_node *n, const char *title, const char *prefix, struct buf *out)
{
	const struct job *job = ctx;
	const struct mmd_diagram *m = mermaid_of(n);
	struct layout *lay = m ? diagram_mermaid(m, job->fonts) : NULL;
	if (lay == NULL)
		return false;
	char *desc = diagram_mermaid_desc(job->site, m);
	struct svg_options opt = {prefix, title ? title : diagram_mermaid_name(job->site, m), desc, false, job->palette};
	svg_write(out, lay, &opt);
	free(desc);
	layout_free(lay);
	return true;
}

/* "../" once per folder level of the page's path. */
static char *root_of(const char *url)
{
	struct buf b = BUF_INIT;
	for (const char *p = url + 1; *p; p++)
		if (*p == '/')
			buf_puts(&b, "../");
	return buf_detach(&b);
}

/* The path part of an absolute URL: "https://x.org/docs/" gives "/docs/". */
static char *base_path(const char *base_url)
{
	const char *host = strstr(base_url, "://");
	const char *path = host ? strchr(host + 3, '/') : NULL;
	return xstrdup(path ? path : "/");
}

/* The file a site path is written to: "/a/b/" is "a/b/index.html". */
static char *file_of(const char *url)
{
	if (text_ends_with(url, "/"))
		return xasprintf("%sindex.html", url + 1);
	return xstrdup(url + 1);
}

/* What a page is: its template, where it goes and what its card shows. */
struct page_spec {
	const char *tpl;
	const char *url;
	const char *title;
	const char *description;
	const char *kind;
	const char *context;            /* the resource's name on the card */
	const struct layout *motif;     /* the diagram on the card */
	const struct resource *resource;        /* for structured data; may be NULL */
	const struct pattern *pattern;
	const struct plain_page *plain;         /* a plain page's; may be NULL */
};

/* The site path of a page's social card: beside its index.html. */
static char *card_path(const char *url)
{
	if (text_ends_with(url, "/"))
		return xasprintf("%sog.png", url);
	size_t n = strcspn(url, ".");
	return xasprintf("%.*s-og.png", (int)n, url);
}

static void write_card(struct job *job, const struct page_spec *spec, const char *path)
{
	if (!options_images(job->opt))
		return;
	struct paint_cairo_card c = {spec->title, spec->context, job->site->publisher->name.v, spec->motif, job->palette};
	struct hash key = reuse_key_card(&c);
	struct hash bytes;
	if (output_in_place(job->o) && reuse_png_here(job->reuse, key, path + 1, &bytes)) {
		job_keep(job, path + 1, bytes);
		return;
	}
	struct buf png = BUF_INIT;
	if (reuse_png(job->reuse, key, &png) || paint_cairo_card_png(&c, job->fonts, &png)) {
		bytes = hash_bytes(png.data, png.len);
		job->ok &= job_write_hashed(job, path + 1, png.data, png.len, bytes);
		reuse_note_png(job->reuse, key, path + 1, bytes);
	} else {
		struct pos at = {path, 0, 0};
		diag_error(job->d, at, "cairo could not draw the social card; check that memory is free, then build again");
		job->ok = false;
	}
	buf_free(&png);
}

/* The page's content as Markdown, beside it (index.html.md). */
static void write_mirror(struct job *job, const struct page_spec *spec, const char *file)
{
	if (job->opt->html_only)
		return;
	if (job->kept) {        /* made from the body alone: as it was (render_pattern_kept) */
		char *path = xasprintf("%s.md", file);
		struct hash bytes;
		if (output_known(job->o, path, &bytes))
			job_keep(job, path, bytes);
		free(path);
		return;
	}
	struct buf md = BUF_INIT;
	if (spec->pattern)
		mirror_pattern(&md, job->site, spec->resource, spec->pattern);
	else if (spec->plain)
		mirror_plain_page(&md, job->site, spec->plain);
	else if (spec->resource)
		mirror_resource(&md, job->site, spec->resource);
	else if (strcmp(spec->kind, "home") == 0)
		mirror_home(&md, job->site);
	if (md.len) {
		char *path = xasprintf("%s.md", file);
		job->ok &= job_write(job, path, md.data, md.len);
		free(path);
	}
	buf_free(&md);
}

static void render_page(struct job *job, const struct page_spec *spec, const struct tpl_var *extra, size_t nextra)
{
	const char *tpl = spec->tpl, *url = spec->url, *title = spec->title, *kind = spec->kind;
	const char *description = spec->description;
	const struct site *site = job->site;
	struct page page = {0};
	page.at = site->at;
	page.kind.v = (char *)kind;
	page.title.v = (char *)title;
	char *head_title = strcmp(title, site->title.v) == 0 ? xstrdup(title) : xasprintf("%s | %s", title, site->title.v);
	page.head_title.v = head_title;
	page.description.v = (char *)description;
	page.url.v = (char *)url;
	char *canonical = xasprintf("%s%s", site->base_url.v, url + 1);
	page.canonical.v = canonical;
	page.year.v = job->year;
	/* Without the cards (--no-images) the page names none: a reference
	 * to a file not written would be a broken link. */
	bool cards = options_images(job->opt);
	char *image = cards ? card_path(url) : NULL;
	char *image_url = cards ? xasprintf("%s%s", site->base_url.v, image + 1) : NULL;
	char *image_alt = xasprintf("%s%s%s", title, spec->context ? " | " : "", spec->context ? spec->context : "");
	page.image.v = image;
	page.image_url.v = image_url;
	page.image_alt.v = image_alt;
	page.og_type.v = strcmp(kind, "pattern") == 0 ? "article" : "website";
	char *locale = xstrdup(site->language.v);
	for (char *c = locale; *c; c++)
		if (*c == '-')
			*c = '_';
	page.locale.v = locale;
	const char *date = spec->resource && spec->resource->updated.v ? spec->resource->updated.v : job->date;
	struct jsonld_page ld = {kind, url, title, description, image, date, spec->resource, spec->pattern, spec->plain};
	char *graph = jsonld_page(site, &ld);

	struct tpl_var vars[16];      /* site, page, jsonld and a page's extra names: a pattern page gives 10 */
	size_t n = 0;
	vars[n++] = (struct tpl_var){"site", tval_object(&model_site_schema, site)};
	vars[n++] = (struct tpl_var){"page", tval_object(&page_schema, &page)};
	vars[n++] = (struct tpl_var){"jsonld", tval_html(graph)};
	for (size_t i = 0; i < nextra && n < sizeof vars / sizeof vars[0]; i++)
		vars[n++] = extra[i];

	/* The 404 page is served at any depth: link from the site root. */
	char *root = strcmp(kind, "404") == 0 ? base_path(site->base_url.v) : root_of(url);
	struct buf html = BUF_INIT;
	buf_reserve(&html, 32767);      /* a page is some 20 KB: room at once, not a dozen doublings */
	struct tpl_page pg = {root, draw_diagram, job, job->watched, WATCHED_COUNT, &job->reads, job->md_parts};
	bool rendered = tpl_render(job->templates, tpl, vars, n, &pg, &html, job->d);
	if (job->kept && (*job->md_parts->missed || (job->reads & (1u << WATCHED_BODY)))) {
		/* wanted more of its body than the note has: made again from it */
	} else if (rendered) {
		char *file = file_of(url);
		job->page_bytes = hash_bytes(html.data, html.len);
		job->ok &= job_write_hashed(job, file, html.data, html.len, job->page_bytes);
		if (job->made)
			produced_add_page(job->made, url, html.data, html.len);
		write_mirror(job, spec, file);
		job->pages++;
		free(file);
	} else {
		job->ok = false;
	}
	buf_free(&html);
	free(root);
	free(canonical);
	free(head_title);
	free(image);
	free(image_url);
	free(image_alt);
	free(locale);
	free(graph);
}

/* Writes a diagram as SVG under base (a site path without extension);
 * fills fig (which also names the PNGs, written by their own tasks) and
 * returns the inline SVG (caller frees), its ids prefixed with prefix. */
static char *write_diagram(struct job *job, const struct layout *lay, const char *base, const char *title,
                           const char *desc, const char *prefix, struct figure *fig)
{
	struct buf svg = BUF_INIT, page = BUF_INIT;
	struct svg_options opt = {prefix, title, desc, false, job->palette};
	if (job->opt->html_only) {
		svg_write(&page, lay, &opt);      /* the page's copy only */
	} else {
		svg_write_both(&svg, &page, lay, &opt);
		char *svg_path = xasprintf("%s.svg", base + 1);
		job->ok &= job_write(job, svg_path, svg.data, svg.len);
		free(svg_path);
		buf_free(&svg);
	}
	fig->svg.v = xasprintf("%s.svg", base);
	if (options_images(job->opt)) {         /* else not written: not named */
		/* One PNG, at twice the SVG's size: the theme links it for
		 * download, and nothing showed a 1x copy.  figure.png names it
		 * too, for themes written when there were two. */
		fig->png.v = xasprintf("%s@2x.png", base);
		fig->png2x.v = xasprintf("%s@2x.png", base);
	}
	fig->alt.v = xstrdup(desc);
	return buf_detach(&page);
}

/* The diagram l as PNG at scale (2: the one the pages link) under base. */
static void write_png(struct job *job, const struct layout *lay, const char *base, double scale)
{
	struct buf png = BUF_INIT;
	char *path = xasprintf("%s%s", base + 1, scale > 1 ? "@2x.png" : ".png");
	struct hash key = reuse_key_diagram(lay, job->palette, scale);
	struct hash bytes;
	if (output_in_place(job->o) && reuse_png_here(job->reuse, key, path, &bytes)) {
		job_keep(job, path, bytes);
	} else if (reuse_png(job->reuse, key, &png) || paint_cairo_png(lay, job->fonts, job->palette, scale, &png)) {
		bytes = hash_bytes(png.data, png.len);
		job->ok &= job_write_hashed(job, path, png.data, png.len, bytes);
		reuse_note_png(job->reuse, key, path, bytes);
	} else {
		struct pos at = {path, 0, 0};
		diag_error(job->d, at, "cairo could not draw the diagram; check that memory is free, then build again");
		job->ok = false;
	}
	free(path);
	buf_free(&png);
}

static void free_figure(struct figure *fig)
{
	free(fig->svg.v);
	free(fig->png.v);
	free(fig->png2x.v);
	free(fig->alt.v);
}

/* The estimate for every pattern of r at neutral factors: the figure the
 * page shows without JavaScript, with its range and complexity in the
 * resource's words (free them with estimate_free_words). */
static struct estimate estimate_all(const struct site *site, const struct resource *r)
{
	const struct list *items = &r->patterns->items;
	const struct pattern **all = xcalloc(items->len ? items->len : 1, sizeof *all);
	for (size_t i = 0; i < items->len; i++)
		all[i] = schema_list_at(&model_pattern_schema, items, i);
	long shared = r->estimator ? r->estimator->shared_percent : 100;
	const struct list *foundations = r->estimator ? &r->estimator->foundations : NULL;
	struct estimate e = estimate_patterns(all, items->len, foundations, shared, 100, 100);
	free(all);
	estimate_words(&e, site, r->vocabulary);
	estimate_explain(&e, site, r);
	return e;
}

/* One entry of a pattern page's contents: a section of its body. */
struct outline_entry {
	struct pos at;
	struct str slug;        /* the heading's id before the prefix of the element it is rendered in */
	struct str title;       /* its text without markup */
	struct list sections;   /* struct outline_entry: a ## heading's ### headings */
};

static const struct schema outline_schema;
static const struct field outline_fields[] = {
	SCHEMA_FIELD(struct outline_entry, slug, "slug", SK_LINE, 0),
	SCHEMA_FIELD(struct outline_entry, title, "title", SK_LINE, 0),
	{"sections", SK_LIST, 0, offsetof(struct outline_entry, sections), &outline_schema, 0, 0, NULL, SK_LINE},
	SCHEMA_END};
static const struct schema outline_schema = {"section", sizeof(struct outline_entry),
                                             offsetof(struct outline_entry, at), outline_fields};

static void outline_add(struct list *list, const char *slug, const char *title)
{
	list->items = xrealloc(list->items, (list->len + 1) * sizeof(struct outline_entry));
	struct outline_entry *e = (struct outline_entry *)list->items + list->len++;
	*e = (struct outline_entry){.slug.v = xstrdup(slug), .title.v = xstrdup(title)};
}

/* md_headings' callback: a ## starts a section, a ### goes under the
 * last one (before any ##, it is part of the text above: left out). */
static void outline_heading(void *ctx, int level, const char *id, const char *text)
{
	struct list *top = ctx;
	if (level == 2)
		outline_add(top, id, text);
	else if (level == 3 && top->len > 0)
		outline_add(&((struct outline_entry *)top->items)[top->len - 1].sections, id, text);
}

static void outline_free(struct outline_entry *root)
{
	schema_free_fields(&outline_schema, root);
}

/* The parts of a pattern's body a page shows (tval md_part): up to the
 * sources of its pitfalls, and from them on (body.h). */
enum { PART_GUIDE = 1, PART_GUIDE_AFTER = 2 };

/* A pattern page in the making: what it shows of its body, and the note
 * of what became of it (output/bodies.h) for the next build.  When made
 * from the last build's note (kept), the parts' markup comes from it. */
struct pattern_body {
	struct outline_entry outline[2];        /* of each part, for its page's contents */
	struct tval guide[2];
	struct body_note noted;
	struct body_note kept;                  /* when made from a note */
	bool missed;                            /* the page wanted more than kept has */
	struct tpl_md_parts parts;
};

/* md_headings' callback for part's contents, noted. */
struct heading_to {
	struct pattern_body *b;
	int part;
};

static void outline_and_note(void *ctx, int level, const char *id, const char *text)
{
	const struct heading_to *to = ctx;
	outline_heading(&to->b->outline[to->part - 1].sections, level, id, text);
	body_note_heading(&to->b->noted, to->part, level, id, text);
}

static void note_part(void *ctx, int part, struct hash key, size_t at, size_t len)
{
	struct pattern_body *b = ctx;
	body_note_part(&b->noted, part, key, at, len);
}

static bool find_part(void *ctx, int part, struct hash key, struct buf *out)
{
	const struct pattern_body *b = ctx;
	const struct body_part_note *p = body_note_markup(&b->kept, part, key);
	if (p)
		buf_put(out, p->markup, p->len);
	return p != NULL;
}

static void pattern_body_begin(struct pattern_body *b, const struct pattern *p)
{
	*b = (struct pattern_body){.noted = {.page = file_of(p->url.v), .source = p->body.hash}};
	b->parts = (struct tpl_md_parts){note_part, find_part, b, &b->missed};
}

static void pattern_body_free(struct pattern_body *b)
{
	outline_free(&b->outline[0]);
	outline_free(&b->outline[1]);
	body_note_free(&b->noted);
	body_note_free(&b->kept);
}

/* The two parts of a parsed body and their contents: its blocks up to
 * 'sources' and from it on (none when the body has no such heading). */
static void parts_of_tree(struct pattern_body *b, const struct md *body, cmark_node *sources)
{
	b->noted.sources = sources != NULL;
	cmark_node *bounds[2][2] = {{NULL, sources}, {sources, NULL}};
	for (int i = 0; i < 2; i++) {
		if (i == 1 && sources == NULL)
			break;
		struct md_html_options part = {.from = bounds[i][0], .until = bounds[i][1]};
		struct heading_to to = {b, PART_GUIDE + i};
		md_headings(body->doc, &part, outline_and_note, &to);
		b->guide[i] = (struct tval){.kind = TV_MD, .obj = body->doc, .md_from = bounds[i][0],
		                            .md_until = bounds[i][1], .md_part = PART_GUIDE + i};
	}
}

/* The same from a note of the last build: the parts without their trees. */
static void parts_of_note(struct pattern_body *b)
{
	b->noted.sources = b->kept.sources;
	for (size_t i = 0; i < b->kept.nheadings; i++) {
		const struct body_heading *h = &b->kept.headings[i];
		struct heading_to to = {b, h->part};
		if (h->part == PART_GUIDE || h->part == PART_GUIDE_AFTER)
			outline_and_note(&to, h->level, h->id, h->text);
	}
	for (int i = 0; i < 2; i++)
		if (i == 0 || b->kept.sources)
			b->guide[i] = (struct tval){.kind = TV_MD, .md_part = PART_GUIDE + i};
}

/* The patterns before and after p in its resource's order, or NULL. */
static void pattern_neighbours(const struct resource *r, const struct pattern *p, const struct pattern **previous,
                               const struct pattern **next)
{
	const struct list *items = &r->patterns->items;
	*previous = *next = NULL;
	for (size_t i = 0; i < items->len; i++) {
		if (schema_list_at(&model_pattern_schema, items, i) != p)
			continue;
		if (i > 0)
			*previous = schema_list_at(&model_pattern_schema, items, i - 1);
		if (i + 1 < items->len)
			*next = schema_list_at(&model_pattern_schema, items, i + 1);
	}
}

/* Makes the page of pattern p (stored being the model's) showing b;
 * false when it was made from a note and wanted more than it has. */
static bool show_pattern(struct job *job, const struct resource *r, const struct pattern *stored,
                         const struct pattern *p, struct pattern_body *b)
{
	struct layout *lay = diagram_pattern(p, job->fonts);
	char *desc = diagram_pattern_desc(job->site, p);
	char *base = xasprintf("%sdiagram", p->url.v);
	char *prefix = xasprintf("dg-%s-", p->slug.v);
	struct figure fig = {0};
	char *svg = write_diagram(job, lay, base, p->title.v, desc, prefix, &fig);
	const struct pattern *previous, *next;
	pattern_neighbours(r, stored, &previous, &next);
	struct tval sections = {.kind = TV_LIST, .list = &b->outline[0].sections, .schema = &outline_schema};
	struct tval sections_after = {.kind = TV_LIST, .list = &b->outline[1].sections, .schema = &outline_schema};
	struct tpl_var extra[] = {{"resource", tval_object(&model_resource_schema, r)},
	                          {"pattern", tval_object(&model_pattern_schema, p)},
	                          {"figure", tval_object(&figure_schema, &fig)},
	                          {"figure_svg", tval_html(svg)},
	                          {"outline", sections},
	                          {"outline_after", sections_after},
	                          {"guide", b->guide[0]},
	                          {"guide_after", b->guide[1]},
	                          {"previous", tval_object(&model_pattern_schema, previous)},
	                          {"next", tval_object(&model_pattern_schema, next)}};
	struct page_spec spec = {"pattern.html", p->url.v, p->title.v, p->summary.v, "pattern", r->title.v, lay, r, p, NULL};
	size_t pages = job->pages;
	job->md_parts = &b->parts;
	render_page(job, &spec, extra, sizeof extra / sizeof extra[0]);
	job->md_parts = NULL;
	free(svg);
	free_figure(&fig);
	free(prefix);
	free(base);
	free(desc);
	layout_free(lay);
	return job->pages > pages || !job->kept;
}

/* Notes what became of the page's body, for the next build's record. */
static void note_pattern_body(struct job *job, struct pattern_body *b)
{
	if (job->pages == 0 || job->notes == NULL)
		return;
	b->noted.page_bytes = job->page_bytes;
	bodies_put(job->notes, &b->noted);
}

/* The links the last build found in the body of p, as a parse would find
 * them again: those its unit found in p's file. */
static void links_found_before(struct job *job, const struct pattern *p)
{
	const struct body_links *last = &job->last_units[job->unit].found;
	for (size_t i = 0; i < last->len; i++) {
		const struct site_link *l = &last->items[i];
		if (l->at.file && strcmp(l->at.file, p->body.at.file) == 0)
			body_links_add_same(job->found, l, p->body.at.file);
	}
}

/* A pattern page made from the last build's note of its body, when that
 * note is of the page in place and holds all the page shows of the body
 * (tools->bodies); its messages held until then.  False: nothing made. */
static bool render_pattern_kept(struct job *job, const struct resource *r, const struct pattern *stored)
{
	struct pattern_body b;
	pattern_body_begin(&b, stored);
	struct hash was, twin;
	char *twin_path = xasprintf("%s.md", b.noted.page);
	bool ok = output_known(job->o, b.noted.page, &was) &&
	          (job->opt->html_only || output_known(job->o, twin_path, &twin)) &&
	          bodies_find(job->bodies, b.noted.page, was, stored->body.hash, &b.kept);
	free(twin_path);
	if (ok) {
		parts_of_note(&b);
		struct diag held, *d = job->d;
		diag_init(&held, NULL);
		job->d = &held;
		job->kept = true;
		size_t nfiles = job->files ? job->files->n : 0;
		ok = show_pattern(job, r, stored, stored, &b);
		job->kept = false;
		job->d = d;
		if (ok) {
			diag_merge(d, &held);
			note_pattern_body(job, &b);
			links_found_before(job, stored);
		} else if (job->files) {
			/* what it wrote (its diagram) is written again */
			while (job->files->n > nfiles)
				free(job->files->paths[--job->files->n]);
		}
		diag_free(&held);
	}
	pattern_body_free(&b);
	return ok;
}

/* A pattern page.  Its body is brought back from its file for the page
 * (struct md), and checked: the page sees a copy of the pattern holding
 * it.  After an edit of the templates alone, it is made from what the
 * last build's page made of its body instead, when it can be. */
static void render_pattern(struct job *job, const struct resource *r, const struct pattern *stored)
{
	render_sources_add(job->sources, stored->url.v, stored->body.hash);
	if (job->bodies && render_pattern_kept(job, r, stored)) {
		job->bodies_kept++;
		return;
	}
	struct body body;
	struct body_check check = {.fonts = job->fonts, .links = job->found};
	job->found->base = stored->url.v;       /* its relative links lead from its page (body.h) */
	if (!body_open(&stored->body, &body, &check, job->d)) {
		body_close(&body);
		job->ok = false;
		return;
	}
	struct pattern with_body = *stored;
	with_body.body = body.md;
	struct pattern_body b;
	pattern_body_begin(&b, stored);
	/* The body up to the sources of its pitfalls, then those sources
	 * after the pitfalls (body.h), each with its part of the contents. */
	parts_of_tree(&b, &with_body.body, body_pitfall_sources(job->site, with_body.body.doc));
	show_pattern(job, r, stored, &with_body, &b);
	note_pattern_body(job, &b);
	pattern_body_free(&b);
	body_close(&body);
}

/* The playbook's file, for the download link. */
struct playbook_file {
	struct pos at;
	long pages;
	long kilobytes;
};

static const struct field playbook_file_fields[] = {
	SCHEMA_FIELD(struct playbook_file, pages, "pages", SK_INT, 0),
	SCHEMA_FIELD(struct playbook_file, kilobytes, "kilobytes", SK_INT, 0),
	SCHEMA_END};
static const struct schema playbook_file_schema = {"playbook file", sizeof(struct playbook_file),
                                                   offsetof(struct playbook_file, at), playbook_file_fields};

static struct playbook_file write_playbook(struct job *job, const struct resource *r)
{
	struct playbook_file file = {{NULL, 0, 0}, 0, 0};
	if (!options_pdf(job->opt))
		return file;
	struct buf pdf = BUF_INIT;
	size_t pages = 0;
	const char *rel = r->playbook->url.v + 1;
	if (reuse_playbook(job->reuse, rel, &pdf, &pages) ||
	    playbook_build(job->site, r, job->fonts, job->opt, &pdf, &pages, job->d)) {
		struct hash bytes = hash_bytes(pdf.data, pdf.len);
		job->ok &= job_write_hashed(job, rel, pdf.data, pdf.len, bytes);
		reuse_note_playbook(job->reuse, rel, pages, bytes);
		file.pages = (long)pages;
		file.kilobytes = (long)((pdf.len + 1023) / 1024);
	} else {
		job->ok = false;
	}
	buf_free(&pdf);
	return file;
}

/* Whether a resource has an overview diagram: a hub of its patterns. */
static bool has_overview(const struct resource *r)
{
	return r->patterns->items.len > 0;
}

/* The overview's own files (SVG, PNG) only for a page that shows its
 * section: the social card draws the diagram all the same, from the
 * layout, and a file no page links would be written for nothing. */
static bool shows_overview(const struct resource *r)
{
	return has_overview(r) && r->overview;
}

static void render_resource(struct job *job, const struct resource *r, struct playbook_file file)
{
	char *data = estimate_json(r);
	struct estimate all = estimate_all(job->site, r);
	struct layout *lay = shows_overview(r) ? diagram_overview(r, job->fonts) : NULL;
	char *desc = NULL, *base = NULL, *svg = NULL;
	struct figure fig = {0};
	if (lay) {
		desc = diagram_overview_desc(job->site, r);
		base = xasprintf("%soverview", r->url.v);
		svg = write_diagram(job, lay, base, r->overview->title.v, desc, "dg-overview-", &fig);
	}
	struct tpl_var extra[] = {{"resource", tval_object(&model_resource_schema, r)},
	                          {"estimator_data", tval_html(data)},
	                          {"estimate_all", tval_object(&estimate_schema, &all)},
	                          {"figure", tval_object(&figure_schema, lay ? &fig : NULL)},
	                          {"figure_svg", tval_html(svg)},
	                          {"playbook_file", tval_object(&playbook_file_schema, &file)}};
	struct page_spec spec = {"resource.html", r->url.v, r->title.v, r->description.v, "resource", NULL, lay, r, NULL,
	                         NULL};
	render_page(job, &spec, extra, sizeof extra / sizeof extra[0]);
	estimate_free_words(&all);
	free(svg);
	free_figure(&fig);
	free(base);
	free(desc);
	free(data);
	layout_free(lay);
}

/* A plain page of content/pages/. */
static void render_plain(struct job *job, const struct plain_page *p)
{
	struct tpl_var extra[] = {{"entry", tval_object(&model_page_schema, p)}};
	struct page_spec spec = {"page.html", p->url.v, p->title.v, p->description.v, "page", NULL, NULL, NULL, NULL, p};
	render_page(job, &spec, extra, sizeof extra / sizeof extra[0]);
}

/* One unit of a parallel build: a page (its HTML, SVG and Markdown), one
 * PNG (a diagram at one scale, or a social card) or a playbook.  Its
 * messages are kept and reported after all tasks, in the order of a
 * one-thread build.  A resource page shows its playbook's size, so
 * resource pages run after every other task. */
/* TASK_FEEDS: the sitemap and the other site-wide lists (feeds.h), made
 * beside the pages rather than after them. */
enum task_kind { TASK_PAGE, TASK_CARD, TASK_PNG, TASK_PLAYBOOK, TASK_FEEDS };
enum page_kind { PAGE_HOME, PAGE_RESOURCE, PAGE_PATTERN, PAGE_PLAIN, PAGE_404 };

struct task {
	enum task_kind kind;
	enum page_kind page;
	size_t ri;                      /* index of the resource */
	const struct resource *r;
	const struct pattern *p;
	const struct plain_page *plain; /* of a PAGE_PLAIN */
	double scale;                   /* of a TASK_PNG */
	struct diag d;
	size_t unit;                    /* the part of the site it belongs to (render.h) */
	struct body_links found;        /* a pattern page's links to site paths */
	struct produced made;           /* a page's ids */
	struct render_files files;
	unsigned reads;
	size_t pages;
	bool ok;
	struct buf notes;               /* a pattern page's note of its body */
	size_t bodies_kept;
	bool keep;                      /* a page kept as the last build made it
	                                 * (render_tools.faces_same, keeps_page) */
	struct render_sources sources;
};

struct tasks {
	struct job base;                /* what every task shares */
	const struct fontset **fonts;   /* one set per worker */
	struct playbook_file *files;    /* per resource, from its TASK_PLAYBOOK */
	struct produced *skipped;       /* per unit: the files the options leave out */
	struct task *items;
	size_t n, cap;
};

/* The diagram a task's page shows, or NULL; caller frees. */
static struct layout *page_layout(const struct task *t, const struct fontset *fonts)
{
	if (t->page == PAGE_PATTERN)
		return diagram_pattern(t->p, fonts);
	if (t->page == PAGE_RESOURCE && has_overview(t->r))
		return diagram_overview(t->r, fonts);
	return NULL;
}

static void write_task_card(struct job *job, const struct task *t)
{
	const struct site *site = job->site;
	struct layout *lay = page_layout(t, job->fonts);
	struct page_spec spec = {0};
	if (t->page == PAGE_HOME)
		spec = (struct page_spec){NULL, "/", site->title.v, NULL, "home", site->tagline.v, NULL, NULL, NULL, NULL};
	else if (t->page == PAGE_RESOURCE)
		spec = (struct page_spec){NULL, t->r->url.v, t->r->title.v, NULL, "resource", NULL, lay, t->r, NULL, NULL};
	else if (t->page == PAGE_PATTERN)
		spec = (struct page_spec){NULL, t->p->url.v, t->p->title.v, NULL, "pattern", t->r->title.v, lay, t->r, t->p,
		                          NULL};
	else if (t->page == PAGE_PLAIN)
		spec = (struct page_spec){NULL, t->plain->url.v, t->plain->title.v, NULL, "page", NULL, NULL, NULL, NULL,
		                          t->plain};
	else
		spec = (struct page_spec){NULL, "/404.html", model_string(site, "not_found_title"), NULL, "404", NULL, NULL,
		                          NULL, NULL, NULL};
	char *path = card_path(spec.url);
	write_card(job, &spec, path);
	free(path);
	layout_free(lay);
}

static void write_task_png(struct job *job, const struct task *t)
{
	struct layout *lay = page_layout(t, job->fonts);
	const char *url = t->page == PAGE_PATTERN ? t->p->url.v : t->r->url.v;
	char *base = xasprintf("%s%s", url, t->page == PAGE_PATTERN ? "diagram" : "overview");
	write_png(job, lay, base, t->scale);
	free(base);
	layout_free(lay);
}

static void write_task_page(struct job *job, const struct task *t, const struct playbook_file *files)
{
	const struct site *site = job->site;
	if (t->page == PAGE_HOME) {
		struct page_spec home = {"home.html", "/", site->title.v, site->description.v, "home", site->tagline.v,
		                         NULL, NULL, NULL, NULL};
		render_page(job, &home, NULL, 0);
	} else if (t->page == PAGE_RESOURCE) {
		render_resource(job, t->r, files[t->ri]);
	} else if (t->page == PAGE_PATTERN) {
		render_pattern(job, t->r, t->p);
	} else if (t->page == PAGE_PLAIN) {
		render_plain(job, t->plain);
	} else {
		struct page_spec missing = {"404.html", "/404.html", model_string(site, "not_found_title"), site->description.v,
		                            "404", NULL, NULL, NULL, NULL, NULL};
		render_page(job, &missing, NULL, 0);
	}
}

/* What the progress line counts a task as; PROGRESS_PARTS: nothing (the
 * feeds, quick and not a page). */
static enum progress_part progress_part_of(enum task_kind kind)
{
	return kind == TASK_PAGE       ? PROGRESS_PAGES
	       : kind == TASK_PLAYBOOK ? PROGRESS_PDFS
	       : kind == TASK_FEEDS    ? PROGRESS_PARTS
	                               : PROGRESS_IMAGES;
}

/* Tells the progress line how many tasks of each kind there are. */
static void expect_tasks(const struct tasks *ts, struct progress *p)
{
	size_t count[PROGRESS_PARTS + 1] = {0};
	for (size_t i = 0; i < ts->n; i++)
		count[progress_part_of(ts->items[i].kind)]++;
	for (int part = 0; part < PROGRESS_PARTS; part++)
		progress_expect(p, (enum progress_part)part, count[part]);
}

/* The files the page at url writes, in the order it writes them
 * (show_pattern, render_resource): its diagram's SVG (named diagram when
 * there is one), the page and its Markdown twin, the first and the last
 * but with --html-only.  Returns how many; the caller frees them. */
static size_t page_files(const struct options *opt, const char *url, const char *diagram, char *files[3])
{
	size_t n = 0;
	char *page = file_of(url);
	if (!opt->html_only && diagram)
		files[n++] = xasprintf("%s%s.svg", url + 1, diagram);
	files[n++] = page;
	if (!opt->html_only)
		files[n++] = xasprintf("%s.md", page);
	return n;
}

/* The files of a page the tasks keep (struct task's keep). */
static size_t kept_page_files(const struct options *opt, const struct task *t, char *files[3])
{
	if (t->page == PAGE_PATTERN)
		return page_files(opt, t->p->url.v, "diagram", files);
	return page_files(opt, t->r->url.v, shows_overview(t->r) ? "overview" : NULL, files);
}

/* Whether the last build's unit noted every file the page of task t
 * writes; with job (not NULL), each is kept into it, in the unit's order,
 * with the hash noted. */
static bool noted_files(const struct options *opt, const struct render_unit *last, const struct task *t,
                        struct job *job)
{
	char *files[3];
	size_t n = kept_page_files(opt, t, files), found = 0;
	for (size_t i = 0; i < last->files.n; i++) {
		for (size_t k = 0; k < n; k++) {
			if (strcmp(last->files.paths[i], files[k]) != 0)
				continue;
			found++;
			if (job)
				job_keep(job, files[k], last->files.bytes[i]);
		}
	}
	for (size_t k = 0; k < n; k++)
		free(files[k]);
	return found == n;
}

/* The page of task t, kept as the last build made it (keeps_page): its
 * files and ids, and a pattern page's links found in its body and the
 * body it was made from, as that build's unit noted them. */
static void keep_page(struct job *job, const struct task *t)
{
	const struct render_unit *last = &job->last_units[job->unit];
	noted_files(job->opt, last, t, job);
	const char *url = t->page == PAGE_PATTERN ? t->p->url.v : t->r->url.v;
	produced_add_copy(job->made, produced_page(&last->made, url));
	if (t->page == PAGE_PATTERN) {
		links_found_before(job, t->p);
		render_sources_add(job->sources, url, t->p->body.hash);
	}
}

static void run_task(void *ctx, int worker, size_t i)
{
	struct tasks *ts = ctx;
	struct task *t = &ts->items[i];
	struct job job = ts->base;
	job.fonts = ts->fonts[worker];
	job.d = &t->d;
	job.pages = 0;
	job.ok = true;
	job.found = &t->found;
	job.made = &t->made;
	job.files = &t->files;
	job.reads = 0;
	job.unit = t->unit;
	job.notes = &t->notes;
	job.sources = &t->sources;
	job.bodies_kept = 0;
	if (t->kind == TASK_PAGE && t->keep)
		keep_page(&job, t);
	else if (t->kind == TASK_PAGE)
		write_task_page(&job, t, ts->files);
	else if (t->kind == TASK_CARD)
		write_task_card(&job, t);
	else if (t->kind == TASK_PNG)
		write_task_png(&job, t);
	else if (t->kind == TASK_FEEDS)
		job.ok &= feeds_write(job.site, job.o, job.date, job.d);
	else
		ts->files[t->ri] = write_playbook(&job, t->r);
	t->pages = job.pages;
	t->reads = job.reads;
	t->ok = job.ok;
	t->bodies_kept = job.bodies_kept;
	if (progress_part_of(t->kind) < PROGRESS_PARTS)
		progress_done(ts->base.opt->progress, progress_part_of(t->kind));
}

/* The page a task belongs to: its kind and what it shows (r and p, or
 * plain, or none). */
struct task_page {
	enum page_kind kind;
	size_t unit;
	size_t ri;                      /* index of the resource */
	const struct resource *r;
	const struct pattern *p;
	const struct plain_page *plain;
};

static void add_task(struct tasks *ts, enum task_kind kind, const struct task_page *page, double scale)
{
	ts->items = xgrow(ts->items, &ts->cap, ts->n + 1, sizeof *ts->items);
	struct task *t = &ts->items[ts->n++];
	*t = (struct task){kind, page->kind, page->ri, page->r, page->p, page->plain, scale, {0}, page->unit,
	                   {NULL, 0, 0, NULL}, {.pages = NULL}, {NULL, NULL, 0, 0}, 0, 0, true, BUF_INIT, 0, false,
	                   {NULL, NULL, 0, 0}};
	diag_init(&t->d, NULL);
}

/* The site path of the page a task_page is. */
static const char *task_page_url(const struct task_page *page)
{
	switch (page->kind) {
	case PAGE_HOME: return "/";
	case PAGE_RESOURCE: return page->r->url.v;
	case PAGE_PATTERN: return page->p->url.v;
	case PAGE_PLAIN: return page->plain->url.v;
	default: return "/404.html";
	}
}

/* Notes the files of page that a full build writes and the options leave
 * out, so that a link to one is not taken for a broken link: a build
 * with --no-pdf still accepts a valid site that links to its playbook. */
static void note_skipped(struct tasks *ts, const struct task_page *page)
{
	const struct options *opt = ts->base.opt;
	struct produced *skipped = &ts->skipped[page->unit];
	const char *url = task_page_url(page);
	bool diagram = (page->kind == PAGE_RESOURCE && shows_overview(page->r)) || page->kind == PAGE_PATTERN;
	char *base = diagram ? xasprintf("%s%s", url + 1, page->kind == PAGE_PATTERN ? "diagram" : "overview") : NULL;
	char *file = NULL;
	if (page->kind == PAGE_RESOURCE && page->r->playbook && !options_pdf(opt))
		produced_skip(skipped, page->r->playbook->url.v + 1);
	if (!options_images(opt)) {
		char *card = card_path(url);
		produced_skip(skipped, card + 1);
		free(card);
		if (diagram) {
			file = xasprintf("%s@2x.png", base);
			produced_skip(skipped, file);
		}
	}
	if (opt->html_only && page->kind != PAGE_404) {
		char *html = file_of(url);
		free(file);
		file = xasprintf("%s.md", html);
		produced_skip(skipped, file);
		free(html);
		if (diagram) {
			free(file);
			file = xasprintf("%s.svg", base);
			produced_skip(skipped, file);
		}
	}
	free(file);
	free(base);
}

/* The hash of the body the last build's unit last made its pattern page
 * at url from, into *hash; false when it noted none. */
static bool last_source(const struct render_unit *last, const char *url, uint64_t *hash)
{
	for (size_t i = 0; i < last->sources.n; i++) {
		if (strcmp(last->sources.urls[i], url) == 0) {
			*hash = last->sources.hashes[i];
			return true;
		}
	}
	return false;
}

/* Whether the page task t may keep its page as the last build made it,
 * in an update after an edit of content: its resource says all it said
 * but its bodies (render_tools.faces_same), and the page shows nothing
 * else that may have changed: no page of its unit read a body field (its
 * own or another's) or every resource; a pattern page's body is the same
 * file and shows no image copied beside it (whose size the page gives,
 * from a file that may have been edited); a resource's page shows no
 * playbook's size (none is made).  Templates, site and options are the
 * last build's, or the update would not be made. */
static bool keeps_page(const struct tasks *ts, const struct task *t)
{
	const struct job *job = &ts->base;
	bool kind = t->page == PAGE_PATTERN || (t->page == PAGE_RESOURCE && !options_pdf(job->opt));
	if (!kind || job->faces_same == NULL || job->last_units == NULL || !job->faces_same[t->ri])
		return false;
	const struct render_unit *last = &job->last_units[t->unit];
	const char *url = t->page == PAGE_PATTERN ? t->p->url.v : t->r->url.v;
	if (last->reads_all || last->reads_bodies || produced_page(&last->made, url) == NULL)
		return false;
	if (t->page == PAGE_RESOURCE)
		return noted_files(job->opt, last, t, NULL);
	const struct pattern *p = t->p;
	uint64_t was;
	bool same_body = last_source(last, p->url.v, &was) && was == p->body.hash;
	for (size_t i = 0; same_body && i < last->found.len; i++) {
		const struct site_link *l = &last->found.items[i];
		same_body = !(l->copy && l->at.file && strcmp(l->at.file, p->body.at.file) == 0);
	}
	return same_body && noted_files(job->opt, last, t, NULL);
}

/* A page's tasks: its images, then the page. */
static void add_page(struct tasks *ts, const struct task_page *page)
{
	const struct resource *r = page->r;
	note_skipped(ts, page);
	if (page->kind == PAGE_RESOURCE && r->playbook && options_pdf(ts->base.opt))
		add_task(ts, TASK_PLAYBOOK, page, 0);
	if (options_images(ts->base.opt)) {
		if ((page->kind == PAGE_RESOURCE && shows_overview(r)) || page->kind == PAGE_PATTERN) {
			add_task(ts, TASK_PNG, page, 2);
		}
		add_task(ts, TASK_CARD, page, 0);
	}
	add_task(ts, TASK_PAGE, page, 0);
	ts->items[ts->n - 1].keep = keeps_page(ts, &ts->items[ts->n - 1]);
}

/* Every task, in the order of a one-thread build: of every resource, or
 * (only not NULL) of those only[i] names, and the site's own pages. */
static void make_tasks(struct tasks *ts, const struct site *site, const bool *only, bool site_pages)
{
	size_t n = site->resources.len, tail = n + 1;
	ts->files = xcalloc(n ? n : 1, sizeof *ts->files);
	if (site_pages)
		add_page(ts, &(struct task_page){PAGE_HOME, 0, 0, NULL, NULL, NULL});
	for (size_t i = 0; i < n; i++) {
		if (only && !only[i])
			continue;
		const struct resource *r = schema_list_at(&model_resource_schema, &site->resources, i);
		add_page(ts, &(struct task_page){PAGE_RESOURCE, i + 1, i, r, NULL, NULL});
		for (size_t k = 0; k < r->patterns->items.len; k++)
			add_page(ts, &(struct task_page){PAGE_PATTERN, i + 1, i, r,
			                                 schema_list_at(&model_pattern_schema, &r->patterns->items, k), NULL});
	}
	if (!site_pages)
		return;
	for (size_t i = 0; i < site->pages.len; i++)
		add_page(ts, &(struct task_page){PAGE_PLAIN, tail, 0, NULL, NULL,
		                                 schema_list_at(&model_page_schema, &site->pages, i)});
	add_page(ts, &(struct task_page){PAGE_404, tail, 0, NULL, NULL, NULL});
	add_task(ts, TASK_FEEDS, &(struct task_page){PAGE_HOME, tail, 0, NULL, NULL, NULL}, 0);
}

/* The order tasks start in, in two phases: first the playbooks and the
 * feeds (the longest tasks), then everything else but resource pages;
 * second the resource pages.  Returns the number of tasks in the first
 * phase. */
static size_t start_order(const struct tasks *ts, size_t *order)
{
	size_t k = 0;
	for (size_t i = 0; i < ts->n; i++)
		if (ts->items[i].kind == TASK_PLAYBOOK || ts->items[i].kind == TASK_FEEDS)
			order[k++] = i;
	for (size_t i = 0; i < ts->n; i++)
		if (ts->items[i].kind != TASK_PLAYBOOK && ts->items[i].kind != TASK_FEEDS &&
		    !(ts->items[i].kind == TASK_PAGE && ts->items[i].page == PAGE_RESOURCE))
			order[k++] = i;
	size_t first = k;
	for (size_t i = 0; i < ts->n; i++)
		if (ts->items[i].kind == TASK_PAGE && ts->items[i].page == PAGE_RESOURCE)
			order[k++] = i;
	return first;
}

int render_worker_fonts(const struct fontset *fonts, int threads, struct fontset ***sets)
{
	*sets = xcalloc(threads > 1 ? (size_t)threads - 1 : 1, sizeof **sets);
	int n = 0;
	struct diag quiet;
	diag_init(&quiet, NULL);
	while (n + 1 < threads && ((*sets)[n] = font_copy(fonts, &quiet)) != NULL)
		n++;
	diag_free(&quiet);
	return n;
}

void render_worker_fonts_free(struct fontset **sets, int n)
{
	for (int i = 0; i < n; i++)
		font_free(sets[i]);
	free(sets);
}

/* Without hyphenation patterns for the site's language the playbooks are
 * set unhyphenated, which justified text shows as wide gaps: a warning
 * that names the package, once a build, when a playbook is made. */
static void warn_no_hyphenation(const struct site *site, const struct options *opt, struct diag *d)
{
	bool any = false;
	for (size_t i = 0; i < site->resources.len && !any; i++)
		any = ((const struct resource *)site->resources.items)[i].playbook != NULL;
	if (!any || !options_pdf(opt) || site->language.v == NULL)
		return;
	char *file = ts_hyphen_file(site->language.v);
	if (file == NULL) {
		char *package = ts_hyphen_package(site->language.v);
		diag_warn(d, site->language.at,
		          "no hyphenation patterns for language '%s' in /usr/share/hyphen, so the playbooks are set "
		          "without hyphens; install the Debian package %s",
		          site->language.v, package);
		free(package);
	}
	free(file);
}

/* The template each kind of page is made from, and whether those pages
 * are the site's own (unit 0 and the last) or its resources'. */
static const struct {
	const char *name;
	bool site_pages;
} page_templates[] = {
	{"home.html", true}, {"resource.html", false}, {"pattern.html", false}, {"404.html", true}, {"page.html", true},
};

/* A site without plain pages needs no template for them. */
static bool template_needed(const struct site *site, const char *name)
{
	return strcmp(name, "page.html") != 0 || site->pages.len > 0;
}

bool render_check_templates(const struct site *site, struct tpl_set *templates, struct diag *d)
{
	tpl_set_strings(templates, &site->strings);
	bool ok = true;
	for (size_t i = 0; i < sizeof page_templates / sizeof page_templates[0]; i++)
		if (template_needed(site, page_templates[i].name))
			ok &= tpl_check(templates, page_templates[i].name, d);
	return ok;
}

void render_template_users(const struct tpl_set *templates, const char *name, struct render_users *users)
{
	for (size_t i = 0; i < sizeof page_templates / sizeof page_templates[0]; i++) {
		if (!tpl_reads(templates, page_templates[i].name, name))
			continue;
		if (page_templates[i].site_pages)
			users->site_pages = true;
		else
			users->resources = true;
	}
}

bool render_site(const struct site *site, const struct options *opt, const struct render_tools *tools,
                 struct render_result *result, struct diag *d)
{
	struct tpl_set *templates = tools->templates;
	struct job job = {.site = site,
	                  .templates = templates,
	                  .o = tools->out,
	                  .d = d,
	                  .fonts = tools->fonts,
	                  .opt = opt,
	                  .ok = true,
	                  .reuse = tools->reuse,
	                  .bodies = tools->bodies,
	                  .last_units = tools->last_units,
	                  .faces_same = tools->faces_same};
	struct paint_palette branded;
	if (site->brand) {
		paint_palette_branded(&branded, &site->brand->rgb);
		job.palette = &branded;
	}
	time_t t = (time_t)opt->epoch;
	struct tm tm;
	gmtime_r(&t, &tm);
	snprintf(job.year, sizeof job.year, "%d", tm.tm_year + 1900);
	strftime(job.date, sizeof job.date, "%Y-%m-%d", &tm);

	/* Templates are read here, once: the tasks then only read them. */
	job.ok &= render_check_templates(site, templates, d);

	warn_no_hyphenation(site, opt, d);
	const struct field *watched[WATCHED_COUNT] = {schema_field(&model_site_schema, "resources"),
	                                              schema_field(&model_site_schema, "pages"),
	                                              schema_field(&model_pattern_schema, "body")};
	job.watched = watched;
	size_t nunits = site->resources.len + 2;
	struct tasks ts = {job, NULL, NULL, xcalloc(nunits, sizeof *ts.skipped), NULL, 0, 0};
	bool site_pages = tools->only == NULL || !tools->resources_only;
	make_tasks(&ts, site, tools->only, site_pages);
	expect_tasks(&ts, opt->progress);
	size_t *order = xcalloc(ts.n, sizeof *order);
	size_t first = start_order(&ts, order);
	int threads = pool_threads(opt->jobs);
	if ((size_t)threads > ts.n)
		threads = (int)ts.n;
	/* One font set per thread, the first the caller's. */
	struct fontset **copies = NULL;
	int ncopies = 0;
	const struct fontset *const *workers = tools->worker_fonts;
	int nworkers = tools->nworker_fonts;
	if (workers == NULL) {
		ncopies = render_worker_fonts(tools->fonts, threads, &copies);
		workers = (const struct fontset *const *)copies;
		nworkers = ncopies;
	}
	if (threads > nworkers + 1)
		threads = nworkers + 1;
	ts.fonts = xcalloc((size_t)threads, sizeof *ts.fonts);
	ts.fonts[0] = tools->fonts;
	for (int i = 1; i < threads; i++)
		ts.fonts[i] = workers[i - 1];
	/* A run stopped half way has skipped tasks: the output lacks files. */
	job.ok &= pool_run_until(first, order, threads, run_task, &ts, opt->cancel) &&
	          pool_run_until(ts.n - first, order + first, threads, run_task, &ts, opt->cancel);
	progress_finish(opt->progress);   /* gone before the tasks' messages */
	result->units = xcalloc(nunits, sizeof *result->units);
	result->nunits = nunits;
	for (size_t i = 0; i < ts.n; i++) {
		struct task *tk = &ts.items[i];
		struct render_unit *u = &result->units[tk->unit];
		diag_merge(d, &tk->d);
		diag_free(&tk->d);
		body_links_append(&u->found, &tk->found);
		produced_append(&u->made, &tk->made);
		render_files_append(&u->files, &tk->files);
		if (tk->notes.len)
			buf_put(&result->bodies, tk->notes.data, tk->notes.len);
		buf_free(&tk->notes);
		result->bodies_kept += tk->bodies_kept;
		result->pages_kept += tk->keep;
		render_sources_append(&u->sources, &tk->sources);
		u->reads_all |= (tk->reads & WATCHED_SITE_WIDE) != 0;
		u->reads_bodies |= (tk->reads & (1u << WATCHED_BODY)) != 0;
		u->made_here = true;
		job.pages += tk->pages;
		job.ok &= tk->ok;
	}
	/* sorted now, once: the link check of every later update views them */
	for (size_t u = 0; u < nunits; u++) {
		produced_append(&result->units[u].made, &ts.skipped[u]);
		produced_sort(&result->units[u].made);
	}
	render_worker_fonts_free(copies, ncopies);
	free(ts.skipped);
	free(ts.fonts);
	free(ts.files);
	free(ts.items);
	free(order);

	if (!site_pages) {
		result->pages = job.pages;
		return job.ok;
	}
	char *css = paint_dark_css_all(job.palette);
	job.ok &= output_write(tools->out, "css/diagram.css", css, strlen(css));
	free(css);
	if (site->brand) {
		css = brandcss_text(&site->brand->rgb);
		job.ok &= output_write(tools->out, "css/brand.css", css, strlen(css));
		free(css);
	}
	result->pages = job.pages;
	return job.ok;
}

/* Room for n files in f: both arrays grow together. */
static void files_reserve(struct render_files *f, size_t n)
{
	size_t cap = f->cap;
	f->paths = xgrow(f->paths, &cap, n, sizeof *f->paths);
	f->bytes = xgrow(f->bytes, &f->cap, n, sizeof *f->bytes);
}

void render_files_add(struct render_files *f, const char *path, struct hash bytes)
{
	files_reserve(f, f->n + 1);
	f->paths[f->n] = xstrdup(path);
	f->bytes[f->n++] = bytes;
}

void render_files_append(struct render_files *into, struct render_files *from)
{
	files_reserve(into, into->n + from->n);
	for (size_t i = 0; i < from->n; i++) {
		into->paths[into->n] = from->paths[i];
		into->bytes[into->n++] = from->bytes[i];
	}
	free(from->paths);
	free(from->bytes);
	*from = (struct render_files){NULL, NULL, 0, 0};
}

/* Room for n entries in s: both arrays grow together. */
static void sources_reserve(struct render_sources *s, size_t n)
{
	size_t cap = s->cap;
	s->urls = xgrow(s->urls, &cap, n, sizeof *s->urls);
	s->hashes = xgrow(s->hashes, &s->cap, n, sizeof *s->hashes);
}

void render_sources_add(struct render_sources *s, const char *url, uint64_t hash)
{
	sources_reserve(s, s->n + 1);
	s->urls[s->n] = xstrdup(url);
	s->hashes[s->n++] = hash;
}

void render_sources_append(struct render_sources *into, struct render_sources *from)
{
	sources_reserve(into, into->n + from->n);
	for (size_t i = 0; i < from->n; i++) {
		into->urls[into->n] = from->urls[i];
		into->hashes[into->n++] = from->hashes[i];
	}
	free(from->urls);
	free(from->hashes);
	*from = (struct render_sources){NULL, NULL, 0, 0};
}

void render_sources_free(struct render_sources *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->urls[i]);
	free(s->urls);
	free(s->hashes);
	*s = (struct render_sources){NULL, NULL, 0, 0};
}

void render_unit_free(struct render_unit *u)
{
	render_sources_free(&u->sources);
	body_links_free(&u->found);
	produced_free(&u->made);
	for (size_t i = 0; i < u->files.n; i++)
		free(u->files.paths[i]);
	free(u->files.paths);
	free(u->files.bytes);
	*u = (struct render_unit){.found = {NULL, 0, 0, NULL}};
}

void render_result_free(struct render_result *r)
{
	buf_free(&r->bodies);
	for (size_t i = 0; i < r->nunits; i++)
		render_unit_free(&r->units[i]);
	free(r->units);
	r->units = NULL;
	r->nunits = 0;
}
