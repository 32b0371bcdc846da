#define _GNU_SOURCE // NOLINT(bugprone-reserved-identifier): memmem, to find the ids of a page quickly
#include "web/produced.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/xalloc.h"

/* Whether at is inside a tag of html: a '<' comes before it with no '>'
 * between.  Text may hold ' id="' as it is (text escapes no quotes). */
static bool in_tag(const char *html, const char *at)
{
	for (const char *p = at; p > html; p--) {
		if (p[-1] == '>')
			return false;
		if (p[-1] == '<')
			return true;
	}
	return false;
}

/* Notes page url with the n ids blob holds, each ending in '\0' (the
 * blob is taken). */
static void add_blob(struct produced *p, const char *url, struct buf *blob, size_t n)
{
	p->pages = xgrow(p->pages, &p->cap_pages, p->npages + 1, sizeof *p->pages);
	struct produced_page *page = &p->pages[p->npages++];
	*page = (struct produced_page){.url = xstrdup(url), .blob = buf_detach(blob), .nids = n};
	page->ids = xcalloc(n ? n : 1, sizeof *page->ids);
	const char *id = page->blob;
	for (size_t i = 0; i < n; i++) {
		page->ids[i] = id;
		id += strlen(id) + 1;
	}
	p->sorted = false;
}

/* The value of every ' id="' attribute of html: the template writer and
 * the Markdown writer both put one space before an attribute and double
 * quotes around its value. */
void produced_add_page(struct produced *p, const char *url, const char *html, size_t len)
{
	static const char marker[] = " id=\"";
	const size_t mlen = sizeof marker - 1;
	struct buf blob = BUF_INIT;
	size_t n = 0;
	const char *end = html + len;
	for (const char *at = html; at < end;) {
		const char *hit = memmem(at, (size_t)(end - at), marker, mlen);
		if (hit == NULL)
			break;
		const char *value = hit + mlen;
		const char *close = memchr(value, '"', (size_t)(end - value));
		if (close == NULL)
			break;
		if (in_tag(html, hit)) {
			buf_put(&blob, value, (size_t)(close - value));
			buf_putc(&blob, '\0');
			n++;
		}
		at = close + 1;
	}
	add_blob(p, url, &blob, n);
}

void produced_add_copy(struct produced *p, const struct produced_page *page)
{
	struct buf blob = BUF_INIT;
	for (size_t i = 0; i < page->nids; i++)
		buf_put(&blob, page->ids[i], strlen(page->ids[i]) + 1);
	add_blob(p, page->url, &blob, page->nids);
}

void produced_skip(struct produced *p, const char *file)
{
	p->skipped = xgrow(p->skipped, &p->cap_skipped, p->nskipped + 1, sizeof *p->skipped);
	p->skipped[p->nskipped++] = xstrdup(file);
	p->sorted = false;
}

/* Adds from's pages and files to the end of into's, as they are (the
 * pointers they hold are copied, not what they point to). */
static void add_entries(struct produced *into, const struct produced *from)
{
	if (from->npages) {
		into->pages = xgrow(into->pages, &into->cap_pages, into->npages + from->npages, sizeof *into->pages);
		memcpy(into->pages + into->npages, from->pages, from->npages * sizeof *from->pages);
		into->npages += from->npages;
	}
	if (from->nskipped) {
		into->skipped = xgrow(into->skipped, &into->cap_skipped, into->nskipped + from->nskipped,
		                      sizeof *into->skipped);
		memcpy(into->skipped + into->nskipped, from->skipped, from->nskipped * sizeof *from->skipped);
		into->nskipped += from->nskipped;
	}
	into->sorted = false;
}

void produced_append(struct produced *into, struct produced *from)
{
	add_entries(into, from);
	free(from->pages);
	free(from->skipped);
	*from = (struct produced){.pages = NULL};
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int compare_pages(const void *a, const void *b)
{
	return strcmp(((const struct produced_page *)a)->url, ((const struct produced_page *)b)->url);
}

static bool in_order(const char *const *v, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (strcmp(v[i - 1], v[i]) > 0)
			return false;
	return true;
}

/* FNV-1a: urls are short, and the table only needs them spread. */
static size_t hash_url(const char *url)
{
	uint64_t h = 14695981039346656037u;
	for (const unsigned char *c = (const unsigned char *)url; *c; c++)
		h = (h ^ *c) * 1099511628211u;
	return (size_t)h;
}

/* The slot of url in p's index: where it is, or the free one it would take. */
static size_t slot_of(const struct produced *p, const char *url)
{
	size_t mask = p->nslots - 1, i = hash_url(url) & mask;
	while (p->slots[i] && strcmp(p->pages[p->slots[i] - 1].url, url) != 0)
		i = (i + 1) & mask;
	return i;
}

/* A view's pages by url, at most half the slots taken. */
static void index_pages(struct produced *p)
{
	p->nslots = 16;
	while (p->nslots < 2 * p->npages)
		p->nslots *= 2;
	free(p->slots);         /* a view added to after it was sorted */
	p->slots = xcalloc(p->nslots, sizeof *p->slots);
	for (size_t i = 0; i < p->npages; i++) {
		size_t at = slot_of(p, p->pages[i].url);
		if (p->slots[at] == 0)  /* a url made twice: the first counts, as bsearch would find either */
			p->slots[at] = i + 1;
	}
}

void produced_sort(struct produced *p)
{
	if (p->sorted)
		return;
	if (p->view)
		index_pages(p);
	else if (p->npages)
		qsort(p->pages, p->npages, sizeof *p->pages, compare_pages);
	for (size_t i = 0; i < p->npages && !p->ids_sorted; i++)
		if (p->pages[i].nids && !in_order(p->pages[i].ids, p->pages[i].nids))
			qsort(p->pages[i].ids, p->pages[i].nids, sizeof *p->pages[i].ids, compare_strings);
	if (p->nskipped)
		qsort(p->skipped, p->nskipped, sizeof *p->skipped, compare_strings);
	p->sorted = true;
}

static int compare_url(const void *key, const void *page)
{
	return strcmp(key, ((const struct produced_page *)page)->url);
}

const struct produced_page *produced_page(const struct produced *p, const char *url)
{
	if (p->npages == 0)
		return NULL;
	if (p->slots) {
		size_t at = p->slots[slot_of(p, url)];
		return at ? &p->pages[at - 1] : NULL;
	}
	return bsearch(url, p->pages, p->npages, sizeof *p->pages, compare_url);
}

static int compare_key(const void *key, const void *item)
{
	return strcmp(key, *(const char *const *)item);
}

bool produced_page_has(const struct produced_page *page, const char *id)
{
	return page->nids && bsearch(id, page->ids, page->nids, sizeof *page->ids, compare_key) != NULL;
}

bool produced_skipped(const struct produced *p, const char *file)
{
	return p->nskipped && bsearch(file, p->skipped, p->nskipped, sizeof *p->skipped, compare_key) != NULL;
}

void produced_view(struct produced *view, const struct produced *const *parts, size_t n)
{
	*view = (struct produced){.view = true, .ids_sorted = true};
	size_t pages = 0, skipped = 0;
	for (size_t i = 0; i < n; i++) {
		pages += parts[i]->npages;
		skipped += parts[i]->nskipped;
		view->ids_sorted &= parts[i]->sorted;
	}
	/* sized once: a site's thousands of pages, at every update */
	view->pages = xgrow(NULL, &view->cap_pages, pages, sizeof *view->pages);
	view->skipped = xgrow(NULL, &view->cap_skipped, skipped, sizeof *view->skipped);
	for (size_t i = 0; i < n; i++)
		add_entries(view, parts[i]);
}

void produced_free(struct produced *p)
{
	if (p == NULL)
		return;
	if (p->view) {
		free(p->pages);
		free(p->skipped);
		free(p->slots);
		*p = (struct produced){.pages = NULL};
		return;
	}
	for (size_t i = 0; i < p->npages; i++) {
		free(p->pages[i].url);
		free(p->pages[i].blob);
		free(p->pages[i].ids);
	}
	free(p->pages);
	for (size_t i = 0; i < p->nskipped; i++)
		free(p->skipped[i]);
	free(p->skipped);
	*p = (struct produced){.pages = NULL};
}
