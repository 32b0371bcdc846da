/*
 * starters: the texts `folio new` writes, as tables of C strings.
 *
 * Each is a small, valid, commented starting file that builds at once.
 * They speak of "Your subject", never of a particular domain.  A text may
 * hold these placeholders, which scaffold.c fills:
 *
 *   {slug}       the new entry's slug (for a site: its first resource's)
 *   {title}      a title made from the slug: first-steps -> First steps
 *   {resource}   the slug of the resource a pattern or question is in
 *   {weight}     the entry's place: one after the entries already there
 *
 * A text is a NULL-terminated list of blocks written one after the other,
 * so that a block the format no longer requires can be dropped alone.
 */
#ifndef FOLIO_STARTERS_H
#define FOLIO_STARTERS_H

/* content/site.yaml of a new site. */
extern const char *const starters_site_yaml[];

/* content/resources/{slug}/resource.yaml. */
extern const char *const starters_resource_yaml[];

/* content/resources/{resource}/patterns/{slug}.md. */
extern const char *const starters_pattern_md[];

/* content/resources/{resource}/faq/{slug}.md. */
extern const char *const starters_faq_md[];

/* content/pages/{slug}.md. */
extern const char *const starters_page_md[];

/* The slugs of the first resource, pattern and question of a new site. */
#define STARTERS_SITE_RESOURCE "your-subject"
#define STARTERS_SITE_PATTERN "first-pattern"
#define STARTERS_SITE_QUESTION "what-does-it-cover"

#endif
