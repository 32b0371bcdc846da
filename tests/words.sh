#!/usr/bin/env bash
# tests/words.sh: Folio speaks of no subject of its own.
#
# The default content is about CRM integration.  None of its words may be
# compiled into the generator (code and comments alike) or written into
# the theme's fixed text, where every site would show them: a resource
# says them in its content (folio(5): vocabulary, support, the sections'
# captions).  This greps the places below for the default content's words
# and fails on any, naming file and line.
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
finish
