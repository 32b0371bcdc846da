#include "base/fontsub.h"

#include <stdlib.h>

#include <hb-subset.h>
#include <hb.h>

#include "base/woff2enc.h"

/* Tables dropped from every subset: layout and kerning, hinting,
 * variations, signatures and tool stamps (fontsub.h says why). */
static const char *const dropped[] = {
	"GSUB", "GPOS", "GDEF", "kern", "JSTF", "BASE", "MATH", "morx", "kerx",
	"cvt ", "fpgm", "prep", "gasp", "hdmx", "VDMX", "LTSH",
	"fvar", "gvar", "avar", "cvar", "HVAR", "VVAR", "MVAR", "STAT",
	"DSIG", "FFTM",
};

/* The name records kept: the names (0 to 6) with the licence (13, 14). */
static const unsigned kept_names[] = {0, 1, 2, 3, 4, 5, 6, 13, 14};

/* The characters to keep: printable ASCII and those noted, where the
 * face has them. */
static void add_characters(hb_set_t *set, const struct fontset *fs, enum font_face face)
{
	for (uint32_t cp = 0x20; cp < 0x110000; cp++)
		if (font_used(fs, cp) && font_has(fs, face, cp))
			hb_set_add(set, cp);
}

static hb_subset_input_t *subset_input(const struct fontset *fs, enum font_face face, hb_face_t *source)
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	if (in == NULL)
		return NULL;
	add_characters(hb_subset_input_unicode_set(in), fs, face);
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_NOTDEF_OUTLINE);
	hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	for (size_t i = 0; i < sizeof dropped / sizeof dropped[0]; i++)
		hb_set_add(drop, hb_tag_from_string(dropped[i], 4));
	/* No layout features: no alternates pulled in by a GSUB closure. */
	hb_set_clear(hb_subset_input_set(in, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG));
	hb_set_t *names = hb_subset_input_set(in, HB_SUBSET_SETS_NAME_ID);
	hb_set_clear(names);
	for (size_t i = 0; i < sizeof kept_names / sizeof kept_names[0]; i++)
		hb_set_add(names, kept_names[i]);
	/* A variable font becomes its default instance, the one FreeType
	 * measures. */
	hb_ot_var_axis_info_t axes[16];
	unsigned naxes = sizeof axes / sizeof axes[0];
	hb_ot_var_get_axis_infos(source, 0, &naxes, axes);
	for (unsigned i = 0; i < naxes; i++)
		hb_subset_input_pin_axis_to_default(in, source, axes[i].tag);
	return in;
}

bool fontsub_subset(const struct fontset *fs, enum font_face face, struct buf *ttf, struct diag *d)
{
	const char *path = font_file(fs, face);
	struct pos at = {path, 0, 0};
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
	if (blob == NULL) {
		diag_error(d, at, "cannot read this font again to cut it to the characters used; leave the font files alone while Folio builds, then build again");
		return false;
	}
	hb_face_t *source = hb_face_create(blob, 0);
	hb_blob_destroy(blob);
	hb_subset_input_t *in = subset_input(fs, face, source);
	hb_face_t *cut = in ? hb_subset_or_fail(source, in) : NULL;
	bool ok = cut != NULL;
	if (ok) {
		hb_blob_t *out = hb_face_reference_blob(cut);
		unsigned len;
		const char *data = hb_blob_get_data(out, &len);
		buf_put(ttf, data, len);
		hb_blob_destroy(out);
	} else {
		diag_error(d, at, "HarfBuzz cannot cut this font to the characters used; choose another font file");
	}
	hb_face_destroy(cut);
	hb_subset_input_destroy(in);
	hb_face_destroy(source);
	return ok;
}

bool fontsub_woff2(const void *ttf, size_t len, struct buf *woff2)
{
	size_t out_len = 0;
	uint8_t *out = woff2enc_encode(ttf, len, &out_len);
	if (out == NULL)
		return false;
	buf_put(woff2, out, out_len);
	free(out);
	return true;
}
