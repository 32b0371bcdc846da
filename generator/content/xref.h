/*
 * xref: the references between content objects, resolved and checked.
 *
 * Authors name things by id: a flow names the systems of its pattern, a
 * resource names the site's calls to action, a rating names a criterion
 * of the decision matrix, a support cell a product, an area and a level,
 * and a flow its kind (vocabulary.h).  Once
 * the objects are read, each reference is set to the object it names (the
 * derived SK_REF fields), or reported with the ids it could have meant;
 * ids must be unique where they are looked up.
 */
#ifndef FOLIO_XREF_H
#define FOLIO_XREF_H

#include <stdbool.h>

#include "content/loader.h"

/* A pattern read: its systems' ids, the systems its flows and mapping
 * rows name, the flow kinds and directions they name among the
 * resource's vocabulary v (NULL: not checked), its label and effort
 * range, and its complexity and effort in v's words
 * (vocabulary_pattern_texts).  Returns false after reporting. */
bool xref_pattern(struct loader *ld, const struct vocabulary *v, struct pattern *p);

/* The resource's calls to action (cta), among the site's, copied into
 * r->actions: the site must be read first, and the resource's sections
 * ordered (sections.h), for a call to action whose url is '#id' leads to
 * that section of the resource's page, which it must have.  Returns false
 * after reporting. */
bool xref_actions(struct loader *ld, struct resource *r);

/* Once every resource is read: a site call to action whose url is a
 * resource's page with the fragment of a built-in section ("/resources/
 * x/#playbook") must lead to a section that resource has.  Returns false
 * after reporting. */
bool xref_site_actions(struct loader *ld);

/* Once its patterns are read: the patterns' ratings put in the order of
 * the decision matrix's criteria, the support matrix's rows and cells,
 * the estimator's ids.  Every mistake is reported; returns false when
 * there was one. */
bool xref_resource(struct loader *ld, struct resource *r);

#endif
