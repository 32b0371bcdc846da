/*
 * escape: one function per output context.  Everything Folio writes into
 * HTML goes through these, so escaping is never a caller's afterthought.
 */
#ifndef FOLIO_ESCAPE_H
#define FOLIO_ESCAPE_H

#include <stddef.h>

#include "base/buf.h"

/* Text between tags: & < > become entities. */
void escape_html_text(struct buf *out, const char *s, size_t len);
/* A double-quoted attribute value: & < > " become entities. */
void escape_html_attr(struct buf *out, const char *s, size_t len);
/* A URL for href/src: percent-encodes bytes outside the URL repertoire
 * (spaces, quotes, non-ASCII), keeps reserved characters as written. */
void escape_url(struct buf *out, const char *s, size_t len);

/* JSON text for a <script> data block: '<' becomes \u003c, so no content
 * can close the element or open a comment. */
void escape_json_in_script(struct buf *out, const char *json);

#endif
