/* Unit tests of buf.h: the decimal writer against printf, and reserving room. */
#define HARNESS_NAME "buf"
#include "harness.h"

#include <limits.h>

#include "buf.h"

static void test_put_long_is_printf(void)
{
	static const long values[] = {0, 1, -1, 9, 10, -10, 123456789, -987654321, LONG_MAX, LONG_MIN, LONG_MIN + 1};
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		struct buf b = BUF_INIT;
		buf_puts(&b, "n=");
		buf_put_long(&b, values[i]);
		char want[64];
		snprintf(want, sizeof want, "n=%ld", values[i]);
		CHECK_STR(b.data, want);
		buf_free(&b);
	}
}

static void test_reserve_keeps_text_and_nul(void)
{
	struct buf b = BUF_INIT;
	buf_reserve(&b, 0);
	CHECK(b.data != NULL && b.len == 0 && b.data[0] == '\0');
	buf_puts(&b, "abc");
	buf_reserve(&b, 1000);
	CHECK(b.cap >= b.len + 1001);
	CHECK_STR(b.data, "abc");
	buf_free(&b);
}

int main(void)
{
	RUN(test_put_long_is_printf);
	RUN(test_reserve_keeps_text_and_nul);
	return harness_done();
}
