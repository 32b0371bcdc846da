#include "build/source.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/path.h"
#include "base/xalloc.h"

/* Whether dir holds the project's fonts. */
static bool has_fonts(const char *dir)
{
	char *probe = xasprintf("%s/folio-sans-regular.ttf", dir);
	bool ok = access(probe, R_OK) == 0;
	free(probe);
	return ok;
}

bool source_is_theme(const char *dir)
{
	char *probe = xasprintf("%s/templates", dir);
	struct stat st;
	bool ok = stat(probe, &st) == 0 && S_ISDIR(st.st_mode);
	free(probe);
	return ok;
}

/* The real path of dir as messages show it: relative to the working
 * folder when inside it.  Takes dir. */
static char *shown_path(char *dir)
{
	char *real = realpath(dir, NULL);
	if (real == NULL)
		return dir;
	free(dir);
	char cwd[PATH_MAX];
	size_t n = getcwd(cwd, sizeof cwd) ? strlen(cwd) : 0;
	if (n > 1 && strncmp(real, cwd, n) == 0 && real[n] == '/') {
		char *rel = xstrdup(real + n + 1);
		free(real);
		return rel;
	}
	return real;
}

char *source_theme(void)
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
	static const char *const beside[] = {"../theme", "../share/folio/theme"};
	for (size_t i = 0; i < sizeof beside / sizeof beside[0]; i++) {
		char *dir = xasprintf("%s/%s", exe, beside[i]);
		if (source_is_theme(dir))
			return shown_path(dir);
		free(dir);
	}
	return NULL;
}

char *source_fonts(const struct options *opt)
{
	char *own = path_in(opt->source, "static/fonts");
	if (has_fonts(own))
		return own;
	free(own);
	if (opt->theme == NULL)
		return NULL;
	char *theirs = path_in(opt->theme, "static/fonts");
	if (has_fonts(theirs))
		return theirs;
	free(theirs);
	return NULL;
}
