#!/usr/bin/env bash
# tests/safe.sh: safe output.  The built pages carry a Content-Security-
# Policy and no inline script but data blocks, link out with
# rel="noopener", load nothing over http:// (tests/safecheck.py); raw HTML
# in Markdown is left out unless site.yaml opts in; script and data URLs
# from Markdown or YAML are refused.
. "$(dirname "$0")/lib.sh"

FIXTURE=$ROOT/tests/fixtures/minimal

# built NAME SOURCE OUT: builds, reporting a failure.
built() {
	run_folio "$T_TMP/b.out" "$T_TMP/b.err" build --source "$2" --out "$3" --quiet
	[ "$RC" -eq 0 ] && return 0
	not_ok "$1: builds" "$(head -n 5 "$T_TMP/b.err")"
	return 1
}

# ---- the checker on real sites, and on a page made unsafe on purpose ----
for s in default minimal; do
	src=$ROOT
	[ "$s" = minimal ] && { src=$T_TMP/minimal; copy_site "$FIXTURE" "$src"; }
	if built "safe: $s site" "$src" "$T_TMP/$s-out"; then
		if python3 "$ROOT/tests/safecheck.py" "$T_TMP/$s-out" >"$T_TMP/$s.check" 2>&1; then
			ok "safe: $s site: CSP on every page, no inline script, noopener, no http:// resource ($(tail -n 1 "$T_TMP/$s.check"))"
		else
			not_ok "safe: $s site passes safecheck.py" "$(head -n 20 "$T_TMP/$s.check")"
		fi
	fi
done
# The checker finds each kind of problem (so its silence above means something).
bad=$T_TMP/unsafe
mkdir -p "$bad"
cp "$T_TMP/default-out/index.html" "$bad/index.html"
sed -i 's|</body>|<script>alert(1)</script><a href="https://x.example/">x</a><img src="http://x.example/i.png" alt=""/><a href="javascript:alert(1)" onclick="x()">y</a></body>|' "$bad/index.html"
sed -i 's|default-src '"'"'self'"'"'|default-src *|' "$bad/index.html"
python3 "$ROOT/tests/safecheck.py" "$bad" >"$T_TMP/unsafe.check" 2>&1
found=0
for want in 'inline script' 'without rel="noopener"' 'resource over http' 'href URL javascript' 'event handler' 'default-src'; do
	grep -q "$want" "$T_TMP/unsafe.check" && found=$((found + 1))
done
if [ "$found" -eq 6 ]; then
	ok "safe: safecheck.py finds an inline script, a link without noopener, http://, javascript:, onclick, a loose CSP"
else
	not_ok "safe: safecheck.py finds each planted problem" "$(cat "$T_TMP/unsafe.check")"
fi

# ---- raw HTML ----------------------------------------------------------
raw=$T_TMP/raw
copy_site "$FIXTURE" "$raw"
beta=$raw/content/resources/demo/patterns/beta.md
printf '\n<div class="raw-block">kept?</div>\n\nText with <span class="raw-inline">inline</span> HTML.\n' >>"$beta"
page=resources/demo/patterns/beta/index.html
if built "safe: raw HTML, default" "$raw" "$T_TMP/raw-out"; then
	if ! grep -q 'raw-block\|raw-inline' "$T_TMP/raw-out/$page" && grep -q 'Text with inline HTML' "$T_TMP/raw-out/$page" &&
		grep -q 'warning: raw HTML in Markdown is left out' "$T_TMP/b.err"; then
		ok "safe: raw HTML in Markdown is left out, with a warning, by default"
	else
		not_ok "safe: raw HTML in Markdown is left out, with a warning, by default" "$(grep -o '.\{40\}raw-[a-z]*.\{40\}' "$T_TMP/raw-out/$page")" "$(cat "$T_TMP/b.err")"
	fi
fi
printf 'markdown:\n  raw_html: true\n' >>"$raw/content/site.yaml"
if built "safe: raw HTML, opted in" "$raw" "$T_TMP/raw-out2"; then
	if grep -q '<div class="raw-block">kept?</div>' "$T_TMP/raw-out2/$page" &&
		grep -q 'Text with <span class="raw-inline">inline</span> HTML' "$T_TMP/raw-out2/$page" &&
		! grep -q 'raw HTML' "$T_TMP/b.err"; then
		ok "safe: with markdown: {raw_html: true} raw HTML is kept, without a warning"
	else
		not_ok "safe: with markdown: {raw_html: true} raw HTML is kept" "$(grep -o '.\{40\}raw-[a-z]*.\{40\}' "$T_TMP/raw-out2/$page")" "$(cat "$T_TMP/b.err")"
	fi
fi

# ---- URLs from content -------------------------------------------------
# refused NAME FILE SED-EXPRESSION|APPEND WANT: the build must fail with an
# error at FILE that contains WANT, and write nothing.
refused() {
	local name=$1 file=$2 edit=$3 want=$4
	local dir=$T_TMP/url
	rm -rf "$dir"
	copy_site "$FIXTURE" "$dir"
	case $edit in
	append:*) printf '%s\n' "${edit#append:}" >>"$dir/$file" ;;
	*) sed -i "$edit" "$dir/$file" ;;
	esac
	run_folio "$T_TMP/u.out" "$T_TMP/u.err" build --source "$dir" --out "$dir/out" --quiet
	if [ "$RC" -eq 1 ] && grep -q "^$dir/$file:[0-9]*:[0-9]*: error: .*$want" "$T_TMP/u.err" && [ ! -e "$dir/out" ]; then
		ok "safe: refused: $name"
	else
		not_ok "safe: refused: $name" "status $RC" "$(sed "s|$dir/||g" "$T_TMP/u.err" | head -n 5)"
	fi
}
md=content/resources/demo/patterns/beta.md
refused "javascript: link in Markdown" $md 'append:[a](javascript:alert(1))' "only https:, http: and mailto:"
refused "JavaScript: link in Markdown, mixed case" $md 'append:[a](JavaScript:alert(1))' "only https:, http: and mailto:"
refused "javascript: hidden by a character reference" $md 'append:[a](&#106;avascript:alert(1))' "only https:, http: and mailto:"
refused "javascript: split by an encoded tab" $md 'append:[a](java&#9;script:alert(1))' "only https:, http: and mailto:"
refused "data: link in Markdown" $md 'append:[a](data:text/html;base64,PGI+eDwvYj4=)' "only https:, http: and mailto:"
refused "vbscript: link in Markdown" $md 'append:[a](vbscript:msgbox(1))' "only https:, http: and mailto:"
refused "data: image in Markdown" $md 'append:![a](data:image/svg+xml,<svg/>)' "is not a file of the site"
refused "an image over http:// (mixed content)" $md 'append:![a](http://example.org/a.png)' "is remote; the pages.* Content-Security-Policy loads images from the site only"
refused "javascript: in a YAML link" content/site.yaml 's|    url: /resources/demo/$|    url: javascript:alert(1)|' "must be"
refused "data: in a YAML link" content/site.yaml 's|    url: /resources/demo/$|    url: data:text/html,x|' "must be"
refused "vbscript: in a YAML url" content/site.yaml 's|  url: https://example.org/about/|  url: vbscript:x|' "must be"
refused "javascript: in YAML Markdown" content/site.yaml 's|(https://example.org/)|(javascript:alert(1))|' "only https:, http: and mailto:"
refused "an http:// lead-form endpoint" content/site.yaml 's|endpoint: https://|endpoint: http://|' "must be an https:// URL"
finish
