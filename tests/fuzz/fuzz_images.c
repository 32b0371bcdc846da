/* The image sniffers: whatever bytes a file holds, the type and size
 * they read stay within the bytes, and a size read is a positive one. */
#include <stdlib.h>
#include <string.h>

#include "content/images.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A copy of exactly size bytes: ASan sees any read past them. */
	unsigned char *bytes = malloc(size ? size : 1);
	if (bytes == NULL)
		return 0;
	memcpy(bytes, data, size);
	enum image_kind kind = image_sniff(bytes, size);
	static const enum image_kind kinds[] = {IMAGE_PNG, IMAGE_JPEG, IMAGE_SVG};
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		long w = 0, h = 0;
		if (image_size(kinds[i], bytes, size, &w, &h) && (w <= 0 || h <= 0))
			__builtin_trap();
	}
	(void)kind;
	free(bytes);
	return 0;
}
