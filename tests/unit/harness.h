/*
 * harness: the smallest test harness that does the job.
 *
 *     static void test_something(void) { CHECK(1 + 1 == 2); CHECK_STR(got, "want"); }
 *     int main(void) { RUN(test_something); return harness_done(); }
 *
 * Each RUN prints "ok - <binary>: <test>" or "not ok - <binary>: <test>"
 * followed by every failed check, indented, as file:line: what failed.
 * harness_done() prints "N passed, M failed" (counting tests) and returns
 * the exit status: 0 when nothing failed.
 */
#ifndef FOLIO_TEST_HARNESS_H
#define FOLIO_TEST_HARNESS_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef HARNESS_NAME
#define HARNESS_NAME "unit"
#endif

static int harness_passed, harness_failed;
static int harness_checks_failed;      /* in the current test */
static char harness_log[16384];         /* failure messages of the current test */
static size_t harness_log_len;

static void harness_note(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), unused));

static void harness_note(const char *file, int line, const char *fmt, ...)
{
	harness_checks_failed++;
	if (harness_log_len >= sizeof harness_log - 1)
		return;
	int n = snprintf(harness_log + harness_log_len, sizeof harness_log - harness_log_len, "    %s:%d: ", file, line);
	if (n > 0)
		harness_log_len += (size_t)n;
	if (harness_log_len >= sizeof harness_log - 1) {
		harness_log_len = sizeof harness_log - 1;
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	n = vsnprintf(harness_log + harness_log_len, sizeof harness_log - harness_log_len, fmt, ap);
	va_end(ap);
	if (n > 0)
		harness_log_len += (size_t)n;
	if (harness_log_len >= sizeof harness_log - 1)
		harness_log_len = sizeof harness_log - 2;
	harness_log[harness_log_len++] = '\n';
	harness_log[harness_log_len] = '\0';
}

/* Shows a string on one line, with control characters escaped. */
__attribute__((unused)) static const char *harness_show(const char *s, char *buf, size_t size)
{
	if (s == NULL)
		return "(null)";
	size_t w = 0;
	buf[w++] = '"';
	for (; *s && w + 6 < size; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\n') {
			buf[w++] = '\\';
			buf[w++] = 'n';
		} else if (c == '"' || c == '\\') {
			buf[w++] = '\\';
			buf[w++] = (char)c;
		} else if (c < 0x20 || c == 0x7F) {
			w += (size_t)snprintf(buf + w, size - w, "\\x%02X", c);
		} else {
			buf[w++] = (char)c;
		}
	}
	if (*s && w + 4 < size) {
		buf[w++] = '.';
		buf[w++] = '.';
		buf[w++] = '.';
	}
	buf[w++] = '"';
	buf[w] = '\0';
	return buf;
}

#define CHECK(cond)                                                                 \
	do {                                                                        \
		if (!(cond))                                                        \
			harness_note(__FILE__, __LINE__, "CHECK(%s) failed", #cond); \
	} while (0)

#define CHECK_INT(got, want)                                                                  \
	do {                                                                                  \
		long long harness_g = (long long)(got), harness_w = (long long)(want);        \
		if (harness_g != harness_w)                                                   \
			harness_note(__FILE__, __LINE__, "%s is %lld, expected %lld", #got, harness_g, \
			             harness_w);                                              \
	} while (0)

#define CHECK_STR(got, want)                                                                          \
	do {                                                                                          \
		const char *harness_g = (got), *harness_w = (want);                                   \
		if (harness_g == NULL || harness_w == NULL ? harness_g != harness_w                   \
		                                           : strcmp(harness_g, harness_w) != 0) {     \
			char harness_b1[4096], harness_b2[4096];                                      \
			harness_note(__FILE__, __LINE__, "%s\n      got      %s\n      expected %s", #got, \
			             harness_show(harness_g, harness_b1, sizeof harness_b1),          \
			             harness_show(harness_w, harness_b2, sizeof harness_b2));         \
		}                                                                                     \
	} while (0)

#define CHECK_CONTAINS(hay, needle)                                                                  \
	do {                                                                                         \
		const char *harness_h = (hay), *harness_n = (needle);                                \
		if (harness_h == NULL || strstr(harness_h, harness_n) == NULL) {                     \
			char harness_b1[4096], harness_b2[1024];                                     \
			harness_note(__FILE__, __LINE__, "%s\n      is       %s\n      lacks    %s", #hay, \
			             harness_show(harness_h, harness_b1, sizeof harness_b1),         \
			             harness_show(harness_n, harness_b2, sizeof harness_b2));        \
		}                                                                                    \
	} while (0)

#define RUN(fn)                                                                             \
	do {                                                                                \
		harness_checks_failed = 0;                                                  \
		harness_log_len = 0;                                                        \
		harness_log[0] = '\0';                                                      \
		fn();                                                                       \
		const char *harness_test = #fn;                                             \
		if (strncmp(harness_test, "test_", 5) == 0)                                 \
			harness_test += 5;                                                  \
		if (harness_checks_failed == 0) {                                           \
			harness_passed++;                                                   \
			printf("ok - %s: %s\n", HARNESS_NAME, harness_test);                 \
		} else {                                                                    \
			harness_failed++;                                                   \
			printf("not ok - %s: %s\n%s", HARNESS_NAME, harness_test, harness_log); \
		}                                                                           \
		fflush(stdout);                                                             \
	} while (0)

__attribute__((unused)) static int harness_done(void)
{
	printf("%d passed, %d failed\n", harness_passed, harness_failed);
	return harness_failed == 0 ? 0 : 1;
}

#endif
