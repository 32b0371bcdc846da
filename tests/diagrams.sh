#!/usr/bin/env bash
# tests/diagrams.sh: the diagrams and social cards of the default site.
#
#   tests/diagrams.sh            check
#   tests/diagrams.sh --update   rewrite the golden PNGs in tests/golden/png/
#
# Every SVG is well-formed XML (xmllint) with role="img", a <title> and a
# <desc>, real <text>, and ids unique within its page; every PNG has the
# size the SVG promises (2x: the one PNG a diagram has, no 1x copy) and is
# not blank; every page has a
# 1200x630 card; a few PNGs match golden copies within a small tolerance
# (antialiasing may differ between library versions); two builds give the
# same bytes.
. "$(dirname "$0")/lib.sh"

PNG="python3 $ROOT/tests/pngcheck.py"
GOLDEN=$ROOT/tests/golden/png
site=$T_TMP/site
folio build --source "$ROOT" --out "$site" --quiet >"$T_TMP/out" 2>&1 || { not_ok "diagrams: build" "$(cat "$T_TMP/out")"; finish; exit; }

if [ "${1:-}" = --update ]; then
	mkdir -p "$GOLDEN"
	cp "$site/resources/crm-integration-architecture/patterns/crm-erp/diagram@2x.png" "$GOLDEN/crm-erp-diagram.png"
	cp "$site/resources/crm-integration-architecture/overview@2x.png" "$GOLDEN/overview.png"
	cp "$site/resources/crm-integration-architecture/og.png" "$GOLDEN/resource-card.png"
	echo "updated $GOLDEN"
	exit 0
fi

svgs=$(cd "$site" && find . -name '*.svg' ! -path './images/*' | sort)
[ -n "$svgs" ] && ok "diagrams: SVG files are written" || not_ok "diagrams: SVG files are written"
for f in $svgs; do
	name="diagrams: ${f#./}"
	if ! err=$(xmllint --noout "$site/$f" 2>&1); then
		not_ok "$name is well-formed" "$err"
		continue
	fi
	grep -q 'role="img"' "$site/$f" && grep -q '<title id=' "$site/$f" && grep -q '<desc id=' "$site/$f" &&
		grep -q '<text ' "$site/$f" && ok "$name is accessible SVG with real text" ||
		not_ok "$name is accessible SVG with real text"
	# viewBox "0 0 W H": the PNG beside it is 2W x 2H; no page links a
	# 1x copy, so none is written.
	read -r w h < <(sed -n 's/.*viewBox="0 0 \([0-9]*\) \([0-9]*\)".*/\1 \2/p' "$site/$f" | head -n 1)
	base=${f%.svg}
	got2=$($PNG size "$site/$base@2x.png")
	# cairo rounds the canvas up to whole pixels: allow one pixel more.
	if [[ "$got2" =~ ^($((2 * w))|$((2 * w + 1)))\ ($((2 * h))|$((2 * h + 1)))$ ]] && [ ! -e "$site/$base.png" ]; then
		ok "$name has its PNG at 2x and no 1x copy"
	else
		not_ok "$name has its PNG at 2x and no 1x copy" "want $((2 * w))x$((2 * h)), got '$got2'$([ -e "$site/$base.png" ] && echo "; $base.png written")"
	fi
	$PNG blank "$site/$base@2x.png" && ok "$name PNG is not blank" || not_ok "$name PNG is not blank"
done

# Every page has its card, 1200 x 630 and not blank.
for page in $(cd "$site" && find . -name '*.html' | sort); do
	case $page in
	*/index.html) card=${page%index.html}og.png ;;
	*) card=${page%.html}-og.png ;;
	esac
	if [ "$($PNG size "$site/$card" 2>/dev/null)" = "1200 630" ] && $PNG blank "$site/$card"; then
		ok "diagrams: ${page#./} has a 1200x630 card"
	else
		not_ok "diagrams: ${page#./} has a 1200x630 card" "missing or wrong: $card"
	fi
done

# Inline diagrams: ids unique within each page.
for page in $(cd "$site" && find . -name '*.html' | sort); do
	dup=$(grep -o ' id="[^"]*"' "$site/$page" | sort | uniq -d | head -n 3)
	[ -z "$dup" ] && ok "diagrams: ids are unique in ${page#./}" || not_ok "diagrams: ids are unique in ${page#./}" "$dup"
done
grep -q '<svg[^>]*class="diagram"' "$site/resources/crm-integration-architecture/patterns/crm-erp/index.html" &&
	ok "diagrams: the pattern page shows its diagram inline" || not_ok "diagrams: the pattern page shows its diagram inline"
grep -q 'id="dg-overview-title"' "$site/resources/crm-integration-architecture/index.html" &&
	ok "diagrams: the resource page shows the overview inline" || not_ok "diagrams: the resource page shows the overview inline"

# Golden PNGs, within 0.5% of the pixels.
for pair in "resources/crm-integration-architecture/patterns/crm-erp/diagram@2x.png crm-erp-diagram.png" \
	"resources/crm-integration-architecture/overview@2x.png overview.png" \
	"resources/crm-integration-architecture/og.png resource-card.png"; do
	set -- $pair
	if frac=$($PNG compare "$site/$1" "$GOLDEN/$2" 0.005); then
		ok "diagrams: $2 matches its golden copy ($frac differ)"
	else
		not_ok "diagrams: $2 matches its golden copy" "$frac of the pixels differ; if the change is meant, run tests/diagrams.sh --update"
	fi
done

# Two builds, the same bytes.
folio build --source "$ROOT" --out "$T_TMP/again" --quiet >/dev/null 2>&1
if diff -r -q "$site" "$T_TMP/again" >/dev/null; then
	ok "diagrams: two builds give identical SVG and PNG"
else
	not_ok "diagrams: two builds give identical SVG and PNG" "$(diff -r -q "$site" "$T_TMP/again" | head -n 5)"
fi
finish
