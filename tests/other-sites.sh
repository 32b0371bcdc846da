#!/usr/bin/env bash
# tests/other-sites.sh: two more sites on other subjects, from content/
# alone (the built-in theme gives the rest):
#   tests/fixtures/security-review  a release security review checklist,
#     with its own flow kinds, support levels, effort unit, complexity
#     scale, a custom section, an order of sections and plain pages;
#   tests/fixtures/content-only     a site of one resource with nothing
#     but its title, summary and description, and one page.
# Each builds, passes folio check, and nothing it publishes (pages, feeds,
# Markdown copies, the text of its PDFs) says a word of the default
# site's subject.  The browser group runs axe-core and the Nu Html
# Checker over both.
. "$(dirname "$0")/lib.sh"

# The default content's words, as the issue names them.
DEFAULT_WORDS='crm|integration|api mapping|vendor'

# build_site NAME: builds the fixture into $T_TMP/NAME/out; sets OUT.
build_site() {
	local name=$1
	copy_site "$ROOT/tests/fixtures/$name" "$T_TMP/$name"
	OUT=$T_TMP/$name/out
	run_folio "$T_TMP/$name.out" "$T_TMP/$name.err" build --source "$T_TMP/$name" --out "$OUT"
	if [ "$RC" -ne 0 ] || [ -s "$T_TMP/$name.err" ]; then
		not_ok "$name: builds without a word on stderr" "exit status $RC" "$(cat "$T_TMP/$name.err")"
		return 1
	fi
	ok "$name: builds without a word on stderr"
	run_folio "$T_TMP/$name.check" "$T_TMP/$name.check.err" check "$OUT"
	if [ "$RC" -eq 0 ] && [ ! -s "$T_TMP/$name.check" ]; then
		ok "$name: passes folio check"
	else
		not_ok "$name: passes folio check" "exit status $RC" "$(cat "$T_TMP/$name.check" "$T_TMP/$name.check.err")"
	fi
}

# speaks_only_its_subject NAME: no default word in any text file of OUT,
# nor in the text of its PDFs.
speaks_only_its_subject() {
	local name=$1 hits
	hits=$(grep -rIliE "$DEFAULT_WORDS" "$OUT" | sed "s|^$OUT/||")
	local pdf
	while IFS= read -r pdf; do
		[ -n "$pdf" ] || continue
		if pdftotext -enc UTF-8 "$pdf" - | grep -qiE "$DEFAULT_WORDS"; then
			hits="$hits ${pdf#"$OUT"/}"
		fi
	done < <(find "$OUT" -name '*.pdf')
	if [ -z "$hits" ]; then
		ok "$name: no word of the default subject in what it publishes"
	else
		not_ok "$name: no word of the default subject in what it publishes" "$hits"
	fi
}

# has NAME FILE TEXT: FILE holds TEXT.
has() {
	if [ -f "$2" ] && grep -qF -- "$3" "$2"; then ok "$1"; else not_ok "$1" "${2#"$OUT"/} lacks: $3"; fi
}

# The check of the words must see a word that is there.
mkdir -p "$T_TMP/planted"
echo '<p>Our vendor list</p>' >"$T_TMP/planted/index.html"
if grep -rIliE "$DEFAULT_WORDS" "$T_TMP/planted" >/dev/null; then
	ok "the word check finds a planted word"
else
	not_ok "the word check finds a planted word"
fi

# ---- the security review checklist ------------------------------------------
if build_site security-review; then
	speaks_only_its_subject security-review
	RES=$OUT/resources/release-security-review/index.html
	has "security-review: its own flow kind on the page" "$RES" '>code hand-off</span>'
	has "security-review: its heavy line style on a badge" "$RES" 'badge--heavy'
	has "security-review: its own support level" "$RES" 'Found automatically'
	has "security-review: its own column caption" "$RES" 'Flaw class'
	has "security-review: its own effort unit" "$RES" '1 to 3 days'
	has "security-review: its custom section" "$RES" 'id="threat-model-first"'
	got=$(grep -o '<section class="section[^"]*" id="[^"]*"' "$RES" | sed 's/.*id="//; s/"$//' | grep -v next-steps | tr '\n' ' ')
	want="answers why threat-model-first patterns overview support estimator faq playbook "
	[ "$got" = "$want" ] && ok "security-review: the sections in the resource's order" ||
		not_ok "security-review: the sections in the resource's order" "got:      $got" "expected: $want"
	has "security-review: its own word for the theme's 'pattern'" "$RES" '<p class="kicker">Stage <span>1</span></p>'
	has "security-review: its about page" "$OUT/about/index.html" '"@type": "AboutPage"'
	has "security-review: its diagram draws its own kinds" \
		"$OUT/resources/release-security-review/patterns/code-review/diagram.svg" 'finding report'
	pdftotext -enc UTF-8 "$OUT/resources/release-security-review/release-security-review.pdf" "$T_TMP/sec.txt"
	has "security-review: its playbook speaks of its stages" "$T_TMP/sec.txt" 'Start with a threat model'
fi

# ---- a site of content/ only, its resource of three keys --------------------
if build_site content-only; then
	speaks_only_its_subject content-only
	has "content-only: the home page lists the resource" "$OUT/index.html" 'Brewing Loose-Leaf Tea'
	has "content-only: ... with its summary" "$OUT/index.html" 'how long to wait, for the common kinds of tea'
	for f in css/site.css js/contents.js fonts/folio-sans-regular.woff2 images/logo.svg; do
		check "content-only: the theme gives $f" test -s "$OUT/$f"
	done
	if grep -q 'class="section' "$OUT/resources/tea-brewing/index.html"; then
		not_ok "content-only: a resource of three keys shows no empty section"
	else
		ok "content-only: a resource of three keys shows no empty section"
	fi
	check "content-only: no playbook, no PDF" test -z "$(find "$OUT" -name '*.pdf')"
fi

finish
