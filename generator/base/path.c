#include "base/path.h"

#include <string.h>

#include "base/text.h"
#include "base/xalloc.h"

char *path_in(const char *dir, const char *rel)
{
	if (strcmp(dir, ".") == 0 || *dir == '\0')
		return xstrdup(rel);
	return xasprintf("%s%s%s", dir, text_ends_with(dir, "/") ? "" : "/", rel);
}
