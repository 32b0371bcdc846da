/*
 * frontmatter: finds where a document's YAML ends and its body starts.
 */
#include "content/frontmatter.h"

#include <string.h>

/* Length of the line starting at s, without its newline. */
static size_t line_length(const char *s)
{
	return strcspn(s, "\n");
}

static bool is_fence(const char *s, const char *mark)
{
	size_t n = line_length(s);
	if (n < 3 || strncmp(s, mark, 3) != 0)
		return false;
	for (size_t i = 3; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

bool frontmatter_split(const char *text, const char *shown, const char **yaml, size_t *yaml_len,
                       const char **body, int *body_line, struct diag *d)
{
	struct pos at = {shown, 1, 1};
	if (!is_fence(text, "---")) {
		diag_error(d, at, "missing front matter; start the file with a line '---', the YAML fields, and another '---'");
		return false;
	}
	const char *p = text + line_length(text);
	int line = 1;
	if (*p == '\n')
		p++;
	line++;
	*yaml = p;
	while (*p) {
		if (is_fence(p, "---") || is_fence(p, "...")) {
			*yaml_len = (size_t)(p - *yaml);
			p += line_length(p);
			if (*p == '\n')
				p++;
			*body = p;
			*body_line = line + 1;
			return true;
		}
		p += line_length(p);
		if (*p == '\n')
			p++;
		line++;
	}
	diag_error(d, at, "front matter is not closed; add a line '---' after the YAML fields");
	return false;
}
