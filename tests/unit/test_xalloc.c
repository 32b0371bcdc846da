/* xalloc.h: xasprintf() formats short results on the stack and long ones
 * twice; both must give what snprintf gives, around the boundary too. */
#define HARNESS_NAME "xalloc"
#include "harness.h"

#include "xalloc.h"

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

int main(void)
{
	RUN(test_xasprintf_any_length);
	return harness_done();
}
