/* Front matter: UTF-8 check, BOM and CRLF clean-up, then the split into
 * YAML and Markdown body, as the loader does for every .md file. */
#include <stdlib.h>
#include <string.h>

#include "base/textfile.h"
#include "base/xalloc.h"
#include "content/frontmatter.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	struct diag d;
	diag_init(&d, NULL);
	size_t len = size;
	if (textfile_clean(text, &len, "f.md", &d)) {
		const char *yaml, *body;
		size_t yaml_len;
		int body_line;
		if (frontmatter_split(text, "f.md", &yaml, &yaml_len, &body, &body_line, &d)) {
			/* What the split returns must lie inside the text. */
			if (yaml < text || yaml + yaml_len > text + len || body < text || body > text + len ||
			    body_line < 2)
				__builtin_trap();
		}
	}
	diag_free(&d);
	free(text);
	return 0;
}
