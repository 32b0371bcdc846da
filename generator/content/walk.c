/*
 * walk: lists the folders of content/ and puts what they hold in order.
 */
#include "content/walk.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/path.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "content/confine.h"

char **walk_list(struct loader *ld, const char *rel, bool want_dirs, size_t *count)
{
	char *path = path_in(ld->opt->source, rel);
	DIR *dir = opendir(path);
	*count = 0;
	if (dir == NULL) {
		free(path);
		return NULL;
	}
	char **names = NULL;
	size_t cap = 0;
	struct dirent *e;
	while ((e = readdir(dir)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		/* The kind the folder entry gives saves a stat per file; a link
		 * (or a file system that does not say) is stat'ed through. */
		bool is_dir = e->d_type == DT_DIR;
		struct stat st;
		if (e->d_type == DT_UNKNOWN || e->d_type == DT_LNK)
			is_dir = fstatat(dirfd(dir), e->d_name, &st, 0) == 0 && S_ISDIR(st.st_mode);
		if (is_dir != want_dirs)
			continue;
		if (!want_dirs && !text_ends_with(e->d_name, ".md"))
			continue;
		names = xgrow(names, &cap, *count + 1, sizeof *names);
		names[(*count)++] = xstrdup(e->d_name);
	}
	closedir(dir);
	free(path);
	for (size_t i = 1; i < *count; i++)
		for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			char *t = names[j];
			names[j] = names[j - 1];
			names[j - 1] = t;
		}
	return names;
}

void walk_free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

bool walk_check_slug(struct loader *ld, const char *name, const char *rel)
{
	if (text_is_slug(name))
		return true;
	char *shown = path_in(ld->opt->source, rel);
	struct pos at = {loader_intern_path(ld, shown), 1, 1};
	free(shown);
	diag_error(ld->d, at, "name '%s' is not a valid slug; rename it using only a-z, 0-9 and '-'", name);
	return false;
}

/* Forgets the site links that content in file made (with folder, in any
 * file of file's folder): a draft's pages are not built, so its links are
 * not checked. */
static void forget_links(struct body_links *links, const char *file, bool folder)
{
	const char *slash = strrchr(file, '/');
	bool in_folder = folder && slash;
	size_t n = in_folder ? (size_t)(slash - file) + 1 : 0;
	size_t kept = 0;
	for (size_t i = 0; i < links->len; i++) {
		const char *from = links->items[i].at.file;
		if (from && (in_folder ? strncmp(from, file, n) == 0 : strcmp(from, file) == 0)) {
			free(links->items[i].path);
			free(links->items[i].fragment);
			free(links->items[i].written);
			continue;
		}
		links->items[kept++] = links->items[i];
	}
	links->len = kept;
}

void walk_order_entries(struct loader *ld, struct list *list, const struct schema *s, size_t weight_off,
                        size_t draft_off, size_t slug_off)
{
	char *items = list->items;
	size_t size = s->size, kept = 0;
	char *tmp = xmalloc(size);
	for (size_t i = 0; i < list->len; i++) {
		char *e = items + i * size;
		if (*(bool *)(e + draft_off) && !ld->opt->drafts) {
			/* A draft resource takes its patterns and questions with it. */
			if (schema_pos(s, e).file)
				forget_links(&ld->seen->links, schema_pos(s, e).file, s == &model_resource_schema);
			schema_free_fields(s, e);
			continue;
		}
		memmove(items + kept * size, e, size);
		kept++;
	}
	list->len = kept;
	for (size_t i = 1; i < kept; i++) {
		for (size_t j = i; j > 0; j--) {
			char *a = items + (j - 1) * size, *b = items + j * size;
			long wa = *(long *)(a + weight_off), wb = *(long *)(b + weight_off);
			const char *sa = ((struct str *)(a + slug_off))->v, *sb = ((struct str *)(b + slug_off))->v;
			if (wa < wb || (wa == wb && strcmp(sa, sb) <= 0))
				break;
			memcpy(tmp, a, size);
			memcpy(a, b, size);
			memcpy(b, tmp, size);
		}
	}
	free(tmp);
}

bool walk_read_entries(struct loader *ld, struct resource *r, const char *sub, const struct schema *s,
                       walk_entry_reader reader, struct list *out)
{
	char *dir = xasprintf("content/resources/%s/%s", r->slug.v, sub);
	size_t n;
	char **names = walk_list(ld, dir, false, &n);
	bool ok = true;
	out->items = xcalloc(n ? n : 1, s->size);
	out->len = n;
	for (size_t i = 0; i < n; i++) {
		char *rel = xasprintf("%s/%s", dir, names[i]);
		char *slug = xstrndup(names[i], strlen(names[i]) - 3);
		ok &= walk_check_slug(ld, slug, rel);
		ok &= reader(ld, r, rel, slug, schema_list_at(s, out, i));
		free(slug);
		free(rel);
	}
	walk_free_names(names, n);
	free(dir);
	return ok;
}
