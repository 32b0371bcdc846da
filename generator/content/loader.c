/*
 * loader: what a loader saw (paths, files read, links), kept for the site, and the small helpers
 * every reading module uses.
 */
#include "content/loader.h"

#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/xalloc.h"

const char *loader_intern_path(struct loader *ld, const char *path)
{
	struct loader_seen *n = ld->seen;
	n->paths = xgrow(n->paths, &n->cap_paths, n->npaths + 1, sizeof *n->paths);
	n->paths[n->npaths] = xstrdup(path);
	return n->paths[n->npaths++];
}

void loader_note_read(struct loader *ld, const char *path, struct hash hash)
{
	struct loader_seen *n = ld->seen;
	n->read = xgrow(n->read, &n->cap_read, n->nread + 1, sizeof *n->read);
	n->read[n->nread++] = (struct hash_known){path, hash};
}

void loader_seen_append(struct loader_seen *into, struct loader_seen *from)
{
	into->read = xgrow(into->read, &into->cap_read, into->nread + from->nread, sizeof *into->read);
	for (size_t i = 0; i < from->nread; i++)
		into->read[into->nread++] = from->read[i];
	into->paths = xgrow(into->paths, &into->cap_paths, into->npaths + from->npaths, sizeof *into->paths);
	for (size_t i = 0; i < from->npaths; i++)
		into->paths[into->npaths++] = from->paths[i];
	body_links_append(&into->links, &from->links);
	free(from->read);
	free(from->paths);
	*from = (struct loader_seen){.paths = NULL};
}

void loader_seen_give(struct loader_seen *seen, struct site *site)
{
	site->paths = seen->paths;
	site->npaths = seen->npaths;
	site->cap_paths = seen->cap_paths;
	site->read = seen->read;
	site->nread = seen->nread;
	site->cap_read = seen->cap_read;
	site->links = seen->links.items;
	site->nlinks = seen->links.len;
	site->cap_links = seen->links.cap;
	*seen = (struct loader_seen){.paths = NULL};
}

void loader_seen_free(struct loader_seen *seen)
{
	for (size_t i = 0; i < seen->npaths; i++)
		free(seen->paths[i]);
	free(seen->paths);
	free(seen->read);
	body_links_free(&seen->links);
	*seen = (struct loader_seen){.paths = NULL};
}

void loader_set_derived(struct str *s, char *value, struct pos at)
{
	free(s->v);
	s->v = value;
	s->at = at;
}

/* Search engines show about 50 to 160 characters of a description. */
void loader_check_description(struct loader *ld, const struct str *s, const char *key)
{
	if (s->v == NULL)
		return;
	size_t n = text_char_count(s->v);
	if (n < 50 || n > 160)
		diag_warn(ld->d, s->at, "'%s' has %zu characters; write 50 to 160, about what search results show", key, n);
}

bool loader_check_unique_ids(struct loader *ld, const struct list *list, const struct schema *s, size_t id_offset,
                             const char *what)
{
	bool ok = true;
	for (size_t i = 0; i < list->len; i++) {
		const struct str *a = (const struct str *)((const char *)schema_list_at(s, list, i) + id_offset);
		for (size_t j = 0; j < i && a->v; j++) {
			const struct str *b = (const struct str *)((const char *)schema_list_at(s, list, j) + id_offset);
			if (b->v && strcmp(a->v, b->v) == 0) {
				diag_error(ld->d, a->at, "%s id '%s' is used twice (also at line %d); give each its own id", what,
				           a->v, b->at.line);
				ok = false;
				break;
			}
		}
	}
	return ok;
}
