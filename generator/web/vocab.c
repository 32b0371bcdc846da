#include "web/vocab.h"

#include <stdlib.h>
#include <string.h>

static int compare_name(const void *key, const void *entry)
{
	return strcmp(key, *(const char *const *)entry);
}

static int index_in(const char *name, const char *const *list, size_t n)
{
	const char *const *found = bsearch(name, list, n, sizeof *list, compare_name);
	return found ? (int)(found - list) : -1;
}

int vocab_class(const char *name)
{
	return index_in(name, vocab_classes, vocab_classes_count);
}

int vocab_property(const char *name)
{
	return index_in(name, vocab_properties, vocab_properties_count);
}

bool vocab_is_class(const char *name)
{
	return vocab_class(name) >= 0;
}

bool vocab_is_property(const char *name)
{
	return vocab_property(name) >= 0;
}

bool vocab_is_a(int cls, int ancestor)
{
	if (cls < 0 || ancestor < 0)
		return false;
	if (cls == ancestor)
		return true;
	/* The hierarchy is a shallow DAG (a dozen levels at most): walking
	 * every path up is cheaper than keeping a closure table. */
	struct vocab_span up = vocab_class_parents[cls];
	for (unsigned i = 0; i < up.count; i++)
		if (vocab_is_a(vocab_links[up.first + i], ancestor))
			return true;
	return false;
}

/* Whether cls is, or descends from, one of the span's classes. */
static bool under_any(struct vocab_span span, int cls)
{
	for (unsigned i = 0; i < span.count; i++)
		if (vocab_is_a(cls, vocab_links[span.first + i]))
			return true;
	return false;
}

bool vocab_in_domain(int prop, int cls)
{
	struct vocab_span domain = vocab_property_domains[prop];
	return domain.count == 0 || under_any(domain, cls);
}

bool vocab_in_range(int prop, int cls)
{
	struct vocab_span range = vocab_property_ranges[prop];
	return range.count == 0 || under_any(range, cls);
}

/* A range class that a JSON string stands for as it is. */
static bool written_as_text(int cls)
{
	static const char *const as_text[] = {
		"Text",         /* with URL and its other subclasses */
		"Date", "DateTime", "Time",     /* ISO 8601, as JSON-LD writes them */
		"Enumeration",  /* a member by its name or URL: "InStock" */
		"Quantity",     /* Duration, Distance...: "PT30M", "3 km", as schema.org's examples */
	};
	for (size_t i = 0; i < sizeof as_text / sizeof as_text[0]; i++)
		if (vocab_is_a(cls, vocab_class(as_text[i])))
			return true;
	return false;
}

static bool is_data_type(int cls)
{
	static const char *const roots[] = {"Text", "Number", "Boolean", "Date", "DateTime", "Time"};
	for (size_t i = 0; i < sizeof roots / sizeof roots[0]; i++)
		if (vocab_is_a(cls, vocab_class(roots[i])))
			return true;
	return false;
}

static bool absolute_url(const char *s)
{
	return strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0;
}

/*
 * What a literal may stand for.  schema.org notes that consumers accept
 * Text or a URL for any property in practice; a checker that did the same
 * would pass "author": "Jane" and "numberOfPages": "many", which the
 * validators that read the page flag.  So:
 *   - a string where the range has Text (or URL...), a date or time, an
 *     Enumeration (a member named by name or URL) or a Quantity (written
 *     as text); and an absolute URL where the range has any class that is
 *     not a data type: a Thing named by its URL (a breadcrumb's item);
 *   - an integer where the range has Number or one of its subclasses, a
 *     real where it has Number or Float but not only Integer;
 *   - true or false where it has Boolean.
 * A property without rangeIncludes takes anything.
 */
bool vocab_takes_literal(int prop, enum vocab_literal kind, const char *text)
{
	struct vocab_span range = vocab_property_ranges[prop];
	if (range.count == 0)
		return true;
	for (unsigned i = 0; i < range.count; i++) {
		int cls = vocab_links[range.first + i];
		bool number = vocab_is_a(cls, vocab_class("Number"));
		switch (kind) {
		case VOCAB_TEXT:
			if (written_as_text(cls) || (text && absolute_url(text) && !is_data_type(cls)))
				return true;
			break;
		case VOCAB_INTEGER:
			if (number)
				return true;
			break;
		case VOCAB_REAL:
			if (number && !vocab_is_a(cls, vocab_class("Integer")))
				return true;
			break;
		case VOCAB_BOOLEAN:
			if (vocab_is_a(cls, vocab_class("Boolean")))
				return true;
			break;
		}
	}
	return false;
}
