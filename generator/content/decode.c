/*
 * decode: YAML values into model structs, through the schema tables, with
 * every check of the format's value kinds.
 */
#include "content/decode.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/path.h"
#include "base/text.h"
#include "base/xalloc.h"
#include "content/body.h"
#include "content/confine.h"

bool decode_url(struct loader *ld, const struct field *f, const char *v, struct pos at, const char *key)
{
	for (const char *p = v; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' || *p == '>' || *p == '\\') {
			diag_error(ld->d, at, "'%s' holds a space or a character not allowed in a URL; percent-encode it", key);
			return false;
		}
	bool https = text_starts_with(v, "https://");
	if ((f->flags & SF_HTTPS) && !https) {
		diag_error(ld->d, at, "'%s' must be an https:// URL; write it starting with https://", key);
		return false;
	}
	if (https || text_starts_with(v, "http://")) {
		const char *host = strchr(v, ':') + 3;
		if (*host == '\0' || *host == '/') {
			diag_error(ld->d, at, "'%s' has no host name; write a full URL such as https://example.com/", key);
			return false;
		}
		return true;
	}
	if (text_starts_with(v, "mailto:") && v[7])
		return true;
	diag_error(ld->d, at, "'%s' must be an absolute https://, http:// or mailto: URL, not '%s'; write the whole URL", key, v);
	return false;
}

static bool check_site_path(struct loader *ld, const char *v, struct pos at, const char *key)
{
	if (v[0] != '/' || v[1] == '/') {
		diag_error(ld->d, at, "'%s' must be a URL or a site path starting with one '/'; write it such as /about/ or https://example.com/", key);
		return false;
	}
	for (const char *p = v; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' || *p == '>' || *p == '\\') {
			diag_error(ld->d, at, "'%s' holds a space or a character not allowed in a URL; percent-encode it", key);
			return false;
		}
	if (strstr(v, "/../") || text_ends_with(v, "/..") || strstr(v, "/./")) {
		diag_error(ld->d, at, "'%s' must not contain '.' or '..' segments; write the path from the site's root", key);
		return false;
	}
	body_links_add(&ld->seen->links, v, at);
	return true;
}

static const char *const month_names[] = {"January", "February", "March", "April", "May", "June", "July",
                                          "August", "September", "October", "November", "December"};

/* Days in month m (1 to 12) of year y, in the Gregorian calendar. */
static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return days[m - 1] + (m == 2 && leap);
}

/* Whether v is a date written YYYY-MM-DD that exists; if not, reports
 * why: the shape, or the month or day that no calendar has. */
static bool check_date(struct loader *ld, const char *v, struct pos at, const char *key)
{
	int y, m, dd;
	char extra;
	bool digits = strlen(v) == 10 && v[4] == '-' && v[7] == '-' && strspn(v, "0123456789") == 4 &&
	              strspn(v + 5, "0123456789") == 2 && strspn(v + 8, "0123456789") == 2;
	if (!digits || sscanf(v, "%4d-%2d-%2d%c", &y, &m, &dd, &extra) != 3) {
		diag_error(ld->d, at, "'%s' must be a date written YYYY-MM-DD, not '%s'; write it such as 2026-01-15",
		           key, v);
		return false;
	}
	if (m < 1 || m > 12) {
		diag_error(ld->d, at, "'%s': %s is not a day: a year has 12 months, not %d; write the month as 01 to 12",
		           key, v, m);
		return false;
	}
	int most = days_in_month(y, m);
	if (dd < 1 || dd > most) {
		diag_error(ld->d, at, "'%s': %s is not a day: %s %d has %d days; write a day from 01 to %d", key, v,
		           month_names[m - 1], y, most, most);
		return false;
	}
	return true;
}

static bool check_static_path(struct loader *ld, const char *v, struct pos at, const char *key)
{
	if (v[0] == '/' || strstr(v, "..") || strchr(v, '\\')) {
		diag_error(ld->d, at, "'%s' must be a path inside static/; write it such as images/logo.svg", key);
		return false;
	}
	char *rel = xasprintf("static/%s", v);
	char *path = path_in(ld->opt->source, rel);
	struct stat st;
	bool ok = stat(path, &st) == 0 && S_ISREG(st.st_mode);
	if (!ok && ld->opt->theme) {        /* the theme's static/ has the site's missing files */
		free(path);
		path = path_in(ld->opt->theme, rel);
		ok = stat(path, &st) == 0 && S_ISREG(st.st_mode);
	}
	if (!ok)
		diag_error(ld->d, at, "'%s' names %s, which does not exist; add the file or fix the path", key, rel);
	free(rel);
	free(path);
	return ok;
}

static bool read_scalar(struct loader *ld, const struct field *f, void *slot, const struct ynode *node)
{
	const char *key = f->key;
	if (node->kind != YNODE_SCALAR) {
		diag_error(ld->d, node->at, "'%s' must be a single value, not %s; write one value after '%s: '", key, ytree_kind_name(node->kind),
		           key);
		return false;
	}
	const char *v = node->text;
	switch (f->kind) {
	case SK_INT: {
		char *end;
		errno = 0;
		long n = strtol(v, &end, 10);
		if (!node->plain || *v == '\0' || *end != '\0' || errno) {
			diag_error(ld->d, node->at, "'%s' must be a whole number, not '%s'; write it in digits, such as 3", key, v);
			return false;
		}
		long max = (f->flags & SF_SCALE) && ld->scale_max > 0 ? ld->scale_max : f->max;
		if (n < f->min || n > max) {
			diag_error(ld->d, node->at, "'%s' must be from %ld to %ld, not %ld; write a number in that range", key, f->min, max, n);
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
			diag_error(ld->d, node->at, "'%s' must be true or false, not '%s'; write true or false", key, v);
			return false;
		}
		return true;
	case SK_MARKDOWN:
		if (*v == '\0' && (f->flags & SF_REQUIRED)) {
			diag_error(ld->d, node->at, "'%s' is empty; write its text", key);
			return false;
		}
		body_images_from(slot, ld->opt);
		return body_parse(slot, v, node->at, ld->raw_html, &ld->seen->links, ld->d);
	default:
		break;
	}

	char *text = text_squeeze_space(xstrdup(v));
	struct str *out = slot;
	out->v = text;
	out->at = node->at;
	if (*text == '\0') {
		if (f->flags & SF_REQUIRED) {
			diag_error(ld->d, node->at, "'%s' is empty; write a value", key);
			return false;
		}
		return true;
	}
	if (f->kind != SK_LINE && strchr(v, '\n') != NULL) {
		diag_error(ld->d, node->at, "'%s' must be on one line; join its lines", key);
		return false;
	}
	switch (f->kind) {
	case SK_SLUG:
		if (!text_is_slug(text)) {
			diag_error(ld->d, node->at, "'%s' must use only a-z, 0-9 and '-', not '%s'; write it such as my-name-2", key, text);
			return false;
		}
		return true;
	case SK_DATE:
		return check_date(ld, text, node->at, key);
	case SK_URL:
		return decode_url(ld, f, text, node->at, key);
	case SK_LINK:
		if (text[0] == '/')
			return check_site_path(ld, text, node->at, key);
		if (text[0] == '#' && (f->flags & SF_FRAGMENT)) {
			if (text_is_slug(text + 1))
				return true;
			diag_error(ld->d, node->at, "'%s' '%s' must name a section of the page; write '#' and an id of a-z, 0-9 and '-', such as #contact",
			           key, text);
			return false;
		}
		return decode_url(ld, f, text, node->at, key);
	case SK_PATH:
		return check_static_path(ld, text, node->at, key);
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
			diag_error(ld->d, node->at, "'%s' is '%s', which is none of %s; did you mean '%s'?", key, text, all.data, near);
		else
			diag_error(ld->d, node->at, "'%s' is '%s', which is none of %s; write one of them", key, text, all.data);
		buf_free(&all);
		return false;
	}
	default:
		return true;
	}
}

static bool read_list(struct loader *ld, const struct field *f, struct list *out, const struct ynode *node)
{
	if (node->kind != YNODE_SEQ) {
		diag_error(ld->d, node->at, "'%s' must be a list, not %s; write each entry on a line starting with '- '", f->key,
		           ytree_kind_name(node->kind));
		return false;
	}
	if ((long)node->n < f->min || (f->max > 0 && (long)node->n > f->max)) {
		if (f->max > 0)
			diag_error(ld->d, node->at, "'%s' must have from %ld to %ld entries, not %zu; add or remove entries", f->key, f->min, f->max, node->n);
		else
			diag_error(ld->d, node->at, "'%s' must have at least %ld entries; add entries", f->key, f->min);
		return false;
	}
	bool ok = true;
	if (f->kind == SK_LINES) {
		struct str *items = xcalloc(node->n, sizeof *items);
		out->items = items;
		out->len = node->n;
		struct field line = {f->key, f->item, SF_REQUIRED, 0, NULL, 0, 0, NULL, SK_LINE};
		for (size_t i = 0; i < node->n; i++)
			ok &= read_scalar(ld, &line, &items[i], node->items[i]);
		return ok;
	}
	out->items = xcalloc(node->n, f->sub->size);
	out->len = node->n;
	for (size_t i = 0; i < node->n; i++)
		ok &= decode_object(ld, f->sub, schema_list_at(f->sub, out, i), node->items[i]);
	return ok;
}

bool decode_map(struct loader *ld, const char *name, struct list *out, const struct ynode *node)
{
	if (node->kind != YNODE_MAP) {
		diag_error(ld->d, node->at, "'%s' must be a mapping, not %s; write its entries as 'name: text' lines", name,
		           ytree_kind_name(node->kind));
		return false;
	}
	struct text_pair *pairs = xcalloc(node->n ? node->n : 1, sizeof *pairs);
	out->items = pairs;
	out->len = node->n;
	bool ok = true;
	for (size_t i = 0; i < node->n; i++) {
		const struct ynode *key = node->pairs[i].key;
		struct field text = {key->text, SK_LINE, SF_REQUIRED, 0, NULL, 0, 0, NULL, SK_LINE};
		pairs[i].at = key->at;
		pairs[i].key.v = xstrdup(key->text);
		pairs[i].key.at = key->at;
		ok &= read_scalar(ld, &text, &pairs[i].value, node->pairs[i].value);
	}
	return ok;
}

static bool read_field(struct loader *ld, const struct field *f, void *slot, const struct ynode *node)
{
	switch (f->kind) {
	case SK_MAP:
		return decode_map(ld, f->key, slot, node);
	case SK_OBJECT: {
		void *child = xcalloc(1, f->sub->size);
		*(void **)slot = child;
		return decode_object(ld, f->sub, child, node);
	}
	case SK_LIST:
	case SK_LINES:
		return read_list(ld, f, slot, node);
	default:
		return read_scalar(ld, f, slot, node);
	}
}

static void unknown_key(struct loader *ld, const struct schema *s, const struct ynode *key)
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
		diag_error(ld->d, key->at, "unknown key '%s' in %s; did you mean '%s'?", key->text, s->name, near);
	else
		diag_error(ld->d, key->at, "unknown key '%s' in %s; remove it, or use one of its keys: %s", key->text, s->name, all.data);
	buf_free(&all);
}

bool decode_object(struct loader *ld, const struct schema *s, void *obj, const struct ynode *map)
{
	memcpy((char *)obj + s->pos_offset, &map->at, sizeof map->at);
	if (map->kind != YNODE_MAP) {
		diag_error(ld->d, map->at, "%s must be a mapping, not %s; write its fields as 'key: value' lines", s->name,
		           ytree_kind_name(map->kind));
		return false;
	}
	bool ok = true;
	for (size_t i = 0; i < map->n; i++) {
		const struct field *f = schema_field(s, map->pairs[i].key->text);
		if (f == NULL || (f->flags & SF_DERIVED)) {
			unknown_key(ld, s, map->pairs[i].key);
			ok = false;
			continue;
		}
		ok &= read_field(ld, f, (char *)obj + f->offset, map->pairs[i].value);
	}
	for (const struct field *f = s->fields; f->key; f++) {
		if (!(f->flags & SF_REQUIRED) || (f->flags & SF_DERIVED) || ytree_get(map, f->key))
			continue;
		diag_error(ld->d, map->at, "%s is missing '%s'; add it", s->name, f->key);
		ok = false;
	}
	return ok;
}
