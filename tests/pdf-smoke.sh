#!/usr/bin/env bash
# tests/pdf-smoke.sh: reads a PDF back as readers do (poppler, qpdf).
#
#   tests/pdf-smoke.sh [FILE.pdf]
#
# Without FILE, the sample document of the PDF unit test is written (by
# UNIT_DIR/test_pdf, default build/: run `make build/test_pdf` first) and
# checked.  Checks: qpdf finds no structural error; every font is embedded
# and has a ToUnicode map; pdftotext extracts text with no poppler warning
# (libharu's own ToUnicode map draws one); pdfinfo reads a title and A4
# pages; page 1 renders (pdftoppm -r 60) to a picture that is not blank.
# PDF_SMOKE_PNG=path keeps that picture, to look at.
. "$(dirname "$0")/lib.sh"

PNG="python3 $ROOT/tests/pngcheck.py"
UNIT_DIR=${UNIT_DIR:-$ROOT/build}
case $UNIT_DIR in /*) ;; *) UNIT_DIR=$ROOT/$UNIT_DIR ;; esac

missing=""
for tool in qpdf pdffonts pdftotext pdfinfo pdftoppm python3; do
	command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
	not_ok "pdf: tools installed" "missing:$missing (apt-get install poppler-utils qpdf python3; make test installs them)"
	finish
	exit
fi

pdf=${1:-}
if [ -z "$pdf" ]; then
	pdf=$T_TMP/sample.pdf
	if ! FOLIO_PDF_OUT=$pdf "$UNIT_DIR/test_pdf" >"$T_TMP/unit.out" 2>&1 || [ ! -s "$pdf" ]; then
		not_ok "pdf: the sample is written" "$UNIT_DIR/test_pdf failed (make build/test_pdf)" \
			"$(tail -n 20 "$T_TMP/unit.out")"
		finish
		exit
	fi
fi
name=$(basename "$pdf")
[ -s "$pdf" ] || { not_ok "pdf: $name exists" "no file $pdf"; finish; exit; }

# tool_ok NAME OUT COMMAND...: ok when the command succeeds; its output
# (stdout and stderr) is kept in OUT for the checks after it.
tool_ok() {
	local label=$1 out=$2
	shift 2
	if "$@" >"$out" 2>&1; then ok "$label"; else not_ok "$label" "failed: $*" "$(head -n 20 "$out")"; fi
}

tool_ok "pdf: $name passes qpdf --check" "$T_TMP/qpdf" qpdf --check "$pdf"

tool_ok "pdf: pdffonts reads $name" "$T_TMP/fonts" pdffonts "$pdf"
# Columns from the end: emb sub uni object-number generation.
bad_fonts=$(awk '/^---/ {f = 1; next} f && ($(NF-4) != "yes" || $(NF-2) != "yes")' "$T_TMP/fonts")
nfonts=$(awk '/^---/ {f = 1; next} f' "$T_TMP/fonts" | wc -l)
if [ "$nfonts" -gt 0 ] && [ -z "$bad_fonts" ]; then
	ok "pdf: $nfonts fonts, all embedded with a ToUnicode map"
else
	not_ok "pdf: fonts embedded with a ToUnicode map" "$(cat "$T_TMP/fonts")"
fi

pdftotext -enc UTF-8 "$pdf" "$T_TMP/text" 2>"$T_TMP/text.err"
if [ -s "$T_TMP/text" ] && [ ! -s "$T_TMP/text.err" ]; then
	ok "pdf: text extracts with no poppler warning"
else
	not_ok "pdf: text extracts with no poppler warning" "$(head -n 10 "$T_TMP/text.err")"
fi

tool_ok "pdf: pdfinfo reads $name" "$T_TMP/info" pdfinfo "$pdf"
if grep -q '^Title: *[^ ]' "$T_TMP/info" && grep -q '^Page size: .*(A4)' "$T_TMP/info" &&
	! grep -q 'Syntax' "$T_TMP/info"; then
	ok "pdf: a title and A4 pages"
else
	not_ok "pdf: a title and A4 pages" "$(cat "$T_TMP/info")"
fi

if pdftoppm -r 60 -png -f 1 -l 1 -singlefile "$pdf" "$T_TMP/page1" >"$T_TMP/ppm" 2>&1 &&
	[ ! -s "$T_TMP/ppm" ] && $PNG blank "$T_TMP/page1.png"; then
	ok "pdf: page 1 renders, not blank"
else
	not_ok "pdf: page 1 renders, not blank" "$(head -n 10 "$T_TMP/ppm")"
fi
if [ -n "${PDF_SMOKE_PNG:-}" ] && [ -f "$T_TMP/page1.png" ]; then
	cp "$T_TMP/page1.png" "$PDF_SMOKE_PNG"
fi

finish
