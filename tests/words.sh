#!/usr/bin/env bash
# tests/words.sh: Folio speaks of no subject of its own.
#
# The default content is about CRM integration.  None of its words may be
# compiled into the generator (code and comments alike) or written into
# the theme's fixed text, where every site would show them: a resource
# says them in its content (folio(5): vocabulary, support, the sections'
# captions).  This greps the places below for the default content's words
# and fails on any, naming file and line.  Nor may the theme's templates
# write any phrase of their own (tests/fixedtext.py), nor a language of
# their own (lang="en"): every word a reader sees comes from the theme's
# strings or from the content.  And the code writes no phrase of the
# strings files, English or German (tests/stringscheck.py code).
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 2

# The places searched, one list (the theme's folders may move).
WORD_PATHS="generator theme/templates theme/static/css theme/static/js"

# Files where such a word means something else, each with why:
#   generator/web/vocab_terms.c  schema.org's term names (made by
#                                scripts/make-schemaorg-terms.py), where
#                                "vendor" is a property of Offer
WORD_SKIP="generator/web/vocab_terms.c"

# The words, case-insensitive and whole: "integration test" is not the
# subject, nor are "erp" in "interpret" or "crm" in a longer word.
WORDS='\b(crms?|vendors?|connectors?|webhooks?|warehouses?|erps?|ipaas|api mapping|real-time)\b|\bintegrations?\b(?! tests?\b)'

# found FILE...: the lines of FILE... holding one of the words.
found() {
	grep -rnHiP -- "$WORDS" "$@" 2>/dev/null
}

# The pattern itself, on lines it must and must not catch, so that a
# mistake in it cannot pass the real test by finding nothing.
catch=$T_TMP/catch.txt
printf '%s\n' "a CRM" "Vendor connectors" "event or webhook" "warehouse load" "CRM + ERP" "the erp system" \
	"API mapping template" "real-time API" "Integration area" "integrations" "via iPaaS" >"$catch"
miss=$T_TMP/miss.txt
printf '%s\n' "an integration test" "integration tests pass" "fingerprint" "interpret" "realtime clock" \
	"the scrmble" "batch" "vendored" >"$miss"
caught=$(found "$catch" | wc -l)
[ "$caught" -eq "$(wc -l <"$catch")" ] && ok "words: the pattern catches every word" ||
	not_ok "words: the pattern catches every word" "caught $caught of $(wc -l <"$catch"):" "$(found "$catch")"
wrong=$(found "$miss")
[ -z "$wrong" ] && ok "words: the pattern leaves other words alone" ||
	not_ok "words: the pattern leaves other words alone" "$wrong"

for place in $WORD_PATHS; do
	if [ ! -e "$place" ]; then
		not_ok "words: none in $place/" "$place is missing: update WORD_PATHS in tests/words.sh"
		continue
	fi
	hits=$(found "$place")
	for skip in $WORD_SKIP; do
		hits=$(printf '%s\n' "$hits" | grep -vF -- "$skip:")
	done
	if [ -z "$hits" ]; then
		ok "words: none in $place/"
	else
		not_ok "words: none in $place/" "the default content's words belong in the content (folio(5)):" "$hits"
	fi
done

# No fixed English in the theme's templates either: every phrase a reader
# sees comes from strings.NAME or from the content, so a site can change
# it and a language translate it.  tests/fixedtext.py lists the text a
# template writes as it is; first on planted templates, so that a mistake
# in it cannot pass the real test by finding nothing.
FIXED="python3 $ROOT/tests/fixedtext.py"
planted=$T_TMP/planted
mkdir -p "$planted"
cat >"$planted/text.html" <<'HTML'
<section><h2 data-f-text="strings.x">Words a designer reads</h2><p>Read <span data-f-text="x">n</span> · more</p></section>
HTML
cat >"$planted/label.html" <<'HTML'
<nav aria-label="Main"><a href="/" data-f-text="strings.home">Home</a></nav>
HTML
cat >"$planted/lang.html" <<'HTML'
<div lang="de"><p data-f-text="strings.x">Text</p></div>
HTML
cat >"$planted/page.html" <<'HTML'
<!DOCTYPE html>
<html lang="en" data-f-layout="base.html">
<head><title>Only a designer sees this</title></head>
<body><main data-f-fill="main"><p data-f-if="x">Shown</p></main></body>
</html>
HTML
cat >"$planted/clean.html" <<'HTML'
<!DOCTYPE html>
<html lang="en" data-f-layout="base.html">
<head><title>Only a designer sees this</title></head>
<body><main data-f-fill="main" aria-label="Main" data-f-attr-aria-label="{strings.nav_main}">
  <p><span data-f-text="strings.x" data-f-omit="">Before</span> <a href="#" data-f-text="x">link</a> (© · % →)</p>
  <div data-f-include="partials/x.html">Anything</div><div class="prose" data-f-md="x">Markdown</div>
</main></body>
</html>
HTML
$FIXED "$planted/text.html" "$planted/label.html" "$planted/lang.html" "$planted/page.html" >"$T_TMP/planted.out"
expected="$planted/text.html:1: Read
$planted/text.html:1: · more
$planted/label.html:1: aria-label=\"Main\"
$planted/lang.html:1: lang=\"de\"
$planted/page.html:4: Shown"
if [ "$(cat "$T_TMP/planted.out")" = "$expected" ]; then
	ok "words: the fixed-text check finds planted words"
else
	not_ok "words: the fixed-text check finds planted words" "expected:" "$expected" "found:" "$(cat "$T_TMP/planted.out")"
fi
if $FIXED "$planted/clean.html" >"$T_TMP/clean.out" 2>&1; then
	ok "words: the fixed-text check passes strings, values and symbols"
else
	not_ok "words: the fixed-text check passes strings, values and symbols" "$(cat "$T_TMP/clean.out")"
fi
templates=$(find theme/templates -name '*.html' | sort)
# And a word planted in a copy of a real template: found at its line.
cp theme/templates/resource.html "$planted/resource.html"
sed -i 's|<h1 class="hero__title" id="title" data-f-text="resource.title">Resource title</h1>|& Planted|' \
	"$planted/resource.html"
$FIXED "$planted/resource.html" >"$T_TMP/planted-real.out"
if grep -q '^.*/resource.html:[0-9]*: Planted$' "$T_TMP/planted-real.out"; then
	ok "words: the fixed-text check finds a word planted in the theme"
else
	not_ok "words: the fixed-text check finds a word planted in the theme" \
		"tests/words.sh plants it after the resource page's <h1>; has that line changed?" "$(cat "$T_TMP/planted-real.out")"
fi
if [ -z "$templates" ]; then
	not_ok "words: no fixed text in theme/templates/" "no templates found: update tests/words.sh"
elif $FIXED $templates >"$T_TMP/fixed.out" 2>&1; then
	ok "words: no fixed text in theme/templates/"
else
	not_ok "words: no fixed text in theme/templates/" \
		"a phrase is strings.NAME (theme/templates/strings/en.yaml) or the content's (folio-templates(7)):" \
		"$(cat "$T_TMP/fixed.out")"
fi

# Nor any phrase of the strings, English or German, in the code: the
# code takes its words from the strings (model_string).  First on a
# planted file: a phrase in a literal is found, one in a comment is not.
CODE_CHECK="python3 $ROOT/tests/stringscheck.py code theme/templates/strings/en.yaml theme/templates/strings/de.yaml"
cat >"$planted/code.c" <<'C'
/* The foot of a page: "Page 3 of 36". */
static const char *title = "Seite nicht gefunden";
C
out=$($CODE_CHECK "$planted/code.c")
if [ "$(printf '%s\n' "$out" | grep -c .)" -eq 1 ] && grep -q "code.c:2: the phrase 'Seite nicht gefunden'" <<<"$out"; then
	ok "words: the phrase check finds a phrase written in code, not one in a comment"
else
	not_ok "words: the phrase check finds a phrase written in code, not one in a comment" "$out"
fi
if out=$($CODE_CHECK $(find generator -name '*.c' | sort) 2>&1); then
	ok "words: no phrase of the strings (en, de) written in generator/"
else
	not_ok "words: no phrase of the strings (en, de) written in generator/" \
		"a phrase the reader sees comes from the strings files (model_string):" "$out"
fi
finish
