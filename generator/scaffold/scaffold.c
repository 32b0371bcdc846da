#include "scaffold/scaffold.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/path.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "scaffold/starters.h"

/* One file to write, and what fills its placeholders (starters.h). */
struct planned {
	char *path;                     /* as shown; owned */
	const char *const *text;
	const char *slug, *resource;
	long weight;
};

/* What one `folio new` writes: at most a site's four files. */
struct plan {
	struct planned files[4];
	size_t n;
};

static void plan_add(struct plan *p, char *path, const char *const *text, const char *slug, const char *resource,
                     long weight)
{
	p->files[p->n++] = (struct planned){path, text, slug, resource, weight};
}

static void plan_free(struct plan *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->files[i].path);
}

bool scaffold_kind_named(const char *name, enum scaffold_kind *kind)
{
	static const char *const names[] = {"site", "resource", "pattern", "faq", "page"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(name, names[i]) == 0) {
			*kind = (enum scaffold_kind)i;
			return true;
		}
	return false;
}

/* The title a slug stands for: first-steps -> First steps. */
static void put_title(struct buf *b, const char *slug)
{
	for (const char *s = slug; *s; s++) {
		char c = *s == '-' ? ' ' : *s;
		buf_putc(b, s == slug && c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c);
	}
}

/* Writes the value of the placeholder s starts with, if any; returns its
 * length (0: none). */
static size_t put_placeholder(struct buf *b, const struct planned *f, const char *s)
{
	if (text_starts_with(s, "{slug}"))
		buf_puts(b, f->slug);
	else if (text_starts_with(s, "{title}"))
		put_title(b, f->slug);
	else if (text_starts_with(s, "{resource}"))
		buf_puts(b, f->resource);
	else if (text_starts_with(s, "{weight}"))
		buf_printf(b, "%ld", f->weight);
	else
		return 0;
	return (size_t)(strchr(s, '}') - s) + 1;
}

/* f's text with its placeholders filled. */
static void fill(struct buf *b, const struct planned *f)
{
	for (const char *const *block = f->text; *block; block++) {
		for (const char *s = *block; *s;) {
			size_t n = *s == '{' ? put_placeholder(b, f, s) : 0;
			if (n == 0)
				buf_putc(b, *s++);
			s += n;
		}
	}
}

/* Makes the folders above path; false with errno set. */
static bool make_parents(const char *path)
{
	char *dir = xstrdup(path);
	bool ok = true;
	for (char *slash = strchr(dir + 1, '/'); slash && ok; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		ok = mkdir(dir, 0755) == 0 || errno == EEXIST;
		*slash = '/';
	}
	free(dir);
	return ok;
}

/* Creates f, which must not exist yet; false after reporting on err. */
static bool write_new(const struct planned *f, FILE *err)
{
	struct buf text = BUF_INIT;
	fill(&text, f);
	int fd = make_parents(f->path) ? open(f->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644) : -1;
	bool ok = fd >= 0 && write(fd, text.data, text.len) == (ssize_t)text.len;
	if (fd >= 0 && close(fd) != 0)
		ok = false;
	if (!ok)
		fprintf(err, "folio: cannot write %s: %s\n", f->path, strerror(errno));
	buf_free(&text);
	return ok;
}

static bool exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

/* The number of entries of folder dir whose name ends in suffix. */
static long count_entries(const char *dir, const char *suffix)
{
	DIR *d = opendir(dir);
	long n = 0;
	if (d == NULL)
		return 0;
	for (struct dirent *e; (e = readdir(d)) != NULL;)
		n += e->d_name[0] != '.' && text_ends_with(e->d_name, suffix);
	closedir(d);
	return n;
}

static bool bad_slug(const char *slug, FILE *err)
{
	if (text_is_slug(slug))
		return false;
	fprintf(err, "folio: '%s' is not a slug: use only a-z, 0-9 and '-', such as first-steps\n", slug);
	return true;
}

/* The site's four files, in folder dir, which must not have content/. */
static bool plan_site(struct plan *p, const char *dir, FILE *err)
{
	char *content = path_in(dir, "content");
	bool taken = exists(content);
	if (taken)
		fprintf(err, "folio: %s already exists; nothing was written (choose a new folder)\n", content);
	free(content);
	if (taken)
		return false;
	const char *r = STARTERS_SITE_RESOURCE;
	char *resource = xasprintf("content/resources/%s", r);
	plan_add(p, path_in(dir, "content/site.yaml"), starters_site_yaml, r, r, 1);
	char *rel = xasprintf("%s/resource.yaml", resource);
	plan_add(p, path_in(dir, rel), starters_resource_yaml, r, r, 1);
	free(rel);
	rel = xasprintf("%s/patterns/%s.md", resource, STARTERS_SITE_PATTERN);
	plan_add(p, path_in(dir, rel), starters_pattern_md, STARTERS_SITE_PATTERN, r, 1);
	free(rel);
	rel = xasprintf("%s/faq/%s.md", resource, STARTERS_SITE_QUESTION);
	plan_add(p, path_in(dir, rel), starters_faq_md, STARTERS_SITE_QUESTION, r, 1);
	free(rel);
	free(resource);
	return true;
}

/* Splits "RESOURCE/SLUG" into *resource and *slug (owned by the caller,
 * NULL on failure); false after reporting. */
static bool split_entry(const char *name, char **resource, char **slug, FILE *err)
{
	*resource = *slug = NULL;
	const char *slash = strchr(name, '/');
	if (slash == NULL) {
		fprintf(err, "folio: '%s' must be RESOURCE/SLUG, such as my-resource/first-steps\n", name);
		return false;
	}
	*resource = xstrndup(name, (size_t)(slash - name));
	*slug = xstrdup(slash + 1);
	return !bad_slug(*resource, err) && !bad_slug(*slug, err);
}

/* One entry's file in the site at source. */
static bool plan_entry(struct plan *p, enum scaffold_kind kind, const char *name, const char *source,
                       char **owned, FILE *err)
{
	char *site_yaml = path_in(source, "content/site.yaml");
	bool have_site = exists(site_yaml);
	free(site_yaml);
	if (!have_site) {
		fprintf(err, "folio: %s has no content/site.yaml; make a site with 'folio new site DIR' or name its folder with --source\n",
		        strcmp(source, ".") == 0 ? "this folder" : source);
		return false;
	}
	char *resource = NULL, *slug = NULL;
	bool in_resource = kind == SCAFFOLD_PATTERN || kind == SCAFFOLD_FAQ;
	bool ok = in_resource ? split_entry(name, &resource, &slug, err) : !bad_slug(name, err);
	owned[0] = resource;
	owned[1] = slug;
	if (!ok)
		return false;
	char *rel = NULL, *folder = NULL;
	if (in_resource) {
		char *yaml = xasprintf("content/resources/%s/resource.yaml", resource);
		char *path = path_in(source, yaml);
		if (!exists(path)) {
			fprintf(err, "folio: there is no resource '%s' (no %s); make it with 'folio new resource %s'\n", resource,
			        path, resource);
			ok = false;
		}
		free(path);
		free(yaml);
		const char *sub = kind == SCAFFOLD_PATTERN ? "patterns" : "faq";
		folder = xasprintf("content/resources/%s/%s", resource, sub);
		rel = xasprintf("%s/%s.md", folder, slug);
	} else if (kind == SCAFFOLD_RESOURCE) {
		folder = xstrdup("content/resources");
		rel = xasprintf("%s/%s/resource.yaml", folder, name);
	} else {
		folder = xstrdup("content/pages");
		rel = xasprintf("%s/%s.md", folder, name);
	}
	char *dir = path_in(source, folder);
	long weight = count_entries(dir, kind == SCAFFOLD_RESOURCE ? "" : ".md") + 1;
	static const char *const *const texts[] = {NULL, starters_resource_yaml, starters_pattern_md, starters_faq_md,
	                                           starters_page_md};
	plan_add(p, path_in(source, rel), texts[kind], in_resource ? slug : name, in_resource ? resource : name, weight);
	free(dir);
	free(folder);
	free(rel);
	return ok;
}

/* False after reporting the first planned file that exists. */
static bool all_new(const struct plan *p, FILE *err)
{
	for (size_t i = 0; i < p->n; i++)
		if (exists(p->files[i].path)) {
			fprintf(err, "folio: %s already exists; nothing was written (choose another name, or edit it)\n",
			        p->files[i].path);
			return false;
		}
	return true;
}

bool scaffold_new(enum scaffold_kind kind, const char *name, const char *source, FILE *out, FILE *err)
{
	struct plan p = {.n = 0};
	char *owned[2] = {NULL, NULL};
	bool ok = kind == SCAFFOLD_SITE ? plan_site(&p, name, err) : plan_entry(&p, kind, name, source, owned, err);
	ok = ok && all_new(&p, err);
	for (size_t i = 0; i < p.n && ok; i++) {
		ok = write_new(&p.files[i], err);
		if (ok)
			fprintf(out, "folio: created %s\n", p.files[i].path);
	}
	plan_free(&p);
	free(owned[0]);
	free(owned[1]);
	return ok;
}
