/*
 * vocab: schema.org's classes and properties, to tell a JSON-LD term that
 * exists from a typo, and to tell whether a property belongs on a type
 * (its domain) and what it may hold (its range), classes inheriting
 * through subClassOf.  The tables are generated from a schema.org release
 * by scripts/make-schemaorg-terms.py.
 */
#ifndef FOLIO_VOCAB_H
#define FOLIO_VOCAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Some entries of vocab_links: class indices. */
struct vocab_span {
	uint16_t first, count;
};

extern const char vocab_release[];
extern const char *const vocab_classes[];
extern const size_t vocab_classes_count;
extern const char *const vocab_properties[];
extern const size_t vocab_properties_count;
extern const uint16_t vocab_links[];
extern const struct vocab_span vocab_class_parents[];           /* one per class */
extern const struct vocab_span vocab_property_domains[];        /* one per property */
extern const struct vocab_span vocab_property_ranges[];         /* one per property */

/* Whether name (without a prefix) is a class, or a property, of schema.org. */
bool vocab_is_class(const char *name);
bool vocab_is_property(const char *name);

/* The index of a class or property by name; -1 when there is none. */
int vocab_class(const char *name);
int vocab_property(const char *name);

/* Whether class cls is ancestor or one of its subclasses. */
bool vocab_is_a(int cls, int ancestor);

/* Whether property prop may be used on a node of class cls: a property
 * with no domainIncludes may be used anywhere. */
bool vocab_in_domain(int prop, int cls);

/* Whether property prop may hold a node of class cls. */
bool vocab_in_range(int prop, int cls);

/* What a JSON literal is, for vocab_takes_literal. */
enum vocab_literal { VOCAB_TEXT, VOCAB_INTEGER, VOCAB_REAL, VOCAB_BOOLEAN };

/* Whether property prop may hold a literal of that kind; text is the
 * string itself (for VOCAB_TEXT), to tell a URL from other text. */
bool vocab_takes_literal(int prop, enum vocab_literal kind, const char *text);

#endif
