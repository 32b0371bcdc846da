/*
 * Shared by the libFuzzer harnesses in tests/fuzz/fuzz_*.c.
 *
 * Each harness defines LLVMFuzzerTestOneInput(): it must not leak, must
 * not touch the disk except to read the project's fonts once, and must
 * give the same result for the same input (no clock, no randomness).
 * Diagnostics are kept, not printed: hostile input is expected to be
 * refused, and the refusal is not a finding; a crash, a sanitizer report
 * or a leak is.
 */
#ifndef FOLIO_FUZZ_H
#define FOLIO_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "base/font.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The project's fonts, loaded on first use and kept for the whole run
 * (still reachable at exit, so no leak). */
static inline const struct fontset *fuzz_fonts(void)
{
	static struct fontset *fs;
	if (fs == NULL) {
		struct diag d;
		diag_init(&d, stderr);
		fs = font_load(FUZZ_ROOT "/theme/static/fonts", &d);
		diag_free(&d);
		if (fs == NULL)
			__builtin_trap();
	}
	return fs;
}

#endif
