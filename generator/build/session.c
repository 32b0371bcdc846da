#include "build/session.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/path.h"
#include "base/pool.h"
#include "base/tree.h"
#include "base/xalloc.h"
#include "build/fingerprint.h"
#include "build/links.h"
#include "build/record.h"
#include "build/units.h"
#include "content/load.h"
#include "content/model.h"
#include "content/pages.h"
#include "output/reuse.h"
#include "pdf/playbook.h"
#include "web/icons.h"

struct session {
	struct options opt;
	char *resources_dir;            /* "<source>/content/resources/" */
	char *pages_dir;                /* "<source>/content/pages/" */
	char *site_yaml;                /* "<source>/content/site.yaml" */
	bool built;                     /* parts hold a whole build's */
	struct build_parts parts;
	struct reuse_kept *kept;        /* the PNGs and playbooks in the served
	                                 * folder, by what they draw (reuse.h) */
	size_t nkept, cap_kept;
	bool *playbooks_due;            /* per resource: its playbook was taken
	                                 * as it was, after an edit */
	bool whole_due;                 /* a whole build took them all as they were */
	/* folio build's update (session_update_over) checks the output
	 * against the record before it puts anything in place, and carries
	 * its fingerprint forward rather than walk it afterwards. */
	struct fingerprint *fp;         /* NULL: the preview's */
	size_t files_then;              /* the files the record counts */
	size_t lines_before;            /* d's lines before the update */
	const struct hash *faces;       /* what the site's pages show of each
	                                 * resource after the update (faces_after) */
	const struct units_record *last;        /* the units file the update
	                                         * started from */
	struct hash stamp;              /* before the update; after it, when stamped */
	bool stamped;
	long files_added;               /* less those removed */
	/* Its site holds only the resources edited (load_site_partly): an
	 * update that needs the others is dropped. */
	bool partly;
};

struct session *session_new(const struct options *opt)
{
	struct session *s = xcalloc(1, sizeof *s);
	s->opt = *opt;
	char *dir = path_in(opt->source, "content/resources");
	s->resources_dir = xasprintf("%s/", dir);
	free(dir);
	dir = path_in(opt->source, "content/pages");
	s->pages_dir = xasprintf("%s/", dir);
	free(dir);
	s->site_yaml = path_in(opt->source, "content/site.yaml");
	return s;
}

static void forget_build(struct session *s)
{
	if (s->built)
		build_parts_free(&s->parts);
	s->built = false;
	reuse_kept_free(s->kept, s->nkept);
	s->kept = NULL;
	s->nkept = s->cap_kept = 0;
	free(s->playbooks_due);
	s->playbooks_due = NULL;
}

void session_free(struct session *s)
{
	if (s == NULL)
		return;
	forget_build(s);
	free(s->resources_dir);
	free(s->pages_dir);
	free(s->site_yaml);
	free(s);
}

static struct options options_for(const struct session *s, const struct session_run *run)
{
	struct options opt = s->opt;
	opt.reuse_playbooks = run->reuse_playbooks;
	opt.cancel = run->cancel;
	opt.progress = run->progress;
	return opt;
}

/* The kept files kept[0..n) (owned) as the session's, in the order
 * reuse_borrow() takes them. */
static void adopt_kept(struct session *s, struct reuse_kept *kept, size_t n)
{
	s->kept = kept;
	s->nkept = s->cap_kept = n;
	reuse_kept_sort(s->kept, s->nkept);
}

/* The PNGs and playbooks the last build's record lists. */
static void read_kept(struct session *s)
{
	char *path = record_path(s->opt.out);
	struct record rec;
	if (record_read(path, &rec)) {
		adopt_kept(s, rec.kept, rec.nkept);
		rec.kept = NULL;
		rec.nkept = 0;
		record_free(&rec);
	}
	free(path);
}

/* A copy of the PNGs and playbooks the record fingerprint fp read lists:
 * the record is not read twice. */
static void copy_kept(struct session *s, const struct fingerprint *fp)
{
	size_t n;
	const struct reuse_kept *last = fingerprint_last_kept(fp, &n);
	struct reuse_kept *kept = xcalloc(n ? n : 1, sizeof *kept);
	for (size_t i = 0; i < n; i++) {
		kept[i] = last[i];
		kept[i].path = xstrdup(last[i].path);
	}
	adopt_kept(s, kept, n);
}

bool session_build(struct session *s, const struct session_run *run, struct build_stats *stats, struct diag *d)
{
	struct options opt = options_for(s, run);
	/* The last build goes first: two sites at once would be twice the
	 * memory, and after a failed build the next edit builds whole anyway. */
	forget_build(s);
	struct build_parts parts;
	if (!build_run_kept(&opt, stats, d, &parts))
		return false;
	s->parts = parts;
	s->built = true;
	read_kept(s);
	size_t n = parts.site->resources.len;
	s->playbooks_due = xcalloc(n ? n : 1, sizeof *s->playbooks_due);
	s->whole_due = run->reuse_playbooks;
	return true;
}

/* ---- what an edit touches ---------------------------------------------- */

/* The index of the resource whose folder holds file, or the number of
 * resources when it is in none (or is a resource folder itself). */
static size_t resource_of(const struct session *s, const char *file)
{
	const struct list *resources = &s->parts.site->resources;
	size_t n = strlen(s->resources_dir);
	if (strncmp(file, s->resources_dir, n) != 0)
		return resources->len;
	const char *slug = file + n, *slash = strchr(slug, '/');
	if (slash == NULL || slash == slug)
		return resources->len;
	size_t len = (size_t)(slash - slug);
	for (size_t i = 0; i < resources->len; i++) {
		const struct resource *r = schema_list_at(&model_resource_schema, resources, i);
		if (strlen(r->slug.v) == len && strncmp(r->slug.v, slug, len) == 0)
			return i;
	}
	return resources->len;
}

/* The name of file under a templates/ folder of the build, the site's or,
 * when the theme is watched, the theme's: "partials/footer.html", or the
 * name of an editor's temporary file, which no page reads.  NULL for any
 * other file, the interface's strings (templates/strings/) among them:
 * those are part of the model. */
static const char *template_name(const struct session *s, const char *file)
{
	for (size_t i = 0; s->parts.in.template_dirs[i]; i++) {
		const char *dir = s->parts.in.template_dirs[i];
		size_t n = strlen(dir);
		if (strncmp(file, dir, n) == 0 && file[n] == '/' && file[n + 1] && strncmp(file + n + 1, "strings/", 8) != 0)
			return file + n + 1;
	}
	return NULL;
}

/* A site path looked for among the links of the texts. */
struct link_search {
	const char *path;
	bool found;
};

static void match_path(void *ctx, const char *path)
{
	struct link_search *search = ctx;
	search->found = search->found || strcmp(path, search->path) == 0;
}

/* Whether a text of the site links to the site path path: a page shows
 * an image at its size, the playbook prints it. */
static bool linked_by_texts(const struct session *s, const char *path)
{
	struct link_search search = {path, false};
	links_each_path(s->parts.site, s->parts.made.units, s->parts.made.nunits, match_path, &search);
	return search.found;
}

/* Whether file is one the build copies from a static/ folder, there
 * now, and no font: an edit, or a file added, that the update copies
 * over.  A file removed, or one whose first folder has a page's name
 * (which the loader refuses), is not; nor is a folder (the preview's
 * watch does not name a new folder's files), nor a file a text links to
 * (linked_by_texts). */
static bool static_edit(const struct session *s, const char *file)
{
	for (size_t i = 0; i < s->parts.in.nstatic; i++) {
		const char *dir = s->parts.in.static_dirs[i];
		size_t n = strlen(dir);
		if (strncmp(file, dir, n) != 0 || file[n] != '/')
			continue;
		const char *rel = file + n + 1, *slash = strchr(rel, '/');
		size_t top = slash ? (size_t)(slash - rel) : strlen(rel);
		struct stat st;
		if (top == 0 || (top == 5 && strncmp(rel, "fonts", 5) == 0) || lstat(file, &st) != 0 || !S_ISREG(st.st_mode))
			return false;
		const struct list *pages = &s->parts.site->pages;
		for (size_t k = 0; k < pages->len; k++) {
			const struct plain_page *p = schema_list_at(&model_page_schema, pages, k);
			if (strlen(p->slug.v) == top && strncmp(p->slug.v, rel, top) == 0)
				return false;
		}
		return !linked_by_texts(s, rel - 1);
	}
	return false;
}

/* The index of the plain page whose file is file, or the number of
 * pages: none (a page added is no page yet). */
static size_t page_of(const struct session *s, const char *file)
{
	const struct list *pages = &s->parts.site->pages;
	size_t n = strlen(s->pages_dir);
	if (strncmp(file, s->pages_dir, n) != 0)
		return pages->len;
	for (size_t i = 0; i < pages->len; i++) {
		const struct plain_page *p = schema_list_at(&model_page_schema, pages, i);
		size_t len = strlen(p->slug.v);
		if (strncmp(file + n, p->slug.v, len) == 0 && strcmp(file + n + len, ".md") == 0)
			return i;
	}
	return pages->len;
}

/* The site path ("/css/site.css") file is published at when it lies in
 * a static folder of the build, else NULL. */
static const char *static_path_of(const struct session *s, const char *file)
{
	for (size_t i = 0; i < s->parts.in.nstatic; i++) {
		const char *dir = s->parts.in.static_dirs[i];
		size_t n = strlen(dir);
		if (strncmp(file, dir, n) == 0 && file[n] == '/')
			return file + n;
	}
	return NULL;
}

/* Whether the last build read file (a content file), copied it (an
 * image beside a text's Markdown) or published it (a static file). */
static bool known_to_build(const struct session *s, const char *file)
{
	const struct site *site = s->parts.site;
	for (size_t i = 0; i < site->nread; i++)
		if (strcmp(site->read[i].path, file) == 0)
			return true;
	for (size_t i = 0; i < site->nlinks; i++)
		if (site->links[i].copy && strcmp(site->links[i].copy, file) == 0)
			return true;
	const char *published = static_path_of(s, file);
	struct stat st;
	char *out = published ? path_in(s->opt.out, published + 1) : NULL;
	bool known = out && lstat(out, &st) == 0;
	free(out);
	return known;
}

/* Whether file is the temporary file of an editor that saves by writing
 * one and renaming it over the file it saves (as sed -i does): gone by
 * the time the edits are sorted, and nothing the last build knew.  The
 * file it saved is among the edits; this one changed nothing.  A file
 * of a resource folder is left to its resource, which any file there
 * edits. */
static bool editors_temporary(const struct session *s, const char *file)
{
	struct stat st;
	return strncmp(file, s->resources_dir, strlen(s->resources_dir)) != 0 && lstat(file, &st) != 0 &&
	       !known_to_build(s, file);
}

/* Marks in edited the resources files[0..n) lie in and in pages the plain
 * pages among them, and sets *templates when some are templates and
 * *statics when some are static files, passing over an editor's
 * temporary files (editors_temporary); false when one lies elsewhere, or
 * a resource was edited that a unit reads with every other: then the
 * site is built whole. */
static bool sort_edits(const struct session *s, char *const *files, size_t n, bool *edited, bool *pages,
                       bool *templates, bool *statics)
{
	size_t count = s->parts.site->resources.len;
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		if (template_name(s, files[i])) {
			*templates = true;
			continue;
		}
		if (editors_temporary(s, files[i]))
			continue;
		if (static_edit(s, files[i])) {
			*statics = true;
			continue;
		}
		size_t page = page_of(s, files[i]);
		if (page < s->parts.site->pages.len) {
			pages[page] = true;
			continue;
		}
		size_t r = resource_of(s, files[i]);
		if (r == count)
			return false;
		edited[r] = any = true;
	}
	for (size_t u = 0; any && u < s->parts.made.nunits; u++)
		if (u >= 1 && u <= count && s->parts.made.units[u].reads_all)
			return false;
	return true;
}

/* Reads the templates again after an edit of some of files[0..n), and
 * notes in users whose pages read one of those, as they were or as they
 * are now (a partial added or dropped).  The session keeps the new set;
 * false after reporting its errors. */
static bool templates_again(struct session *s, char *const *files, size_t n, struct render_users *users,
                            struct diag *d)
{
	struct tpl_set *set = build_templates(&s->parts.in);
	if (!render_check_templates(s->parts.site, set, d)) {
		tpl_free(set);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		const char *name = template_name(s, files[i]);
		if (name) {
			render_template_users(s->parts.in.templates, name, users);
			render_template_users(set, name, users);
		}
	}
	tpl_free(s->parts.in.templates);
	s->parts.in.templates = set;
	return true;
}

/* What the site's own pages can show of resource i: everything it says
 * but its pattern bodies, which are left on disk (the pattern pages
 * alone read them back, body.h).  When an edit leaves it as it was, the
 * home page, the plain pages, the 404 page and the feeds stay as they
 * are. */
static struct hash resource_face_of(const struct site *site, size_t i)
{
	return schema_hash(&model_resource_schema, schema_list_at(&model_resource_schema, &site->resources, i));
}

/* What the site's pages show of each resource after an update over the
 * build last describes: worked out again for the resources edited, or
 * for all after an edit of site.yaml (which a resource may show: a call
 * to action), and as last has it for the others, whose files are as they
 * were (a partial site does not even hold them).  Hashing every resource
 * costs 25 ms at 1,000 resources, which a template edit is spared. */
static struct hash *faces_after(const struct units_record *last, const struct site *site, const bool *edited,
                                bool site_edited, bool partly)
{
	size_t n = last->nresources;
	struct hash *faces = xcalloc(n ? n : 1, sizeof *faces);
	for (size_t i = 0; i < n; i++)
		faces[i] = (edited[i] || site_edited) && !partly ? resource_face_of(site, i) : last->faces[i];
	return faces;
}

/* Whether, after an edit of site.yaml, every playbook would print what
 * it printed in the build last describes: what they print of the site is
 * as it was, and so is every resource (faces, faces_after's), which
 * site.yaml may change too: a call to action a resource shows is written
 * there. */
static bool playbooks_as_they_were(const struct units_record *last, const struct site *site,
                                   const struct hash *faces)
{
	if (!hash_same(last->site_face, playbook_site_face(site)))
		return false;
	for (size_t i = 0; i < last->nresources; i++)
		if (!hash_same(last->faces[i], faces[i]))
			return false;
	return true;
}

static struct hash resource_face(const struct session *s, size_t i)
{
	return resource_face_of(s->parts.site, i);
}

/* ---- an update ---------------------------------------------------------- */

static bool has_path(const struct render_files *f, const char *path)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->paths[i], path) == 0)
			return true;
	return false;
}

/* Tells o to remove the files the old unit wrote and the new one does not. */
static void remove_gone(struct output *o, const struct render_unit *old, const struct render_unit *now)
{
	for (size_t i = 0; i < old->files.n; i++)
		if (!has_path(&now->files, old->files.paths[i]))
			output_remove(o, old->files.paths[i]);
}

/* The units as they are after an update: those it made, else the kept
 * ones; shallow copies, for reading. */
static struct render_unit *units_now(const struct session *s, const struct render_result *made)
{
	size_t n = made->nunits;
	struct render_unit *now = xcalloc(n ? n : 1, sizeof *now);
	for (size_t u = 0; u < n; u++)
		now[u] = made->units[u].made_here ? made->units[u] : s->parts.made.units[u];
	return now;
}

/* The units the update made take the place of the kept ones. */
static void adopt_units(struct session *s, struct render_result *made)
{
	for (size_t u = 0; u < made->nunits; u++) {
		if (!made->units[u].made_here)
			continue;
		render_unit_free(&s->parts.made.units[u]);
		s->parts.made.units[u] = made->units[u];
		made->units[u] = (struct render_unit){.made_here = false};
	}
}

static int compare_paths(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool in_sorted(char **paths, size_t n, const char *path)
{
	return n && bsearch(&path, paths, n, sizeof *paths, compare_paths) != NULL;
}

/* The kept PNGs and playbooks after an update: those it wrote or kept,
 * and of the rest those not at a file of a unit it made (which noted
 * every file it still has: one it no longer has is gone). */
static void merge_kept(struct session *s, struct reuse *u, const struct render_result *made)
{
	char **gone = NULL;
	size_t ngone = 0, cap = 0;
	for (size_t i = 0; i < made->nunits; i++) {
		const struct render_files *old = &s->parts.made.units[i].files;
		for (size_t k = 0; made->units[i].made_here && k < old->n; k++) {
			gone = xgrow(gone, &cap, ngone + 1, sizeof *gone);
			gone[ngone++] = old->paths[k];
		}
	}
	size_t nnoted;
	struct reuse_kept *noted = reuse_noted(u, &nnoted);
	for (size_t i = 0; i < nnoted; i++) {
		gone = xgrow(gone, &cap, ngone + 1, sizeof *gone);
		gone[ngone++] = noted[i].path;
	}
	if (ngone > 1)
		qsort(gone, ngone, sizeof *gone, compare_paths);
	/* In place: the list is a site's every picture, an edit changes a few. */
	size_t n = 0;
	for (size_t i = 0; i < s->nkept; i++) {
		if (in_sorted(gone, ngone, s->kept[i].path))
			free(s->kept[i].path);
		else
			s->kept[n++] = s->kept[i];
	}
	/* Both lists are in reuse_kept_sort()'s order, and so is their merge,
	 * which reuse_borrow() takes as it is at the next update; merged from
	 * the end, a kept entry before a noted one it equals, as ever. */
	s->kept = xgrow(s->kept, &s->cap_kept, n + nnoted, sizeof *s->kept);
	size_t i = n, k = nnoted, at = n + nnoted;
	while (k > 0)
		s->kept[--at] = i > 0 && reuse_kept_compare(&noted[k - 1], &s->kept[i - 1]) < 0 ? s->kept[--i] : noted[--k];
	s->nkept = n + nnoted;
	free(noted);
	free(gone);
}


static bool same_page(const struct produced_page *x, const struct produced_page *y)
{
	if (strcmp(x->url, y->url) != 0 || x->nids != y->nids)
		return false;
	for (size_t i = 0; i < x->nids; i++)
		if (strcmp(x->ids[i], y->ids[i]) != 0)
			return false;
	return true;
}

/* Whether a unit made again has the files and the pages, with the same
 * ids, it had: then no link elsewhere can have gained or lost its
 * target. */
static bool same_shape(struct render_unit *old, struct render_unit *now)
{
	produced_sort(&old->made);      /* pages by url, each page's ids in order */
	produced_sort(&now->made);
	if (old->files.n != now->files.n || old->made.npages != now->made.npages)
		return false;
	for (size_t i = 0; i < old->files.n; i++)
		if (strcmp(old->files.paths[i], now->files.paths[i]) != 0)
			return false;
	for (size_t i = 0; i < old->made.npages; i++)
		if (!same_page(&old->made.pages[i], &now->made.pages[i]))
			return false;
	return true;
}

/* Whether the link at at is written outside every resource, or in one of
 * the folders dirs[0..n) ("<resources>/<slug>/"). */
static bool written_in(const struct session *s, char *const *dirs, size_t n, struct pos at)
{
	if (at.file == NULL || strncmp(at.file, s->resources_dir, strlen(s->resources_dir)) != 0)
		return true;
	for (size_t i = 0; i < n; i++)
		if (strncmp(at.file, dirs[i], strlen(dirs[i])) == 0)
			return true;
	return false;
}

/* Tells o what the units' files hold, as the units file says: the pages
 * an update makes again are then compared with it, not read (a template
 * edit makes every page again).  Only for folio build's update, which
 * checks the output against the record before it puts anything in place
 * (remake); the preview's folder is not checked.  The units not made
 * again were read without their files (read_units_of). */
static void know_files(struct output *o, const struct session *s)
{
	for (size_t u = 0; s->fp && u < s->parts.made.nunits; u++) {
		const struct render_files *f = &s->parts.made.units[u].files;
		for (size_t i = 0; i < f->n; i++)
			output_know(o, f->paths[i], f->bytes[i]);
	}
}

/* What an update makes again. */
struct redo {
	const bool *edited;             /* per resource: its files were read again */
	const bool *units;              /* per resource: its unit is made again
	                                 * (edited, or a template its pages read
	                                 * changed) */
	bool site_pages;                /* the site's own pages too */
	bool templates;                 /* the templates changed */
	bool menus;                     /* what the pages show of the plain pages
	                                 * (their menus) changed: every page */
	bool site;                      /* site.yaml changed (and, when playbooks
	                                 * are made, not what they print): every
	                                 * page */
	bool statics;                   /* a static file changed (but a font):
	                                 * the static folders are copied again */
	const bool *faces_same;         /* per resource: edited, with everything it
	                                 * says but its bodies as it was, and no
	                                 * template changed (render_tools'); NULL */
};

/* The links an update must check: when the units made again kept their
 * files and ids, those of the units it made and of the files it read
 * again (the others' targets are where they were); else all, the site's
 * own pages' included: a heading taken out of a plain page breaks a link
 * to it from any body.  And what the templates load when they changed. */
static struct build_links links_to_check(struct session *s, const struct redo *redo, struct render_result *made,
                                         bool *every)
{
	const struct site *site = s->parts.site;
	bool all = false;
	for (size_t u = 0; u < made->nunits && !all; u++)
		all = made->units[u].made_here && !same_shape(&s->parts.made.units[u], &made->units[u]);
	*every = all;
	bool *units = xcalloc(made->nunits, sizeof *units);
	for (size_t u = 0; u < made->nunits; u++)
		units[u] = all || made->units[u].made_here;
	char **dirs = NULL;
	size_t ndirs = 0, cap = 0;
	for (size_t i = 0; i < site->resources.len; i++) {
		if (!redo->edited[i])
			continue;
		const struct resource *r = schema_list_at(&model_resource_schema, &site->resources, i);
		dirs = xgrow(dirs, &cap, ndirs + 1, sizeof *dirs);
		dirs[ndirs++] = xasprintf("%s%s/", s->resources_dir, r->slug.v);
	}
	bool *links = xcalloc(site->nlinks ? site->nlinks : 1, sizeof *links);
	for (size_t i = 0; i < site->nlinks; i++)
		links[i] = all || written_in(s, dirs, ndirs, site->links[i].at);
	for (size_t i = 0; i < ndirs; i++)
		free(dirs[i]);
	free(dirs);
	return (struct build_links){links, units, redo->templates || redo->statics};
}

/* Whether redo makes every resource's pages again. */
static bool every_resource(const struct site *site, const struct redo *redo)
{
	for (size_t i = 0; i < site->resources.len; i++)
		if (!redo->units[i])
			return false;
	return true;
}

/* The notes of what the last build's pattern pages made of their bodies
 * (output/bodies.h), for an update of folio build after an edit of the
 * templates alone, which makes pattern pages again from bodies that did
 * not change; NULL otherwise.  Only there: the output is checked against
 * the record before the update is put in place (the preview's is not),
 * and reading the notes costs more than parsing the bodies of the
 * resources an edit of content makes again. */
static struct bodies *bodies_kept(const struct session *s, const struct redo *redo)
{
	const struct site *site = s->parts.site;
	bool edited = false, remade = false;
	for (size_t i = 0; i < site->resources.len; i++) {
		edited |= redo->edited[i];
		remade |= redo->units[i];
	}
	if (s->fp == NULL || !(redo->templates || redo->menus) || redo->site || edited || !remade)
		return NULL;
	char *path = fingerprint_bodies_path(s->fp);
	struct bodies *b = bodies_read(path, s->opt.out);
	free(path);
	return b;
}

/* Makes the units redo names again and puts what changed in place. */
static enum session_result remake(struct session *s, const struct redo *redo, const struct session_run *run,
                                  struct build_stats *stats, struct diag *d)
{
	bool needs_all = false;         /* the links of resources a partial site lacks */
	bool moved = false;             /* the output is not as the record says */
	struct options opt = options_for(s, run);
	struct site *site = s->parts.site;
	struct output *o = output_begin_update(opt.out, opt.out, d);
	if (o == NULL)
		return SESSION_FAILED;
	know_files(o, s);
	struct reuse *reuse = reuse_borrow(opt.out, s->kept, s->nkept, run->reuse_playbooks);
	struct bodies *bodies = bodies_kept(s, redo);
	struct render_tools tools = {.templates = s->parts.in.templates, .fonts = build_fonts(&s->parts), .out = o,
	                             .reuse = reuse, .only = redo->units, .resources_only = !redo->site_pages,
	                             .worker_fonts = (const struct fontset *const *)s->parts.worker_fonts,
	                             .nworker_fonts = s->parts.nworker_fonts, .bodies = bodies,
	                             .last_units = s->parts.made.units,
	                             .faces_same = redo->faces_same};
	struct render_result made = {.pages = 0};
	bool ok = render_site(site, &opt, &tools, &made, d);
	struct render_unit *now = units_now(s, &made);
	if (ok && !options_cancelled(&opt)) {
		for (size_t u = 1; u + 1 < made.nunits; u++)
			if (made.units[u].made_here)
				remove_gone(o, &s->parts.made.units[u], &made.units[u]);
		ok = build_copy_beside(site, made.units, made.nunits, o, d);
		/* What changed is copied over, what did not is left in place
		 * (output_write compares); the favicons are drawn from a
		 * static file, and their manifest names the site. */
		if (redo->statics || redo->site)
			ok = icons_write(site, s->parts.in.static_dirs, s->parts.in.nstatic, o, d) && ok;
		if (redo->statics) {
			size_t before = output_changed(o);
			ok = output_copy_trees(o, s->parts.in.statics, s->parts.in.ntrees) && ok;
			stats->statics = output_changed(o) - before;
		}
		bool every;
		struct build_links which = links_to_check(s, redo, &made, &every);
		needs_all = every && s->partly;
		ok = ok && !needs_all && build_check_links(site, &s->parts.in, &which, now, made.nunits, o, d);
		free((bool *)which.site);
		free((bool *)which.units);
	}
	ok = ok && !options_cancelled(&opt);
	stats->pages = made.pages;
	stats->files = ok ? output_count(o) : 0;
	stats->cancelled = !ok && options_cancelled(&opt);
	if (ok && s->fp) {
		/* The units file first, while the output's walk goes on: the
		 * record, written once the update is in place, names it. */
		struct build_made units = {.units = now, .nunits = made.nunits, .render_warnings = d->nlines - s->lines_before,
		                           .templates = s->parts.in.templates, .faces = s->faces, .units_from = s->last,
		                           .bodies = every_resource(site, redo) && made.pages_kept == 0 ? &made.bodies
		                                                                                       : NULL};
		fingerprint_remember_units(s->fp, site, &units);
		moved = !fingerprint_output_found(s->fp, &s->stamp, &s->files_then);
		ok = !moved;
	}
	free(now);
	if (ok && s->fp) {
		ok = output_apply_stamped(o, pool_threads(opt.jobs), &stats->new_pages, &s->stamp, &s->files_added, &s->stamped);
	} else if (ok) {
		ok = output_apply(o, pool_threads(opt.jobs), &stats->new_pages);
	} else {
		output_abort(o);
	}
	if (ok) {
		stats->update = true;
		stats->images_reused = reuse_count(reuse);
		stats->bodies_kept = made.bodies_kept;
		for (size_t i = 0; i < site->resources.len; i++)
			stats->updated += redo->units[i];
		merge_kept(s, reuse, &made);
		adopt_units(s, &made);
		/* A playbook is made from its resource alone: a template edit
		 * leaves it as it was. */
		for (size_t i = 0; i < site->resources.len; i++)
			if (redo->edited[i])
				s->playbooks_due[i] = run->reuse_playbooks;
	}
	render_result_free(&made);
	reuse_free(reuse);
	bodies_free(bodies);
	return ok ? SESSION_UPDATED : needs_all || moved ? SESSION_WHOLE : SESSION_FAILED;
}

/* Whether files[0..n) are site.yaml, but for an editor's temporary files. */
static bool site_yaml_alone(const struct session *s, char *const *files, size_t n)
{
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		bool site = strcmp(files[i], s->site_yaml) == 0;
		if (!site && !editors_temporary(s, files[i]))
			return false;
		any |= site;
	}
	return any;
}

/* What the playbooks of a site print: of the site, and of each resource
 * (the slugs name them). */
struct printed {
	struct hash site;
	char **slugs;
	struct hash *faces;
	bool *due;                      /* each was taken as it was, after an edit */
	bool whole_due;
	size_t n;
};

static struct printed printed_of(const struct session *s)
{
	const struct site *site = s->parts.site;
	size_t n = site->resources.len;
	struct printed p = {playbook_site_face(site), xcalloc(n ? n : 1, sizeof *p.slugs),
	                    xcalloc(n ? n : 1, sizeof *p.faces), xcalloc(n ? n : 1, sizeof *p.due), s->whole_due, n};
	for (size_t i = 0; i < n; i++) {
		const struct resource *r = schema_list_at(&model_resource_schema, &site->resources, i);
		p.slugs[i] = xstrdup(r->slug.v);
		p.faces[i] = resource_face(s, i);
		p.due[i] = s->playbooks_due[i];
	}
	return p;
}

static void printed_free(struct printed *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->slugs[i]);
	free(p->slugs);
	free(p->faces);
	free(p->due);
}

/* After an edit of site.yaml alone the preview builds whole, which a
 * change anywhere in it may need, with every playbook as it was; those
 * are due again only when one would now print something else (as
 * playbooks_as_they_were() tells folio build), or was due already. */
static enum session_result site_again(struct session *s, const struct session_run *run, struct build_stats *stats,
                                      struct diag *d)
{
	struct printed then = printed_of(s);
	bool built = session_build(s, run, stats, d);
	if (built && run->reuse_playbooks && !then.whole_due) {
		struct printed now = printed_of(s);
		bool same = now.n == then.n && hash_same(now.site, then.site);
		for (size_t i = 0; same && i < now.n; i++)
			same = strcmp(now.slugs[i], then.slugs[i]) == 0 && hash_same(now.faces[i], then.faces[i]);
		if (same) {
			s->whole_due = false;
			memcpy(s->playbooks_due, then.due, now.n * sizeof *then.due);
		}
		printed_free(&now);
	}
	printed_free(&then);
	return built ? SESSION_UPDATED : SESSION_FAILED;
}

enum session_result session_update(struct session *s, char *const *files, size_t n, const struct session_run *run,
                                   struct build_stats *stats, struct diag *d)
{
	if (!s->built || s->parts.site->own_fonts)
		return SESSION_WHOLE;   /* the site's own fonts are cut to all of its text */
	if (site_yaml_alone(s, files, n))
		return site_again(s, run, stats, d);
	size_t count = s->parts.site->resources.len;
	bool *edited = xcalloc(count ? count : 1, sizeof *edited);
	bool *units = xcalloc(count ? count : 1, sizeof *units);
	struct redo redo = {edited, units, false, false, false, false, false, NULL};
	size_t npages = s->parts.site->pages.len;
	bool *pages = xcalloc(npages ? npages : 1, sizeof *pages);
	enum session_result result = sort_edits(s, files, n, edited, pages, &redo.templates, &redo.statics)
	                                     ? SESSION_UPDATED
	                                     : SESSION_WHOLE;
	struct options opt = options_for(s, run);
	/* A plain page shows on the site's own pages; what the other pages
	 * show of it (the menus, made when the site was loaded) changed, every
	 * page, from the site loaded again. */
	for (size_t i = 0; i < npages && result == SESSION_UPDATED; i++) {
		bool shown = false;
		if (!pages[i])
			continue;
		if (!load_page_again(s->parts.site, &opt, s->parts.fonts, i, &shown, d))
			result = SESSION_FAILED;
		else if (shown)
			result = SESSION_WHOLE;
		else
			redo.site_pages = true;
	}
	free(pages);
	bool *faces_same = xcalloc(count ? count : 1, sizeof *faces_same);
	for (size_t i = 0; i < count && result == SESSION_UPDATED; i++) {
		bool moved = false;
		if (!edited[i])
			continue;
		struct hash face = resource_face(s, i);
		if (!load_resource_again(s->parts.site, &opt, s->parts.fonts, i, &moved, d))
			result = SESSION_FAILED;
		else if (moved)
			result = SESSION_WHOLE;
		else
			faces_same[i] = hash_same(face, resource_face(s, i));
		redo.site_pages |= !faces_same[i];
	}
	struct render_users users = {false, false};
	if (result == SESSION_UPDATED && redo.templates && !templates_again(s, files, n, &users, d))
		result = SESSION_FAILED;
	redo.site_pages |= users.site_pages;
	for (size_t i = 0; i < count; i++)
		units[i] = edited[i] || users.resources;
	redo.faces_same = redo.templates ? NULL : faces_same;
	if (result == SESSION_UPDATED)
		result = remake(s, &redo, run, stats, d);
	/* The model may now hold a resource the served folder does not show:
	 * only a whole build brings the two together again. */
	if (result != SESSION_UPDATED)
		forget_build(s);
	free(faces_same);
	free(edited);
	free(units);
	return result;
}

/* ---- folio build over the last build ------------------------------------ */

static int compare_part_name(const void *name, const void *part)
{
	return strcmp(name, ((const struct tree_part *)part)->name);
}

/* The folder stamp named name among parts[0..n) (sorted), or NULL. */
static const struct tree_part *part_named(const struct tree_part *parts, size_t n, const char *name)
{
	return n ? bsearch(name, parts, n, sizeof *parts, compare_part_name) : NULL;
}

/* Marks in edited the resources the build last describes whose folders
 * changed since, in last's order, counting them in *nedited; false when
 * the edit is not one an update can make: a folder came or went, or a
 * changed folder is no resource's (a draft's).  Only last's head is read
 * (units_read_head). */
static bool folders_edited(const struct units_record *last, const struct fingerprint *fp, bool *edited,
                           size_t *nedited)
{
	size_t nparts;
	const struct tree_part *parts = fingerprint_parts(fp, &nparts);
	if (parts == NULL || nparts != last->nfolders)
		return false;
	size_t changed = 0;
	for (size_t i = 0; i < nparts; i++) {
		if (strcmp(parts[i].name, last->folders[i].name) != 0)
			return false;
		changed += !hash_same(parts[i].stamp, last->folders[i].stamp);
	}
	size_t marked = 0;
	for (size_t i = 0; i < last->nresources; i++) {
		const struct tree_part *now = part_named(parts, nparts, last->slugs[i]);
		const struct tree_part *then = part_named(last->folders, last->nfolders, last->slugs[i]);
		if (now == NULL || then == NULL)
			return false;
		edited[i] = !hash_same(now->stamp, then->stamp);
		marked += edited[i];
	}
	*nedited = marked;
	return marked == changed;
}

bool session_units_allow(const struct units_record *last, const bool *edited)
{
	if (last->nunits != last->nresources + 2)
		return false;
	for (size_t i = 0; i < last->nresources; i++)
		if (edited[i] && last->units[i + 1].reads_all)
			return false;
	return true;
}

/* folders_edited(), when the site's resources are still the ones the
 * build last describes, in the same order. */
static bool edits_over(const struct units_record *last, const struct site *site, const struct fingerprint *fp,
                       bool *edited, size_t *nedited)
{
	if (site->resources.len != last->nresources)
		return false;
	for (size_t i = 0; i < last->nresources; i++) {
		const struct resource *r = schema_list_at(&model_resource_schema, &site->resources, i);
		if (strcmp(r->slug.v, last->slugs[i]) != 0)
			return false;
	}
	return folders_edited(last, fp, edited, nedited) && session_units_allow(last, edited);
}

/* Whether a template file changed since the build last describes; with
 * set (the templates now, checked), notes in users whose pages read one
 * that did, as that build's set had them (the units file says) or as set
 * has them (a partial added or dropped). */
static bool templates_edited(const struct units_record *last, const struct fingerprint *fp,
                             const struct tpl_set *set, struct render_users *users)
{
	size_t n, i = 0, k = 0;
	const struct tree_part *now = fingerprint_templates(fp, &n);
	bool any = false;
	while (i < last->ntemplates || k < n) {
		int c = i == last->ntemplates ? 1 : k == n ? -1 : strcmp(last->templates[i].name, now[k].name);
		bool same = c == 0 && hash_same(last->templates[i].stamp, now[k].stamp);
		if (c <= 0 && !same) {
			users->site_pages |= (last->users[i] & UNITS_SITE_PAGES) != 0;
			users->resources |= (last->users[i] & UNITS_RESOURCES) != 0;
		}
		if (c >= 0 && !same && set)     /* "0/partials/footer.html": pages read it by what follows the root */
			render_template_users(set, strchr(now[k].name, '/') + 1, users);
		any |= !same;
		i += c <= 0;
		k += c >= 0;
	}
	return any;
}

bool *session_edited_folders(const struct units_record *last, const struct fingerprint *fp)
{
	struct render_users users = {false, false};
	if (templates_edited(last, fp, NULL, &users))
		return NULL;
	size_t n = last->nresources, nedited = 0;
	bool *edited = xcalloc(n ? n : 1, sizeof *edited);
	if (!folders_edited(last, fp, edited, &nedited) || (nedited == 0 && !fingerprint_statics_edited(fp, last))) {
		free(edited);
		return NULL;
	}
	return edited;
}

/* What folio build's update makes again after the edits since the build
 * last describes: into redo, with edited and units (a flag per resource,
 * which redo then points to).  SESSION_WHOLE when the edits are not of one kind an
 * update can make: edited resources and edited templates, menus or
 * site.yaml at once, or none (after an edit of templates, menus or
 * site.yaml alone every playbook is taken as it was, a playbook being
 * made from its resource and what it prints of the site:
 * playbooks_as_they_were); SESSION_FAILED after reporting that the
 * templates are wrong. */
static enum session_result plan_over(const struct units_record *last, const struct build_parts *parts,
                                     const struct fingerprint *fp, bool *edited, bool *units, bool *faces_same,
                                     struct redo *redo, struct diag *d)
{
	const struct site *site = parts->site;
	*redo = (struct redo){edited, units, false, false, false, false, false, NULL};
	size_t nedited = 0;
	struct render_users users = {false, false};
	bool fits = edits_over(last, site, fp, edited, &nedited);
	redo->templates = templates_edited(last, fp, NULL, &users);
	redo->statics = fingerprint_statics_edited(fp, last);
	/* A static file a text links to is content: an image a page shows at
	 * its size and the playbook prints. */
	if (redo->statics && fingerprint_linked_edited(fp, last))
		return SESSION_WHOLE;
	/* A plain page shows on the site's own pages; when what the others
	 * show of the pages (the menus) changed, on every page, but in no
	 * playbook. */
	bool pages = fingerprint_pages_edited(fp, last);
	redo->menus = pages && !hash_same(pages_faces(site), last->page_faces);
	/* site.yaml shows on every page: what only the pages show of it (the
	 * navigation, the footer) leaves every playbook as it was. */
	redo->site = fingerprint_site_edited(fp, last);
	bool none = nedited == 0 && !redo->templates && !redo->statics && !pages && !redo->site;
	if (!fits || none || (nedited > 0 && (redo->templates || redo->menus || redo->site)))
		return SESSION_WHOLE;
	/* The templates are checked before they are asked who reads them. */
	if (redo->templates && !render_check_templates(site, parts->in.templates, d))
		return SESSION_FAILED;
	if (redo->templates)
		templates_edited(last, fp, parts->in.templates, &users);
	redo->site_pages = users.site_pages || pages || redo->site;
	for (size_t i = 0; i < site->resources.len; i++) {
		units[i] = edited[i] || users.resources || redo->menus || redo->site;
		faces_same[i] = edited[i] && hash_same(last->faces[i], resource_face_of(site, i));
		redo->site_pages |= edited[i] && !faces_same[i];
	}
	redo->faces_same = redo->templates || redo->menus || redo->site ? NULL : faces_same;
	return SESSION_UPDATED;
}

/* The record of the update s just put in place (its units file is
 * written: remake); files is what the last record counted. */
static void remember_over(struct session *s, struct fingerprint *fp, size_t files, const struct build_stats *stats,
                          struct diag *d)
{
	if (s->stamped) {
		files = (size_t)((long)files + s->files_added);
	} else if (tree_stamp_files(s->opt.out, &s->stamp, &files)) {
		files = files ? files - 1 : 0;  /* less the marker */
		s->stamped = true;
	}
	if (!s->stamped)
		return;         /* the output cannot be read: no record, the next build builds */
	struct build_made made = {.kept = s->kept, .nkept = s->nkept, .update = true, .files = files};
	for (size_t u = 0; u < s->parts.made.nunits; u++)
		made.pages += s->parts.made.units[u].made.npages;
	fingerprint_remember(fp, s->parts.site, &s->stamp, stats, d, &made);
}

enum session_result session_update_over(const struct options *opt, struct build_parts *parts,
                                        struct fingerprint *fp, struct units_record *last, bool partly,
                                        struct build_stats *stats, struct diag *d)
{
	if (parts->site->own_fonts)
		return SESSION_WHOLE;
	size_t count = parts->site->resources.len;
	bool *edited = xcalloc(count ? count : 1, sizeof *edited);
	bool *units = xcalloc(count ? count : 1, sizeof *units);
	bool *faces_same = xcalloc(count ? count : 1, sizeof *faces_same);
	struct redo redo;
	enum session_result result = plan_over(last, parts, fp, edited, units, faces_same, &redo, d);
	/* The site's own pages show every resource, which a partial site lacks. */
	if (result == SESSION_UPDATED && partly && redo.site_pages)
		result = SESSION_WHOLE;
	struct hash *faces = result == SESSION_UPDATED ? faces_after(last, parts->site, edited, redo.site, partly) : NULL;
	if (result == SESSION_UPDATED && redo.site && options_pdf(opt) &&
	    !playbooks_as_they_were(last, parts->site, faces))
		result = SESSION_WHOLE;
	if (result == SESSION_UPDATED) {
		/* A session of the parts and of the units the file kept. */
		struct session *s = session_new(opt);
		s->parts = *parts;
		s->parts.made = (struct render_result){.units = last->units, .nunits = last->nunits};
		last->units = NULL;
		last->nunits = 0;
		s->built = true;
		s->partly = partly;
		copy_kept(s, fp);
		s->playbooks_due = xcalloc(count ? count : 1, sizeof *s->playbooks_due);
		struct session_run run = {redo.templates || redo.menus || redo.site, opt->cancel, opt->progress};
		s->fp = fp;
		s->lines_before = d->nlines;
		s->last = last;
		s->faces = faces;
		result = remake(s, &redo, &run, stats, d);
		if (result == SESSION_UPDATED) {
			remember_over(s, fp, s->files_then, stats, d);
			stats->partly = partly;
		}
		/* The parts go back to the caller, who frees them with the units
		 * the session now holds; after an update dropped for a whole
		 * build, which makes the parts' units its own, as they were, and
		 * the units go back to last. */
		if (result == SESSION_WHOLE) {
			last->units = s->parts.made.units;
			last->nunits = s->parts.made.nunits;
			s->parts.made = parts->made;
		}
		*parts = s->parts;
		s->built = false;
		session_free(s);
	}
	free(faces);
	free(faces_same);
	free(units);
	free(edited);
	return result;
}

bool session_playbooks_due(const struct session *s)
{
	if (!s->built)
		return false;
	if (s->whole_due)
		return true;
	for (size_t i = 0; i < s->parts.site->resources.len; i++)
		if (s->playbooks_due[i])
			return true;
	return false;
}

enum session_result session_make_playbooks(struct session *s, const struct session_run *run,
                                           struct build_stats *stats, struct diag *d)
{
	if (!s->built)
		return SESSION_WHOLE;
	if (s->whole_due) {     /* every playbook: a whole build, as the first phase was */
		struct session_run whole = *run;
		whole.reuse_playbooks = false;
		return session_build(s, &whole, stats, d) ? SESSION_UPDATED : SESSION_FAILED;
	}
	size_t count = s->parts.site->resources.len;
	bool *due = xcalloc(count ? count : 1, sizeof *due);
	memcpy(due, s->playbooks_due, count * sizeof *due);
	/* The pages are as the first phase made them from the same model:
	 * the pattern pages are kept, the resource pages show the playbooks. */
	struct redo redo = {due, due, false, false, false, false, false, due};
	enum session_result result = remake(s, &redo, run, stats, d);
	free(due);
	return result;
}
