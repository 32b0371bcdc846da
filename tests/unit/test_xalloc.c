/* xalloc.h: xasprintf() formats short results on the stack and long
 * ones twice; each must give what snprintf gives, around the boundary
 * too. */
#define HARNESS_NAME "xalloc"
#include "harness.h"

#include <string.h>

#include "base/xalloc.h"

static void test_xasprintf_any_length(void)
{
	char want[1200];
	static const size_t lengths[] = {0, 1, 254, 255, 256, 257, 1000};
	for (size_t i = 0; i < sizeof lengths / sizeof lengths[0]; i++) {
		size_t n = lengths[i];
		char fill[1100];
		for (size_t k = 0; k < n; k++)
			fill[k] = (char)('a' + (int)(k % 26));
		fill[n] = '\0';
		snprintf(want, sizeof want, "%s|%d", fill, (int)n);
		char *got = xasprintf("%s|%d", fill, (int)n);
		CHECK_STR(got, want);
		CHECK(strlen(got) == strlen(want));
		free(got);
	}
}

/* Formats that join strings (most calls: paths and URLs), with %%, and
 * with other directives, with strings short and long, against snprintf. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-overflow"
#pragma GCC diagnostic ignored "-Wformat-truncation"
#pragma GCC diagnostic ignored "-Wformat"
static void test_xasprintf_formats_as_printf(void)
{
	char longer[600];
	memset(longer, 'x', sizeof longer - 1);
	longer[sizeof longer - 1] = '\0';
	const char *a = "alpha", *b = "", *c = longer;
	char want[4096];
#define SAME(...)                                             \
	do {                                                      \
		snprintf(want, sizeof want, __VA_ARGS__);             \
		char *got = xasprintf(__VA_ARGS__);                   \
		CHECK_STR(got, want);                                 \
		free(got);                                            \
	} while (0)
	SAME("%s", "");
	SAME("plain text");
	SAME("%s", a);
	SAME("%s%s", a, b);
	SAME("%s/%s.md", a, c);
	SAME("%%s%s%%", a);
	SAME("100%% of %s", c);
	SAME("%s#%s", c, c);
	SAME("%s%s%s%s%s%s%s%s", a, b, c, a, b, c, a, b);
	SAME("%s|%d", c, 42);
	SAME("%5s|%-7s|%.2s", a, "ab", a);
#undef SAME
}
#pragma GCC diagnostic pop

int main(void)
{
	RUN(test_xasprintf_any_length);
	RUN(test_xasprintf_formats_as_printf);
	return harness_done();
}
