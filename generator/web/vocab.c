#include "web/vocab.h"

#include <stdlib.h>
#include <string.h>

static int compare_name(const void *key, const void *entry)
{
	return strcmp(key, *(const char *const *)entry);
}

static bool listed(const char *name, const char *const *list, size_t n)
{
	return bsearch(name, list, n, sizeof *list, compare_name) != NULL;
}

bool vocab_is_class(const char *name)
{
	return listed(name, vocab_classes, vocab_classes_count);
}

bool vocab_is_property(const char *name)
{
	return listed(name, vocab_properties, vocab_properties_count);
}
