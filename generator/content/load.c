#include "content/load.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "content/glyphs.h"
#include "content/markdown.h"
#include "base/pool.h"
#include "base/hash.h"
#include "base/text.h"
#include "base/textfile.h"
#include "base/xalloc.h"
#include "content/ytree.h"

/* A folder below content/ and its realpath. */
struct folder {
	char *path, *real;
};

#define LOADER_FOLDERS 8

struct loader {
	const struct load_options *opt;
	struct diag *d;
	struct site *site;
	/* Where interned paths and links go: site itself, or a part of it
	 * kept apart by a thread that reads one resource (site is then only
	 * read). */
	struct site *notes;
	char *content_dir;      /* content/ as source_path() names it */
	char *content_real;     /* its realpath, for symlink checks */
	bool raw_html;          /* site.yaml's markdown.raw_html: keep raw HTML */
	struct folder folders[LOADER_FOLDERS];  /* the last folders resolved */
	size_t next_folder;     /* the slot the next one takes */
};

/* ---- paths ---------------------------------------------------------- */

/* The path of rel inside the source folder, as shown to the author. */
static char *source_path(const struct loader *l, const char *rel)
{
	const char *src = l->opt->source;
	if (strcmp(src, ".") == 0 || *src == '\0')
		return xstrdup(rel);
	size_t n = strlen(src);
	return xasprintf("%s%s%s", src, src[n - 1] == '/' ? "" : "/", rel);
}

static void forget_folders(struct loader *l)
{
	for (size_t i = 0; i < LOADER_FOLDERS; i++) {
		free(l->folders[i].path);
		free(l->folders[i].real);
		l->folders[i] = (struct folder){NULL, NULL};
	}
	l->next_folder = 0;
}

/* The realpath of the folder dir[0..len), or NULL.  realpath() costs a
 * system call per component of the path, and content holds thousands of
 * folders: a folder below content/ whose parent is known and which is no
 * link is worked out from its parent with one lstat, and the last few
 * folders are kept, since a folder's files are read one after another. */
static const char *folder_real(struct loader *l, const char *dir, size_t len)
{
	size_t n = l->content_dir ? strlen(l->content_dir) : 0;
	if (l->content_dir && len == n && strncmp(dir, l->content_dir, n) == 0)
		return l->content_real;
	for (size_t i = 0; i < LOADER_FOLDERS; i++) {
		const struct folder *f = &l->folders[i];
		if (f->path && strlen(f->path) == len && strncmp(f->path, dir, len) == 0)
			return f->real;
	}
	char *path = xstrndup(dir, len);
	char *real = NULL;
	const char *slash = strrchr(path, '/');
	const char *parent = NULL;
	if (l->content_dir && len > n && strncmp(dir, l->content_dir, n) == 0 && dir[n] == '/' && slash)
		parent = folder_real(l, path, (size_t)(slash - path));
	struct stat st;
	if (parent && lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		real = xasprintf("%s%s", parent, slash);
	} else {
		char buf[PATH_MAX];
		if (realpath(path, buf) != NULL)
			real = xstrdup(buf);
	}
	struct folder *f = &l->folders[l->next_folder];
	l->next_folder = (l->next_folder + 1) % LOADER_FOLDERS;
	free(f->path);
	free(f->real);
	*f = (struct folder){path, real};
	return real;
}

/* realpath(path) into real: a file that is no link from its folder's. */
static bool resolve(struct loader *l, const char *path, char *real)
{
	const char *slash = strrchr(path, '/');
	const char *dir_real = slash ? folder_real(l, path, (size_t)(slash - path)) : NULL;
	struct stat st;
	if (dir_real && lstat(path, &st) == 0 && !S_ISLNK(st.st_mode)) {
		int n = snprintf(real, PATH_MAX, "%s%s", dir_real, slash);
		return n > 0 && n < PATH_MAX;
	}
	return realpath(path, real) != NULL;
}

/* Whether the real path real is content/ or below it. */
static bool under_content(const struct loader *l, const char *real)
{
	size_t n = strlen(l->content_real);
	return strncmp(real, l->content_real, n) == 0 && (real[n] == '/' || real[n] == '\0');
}

static bool inside_content(struct loader *l, const char *path, const char *shown)
{
	char real[PATH_MAX];
	if (l->content_real == NULL || !resolve(l, path, real))
		return true;        /* reading it will report the problem */
	if (under_content(l, real))
		return true;
	struct pos at = {shown, 1, 1};
	diag_error(l->d, at, "symbolic link leads outside content/; copy the file into content/ instead");
	return false;
}

/* open_inside_content() of a file it refused. */
#define NOT_INSIDE (-2)

/* Opens a content file for reading: -1 (errno set) when it cannot be
 * opened, NOT_INSIDE after reporting a link that leads outside content/.
 * Most files are no links: opened without following one, such a file is
 * inside when its folder is, and it costs no lstat. */
static int open_inside_content(struct loader *l, const char *path, const char *shown)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	const char *slash = strrchr(path, '/');
	if (fd >= 0 && l->content_real && slash) {
		const char *dir_real = folder_real(l, path, (size_t)(slash - path));
		if (dir_real && under_content(l, dir_real))
			return fd;
	}
	if (fd >= 0)
		close(fd);
	if (!inside_content(l, path, shown))
		return NOT_INSIDE;
	return open(path, O_RDONLY | O_CLOEXEC);
}

/* Length of the line starting at s, without its newline. */
static size_t line_length(const char *s)
{
	return strcspn(s, "\n");
}

static bool is_fence(const char *s, const char *mark)
{
	size_t n = line_length(s);
	if (n < 3 || strncmp(s, mark, 3) != 0)
		return false;
	for (size_t i = 3; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

bool load_split_front_matter(const char *text, const char *shown, const char **yaml,
                             size_t *yaml_len, const char **body, int *body_line, struct diag *d)
{
	struct pos at = {shown, 1, 1};
	if (!is_fence(text, "---")) {
		diag_error(d, at, "missing front matter; start the file with a line '---', the YAML fields, and another '---'");
		return false;
	}
	const char *p = text + line_length(text);
	int line = 1;
	if (*p == '\n')
		p++;
	line++;
	*yaml = p;
	while (*p) {
		if (is_fence(p, "---") || is_fence(p, "...")) {
			*yaml_len = (size_t)(p - *yaml);
			p += line_length(p);
			if (*p == '\n')
				p++;
			*body = p;
			*body_line = line + 1;
			return true;
		}
		p += line_length(p);
		if (*p == '\n')
			p++;
		line++;
	}
	diag_error(d, at, "front matter is not closed; add a line '---' after the YAML fields");
	return false;
}

/* ---- values --------------------------------------------------------- */

static bool check_url(struct loader *l, const struct field *f, const char *v, struct pos at, const char *key)
{
	for (const char *p = v; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' || *p == '>' || *p == '\\') {
			diag_error(l->d, at, "'%s' holds a space or a character not allowed in a URL; percent-encode it", key);
			return false;
		}
	bool https = text_starts_with(v, "https://");
	if ((f->flags & SF_HTTPS) && !https) {
		diag_error(l->d, at, "'%s' must be an https:// URL", key);
		return false;
	}
	if (https || text_starts_with(v, "http://")) {
		const char *host = strchr(v, ':') + 3;
		if (*host == '\0' || *host == '/') {
			diag_error(l->d, at, "'%s' has no host name; write a full URL such as https://example.com/", key);
			return false;
		}
		return true;
	}
	if (text_starts_with(v, "mailto:") && v[7])
		return true;
	diag_error(l->d, at, "'%s' must be an absolute https://, http:// or mailto: URL, not '%s'", key, v);
	return false;
}

static bool check_site_path(struct loader *l, const char *v, struct pos at, const char *key)
{
	if (v[0] != '/' || v[1] == '/') {
		diag_error(l->d, at, "'%s' must be a URL or a site path starting with one '/'", key);
		return false;
	}
	for (const char *p = v; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' || *p == '>' || *p == '\\') {
			diag_error(l->d, at, "'%s' holds a space or a character not allowed in a URL; percent-encode it", key);
			return false;
		}
	if (strstr(v, "/../") || text_ends_with(v, "/..") || strstr(v, "/./")) {
		diag_error(l->d, at, "'%s' must not contain '.' or '..' segments", key);
		return false;
	}
	model_add_link(l->notes, v, at);
	return true;
}

static bool check_date(const char *v)
{
	int y, m, dd;
	char extra;
	if (strlen(v) != 10 || sscanf(v, "%4d-%2d-%2d%c", &y, &m, &dd, &extra) != 3)
		return false;
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12 || dd < 1 || dd > days[m - 1])
		return false;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return !(m == 2 && dd == 29 && !leap);
}

static bool check_static_path(struct loader *l, const char *v, struct pos at, const char *key)
{
	if (v[0] == '/' || strstr(v, "..") || strchr(v, '\\')) {
		diag_error(l->d, at, "'%s' must be a path inside static/, such as images/logo.svg", key);
		return false;
	}
	char *rel = xasprintf("static/%s", v);
	char *path = source_path(l, rel);
	struct stat st;
	bool ok = stat(path, &st) == 0 && S_ISREG(st.st_mode);
	if (!ok)
		diag_error(l->d, at, "'%s' names %s, which does not exist; add the file or fix the path", key, rel);
	free(rel);
	free(path);
	return ok;
}

/* Walks a Markdown tree for links into the site and for what content may
 * not hold: script URLs and images without a text alternative. */
static void check_markdown(struct loader *l, cmark_node *doc, struct pos at)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(n);
		struct pos here = at;
		if (cmark_node_get_start_line(n) > 0) {
			here.line = at.line + cmark_node_get_start_line(n) - 1;
			here.col = at.col - 1 + cmark_node_get_start_column(n);  /* the text may start mid-line */
		}
		if (type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE) {
			if (!l->raw_html)
				diag_warn(l->d, here, "raw HTML in Markdown is left out of the page; write it in Markdown, or set markdown: {raw_html: true} in site.yaml");
		} else if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
			const char *url = cmark_node_get_url(n);
			if (url == NULL)
				url = "";
			const char *colon = strchr(url, ':');
			const char *slash = strchr(url, '/');
			bool has_scheme = colon && (slash == NULL || colon < slash);
			if (has_scheme && !text_starts_with(url, "https:") && !text_starts_with(url, "http:") &&
			    !text_starts_with(url, "mailto:")) {
				diag_error(l->d, here, "link to '%s': only https:, http: and mailto: links are allowed", url);
			} else if (url[0] == '/' && url[1] != '/' && l->notes) {
				model_add_link(l->notes, url, here);
			}
			/* A page served over https may not load a resource over http. */
			if (type == CMARK_NODE_IMAGE && text_starts_with(url, "http:"))
				diag_error(l->d, here, "image '%s' is loaded over http://; use https:// or a file under static/", url);
			if (type == CMARK_NODE_IMAGE && cmark_node_first_child(n) == NULL)
				diag_error(l->d, here, "image '%s' has no alternative text; write it between the brackets: ![what it shows](%s)", url, url);
		}
	}
	cmark_iter_free(it);
}

/* Parses src into m; with arena not NULL, into an arena (*arena, which
 * the caller frees) when the thread has none in use. */
static bool parse_markdown(struct loader *l, struct md *m, const char *src, struct pos at, struct md_arena **arena)
{
	m->src = xstrdup(src);
	m->at = at;
	m->raw_html = l->raw_html;
	/* No CMARK_OPT_VALIDATE_UTF8: every text was checked while read
	 * (load_clean_text, libyaml); cmark need not walk it again. */
	if (arena)
		m->doc = md_parse_in_arena(m->src, strlen(m->src), CMARK_OPT_SMART, arena);
	else
		m->doc = cmark_parse_document(m->src, strlen(m->src), CMARK_OPT_SMART);
	cmark_node *deep = md_too_deep(m->doc, MD_MAX_DEPTH);
	if (deep != NULL) {
		/* Refused before anything walks it: the renderers recurse. */
		struct pos here = at;
		if (cmark_node_get_start_line(deep) > 0)
			here.line = at.line + cmark_node_get_start_line(deep) - 1;
		diag_error(l->d, here, "Markdown nested more than %d levels deep; flatten the lists, quotes or emphasis",
		           MD_MAX_DEPTH);
		/* Emptied rather than replaced: the tree may be in an arena. */
		for (cmark_node *c; (c = cmark_node_first_child(m->doc)) != NULL;)
			cmark_node_free(c);     /* unlinks it too */
		return false;
	}
	check_markdown(l, m->doc, at);
	if (!l->raw_html)
		md_strip_html(m->doc);
	return true;
}

static bool read_object(struct loader *l, const struct schema *s, void *obj, const struct ynode *map);

static bool read_scalar(struct loader *l, const struct field *f, void *slot, const struct ynode *node)
{
	const char *key = f->key;
	if (node->kind != YNODE_SCALAR) {
		diag_error(l->d, node->at, "'%s' must be a single value, not %s", key, ytree_kind_name(node->kind));
		return false;
	}
	const char *v = node->text;
	switch (f->kind) {
	case SK_INT: {
		char *end;
		errno = 0;
		long n = strtol(v, &end, 10);
		if (!node->plain || *v == '\0' || *end != '\0' || errno) {
			diag_error(l->d, node->at, "'%s' must be a whole number, not '%s'", key, v);
			return false;
		}
		if (n < f->min || n > f->max) {
			diag_error(l->d, node->at, "'%s' must be from %ld to %ld, not %ld", key, f->min, f->max, n);
			return false;
		}
		*(long *)slot = n;
		return true;
	}
	case SK_BOOL:
		if (node->plain && strcmp(v, "true") == 0)
			*(bool *)slot = true;
		else if (node->plain && strcmp(v, "false") == 0)
			*(bool *)slot = false;
		else {
			diag_error(l->d, node->at, "'%s' must be true or false, not '%s'", key, v);
			return false;
		}
		return true;
	case SK_MARKDOWN:
		if (*v == '\0' && (f->flags & SF_REQUIRED)) {
			diag_error(l->d, node->at, "'%s' is empty; write its text", key);
			return false;
		}
		return parse_markdown(l, slot, v, node->at, NULL);
	default:
		break;
	}

	char *text = text_squeeze_space(xstrdup(v));
	struct str *out = slot;
	out->v = text;
	out->at = node->at;
	if (*text == '\0') {
		if (f->flags & SF_REQUIRED) {
			diag_error(l->d, node->at, "'%s' is empty; write a value", key);
			return false;
		}
		return true;
	}
	if (f->kind != SK_LINE && strchr(v, '\n') != NULL) {
		diag_error(l->d, node->at, "'%s' must be on one line", key);
		return false;
	}
	switch (f->kind) {
	case SK_SLUG:
		if (!text_is_slug(text)) {
			diag_error(l->d, node->at, "'%s' must use only a-z, 0-9 and '-', not '%s'", key, text);
			return false;
		}
		return true;
	case SK_DATE:
		if (!check_date(text)) {
			diag_error(l->d, node->at, "'%s' must be a date written YYYY-MM-DD, not '%s'", key, text);
			return false;
		}
		return true;
	case SK_URL:
		return check_url(l, f, text, node->at, key);
	case SK_LINK:
		if (text[0] == '/')
			return check_site_path(l, text, node->at, key);
		return check_url(l, f, text, node->at, key);
	case SK_PATH:
		return check_static_path(l, text, node->at, key);
	case SK_ENUM: {
		size_t n = 0;
		for (; f->choices && f->choices[n]; n++)
			if (strcmp(f->choices[n], text) == 0)
				return true;
		const char *near = diag_suggest(text, f->choices, n);
		struct buf all = BUF_INIT;
		for (size_t i = 0; i < n; i++)
			buf_printf(&all, "%s%s", i ? ", " : "", f->choices[i]);
		if (near)
			diag_error(l->d, node->at, "'%s' is '%s'; did you mean '%s'? (one of: %s)", key, text, near, all.data);
		else
			diag_error(l->d, node->at, "'%s' must be one of: %s; not '%s'", key, all.data, text);
		buf_free(&all);
		return false;
	}
	default:
		return true;
	}
}

static bool read_list(struct loader *l, const struct field *f, struct list *out, const struct ynode *node)
{
	if (node->kind != YNODE_SEQ) {
		diag_error(l->d, node->at, "'%s' must be a list (lines starting with '- '), not %s", f->key,
		           ytree_kind_name(node->kind));
		return false;
	}
	if ((long)node->n < f->min || (f->max > 0 && (long)node->n > f->max)) {
		if (f->max > 0)
			diag_error(l->d, node->at, "'%s' must have from %ld to %ld entries, not %zu", f->key, f->min, f->max, node->n);
		else
			diag_error(l->d, node->at, "'%s' must have at least %ld entries", f->key, f->min);
		return false;
	}
	bool ok = true;
	if (f->kind == SK_LINES) {
		struct str *items = xcalloc(node->n, sizeof *items);
		out->items = items;
		out->len = node->n;
		struct field line = {f->key, f->item, SF_REQUIRED, 0, NULL, 0, 0, NULL, SK_LINE};
		for (size_t i = 0; i < node->n; i++)
			ok &= read_scalar(l, &line, &items[i], node->items[i]);
		return ok;
	}
	out->items = xcalloc(node->n, f->sub->size);
	out->len = node->n;
	for (size_t i = 0; i < node->n; i++)
		ok &= read_object(l, f->sub, schema_list_at(f->sub, out, i), node->items[i]);
	return ok;
}

static bool read_field(struct loader *l, const struct field *f, void *slot, const struct ynode *node)
{
	switch (f->kind) {
	case SK_OBJECT: {
		void *child = xcalloc(1, f->sub->size);
		*(void **)slot = child;
		return read_object(l, f->sub, child, node);
	}
	case SK_LIST:
	case SK_LINES:
		return read_list(l, f, slot, node);
	default:
		return read_scalar(l, f, slot, node);
	}
}

static void unknown_key(struct loader *l, const struct schema *s, const struct ynode *key)
{
	const char *keys[64];
	size_t n = 0;
	struct buf all = BUF_INIT;
	for (const struct field *f = s->fields; f->key && n < 64; f++) {
		if (f->flags & SF_DERIVED)
			continue;
		keys[n++] = f->key;
		buf_printf(&all, "%s%s", all.len ? ", " : "", f->key);
	}
	const char *near = diag_suggest(key->text, keys, n);
	if (near)
		diag_error(l->d, key->at, "unknown key '%s' in %s; did you mean '%s'?", key->text, s->name, near);
	else
		diag_error(l->d, key->at, "unknown key '%s' in %s; the keys are: %s", key->text, s->name, all.data);
	buf_free(&all);
}

static bool read_object(struct loader *l, const struct schema *s, void *obj, const struct ynode *map)
{
	memcpy((char *)obj + s->pos_offset, &map->at, sizeof map->at);
	if (map->kind != YNODE_MAP) {
		diag_error(l->d, map->at, "%s must be a mapping of 'key: value' lines, not %s", s->name,
		           ytree_kind_name(map->kind));
		return false;
	}
	bool ok = true;
	for (size_t i = 0; i < map->n; i++) {
		const struct field *f = schema_field(s, map->pairs[i].key->text);
		if (f == NULL || (f->flags & SF_DERIVED)) {
			unknown_key(l, s, map->pairs[i].key);
			ok = false;
			continue;
		}
		ok &= read_field(l, f, (char *)obj + f->offset, map->pairs[i].value);
	}
	for (const struct field *f = s->fields; f->key; f++) {
		if (!(f->flags & SF_REQUIRED) || (f->flags & SF_DERIVED) || ytree_get(map, f->key))
			continue;
		diag_error(l->d, map->at, "%s is missing '%s'; add it", s->name, f->key);
		ok = false;
	}
	return ok;
}

/* ---- documents ------------------------------------------------------ */

/* The fingerprint of a file's bytes that struct md keeps. */
static uint64_t file_hash(const char *bytes, size_t len)
{
	struct hash h = hash_bytes(bytes, len);
	return h.a ^ h.b;
}

/* Reads a file into clean text; shown is interned for positions; *hash
 * (when not NULL) gets the file_hash() of its bytes. */
static char *read_text(struct loader *l, const char *rel, const char **shown_out, uint64_t *hash)
{
	char *path = source_path(l, rel);
	const char *shown = model_intern_path(l->notes, path);
	*shown_out = shown;
	char *text = NULL;
	size_t len = 0;
	int fd = open_inside_content(l, path, shown);
	if (fd != NOT_INSIDE)
		text = textfile_read_fd(fd, shown, LOAD_MAX_FILE_SIZE, &len, l->d);
	if (text) {
		struct hash h = hash_bytes(text, len);
		model_note_read(l->notes, shown, h);
		if (hash)
			*hash = h.a ^ h.b;
	}
	free(path);
	if (text && !textfile_clean(text, &len, shown, l->d)) {
		free(text);
		return NULL;
	}
	return text;
}

/* Search engines show about 50 to 160 characters of a description. */
static void check_description(struct loader *l, const struct str *s, const char *key)
{
	if (s->v == NULL)
		return;
	size_t n = text_char_count(s->v);
	if (n < 50 || n > 160)
		diag_warn(l->d, s->at, "'%s' has %zu characters; search results show about 50 to 160", key, n);
}

static void set_derived(struct str *s, char *value, struct pos at)
{
	free(s->v);
	s->v = value;
	s->at = at;
}

static void report_empty_body(struct diag *d, struct pos at)
{
	diag_error(d, at, "the text after the front matter is empty; write it in Markdown");
}

/* Reads the clean text of a front-matter document into obj and body.  A
 * body left on disk (struct md) is only hashed here: it is parsed and
 * checked when it is read back for its page (load_body_open). */
static bool read_page_text(struct loader *l, const char *text, const char *shown, const struct schema *s,
                           void *obj, struct md *body, bool on_disk, uint64_t hash)
{
	const char *yaml, *rest;
	size_t yaml_len;
	int body_line;
	if (!load_split_front_matter(text, shown, &yaml, &yaml_len, &rest, &body_line, l->d))
		return false;
	struct ynode *root = ytree_parse(yaml, yaml_len, shown, 2, l->d);
	if (root == NULL)
		return false;
	bool ok = read_object(l, s, obj, root);
	ytree_free(root);
	struct pos body_at = {shown, body_line, 1};
	if (on_disk) {
		*body = (struct md){NULL, NULL, body_at, true, l->raw_html, hash};
		if (rest[strspn(rest, " \t\n")] == '\0') {
			report_empty_body(l->d, body_at);
			ok = false;
		}
	} else if (!parse_markdown(l, body, rest, body_at, NULL)) {
		ok = false;
	} else if (cmark_node_first_child(body->doc) == NULL) {
		report_empty_body(l->d, body_at);
		ok = false;
	}
	return ok;
}

/* Parses a body read back and, with check, checks it as the loader checks
 * every text kept in memory. */
static bool parse_body(struct md *m, const char *src, const struct load_check *check, struct diag *d,
                       struct md_arena **arena)
{
	struct diag quiet;
	diag_init(&quiet, NULL);
	struct loader l = {.d = check ? d : &quiet, .notes = check ? check->notes : NULL, .raw_html = m->raw_html};
	size_t errors_before = l.d->errors;
	bool ok = parse_markdown(&l, m, src, m->at, arena);
	if (ok && cmark_node_first_child(m->doc) == NULL) {
		report_empty_body(l.d, m->at);
		ok = false;
	}
	if (ok && check && check->fonts)
		ok = glyphs_check_markdown(m, check->fonts, d);
	ok = ok && l.d->errors == errors_before;
	diag_free(&quiet);
	return ok;
}

bool load_body_open(const struct md *m, struct load_body *b, const struct load_check *check, struct diag *d)
{
	b->md = *m;
	b->owned = false;
	b->arena = NULL;
	if (!m->on_disk)
		return true;
	const char *file = m->at.file;
	size_t len = 0;
	char *text = textfile_read(file, file, LOAD_MAX_FILE_SIZE, &len, d);
	const char *yaml, *rest = NULL;
	size_t yaml_len;
	int body_line = 0;
	struct diag quiet;
	diag_init(&quiet, NULL);
	/* The whole file must be the one loaded: its front matter is in the
	 * model beside this body. */
	bool same = text && file_hash(text, len) == m->hash && textfile_clean(text, &len, file, &quiet) &&
	            load_split_front_matter(text, file, &yaml, &yaml_len, &rest, &body_line, &quiet) &&
	            body_line == m->at.line;
	diag_free(&quiet);
	bool ok = same;
	if (same) {
		b->md.on_disk = false;
		b->owned = true;
		/* The tree lives only until the page is made: in an arena. */
		ok = parse_body(&b->md, rest, check, d, &b->arena);
	} else if (text) {
		diag_error(d, m->at, "the file changed while Folio was building; build again");
	}
	free(text);
	return ok;
}

void load_body_close(struct load_body *b)
{
	if (b->owned) {
		free(b->md.src);
		if (b->arena)
			md_arena_free(b->arena);
		else
			cmark_node_free(b->md.doc);
	}
	b->md.src = NULL;
	b->md.doc = NULL;
	b->arena = NULL;
	b->owned = false;
}

/* Reads a front-matter document (pattern or FAQ entry) into obj. */
static bool read_page_file(struct loader *l, const char *rel, const struct schema *s, void *obj,
                           struct md *body, bool on_disk)
{
	const char *shown;
	uint64_t hash = 0;
	char *text = read_text(l, rel, &shown, &hash);
	struct pos file_at = {shown, 1, 1};
	memcpy((char *)obj + s->pos_offset, &file_at, sizeof file_at);
	bool ok = text != NULL && read_page_text(l, text, shown, s, obj, body, on_disk, hash);
	free(text);
	return ok;
}

static const struct system *find_system(const struct pattern *p, const char *id)
{
	const struct system *systems = p->systems.items;
	for (size_t i = 0; i < p->systems.len; i++)
		if (systems[i].id.v && strcmp(systems[i].id.v, id) == 0)
			return &systems[i];
	return NULL;
}

static const struct system *resolve_system(struct loader *l, const struct pattern *p, const struct str *ref,
                                           const char *key)
{
	if (ref->v == NULL)
		return NULL;
	const struct system *sys = find_system(p, ref->v);
	if (sys)
		return sys;
	const char *ids[12];
	struct buf all = BUF_INIT;
	const struct system *systems = p->systems.items;
	size_t n = 0;
	for (size_t i = 0; i < p->systems.len && n < 12; i++)
		if (systems[i].id.v) {
			ids[n++] = systems[i].id.v;
			buf_printf(&all, "%s%s", all.len ? ", " : "", systems[i].id.v);
		}
	const char *near = diag_suggest(ref->v, ids, n);
	diag_error(l->d, ref->at, "flow '%s' names system '%s', which this pattern does not list%s%s%s (systems: %s)",
	           key, ref->v, near ? "; did you mean '" : "; add it under systems", near ? near : "",
	           near ? "'?" : "", all.len ? all.data : "none");
	buf_free(&all);
	return NULL;
}

/* The schema of parent's field key: of its entries for a list, of the
 * object itself for a mapping. */
static const struct schema *item_schema(const struct schema *parent, const char *key)
{
	return schema_field(parent, key)->sub;
}

/* Reports ids (a struct str at id_offset in each element) used twice. */
static bool check_unique_ids(struct loader *l, const struct list *list, const struct schema *s, size_t id_offset,
                             const char *what)
{
	bool ok = true;
	for (size_t i = 0; i < list->len; i++) {
		const struct str *a = (const struct str *)((const char *)schema_list_at(s, list, i) + id_offset);
		for (size_t j = 0; j < i && a->v; j++) {
			const struct str *b = (const struct str *)((const char *)schema_list_at(s, list, j) + id_offset);
			if (b->v && strcmp(a->v, b->v) == 0) {
				diag_error(l->d, a->at, "%s id '%s' is used twice (also at line %d); give each its own id", what,
				           a->v, b->at.line);
				ok = false;
				break;
			}
		}
	}
	return ok;
}

static bool link_mapping(struct loader *l, struct pattern *p)
{
	bool ok = true;
	struct mapping_row *rows = p->mapping.items;
	for (size_t i = 0; i < p->mapping.len; i++) {
		struct mapping_row *m = &rows[i];
		m->source_ref = resolve_system(l, p, &m->source_system, "source_system");
		m->target_ref = resolve_system(l, p, &m->target_system, "target_system");
		m->owner_ref = resolve_system(l, p, &m->owner, "owner");
		ok &= (m->source_system.v == NULL || m->source_ref) && (m->target_system.v == NULL || m->target_ref) &&
		      (m->owner.v == NULL || m->owner_ref);
	}
	return ok;
}

static bool link_pattern(struct loader *l, struct pattern *p)
{
	bool ok = check_unique_ids(l, &p->systems, item_schema(&model_pattern_schema, "systems"),
	                           offsetof(struct system, id), "system");
	ok &= link_mapping(l, p);
	set_derived(&p->label, xstrdup(p->short_title.v ? p->short_title.v : p->title.v ? p->title.v : ""), p->at);
	struct flow *flows = p->flows.items;
	for (size_t i = 0; i < p->flows.len; i++) {
		struct flow *f = &flows[i];
		f->from_system = resolve_system(l, p, &f->from, "from");
		f->to_system = resolve_system(l, p, &f->to, "to");
		f->owner_system = resolve_system(l, p, &f->owner, "owner");
		ok &= f->from.v == NULL || f->from_system != NULL;
		ok &= f->to.v == NULL || f->to_system != NULL;
		ok &= f->owner.v == NULL || f->owner_system != NULL;
		if (f->from_system && f->from_system == f->to_system) {
			diag_error(l->d, f->to.at, "flow goes from '%s' to itself; name two different systems", f->from.v);
			ok = false;
		}
		for (size_t k = 0; f->how.v && model_flow_modes[k]; k++)
			if (strcmp(model_flow_modes[k], f->how.v) == 0)
				set_derived(&f->how_label, xstrdup(model_flow_mode_labels[k]), f->how.at);
	}
	if (p->effort && p->effort->min > p->effort->max) {
		diag_error(l->d, p->effort->at, "effort min (%ld) is larger than max (%ld); swap them",
		           p->effort->min, p->effort->max);
		ok = false;
	}
	return ok;
}

/* The names in dir (relative to the source) that end in suffix, sorted;
 * NULL when the folder does not exist. */
static char **list_dir(struct loader *l, const char *rel, bool want_dirs, size_t *count)
{
	char *path = source_path(l, rel);
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

static void free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* Checks a file or folder name used as a slug; reports at the file. */
static bool check_slug_name(struct loader *l, const char *name, const char *rel)
{
	if (text_is_slug(name))
		return true;
	char *shown = source_path(l, rel);
	struct pos at = {model_intern_path(l->notes, shown), 1, 1};
	free(shown);
	diag_error(l->d, at, "name '%s' is not a valid slug; rename it using only a-z, 0-9 and '-'", name);
	return false;
}

typedef bool (*entry_reader)(struct loader *l, struct resource *r, const char *rel, const char *slug, void *obj);

static bool read_pattern(struct loader *l, struct resource *r, const char *rel, const char *slug, void *obj)
{
	struct pattern *p = obj;
	/* With the fonts at hand, every check of a body can wait for its
	 * page: the body is left on disk. */
	bool ok = read_page_file(l, rel, &model_pattern_schema, p, &p->body, l->opt->fonts != NULL);
	set_derived(&p->slug, xstrdup(slug), p->at);
	set_derived(&p->url, xasprintf("%spatterns/%s/", r->url.v, slug), p->at);
	check_description(l, &p->summary, "summary");
	return link_pattern(l, p) && ok;
}

static bool read_faq(struct loader *l, struct resource *r, const char *rel, const char *slug, void *obj)
{
	(void)r;
	struct faq *q = obj;
	bool ok = read_page_file(l, rel, &model_faq_schema, q, &q->answer, false);
	set_derived(&q->slug, xstrdup(slug), q->at);
	set_derived(&q->anchor, xasprintf("faq-%s", slug), q->at);
	return ok;
}

/* Forgets the site links that content in file made (with folder, in any
 * file of file's folder): a draft's pages are not built, so its links are
 * not checked. */
static void forget_links(struct site *site, const char *file, bool folder)
{
	const char *slash = strrchr(file, '/');
	bool in_folder = folder && slash;
	size_t n = in_folder ? (size_t)(slash - file) + 1 : 0;
	size_t kept = 0;
	for (size_t i = 0; i < site->nlinks; i++) {
		const char *from = site->links[i].at.file;
		if (from && (in_folder ? strncmp(from, file, n) == 0 : strcmp(from, file) == 0)) {
			free(site->links[i].path);
			continue;
		}
		site->links[kept++] = site->links[i];
	}
	site->nlinks = kept;
}

/* Sorts a list of pattern or faq structs by weight, then slug; drops drafts. */
static void order_entries(struct loader *l, struct list *list, const struct schema *s, size_t weight_off,
                          size_t draft_off, size_t slug_off)
{
	char *items = list->items;
	size_t size = s->size, kept = 0;
	char *tmp = xmalloc(size);
	for (size_t i = 0; i < list->len; i++) {
		char *e = items + i * size;
		if (*(bool *)(e + draft_off) && !l->opt->drafts) {
			/* A draft resource takes its patterns and questions with it. */
			if (schema_pos(s, e).file)
				forget_links(l->notes, schema_pos(s, e).file, s == &model_resource_schema);
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

static bool read_entries(struct loader *l, struct resource *r, const char *sub, const struct schema *s,
                         entry_reader reader, struct list *out)
{
	char *dir = xasprintf("content/resources/%s/%s", r->slug.v, sub);
	size_t n;
	char **names = list_dir(l, dir, false, &n);
	bool ok = true;
	out->items = xcalloc(n ? n : 1, s->size);
	out->len = n;
	for (size_t i = 0; i < n; i++) {
		char *rel = xasprintf("%s/%s", dir, names[i]);
		char *slug = xstrndup(names[i], strlen(names[i]) - 3);
		ok &= check_slug_name(l, slug, rel);
		ok &= reader(l, r, rel, slug, schema_list_at(s, out, i));
		free(slug);
		free(rel);
	}
	free_names(names, n);
	free(dir);
	return ok;
}

/* Sorts the questions into the quick answers and the rest (both borrow from
 * items, in its order); a quick answer must stand alone at a quotable length. */
static bool split_quick_answers(struct loader *l, struct faq_section *faq)
{
	size_t n = faq->items.len;
	faq->quick.items = xcalloc(n ? n : 1, sizeof(void *));
	faq->more.items = xcalloc(n ? n : 1, sizeof(void *));
	bool ok = true;
	for (size_t i = 0; i < n; i++) {
		struct faq *q = schema_list_at(&model_faq_schema, &faq->items, i);
		struct list *into = q->quick ? &faq->quick : &faq->more;
		((const void **)into->items)[into->len++] = q;
		if (!q->quick)
			continue;
		char *plain = md_plain_text(q->answer.doc);
		size_t words = text_word_count(plain);
		free(plain);
		if (words < FAQ_QUICK_MIN_WORDS || words > FAQ_QUICK_MAX_WORDS) {
			diag_error(l->d, q->answer.at,
			           "a quick answer has %d to %d words, this one %zu; %s it or drop 'quick: true'",
			           FAQ_QUICK_MIN_WORDS, FAQ_QUICK_MAX_WORDS, words,
			           words < FAQ_QUICK_MIN_WORDS ? "complete" : "shorten");
			ok = false;
		}
	}
	return ok;
}

static bool link_actions(struct loader *l, struct resource *r)
{
	const struct str *ids = r->cta.items;
	const struct call_to_action *ctas = l->site->calls_to_action.items;
	size_t nctas = l->site->calls_to_action.len;
	bool ok = true;
	r->actions.items = xcalloc(r->cta.len ? r->cta.len : 1, sizeof(void *));
	for (size_t i = 0; i < r->cta.len; i++) {
		if (ids[i].v == NULL)
			continue;       /* not a single value: already reported */
		const struct call_to_action *found = NULL;
		const char *names[64];
		size_t nn = 0;
		for (size_t k = 0; k < nctas; k++) {
			if (ctas[k].id.v && strcmp(ctas[k].id.v, ids[i].v) == 0)
				found = &ctas[k];
			if (ctas[k].id.v && nn < 64)
				names[nn++] = ctas[k].id.v;
		}
		if (found == NULL) {
			const char *near = diag_suggest(ids[i].v, names, nn);
			diag_error(l->d, ids[i].at, "call to action '%s' is not defined in site.yaml%s%s%s", ids[i].v,
			           near ? "; did you mean '" : "; add it under calls_to_action", near ? near : "",
			           near ? "'?" : "");
			ok = false;
			continue;
		}
		((const void **)r->actions.items)[r->actions.len++] = found;
	}
	return ok;
}

static bool check_playbook_file(struct loader *l, const struct playbook *pb)
{
	const char *f = pb->file.v;
	if (f == NULL)
		return true;
	size_t n = strlen(f);
	char *stem = n > 4 ? xstrndup(f, n - 4) : xstrdup("");
	bool ok = text_ends_with(f, ".pdf") && text_is_slug(stem);
	free(stem);
	if (!ok)
		diag_error(l->d, pb->file.at, "playbook file '%s' must be a name like my-playbook.pdf (a-z, 0-9, '-', ending in .pdf)", f);
	return ok;
}

/* Index of the criterion called id in m, or m->criteria.len. */
static size_t criterion_index(const struct decision_matrix *m, const char *id)
{
	const struct criterion *criteria = m->criteria.items;
	size_t c = 0;
	while (c < m->criteria.len && !(criteria[c].id.v && id && strcmp(criteria[c].id.v, id) == 0))
		c++;
	return c;
}

/* Puts a pattern's ratings in the order of the matrix's criteria, checking
 * that it rates every criterion once. */
static bool order_ratings(struct loader *l, const struct decision_matrix *m, struct pattern *p)
{
	bool ok = true;
	struct rating *given = p->ratings.items;
	struct rating *ordered = xcalloc(m->criteria.len ? m->criteria.len : 1, sizeof *ordered);
	for (size_t k = 0; k < p->ratings.len; k++) {
		size_t c = criterion_index(m, given[k].criterion.v);
		if (c == m->criteria.len || ordered[c].ref) {
			diag_error(l->d, given[k].criterion.at, c == m->criteria.len
			           ? "rating for '%s', which is not a criterion of the decision matrix in resource.yaml"
			           : "criterion '%s' is rated twice; keep one", given[k].criterion.v);
			free(given[k].criterion.v);
			free(given[k].value.v);
			ok = false;
			continue;
		}
		ordered[c] = given[k];
		ordered[c].ref = (const struct criterion *)m->criteria.items + c;
	}
	size_t kept = 0;
	for (size_t c = 0; c < m->criteria.len; c++) {
		if (ordered[c].ref) {
			ordered[kept++] = ordered[c];
			continue;
		}
		diag_error(l->d, p->at, "pattern does not rate criterion '%s' of the decision matrix; add it under ratings",
		           ((const struct criterion *)m->criteria.items)[c].id.v);
		ok = false;
	}
	free(p->ratings.items);
	p->ratings.items = ordered;
	p->ratings.len = kept;
	return ok;
}

static bool link_ratings(struct loader *l, struct resource *r)
{
	bool ok = true;
	const struct list *patterns = &r->patterns->items;
	for (size_t i = 0; i < patterns->len; i++) {
		struct pattern *p = schema_list_at(&model_pattern_schema, patterns, i);
		if (r->matrix) {
			ok &= order_ratings(l, r->matrix, p);
		} else if (p->ratings.len) {
			diag_error(l->d, ((struct rating *)p->ratings.items)[0].at,
			           "ratings need a decision matrix: add 'matrix' with its criteria to resource.yaml");
			ok = false;
		}
	}
	return ok;
}

static const void *find_by_id(const struct list *list, const struct schema *s, size_t id_offset, const char *id)
{
	for (size_t i = 0; i < list->len; i++) {
		const char *e = schema_list_at(s, list, i);
		const struct str *v = (const struct str *)(e + id_offset);
		if (v->v && id && strcmp(v->v, id) == 0)
			return e;
	}
	return NULL;
}

static bool link_connectors(struct loader *l, struct resource *r)
{
	struct connectors *c = r->connectors;
	if (c == NULL)
		return true;
	const struct schema *matrix = item_schema(&model_resource_schema, "connectors");
	const struct schema *vendor_s = item_schema(matrix, "vendors");
	const struct schema *area_s = item_schema(matrix, "areas");
	const struct schema *row_s = item_schema(matrix, "rows");
	bool ok = check_unique_ids(l, &c->vendors, vendor_s, offsetof(struct vendor, id), "vendor");
	ok &= check_unique_ids(l, &c->areas, area_s, offsetof(struct area, id), "area");
	struct area *areas = c->areas.items;
	for (size_t a = 0; a < c->areas.len; a++) {
		if (areas[a].pattern.v == NULL)
			continue;
		areas[a].pattern_ref = find_by_id(&r->patterns->items, &model_pattern_schema, offsetof(struct pattern, slug),
		                                  areas[a].pattern.v);
		if (areas[a].pattern_ref == NULL) {
			diag_error(l->d, areas[a].pattern.at, "area names pattern '%s', which is not in patterns/", areas[a].pattern.v);
			ok = false;
		}
	}
	/* one row per area, its cells in vendor order */
	c->rows.items = xcalloc(c->areas.len ? c->areas.len : 1, sizeof(struct connector_row));
	c->rows.len = c->areas.len;
	struct connector_cell *cells = c->cells.items;
	for (size_t a = 0; a < c->areas.len; a++) {
		struct connector_row *row = schema_list_at(row_s, &c->rows, a);
		row->at = areas[a].at;
		row->area = &areas[a];
		row->cells.items = xcalloc(c->vendors.len ? c->vendors.len : 1, sizeof(void *));
		row->cells.len = c->vendors.len;
	}
	for (size_t i = 0; i < c->cells.len; i++) {
		struct connector_cell *cell = &cells[i];
		const struct vendor *v = find_by_id(&c->vendors, vendor_s, offsetof(struct vendor, id), cell->vendor.v);
		const struct area *ar = find_by_id(&c->areas, area_s, offsetof(struct area, id), cell->area.v);
		cell->vendor_ref = v;
		if (cell->vendor.v && v == NULL) {
			diag_error(l->d, cell->vendor.at, "cell names vendor '%s', which is not listed under vendors", cell->vendor.v);
			ok = false;
		}
		if (cell->area.v && ar == NULL) {
			diag_error(l->d, cell->area.at, "cell names area '%s', which is not listed under areas", cell->area.v);
			ok = false;
		}
		for (size_t k = 0; cell->level.v && model_connector_levels[k]; k++)
			if (strcmp(model_connector_levels[k], cell->level.v) == 0)
				set_derived(&cell->level_label, xstrdup(model_connector_level_labels[k]), cell->level.at);
		if (cell->level.v && strcmp(cell->level.v, "undocumented") != 0 && cell->sources.len == 0) {
			diag_error(l->d, cell->at, "cell at level '%s' needs at least one source URL under sources; without one, use level: undocumented",
			           cell->level.v);
			ok = false;
		}
		if (v == NULL || ar == NULL)
			continue;
		struct connector_row *row = schema_list_at(row_s, &c->rows, (size_t)(ar - areas));
		const void **slot = (const void **)row->cells.items + (v - (const struct vendor *)c->vendors.items);
		if (*slot) {
			diag_error(l->d, cell->at, "a second cell for vendor '%s' and area '%s'; keep one", cell->vendor.v, cell->area.v);
			ok = false;
		}
		*slot = cell;
	}
	for (size_t a = 0; a < c->rows.len; a++) {
		struct connector_row *row = schema_list_at(row_s, &c->rows, a);
		const struct vendor *vendors = c->vendors.items;
		for (size_t v = 0; v < row->cells.len; v++)
			if (((const void **)row->cells.items)[v] == NULL && ok) {
				diag_error(l->d, c->at, "no cell for vendor '%s' and area '%s'; every vendor needs a cell in every area (level: undocumented when no source says)",
				           vendors[v].id.v, areas[a].id.v);
				ok = false;
			}
	}
	return ok;
}

static bool link_estimator(struct loader *l, struct resource *r)
{
	struct estimator *e = r->estimator;
	if (e == NULL)
		return true;
	const struct schema *est = item_schema(&model_resource_schema, "estimator");
	/* Both lists are checked, so that every duplicate is reported. */
	bool ok = check_unique_ids(l, &e->volumes, item_schema(est, "volumes"), offsetof(struct estimator_factor, id),
	                           "volume");
	ok &= check_unique_ids(l, &e->experience, item_schema(est, "experience"), offsetof(struct estimator_factor, id),
	                       "experience");
	return ok;
}

/* Reads the clean text of a resource.yaml (NULL: it could not be read)
 * into r, then the resource's patterns and questions from their folders. */
static bool read_resource_text(struct loader *l, const char *text, const char *shown, struct resource *r)
{
	bool ok = false;
	struct ynode *root = text ? ytree_parse(text, strlen(text), shown, 1, l->d) : NULL;
	if (root != NULL) {
		ok = read_object(l, &model_resource_schema, r, root);
		check_description(l, &r->description, "description");
		if (r->playbook) {
			ok &= check_playbook_file(l, r->playbook);
			if (r->playbook->file.v)
				set_derived(&r->playbook->url, xasprintf("%s%s", r->url.v, r->playbook->file.v),
				            r->playbook->at);
		}
		ok &= link_actions(l, r);
	}
	if (r->patterns == NULL)
		r->patterns = xcalloc(1, sizeof *r->patterns);
	if (r->faq == NULL)
		r->faq = xcalloc(1, sizeof *r->faq);
	ok &= read_entries(l, r, "patterns", &model_pattern_schema, read_pattern, &r->patterns->items);
	ok &= read_entries(l, r, "faq", &model_faq_schema, read_faq, &r->faq->items);
	order_entries(l, &r->patterns->items, &model_pattern_schema, offsetof(struct pattern, weight),
	              offsetof(struct pattern, draft), offsetof(struct pattern, slug));
	order_entries(l, &r->faq->items, &model_faq_schema, offsetof(struct faq, weight), offsetof(struct faq, draft),
	              offsetof(struct faq, slug));
	ok &= split_quick_answers(l, r->faq);
	ok &= link_ratings(l, r);
	ok &= link_connectors(l, r);
	ok &= link_estimator(l, r);
	ytree_free(root);
	return ok;
}

static void start_resource(struct resource *r, const char *slug, const char *shown)
{
	struct pos at = {shown, 1, 1};
	r->at = at;
	set_derived(&r->slug, xstrdup(slug), at);
	set_derived(&r->url, xasprintf("/resources/%s/", slug), at);
}

static bool read_resource(struct loader *l, const char *slug, struct resource *r)
{
	char *rel = xasprintf("content/resources/%s/resource.yaml", slug);
	const char *shown;
	char *text = read_text(l, rel, &shown, NULL);
	start_resource(r, slug, shown);
	bool ok = read_resource_text(l, text, shown, r);
	free(text);
	free(rel);
	return ok;
}

/* One resource read by a thread of its own, with a loader of its own:
 * messages, interned paths and links are kept apart and merged after, in
 * folder order, so any number of threads gives the same site and report. */
struct resource_task {
	struct loader l;
	struct diag d;
	struct site part;       /* only paths and links */
	const char *name;
	struct resource *r;
	bool ok;
};

static void read_resource_task(void *ctx, int worker, size_t i)
{
	(void)worker;
	struct resource_task *t = &((struct resource_task *)ctx)[i];
	char *rel = xasprintf("content/resources/%s", t->name);
	t->ok = check_slug_name(&t->l, t->name, rel);
	t->ok &= read_resource(&t->l, t->name, t->r);
	/* A draft left out is not checked, as it is not built. */
	const struct fontset *fonts = t->l.opt->fonts;
	if (fonts && (t->l.opt->drafts || !t->r->draft))
		t->ok &= glyphs_check(&model_resource_schema, t->r, fonts, &t->d);
	free(rel);
}

static bool read_resources(struct loader *l)
{
	size_t n;
	char **names = list_dir(l, "content/resources", true, &n);
	struct list *out = &l->site->resources;
	out->items = xcalloc(n ? n : 1, sizeof(struct resource));
	out->len = n;
	struct resource_task *tasks = xcalloc(n ? n : 1, sizeof *tasks);
	size_t *order = xcalloc(n ? n : 1, sizeof *order);
	for (size_t i = 0; i < n; i++) {
		struct resource_task *t = &tasks[i];
		t->l = *l;
		t->l.d = &t->d;
		t->l.notes = &t->part;
		memset(t->l.folders, 0, sizeof t->l.folders);   /* its own: the site's are not copied */
		t->l.next_folder = 0;
		diag_init(&t->d, NULL);
		t->name = names[i];
		t->r = schema_list_at(&model_resource_schema, out, i);
		order[i] = i;
	}
	int threads = pool_threads(l->opt->jobs);
	pool_run(n, order, (size_t)threads > n ? (int)(n ? n : 1) : threads, read_resource_task, tasks);
	bool ok = true;
	for (size_t i = 0; i < n; i++) {
		struct resource_task *t = &tasks[i];
		diag_merge(l->d, &t->d);
		diag_free(&t->d);
		model_take_notes(l->site, &t->part);
		forget_folders(&t->l);
		ok &= t->ok;
	}
	free(order);
	free(tasks);
	free_names(names, n);
	order_entries(l, out, &model_resource_schema, offsetof(struct resource, weight),
	              offsetof(struct resource, draft), offsetof(struct resource, slug));
	return ok;
}

/* Whether site.yaml opts in to raw HTML.  Looked up before the site is
 * read, because site.yaml's own Markdown (the footer) may come first. */
static bool wants_raw_html(const struct ynode *root)
{
	const struct ynode *m = root && root->kind == YNODE_MAP ? ytree_get(root, "markdown") : NULL;
	const struct ynode *v = m && m->kind == YNODE_MAP ? ytree_get(m, "raw_html") : NULL;
	return v && v->kind == YNODE_SCALAR && strcmp(v->text, "true") == 0;
}

/* Reads the clean text of site.yaml (NULL: it could not be read). */
static bool read_site_text(struct loader *l, const char *text, const char *shown)
{
	struct pos at = {shown, 1, 1};
	l->site->at = at;
	if (text == NULL)
		return false;
	struct ynode *root = ytree_parse(text, strlen(text), shown, 1, l->d);
	l->raw_html = wants_raw_html(root);
	bool ok = root && read_object(l, &model_site_schema, l->site, root);
	check_description(l, &l->site->description, "description");
	ytree_free(root);
	if (l->opt->base_url) {
		struct field f = {"--base-url", SK_URL, 0, 0, NULL, 0, 0, NULL, SK_LINE};
		struct pos cli = {"--base-url", 0, 0};
		if (!check_url(l, &f, l->opt->base_url, cli, "--base-url"))
			return false;
		set_derived(&l->site->base_url, xstrdup(l->opt->base_url), cli);
	}
	struct publisher *pub = l->site->publisher;
	if (pub && pub->logo.v)
		set_derived(&pub->logo_url, xasprintf("/%s", pub->logo.v), pub->logo.at);
	struct str *base = &l->site->base_url;
	if (base->v && !text_ends_with(base->v, "/")) {
		char *with_slash = xasprintf("%s/", base->v);
		free(base->v);
		base->v = with_slash;
	}
	return ok;
}

static bool read_site_file(struct loader *l)
{
	const char *shown;
	char *text = read_text(l, "content/site.yaml", &shown, NULL);
	bool ok = read_site_text(l, text, shown);
	free(text);
	return ok;
}

/* The bodies left on disk are checked as their pages are made; when
 * loading failed there are no pages, so they are checked here, and the
 * author sees every mistake at once. */
static void check_bodies_on_disk(struct loader *l)
{
	const struct list *resources = &l->site->resources;
	struct load_check check = {l->opt->fonts, NULL};
	for (size_t i = 0; i < resources->len; i++) {
		const struct resource *r = schema_list_at(&model_resource_schema, resources, i);
		for (size_t k = 0; r->patterns && k < r->patterns->items.len; k++) {
			const struct pattern *p = schema_list_at(&model_pattern_schema, &r->patterns->items, k);
			struct load_body b;
			load_body_open(&p->body, &b, &check, l->d);
			load_body_close(&b);
		}
	}
}

/* A loader reading into a new site, which also takes its notes. */
static struct loader loader_start(const struct load_options *opt, struct diag *d)
{
	struct loader l = {.opt = opt, .d = d, .site = xcalloc(1, sizeof(struct site))};
	l.notes = l.site;
	return l;
}

/* The site read, or NULL (and it is freed) when errors were reported
 * since errors_before. */
static struct site *loader_finish(struct loader *l, size_t errors_before)
{
	free(l->content_dir);
	free(l->content_real);
	forget_folders(l);
	if (l->d->errors > errors_before) {
		model_free(l->site);
		return NULL;
	}
	return l->site;
}

struct site *load_site(const struct load_options *opt, struct diag *d)
{
	struct loader l = loader_start(opt, d);
	size_t errors_before = d->errors;
	char real[PATH_MAX];
	l.content_dir = source_path(&l, "content");
	if (realpath(l.content_dir, real) != NULL)
		l.content_real = xstrdup(real);
	read_site_file(&l);
	if (opt->fonts)
		glyphs_check(&model_site_schema, l.site, opt->fonts, d);   /* no resources yet: the site's own text */
	/* cppcheck does not see read_site_file() count errors through l.d. */
	// cppcheck-suppress knownConditionTrueFalse
	if (l.site->title.v != NULL || d->errors == errors_before)
		read_resources(&l);
	if (d->errors > errors_before)
		check_bodies_on_disk(&l);
	return loader_finish(&l, errors_before);
}

/* ---- one document from memory ---------------------------------------- */

/* Where load_text() pretends its source folder is: a relative name no
 * checkout has, so the checks that look for other files find none. */
#define MEMORY_SOURCE "(memory)"

static bool read_text_as(struct loader *l, enum load_kind kind, char *text, const char *shown)
{
	struct site *site = l->site;
	if (kind == LOAD_SITE_YAML)
		return read_site_text(l, text, shown);
	site->resources.items = xcalloc(1, sizeof(struct resource));
	site->resources.len = 1;
	struct resource *r = site->resources.items;
	if (kind == LOAD_RESOURCE_YAML) {
		start_resource(r, "r", shown);
		return read_resource_text(l, text, shown, r);
	}
	start_resource(r, "r", model_intern_path(site, MEMORY_SOURCE "/content/resources/r/resource.yaml"));
	r->patterns = xcalloc(1, sizeof *r->patterns);
	r->faq = xcalloc(1, sizeof *r->faq);
	bool pattern = kind == LOAD_PATTERN_MD;
	const struct schema *s = pattern ? &model_pattern_schema : &model_faq_schema;
	struct list *entries = pattern ? &r->patterns->items : &r->faq->items;
	entries->items = xcalloc(1, s->size);
	entries->len = 1;
	void *obj = entries->items;
	struct pos file_at = {shown, 1, 1};
	memcpy((char *)obj + s->pos_offset, &file_at, sizeof file_at);
	if (!pattern) {
		struct md *answer = &((struct faq *)obj)->answer;
		return read_page_text(l, text, shown, s, obj, answer, false, 0);
	}
	struct pattern *p = obj;
	bool ok = read_page_text(l, text, shown, s, p, &p->body, false, 0);
	set_derived(&p->slug, xstrdup("p"), p->at);
	set_derived(&p->url, xasprintf("%spatterns/p/", r->url.v), p->at);
	return link_pattern(l, p) && ok;
}

struct site *load_text(enum load_kind kind, const char *text, size_t len, struct diag *d)
{
	static const char *const names[] = {
		MEMORY_SOURCE "/content/site.yaml", MEMORY_SOURCE "/content/resources/r/resource.yaml",
		MEMORY_SOURCE "/content/resources/r/patterns/p.md", MEMORY_SOURCE "/content/resources/r/faq/q.md"};
	struct load_options opt = {MEMORY_SOURCE, false, NULL, NULL, 0};
	struct loader l = loader_start(&opt, d);
	size_t errors_before = d->errors;
	const char *shown = model_intern_path(l.site, names[kind]);
	char *copy = xmalloc(len + 1);
	memcpy(copy, text, len);
	copy[len] = '\0';
	if (len > LOAD_MAX_FILE_SIZE) {
		struct pos at = {shown, 1, 1};
		diag_error(d, at, "file is larger than %u MiB; split it into smaller files", LOAD_MAX_FILE_SIZE >> 20);
	} else if (textfile_clean(copy, &len, shown, d)) {
		read_text_as(&l, kind, copy, shown);
	}
	free(copy);
	return loader_finish(&l, errors_before);
}
