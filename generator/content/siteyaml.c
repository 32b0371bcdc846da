/*
 * siteyaml: reads content/site.yaml, the settings of the whole site.
 */
#include "content/siteyaml.h"

#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/xalloc.h"
#include "content/brand.h"
#include "content/confine.h"
#include "content/decode.h"
#include "content/ytree.h"

/* Whether site.yaml opts in to raw HTML.  Looked up before the site is
 * read, because site.yaml's own Markdown (the footer) may come first. */
static bool wants_raw_html(const struct ynode *root)
{
	const struct ynode *m = root && root->kind == YNODE_MAP ? ytree_get(root, "markdown") : NULL;
	const struct ynode *v = m && m->kind == YNODE_MAP ? ytree_get(m, "raw_html") : NULL;
	return v && v->kind == YNODE_SCALAR && strcmp(v->text, "true") == 0;
}

bool siteyaml_read_text(struct loader *ld, const char *text, const char *shown)
{
	struct pos at = {shown, 1, 1};
	ld->site->at = at;
	if (text == NULL)
		return false;
	struct ynode *root = ytree_parse(text, strlen(text), shown, 1, ld->d);
	ld->raw_html = wants_raw_html(root);
	bool ok = root && decode_object(ld, &model_site_schema, ld->site, root);
	loader_check_description(ld, &ld->site->description, "description");
	if (ok && ld->site->brand)
		ok = brand_resolve(ld->site->brand, ld->d);
	ytree_free(root);
	if (ld->opt->base_url) {
		struct field f = {"--base-url", SK_URL, 0, 0, NULL, 0, 0, NULL, SK_LINE};
		struct pos cli = {"--base-url", 0, 0};
		if (!decode_url(ld, &f, ld->opt->base_url, cli, "--base-url"))
			return false;
		loader_set_derived(&ld->site->base_url, xstrdup(ld->opt->base_url), cli);
	}
	struct publisher *pub = ld->site->publisher;
	if (pub && pub->logo.v)
		loader_set_derived(&pub->logo_url, xasprintf("/%s", pub->logo.v), pub->logo.at);
	/* The theme's head links an SVG icon: the publisher's, when it has one. */
	if (pub && pub->icon.v && text_ends_with(pub->icon.v, ".svg"))
		loader_set_derived(&pub->icon_svg_url, xasprintf("/%s", pub->icon.v), pub->icon.at);
	struct str *base = &ld->site->base_url;
	if (base->v && !text_ends_with(base->v, "/")) {
		char *with_slash = xasprintf("%s/", base->v);
		free(base->v);
		base->v = with_slash;
	}
	return ok;
}

bool siteyaml_read(struct loader *ld)
{
	const char *shown;
	char *text = confine_read_text(ld, "content/site.yaml", &shown, NULL);
	bool ok = siteyaml_read_text(ld, text, shown);
	free(text);
	return ok;
}
