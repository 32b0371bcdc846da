#!/usr/bin/env bash
# tests/german.sh: a site in German (tests/fixtures/german, language: de,
# the built-in theme, with colours and a regular face of its own: the
# brand and fonts groups test those in depth).
#
# The theme's German strings have every English name with the same
# placeholders (tests/stringscheck.py keys, reading both files with
# PyYAML).  The site builds without a word on stderr and passes folio
# check; its pages say lang="de" and its PDF /Lang (de); nothing it shows
# (pages, diagrams, Markdown copies, llms.txt, the PDF's text) holds an
# English phrase of the theme (tests/stringscheck.py english); its PDF
# hyphenates German words where libhyphen, called directly, allows
# (tests/hyphencheck.py); dates read "2. März 2026" and numbers "1.200".
# Then the choice of the file: de-AT falls back to de.yaml, a site's own
# strings/de.yaml replaces the theme's, a language without patterns
# warns with the Debian package, one without strings is an error.  The
# browser group runs axe-core and the Nu Html Checker over the site.
. "$(dirname "$0")/lib.sh"

STRINGS=$ROOT/theme/templates/strings
CHECK_STRINGS="python3 $ROOT/tests/stringscheck.py"
CHECK_HYPHENS="python3 $ROOT/tests/hyphencheck.py"
DE_DICT=/usr/share/hyphen/hyph_de_DE.dic

# ---- the strings files ------------------------------------------------------

if out=$($CHECK_STRINGS keys "$STRINGS/en.yaml" "$STRINGS/de.yaml" 2>&1); then
	ok "de.yaml has every string of en.yaml, with the same placeholders"
else
	not_ok "de.yaml has every string of en.yaml, with the same placeholders" "$out"
fi
# The check must see a missing name and a lost placeholder.
grep -v '^go_home:' "$STRINGS/de.yaml" | sed 's/^page_of: .*/page_of: Seite {page}/' >"$T_TMP/broken.yaml"
out=$($CHECK_STRINGS keys "$STRINGS/en.yaml" "$T_TMP/broken.yaml" 2>&1)
if grep -q "no string 'go_home'" <<<"$out" && grep -q "'page_of' has placeholders" <<<"$out"; then
	ok "the strings check finds a missing name and a lost placeholder"
else
	not_ok "the strings check finds a missing name and a lost placeholder" "$out"
fi

# ---- the German site ----------------------------------------------------------

SITE=$T_TMP/german
copy_site "$ROOT/tests/fixtures/german" "$SITE"
OUT=$SITE/out
run_folio "$T_TMP/build.out" "$T_TMP/build.err" build --source "$SITE" --out "$OUT"
if [ "$RC" -ne 0 ] || [ -s "$T_TMP/build.err" ]; then
	not_ok "german: builds without a word on stderr" "exit status $RC" "$(cat "$T_TMP/build.err")"
	finish
	exit
fi
ok "german: builds without a word on stderr"
run_folio "$T_TMP/check.out" "$T_TMP/check.err" check "$OUT"
if [ "$RC" -eq 0 ] && [ ! -s "$T_TMP/check.out" ]; then
	ok "german: passes folio check"
else
	not_ok "german: passes folio check" "exit status $RC" "$(cat "$T_TMP/check.out" "$T_TMP/check.err")"
fi

pages=$(find "$OUT" -name '*.html' | sort)
not_de=$(for p in $pages; do grep -L '<html lang="de"' "$p"; done)
if [ -n "$pages" ] && [ -z "$not_de" ]; then
	ok "german: every page says lang=\"de\""
else
	not_ok "german: every page says lang=\"de\"" "pages without it:" "$not_de"
fi

PDF=$(find "$OUT" -name '*.pdf' | head -n 1)
if [ -n "$PDF" ] && qpdf --qdf --object-streams=disable "$PDF" - 2>/dev/null | grep -aq '^ */Lang (de)$'; then
	ok "german: the PDF's catalog says /Lang (de)"
else
	not_ok "german: the PDF's catalog says /Lang (de)" "${PDF:-no PDF}"
fi

texts=()
for pdf in $(find "$OUT" -name '*.pdf' | sort); do
	pdftotext -enc UTF-8 "$pdf" "$T_TMP/$(basename "$pdf").txt"
	texts+=("$T_TMP/$(basename "$pdf").txt")
done
if out=$($CHECK_STRINGS english "$STRINGS/en.yaml" "$STRINGS/de.yaml" "$OUT" "${texts[@]}" 2>&1); then
	ok "german: no English phrase of the theme in its pages, Markdown copies, llms.txt or PDF"
else
	not_ok "german: no English phrase of the theme in its pages, Markdown copies, llms.txt or PDF" "$out"
fi
# The same check on an English site must find English.
copy_site "$ROOT/tests/fixtures/german" "$T_TMP/english"
sed -i 's/^language: de$/language: en/' "$T_TMP/english/content/site.yaml"
if folio build --source "$T_TMP/english" --out "$T_TMP/english/out" --quiet --no-pdf >/dev/null 2>&1 &&
	! $CHECK_STRINGS english "$STRINGS/en.yaml" "$STRINGS/de.yaml" "$T_TMP/english/out" >/dev/null 2>&1; then
	ok "the English-phrase check finds the theme's English"
else
	not_ok "the English-phrase check finds the theme's English" "the same site in English passed it"
fi

# Hyphenation: pdftotext -raw keeps the hyphens at line ends (its other
# modes join some words back).
if [ -n "$PDF" ] && pdftotext -raw -enc UTF-8 "$PDF" "$T_TMP/raw.txt" &&
	out=$($CHECK_HYPHENS "$T_TMP/raw.txt" "$DE_DICT" "$SITE/content" 2>&1); then
	ok "german: the PDF hyphenates German words where libhyphen allows ($(grep -c '^ok' <<<"$out") breaks)"
else
	not_ok "german: the PDF hyphenates German words where libhyphen allows" "$out"
fi
printf 'Diese Qualitä-\ntssicherungsmaßnahmen\n' >"$T_TMP/wrong.txt"
if ! $CHECK_HYPHENS "$T_TMP/wrong.txt" "$DE_DICT" "$SITE/content" >/dev/null 2>&1; then
	ok "the hyphen check refuses a break German does not allow"
else
	not_ok "the hyphen check refuses a break German does not allow"
fi

# Dates: each <time datetime="YYYY-MM-DD"> written out reads "D. Monat YYYY",
# and the cover has the resource's date so.
MONTHS=(Januar Februar März April Mai Juni Juli August September Oktober November Dezember)
german_date() {
	local y=${1%%-*} m d
	m=${1#*-}
	d=${m#*-}
	m=${m%-*}
	printf '%d. %s %d' "$((10#$d))" "${MONTHS[$((10#$m - 1))]}" "$y"
}
wrong="" seen=0
while IFS= read -r t; do
	iso=$(sed 's/.*datetime="\([0-9-]*\)".*/\1/' <<<"$t")
	text=$(sed 's/.*>\(.*\)<\/time>/\1/' <<<"$t")
	seen=$((seen + 1))
	[ "$text" = "$(german_date "$iso")" ] || wrong="$wrong
$t"
done < <(grep -rhoE '<time datetime="[0-9]{4}-[0-9]{2}-[0-9]{2}">[^<]*</time>' "$OUT" --include='*.html')
if [ "$seen" -gt 0 ] && [ -z "$wrong" ]; then
	ok "german: $seen dates on the pages read as \"2. März 2026\""
else
	not_ok "german: dates on the pages read as \"2. März 2026\"" "seen: $seen" "$wrong"
fi
updated=$(sed -n 's/^updated: //p' "$SITE/content/resources/backstube/resource.yaml")
cover="Ausgabe vom $(german_date "$updated")"
if grep -qF "$cover" "${texts[0]}"; then
	ok "german: the PDF's cover says \"$cover\""
else
	not_ok "german: the PDF's cover says \"$cover\"" "$(head -n 20 "${texts[0]}")"
fi

# Numbers: a range of effort in the thousands is grouped with ".".
NUM=$T_TMP/numbers
copy_site "$ROOT/tests/fixtures/german" "$NUM"
sed -i '/^effort:$/,/^  max:/{s/^  min: 1$/  min: 1200/;s/^  max: 3$/  max: 2500/}' \
	"$NUM/content/resources/backstube/patterns/direkt.md"
if folio build --source "$NUM" --out "$NUM/out" --quiet --no-pdf >"$T_TMP/num.err" 2>&1 &&
	grep -qF '1.200 bis 2.500 Wochen' "$NUM/out/resources/backstube/patterns/direkt/index.html"; then
	ok "german: numbers are grouped the German way (1.200 bis 2.500 Wochen)"
else
	not_ok "german: numbers are grouped the German way (1.200 bis 2.500 Wochen)" "$(cat "$T_TMP/num.err")"
fi

# ---- choosing the strings file and the patterns --------------------------------

# language_site NAME LANGUAGE: a copy of the fixture in $T_TMP/NAME speaking LANGUAGE.
language_site() {
	copy_site "$ROOT/tests/fixtures/german" "$T_TMP/$1"
	sed -i "s/^language: de\$/language: $2/" "$T_TMP/$1/content/site.yaml"
}

language_site at de-AT
run_folio "$T_TMP/at.out" "$T_TMP/at.err" build --source "$T_TMP/at" --out "$T_TMP/at/out" --no-pdf
if [ "$RC" -eq 0 ] && [ ! -s "$T_TMP/at.err" ] && grep -q '<html lang="de-AT"' "$T_TMP/at/out/index.html" &&
	grep -qF "$(german_date "$updated")" "$T_TMP/at/out/index.html"; then
	ok "de-AT reads the German strings (no de-AT.yaml) and says lang=\"de-AT\""
else
	not_ok "de-AT reads the German strings (no de-AT.yaml) and says lang=\"de-AT\"" "$(cat "$T_TMP/at.err")"
fi

# Tags are the same in any case: DE-at reads de-AT.yaml or de.yaml.
language_site case DE-at
if folio build --source "$T_TMP/case" --out "$T_TMP/case/out" --quiet --no-pdf >"$T_TMP/case.err" 2>&1 &&
	grep -qF "$(german_date "$updated")" "$T_TMP/case/out/index.html"; then
	ok "a tag in other capitals (DE-at) reads the German strings"
else
	not_ok "a tag in other capitals (DE-at) reads the German strings" "$(cat "$T_TMP/case.err")"
fi

# A site's own strings/de.yaml replaces the theme's, whole.
language_site own de
mkdir -p "$T_TMP/own/templates/strings"
sed 's/^go_home: .*/go_home: Zurück zum Anfang/' "$STRINGS/de.yaml" >"$T_TMP/own/templates/strings/de.yaml"
if folio build --source "$T_TMP/own" --out "$T_TMP/own/out" --quiet --no-pdf >"$T_TMP/own.err" 2>&1 &&
	grep -qF 'Zurück zum Anfang' "$T_TMP/own/out/404.html"; then
	ok "a site's own strings/de.yaml is read instead of the theme's"
else
	not_ok "a site's own strings/de.yaml is read instead of the theme's" "$(cat "$T_TMP/own.err")"
fi

# A language with strings but no hyphenation patterns: a warning that
# names the package, and the playbook still made.
language_site zz zz
mkdir -p "$T_TMP/zz/templates/strings"
cp "$STRINGS/de.yaml" "$T_TMP/zz/templates/strings/zz.yaml"
run_folio "$T_TMP/zz.out" "$T_TMP/zz.err" build --source "$T_TMP/zz" --out "$T_TMP/zz/out" --quiet
if [ "$RC" -eq 0 ] && grep -q "content/site.yaml:[0-9]*:[0-9]*: warning: no hyphenation patterns for language 'zz'.*install the Debian package hyphen-zz$" "$T_TMP/zz.err" &&
	[ "$(wc -l <"$T_TMP/zz.err")" -eq 1 ] && [ -n "$(find "$T_TMP/zz/out" -name '*.pdf')" ]; then
	ok "a language without hyphenation patterns builds, with one warning naming the package"
else
	not_ok "a language without hyphenation patterns builds, with one warning naming the package" \
		"exit status $RC" "$(cat "$T_TMP/zz.err")"
fi

# A language without strings: an error naming the files looked for.
language_site fr fr-CA
run_folio "$T_TMP/fr.out" "$T_TMP/fr.err" build --source "$T_TMP/fr" --out "$T_TMP/fr/out"
if [ "$RC" -eq 1 ] && grep -q "error: no strings for language 'fr-CA': neither the site's templates nor the theme's have strings/fr-CA.yaml or strings/fr.yaml" "$T_TMP/fr.err" &&
	[ ! -e "$T_TMP/fr/out" ]; then
	ok "a language without strings is an error naming the files looked for"
else
	not_ok "a language without strings is an error naming the files looked for" "exit status $RC" "$(cat "$T_TMP/fr.err")"
fi

finish
