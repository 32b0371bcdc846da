/* Template parsing and rendering: the input is a template (libxml2's
 * strict parse, the check of every data-f-* attribute), rendered against
 * a fixed model read once from tests/fixtures/minimal: the site, its
 * first resource and pattern, so paths, loops and conditions have real
 * values to resolve. */
#include <stdlib.h>

#include "base/buf.h"
#include "content/load.h"
#include "content/model.h"
#include "fuzz.h"
#include "web/template.h"

static struct site *site;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	struct diag d;
	diag_init(&d, stderr);
	struct options opt = {.source = FUZZ_ROOT "/tests/fixtures/minimal"};
	/* The theme after the fixture's own: it has the strings file. */
	static const char *const templates[] = {FUZZ_ROOT "/tests/fixtures/minimal/templates", FUZZ_ROOT "/theme/templates",
	                                        NULL};
	site = load_site(&opt, templates, NULL, &d);
	diag_free(&d);
	if (site == NULL || site->resources.len == 0)
		__builtin_trap();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Partials and layouts are looked for in a folder that does not exist:
	 * the input is the only template. */
	struct tpl_set *set = tpl_new(FUZZ_ROOT "/tests/fuzz/no-such-folder", "templates");
	tpl_set_strings(set, &site->strings);
	struct diag d;
	diag_init(&d, NULL);
	struct buf out = BUF_INIT;
	if (tpl_add_source(set, "fuzz.html", (const char *)data, size, &d) && tpl_check(set, "fuzz.html", &d)) {
		const struct resource *r = site->resources.items;
		const struct pattern *p = r->patterns->items.len ? r->patterns->items.items : NULL;
		struct tpl_var vars[] = {{"site", tval_object(&model_site_schema, site)},
		                         {"resource", tval_object(&model_resource_schema, r)},
		                         {"pattern", tval_object(&model_pattern_schema, p)},
		                         {"title", tval_text("A <title> & \"quotes\"")},
		                         {"home", tval_link("/resources/")}};
		tpl_render(set, "fuzz.html", vars, sizeof vars / sizeof vars[0], &(struct tpl_page){.root = "../"}, &out,
		           &d);
	}
	buf_free(&out);
	diag_free(&d);
	tpl_free(set);
	return 0;
}
