#include "content/schema.h"

#include <stdlib.h>
#include <string.h>

static const struct field text_pair_fields[] = {
	SCHEMA_FIELD(struct text_pair, key, "key", SK_LINE, 0),
	SCHEMA_FIELD(struct text_pair, value, "value", SK_LINE, 0),
	SCHEMA_END};
const struct schema schema_text_pair = {"a string", sizeof(struct text_pair), offsetof(struct text_pair, at),
                                        text_pair_fields};

const struct field *schema_field(const struct schema *s, const char *key)
{
	/* Keys seldom share a first letter: comparing it first spares most
	 * calls to strcmp() on a path looked up for every page. */
	for (const struct field *f = s->fields; f->key; f++)
		if (f->key[0] == key[0] && strcmp(f->key, key) == 0)
			return f;
	return NULL;
}

struct pos schema_pos(const struct schema *s, const void *obj)
{
	struct pos at;
	memcpy(&at, (const char *)obj + s->pos_offset, sizeof at);
	return at;
}

void *schema_list_at(const struct schema *s, const struct list *list, size_t i)
{
	return (char *)list->items + i * s->size;
}

static void free_list(const struct field *f, struct list *list)
{
	for (size_t i = 0; i < list->len; i++) {
		if (f->kind == SK_LINES)
			free(((struct str *)list->items)[i].v);
		else
			schema_free_fields(f->sub, schema_list_at(f->sub, list, i));
	}
	free(list->items);
	list->items = NULL;
	list->len = 0;
}

void schema_free_fields(const struct schema *s, void *obj)
{
	if (obj == NULL)
		return;
	for (const struct field *f = s->fields; f->key; f++) {
		void *slot = (char *)obj + f->offset;
		switch (f->kind) {
		case SK_MARKDOWN: {
			struct md *m = slot;
			free(m->src);
			if (m->doc)
				cmark_node_free(m->doc);
			m->src = NULL;
			m->doc = NULL;
			break;
		}
		case SK_INT:
		case SK_BOOL:
		case SK_REF:
			break;
		case SK_REFS: {
			struct list *list = slot;
			free(list->items);
			list->items = NULL;
			list->len = 0;
			break;
		}
		case SK_OBJECT: {
			void **child = slot;
			schema_free_fields(f->sub, *child);
			free(*child);
			*child = NULL;
			break;
		}
		case SK_LIST:
		case SK_LINES:
		case SK_MAP:
			free_list(f, slot);
			break;
		default: {
			struct str *t = slot;
			free(t->v);
			t->v = NULL;
			break;
		}
		}
	}
}

void schema_walk(const struct schema *s, const void *obj, schema_visit_fn visit, void *ctx)
{
	if (obj == NULL)
		return;
	for (const struct field *f = s->fields; f->key; f++) {
		const void *slot = (const char *)obj + f->offset;
		switch (f->kind) {
		case SK_INT:
		case SK_BOOL:
		case SK_REF:
		case SK_REFS:
			break;
		case SK_OBJECT: {
			const void *child;
			memcpy(&child, slot, sizeof child);
			schema_walk(f->sub, child, visit, ctx);
			break;
		}
		case SK_LIST:
		case SK_MAP: {
			const struct list *list = slot;
			for (size_t i = 0; i < list->len; i++)
				schema_walk(f->sub, schema_list_at(f->sub, list, i), visit, ctx);
			break;
		}
		case SK_LINES: {
			const struct list *list = slot;
			struct field item = *f;
			item.kind = f->item;
			for (size_t i = 0; i < list->len; i++)
				visit(ctx, &item, (const struct str *)list->items + i);
			break;
		}
		default:
			visit(ctx, f, slot);
		}
	}
}

static void hash_fields(struct hasher *h, const struct schema *s, const void *obj);

static void hash_slot(struct hasher *h, const struct field *f, const void *slot)
{
	switch (f->kind) {
	case SK_MARKDOWN: {
		const struct md *m = slot;
		hasher_add_str(h, m->on_disk ? "(left on disk)" : m->src);
		break;
	}
	case SK_INT:
		hasher_add(h, slot, sizeof(long));
		break;
	case SK_BOOL:
		hasher_add(h, slot, sizeof(bool));
		break;
	case SK_REF:
	case SK_REFS:
		break;          /* derived from names, which count where they are written */
	case SK_OBJECT:
		hash_fields(h, f->sub, *(void *const *)slot);
		break;
	case SK_LIST:
	case SK_LINES:
	case SK_MAP: {
		const struct list *list = slot;
		hasher_add(h, &list->len, sizeof list->len);
		for (size_t i = 0; i < list->len; i++) {
			if (f->kind == SK_LINES)
				hasher_add_str(h, ((const struct str *)list->items)[i].v);
			else
				hash_fields(h, f->sub, schema_list_at(f->sub, list, i));
		}
		break;
	}
	default:
		hasher_add_str(h, ((const struct str *)slot)->v);
		break;
	}
}

static void hash_fields(struct hasher *h, const struct schema *s, const void *obj)
{
	hasher_add_str(h, obj ? s->name : NULL);
	for (const struct field *f = s->fields; obj && f->key; f++)
		hash_slot(h, f, (const char *)obj + f->offset);
}

struct hash schema_hash(const struct schema *s, const void *obj)
{
	struct hasher h;
	hasher_init(&h);
	hash_fields(&h, s, obj);
	return h.h;
}

static bool named_in(const char *key, const char *const *keys)
{
	for (size_t i = 0; keys[i]; i++)
		if (strcmp(key, keys[i]) == 0)
			return true;
	return false;
}

struct hash schema_hash_but(const struct schema *s, const void *obj, const char *const *keys)
{
	struct hasher h;
	hasher_init(&h);
	hasher_add_str(&h, obj ? s->name : NULL);
	for (const struct field *f = s->fields; obj && f->key; f++)
		if (!named_in(f->key, keys))
			hash_slot(&h, f, (const char *)obj + f->offset);
	return h.h;
}
