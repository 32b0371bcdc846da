#!/usr/bin/env bash
# tests/pdfa.sh: what the playbook PDF declares for PDF/A-2a and PDF/UA-1.
#
#   tests/pdfa.sh [FILE.pdf]
#
# Without FILE the default site is built and its playbook checked.  qpdf
# finds no error; poppler reads version 1.7, the title and the XMP; then
# tests/pdfacheck.py: XMP identification and extension schema, Info and
# XMP alike, the title shown, the output intent with the repository's sRGB
# profile byte for byte, the trailer's /ID; and a second build gives the
# same bytes (the ID and dates come from the content and SOURCE_DATE_EPOCH).
# This checks what the file says, not the whole of either standard: a
# validator such as veraPDF would go further.
. "$(dirname "$0")/lib.sh"

ICC=$ROOT/generator/pdf/srgb.icc
R=crm-integration-architecture
pdf=${1:-}
build_playbook() {
	folio build --source "$ROOT" --out "$1" --quiet >"$T_TMP/out" 2>&1 &&
		[ -f "$1/resources/$R/$R-playbook.pdf" ]
}
if [ -z "$pdf" ]; then
	build_playbook "$T_TMP/site" || { not_ok "pdfa: build" "$(cat "$T_TMP/out")"; finish; exit; }
	pdf=$T_TMP/site/resources/$R/$R-playbook.pdf
fi

out=$(qpdf --check "$pdf" 2>&1) && ok "pdfa: qpdf --check finds no error" || not_ok "pdfa: qpdf --check finds no error" "$out"

info=$(pdfinfo "$pdf" 2>&1)
echo "$info" | grep -q '^PDF version: *1\.7$' && ok "pdfa: poppler reads version 1.7" ||
	not_ok "pdfa: poppler reads version 1.7" "$info"
echo "$info" | grep -q '^Title: *[^ ]' && echo "$info" | grep -q '^Metadata Stream: *yes' &&
	ok "pdfa: poppler reads the title and finds the metadata stream" ||
	not_ok "pdfa: poppler reads the title and finds the metadata stream" "$info"
meta=$(pdfinfo -meta "$pdf" 2>&1)
echo "$meta" | grep -q '<pdfaid:part>2</pdfaid:part>' && ok "pdfa: pdfinfo -meta prints the XMP" ||
	not_ok "pdfa: pdfinfo -meta prints the XMP" "$meta"

python3 "$ROOT/tests/pdfacheck.py" "$pdf" "$ICC" >"$T_TMP/check.out" 2>&1
while IFS=$'\t' read -r status name reason; do
	if [ "$status" = ok ]; then ok "$name"; else not_ok "$name" "$reason"; fi
done < <(grep -E $'^(ok|not ok)\t' "$T_TMP/check.out")
grep -qE $'^(ok|not ok)\t' "$T_TMP/check.out" || not_ok "pdfa: tests/pdfacheck.py ran" "$(cat "$T_TMP/check.out")"

if [ -z "${1:-}" ]; then
	if build_playbook "$T_TMP/again" && cmp -s "$pdf" "$T_TMP/again/resources/$R/$R-playbook.pdf"; then
		ok "pdfa: a second build gives the same bytes (ID and dates included)"
	else
		not_ok "pdfa: a second build gives the same bytes (ID and dates included)" "$(cat "$T_TMP/out")"
	fi
fi
finish
