#include "scaffold/starters.h"

#include <stddef.h>

const char *const starters_site_yaml[] = {
	"# The site as a whole. folio(5) describes every key; `folio build` tells\n"
	"# you, with the line and column, what it does not accept.\n"
	"\n"
	"# The site's name, in the header, the browser's tab and link previews.\n"
	"title: Your subject\n"
	"# One or two sentences for search engines and link previews.\n"
	"description: Practical guides to your subject, written for the people who do the work.\n"
	"# The address the site will be published at: its home page.\n"
	"base_url: https://example.com/\n"
	"# The language of the text, as a BCP 47 tag: en, en-GB, de, de-AT...\n"
	"# The theme's words come in English and German; for another language,\n"
	"# add templates/strings/<tag>.yaml (see man folio.5, Languages).\n"
	"language: en\n",

	"# Who publishes the site, and their own website.  The logo is a file\n"
	"# under static/: until you put your own at static/images/logo.svg, the\n"
	"# theme's stand-in is used.\n"
	"publisher:\n"
	"  name: Your name\n"
	"  url: https://example.com/\n"
	"  logo: images/logo.svg\n",

	"# Your own colours, if you like: Folio checks each against the theme's\n"
	"# backgrounds for WCAG AA contrast and names a pair that fails.  Quote\n"
	"# them, or YAML reads the # as the start of a comment.\n"
	"# brand:\n"
	"#   primary: \"#12324f\"\n"
	"#   accent: \"#0e6e66\"\n"
	"#\n"
	"# Your own typeface: TrueType files in fonts/, cut at each build to the\n"
	"# characters the site uses. A face you leave out stays the theme's.\n"
	"# fonts:\n"
	"#   regular: fonts/YourSans-Regular.ttf\n"
	"#   bold: fonts/YourSans-Bold.ttf\n",

	"# The links of the header, in order; a path of the site starts with /.\n"
	"navigation:\n"
	"  - label: Home\n"
	"    url: /\n"
	"  - label: {title}\n"
	"    url: /resources/{slug}/\n",
	NULL};

/* The first block is what every resource must have; each later one is an
 * optional section, written so that a new resource shows what it can do. */
const char *const starters_resource_yaml[] = {
	"# A resource, published at /resources/{slug}/. folio(5) describes every\n"
	"# key. Add a pattern with `folio new pattern {slug}/NAME` and a question\n"
	"# with `folio new faq {slug}/NAME`.\n"
	"\n"
	"title: {title}\n"
	"# One sentence, on the home page and in link previews.\n"
	"summary: What a reader learns here, in one sentence.\n"
	"# One or two sentences for search engines.\n"
	"description: Say here, in one or two sentences, what the resource covers and for whom.\n"
	"# Its place among the site's resources, lowest first.\n"
	"weight: {weight}\n",

	"# Everything below is optional: a section the resource leaves out is not\n"
	"# shown. 'sections:' may list their order by id (folio(5)).\n"
	"\n"
	"# Why the subject matters; intro is Markdown.\n"
	"why:\n"
	"  title: Why it matters\n"
	"  intro: |\n"
	"    Say in a paragraph or two what goes wrong without this resource, and\n"
	"    for whom.\n",

	"# The resource's own words. flow_kinds are the ways things move in the\n"
	"# patterns' diagrams: a flow names one with 'how:'. line is solid,\n"
	"# dashed, dotted or heavy.\n"
	"vocabulary:\n"
	"  flow_kinds:\n"
	"    - id: handover\n"
	"      label: hand-over\n"
	"      line: solid\n"
	"    - id: report\n"
	"      label: report\n"
	"      line: dashed\n"
	"  # The unit of the patterns' effort.\n"
	"  effort_unit: days\n",

	"# The patterns' section; the patterns are the files in patterns/.\n"
	"patterns:\n"
	"  title: The patterns\n",

	"# The questions' section; the questions are the files in faq/.\n"
	"faq:\n"
	"  title: Questions\n",

	"# The playbook: the whole resource as a PDF that Folio typesets.\n"
	"playbook:\n"
	"  title: {title} playbook\n"
	"  file: {slug}-playbook.pdf\n"
	"  summary: Every pattern of the resource in one printable file.\n",
	NULL};

/* The front matter's first block is what every pattern has; the second is
 * what a pattern needs to be drawn and compared. */
const char *const starters_pattern_md[] = {
	"---\n"
	"# A pattern of {resource}, published at\n"
	"# /resources/{resource}/patterns/{slug}/. folio(5) describes every key;\n"
	"# the Markdown below the second --- line is the pattern's page.\n"
	"title: {title}\n"
	"# One sentence, on the pattern's card.\n"
	"summary: Say here, in one sentence, when this pattern is the right choice.\n"
	"# Its place among the resource's patterns, lowest first.\n"
	"weight: {weight}\n",

	"# Who it suits best, and when to choose it.\n"
	"best_for: Small teams starting out.\n"
	"decision: Choose it when you need something that works this month.\n"
	"# From 1 (simple) to the resource's vocabulary.complexity_max (5 unless\n"
	"# it says otherwise).\n"
	"complexity: 2\n"
	"# The effort, from the least to the most.\n"
	"effort:\n"
	"  min: 1\n"
	"  max: 3\n"
	"# What takes part (ids: a-z, 0-9, '-'), and what moves between them;\n"
	"# the page draws them as a diagram.\n"
	"systems:\n"
	"  - id: start\n"
	"    name: Starting point\n"
	"    role: Holds the work before the pattern.\n"
	"  - id: result\n"
	"    name: Result\n"
	"    role: Holds what the pattern produces.\n"
	"flows:\n"
	"  - from: start\n"
	"    to: result\n"
	"    data: The finished work\n"
	"    # How it moves: one of the flow_kinds of the resource's vocabulary\n"
	"    # (folio new resource declares handover and report). Without it the\n"
	"    # arrow is plain.\n"
	"    # how: handover\n",

	"---\n"
	"## How it works\n"
	"\n"
	"Describe the pattern in Markdown: its steps, what to watch for, and why it\n"
	"works.\n",
	NULL};

const char *const starters_faq_md[] = {
	"---\n"
	"# A question of {resource}, answered on its page. folio(5) describes\n"
	"# every key; the Markdown below the second --- line is the answer.\n"
	"question: {title}?\n"
	"# Its place among the resource's questions, lowest first.\n"
	"weight: {weight}\n"
	"---\n"
	"Answer the question in a short paragraph.\n",
	NULL};

const char *const starters_page_md[] = {
	"---\n"
	"# A page of its own, published at /{slug}/. folio(5) describes every\n"
	"# key; the Markdown below the second --- line is the page.\n"
	"title: {title}\n"
	"# One sentence for search engines and link previews.\n"
	"description: What this page is about, in one sentence that search results can show.\n"
	"# What kind of page it is: about, contact or page.\n"
	"type: page\n"
	"# Where links to it go: header, footer, both or none.\n"
	"menu: footer\n"
	"# Its place among the pages of its menu, lowest first.\n"
	"weight: {weight}\n"
	"---\n"
	"Write the page in Markdown.\n",
	NULL};
