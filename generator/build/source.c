#include "build/source.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/path.h"
#include "base/text.h"
#include "base/xalloc.h"

/* Whether dir holds the project's fonts. */
static bool has_fonts(const char *dir)
{
	char *probe = xasprintf("%s/folio-sans-regular.ttf", dir);
	bool ok = access(probe, R_OK) == 0;
	free(probe);
	return ok;
}

/* The fonts beside this program, or NULL. */
static char *installed_fonts(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (slash == NULL)
		return NULL;
	*slash = '\0';
	static const char *const beside[] = {"../static/fonts", "../share/folio/fonts"};
	for (size_t i = 0; i < sizeof beside / sizeof beside[0]; i++) {
		char *dir = xasprintf("%s/%s", exe, beside[i]);
		if (has_fonts(dir))
			return dir;
		free(dir);
	}
	return NULL;
}

char *source_fonts(const char *source)
{
	char *own = path_in(source, "static/fonts");
	if (has_fonts(own))
		return own;
	free(own);
	return installed_fonts();
}
