/*
 * The page benchmark's floor: the least work any generator of the same
 * pages must do, on one thread.  For every .md file under SRC/content it
 * reads the file, splits the front matter, parses it with libyaml (every
 * event, as a loader must), renders the body with cmark and writes the
 * HTML to OUT with the same relative path; every .yaml file is read and
 * parsed too.  No templates, no checks, no other output.
 *
 *     floor SRC OUT
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmark-gfm.h>
#include <yaml.h>

static size_t pages;

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *data = malloc((size_t)n + 1);
	if (data == NULL || fread(data, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(data);
		return NULL;
	}
	fclose(f);
	data[n] = '\0';
	*len = (size_t)n;
	return data;
}

/* Parses YAML text event by event; false when it is not valid YAML. */
static int parse_yaml(const char *text, size_t len)
{
	yaml_parser_t p;
	yaml_event_t e;
	int ok = 1, done = 0;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	while (ok && !done) {
		if (!yaml_parser_parse(&p, &e)) {
			ok = 0;
			break;
		}
		done = e.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&e);
	}
	yaml_parser_delete(&p);
	return ok;
}

static int write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (f == NULL)
		return 0;
	int ok = fwrite(data, 1, len, f) == len;
	return fclose(f) == 0 && ok;
}

static int page(const char *src, const char *out)
{
	size_t len;
	char *text = read_all(src, &len);
	if (text == NULL)
		return 0;
	const char *body = text;
	if (strncmp(text, "---\n", 4) == 0) {
		char *end = strstr(text + 4, "\n---\n");
		if (end == NULL || !parse_yaml(text + 4, (size_t)(end + 1 - (text + 4)))) {
			free(text);
			return 0;
		}
		body = end + 5;
	}
	char *html = cmark_markdown_to_html(body, strlen(body), CMARK_OPT_SMART);
	int ok = write_file(out, html, strlen(html));
	free(html);
	free(text);
	pages++;
	return ok;
}

static int walk(const char *src, const char *out)
{
	DIR *d = opendir(src);
	if (d == NULL)
		return 0;
	if (mkdir(out, 0755) != 0 && errno != EEXIST) {
		closedir(d);
		return 0;
	}
	int ok = 1;
	struct dirent *e;
	while (ok && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char s[4096], o[4096];
		snprintf(s, sizeof s, "%s/%s", src, e->d_name);
		snprintf(o, sizeof o, "%s/%s", out, e->d_name);
		size_t n = strlen(o);
		struct stat st;
		if (stat(s, &st) != 0)
			ok = 0;
		else if (S_ISDIR(st.st_mode))
			ok = walk(s, o);
		else if (n > 3 && strcmp(o + n - 3, ".md") == 0) {
			strcpy(o + n - 3, ".html");
			ok = page(s, o);
		} else if (n > 5 && strcmp(o + n - 5, ".yaml") == 0) {
			size_t len;
			char *text = read_all(s, &len);
			ok = text != NULL && parse_yaml(text, len);
			free(text);
		}
	}
	closedir(d);
	return ok;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fputs("usage: floor SRC OUT\n", stderr);
		return 2;
	}
	char content[4096];
	snprintf(content, sizeof content, "%s/content", argv[1]);
	if (!walk(content, argv[2])) {
		fprintf(stderr, "floor: failed in %s\n", content);
		return 1;
	}
	printf("floor: %zu pages\n", pages);
	return 0;
}
