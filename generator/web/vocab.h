/*
 * vocab: the names of schema.org's classes and properties, to tell a
 * JSON-LD term that exists from a typo.  The lists are generated from a
 * schema.org release by scripts/make-schemaorg-terms.py.
 */
#ifndef FOLIO_VOCAB_H
#define FOLIO_VOCAB_H

#include <stdbool.h>
#include <stddef.h>

extern const char vocab_release[];
extern const char *const vocab_classes[];
extern const size_t vocab_classes_count;
extern const char *const vocab_properties[];
extern const size_t vocab_properties_count;

/* Whether name (without a prefix) is a class, or a property, of schema.org. */
bool vocab_is_class(const char *name);
bool vocab_is_property(const char *name);

#endif
