/*
 * rawpdf: the objects libharu has no API for, written through its
 * internal one (rawpdf.h).
 */
#include "pdf/rawpdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include "base/xalloc.h"

/* ---- tagged PDF --------------------------------------------------------- */

/* TAGGED-BEGIN (the structure tree; the archival part is below) */
/* TAGGED-END */

/* ---- archival PDF ------------------------------------------------------- */

HPDF_STATUS rawpdf_archival(HPDF_Doc doc, const struct rawpdf_meta *meta, const void *icc, size_t len)
{
	(void)doc, (void)meta, (void)icc, (void)len;
	return HPDF_OK;
}
