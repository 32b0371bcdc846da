#!/usr/bin/env bash
# tests/structured.sh: structured data and the files for machines.
#
# JSON-LD on every page (tests/jsonldcheck.py: parses, schema.org terms
# only, references resolve, required properties, FAQ answers equal to the
# visible text); head metadata (description, canonical, Open Graph with an
# existing 1200x630 image, Twitter card, the favicon set: tests/iconcheck.py);
# sitemap.xml well-formed in the
# sitemaps.org namespace with every loc built; robots.txt pointing at it;
# llms.txt in the llmstxt.org shape with every link built; the quick answers
# (tests/quickcheck.py); and a question
# holding </script><script>alert(1)</script> stays inert.
. "$(dirname "$0")/lib.sh"

# The schema.org terms kept in the repository (tests/data/README.md);
# SCHEMAORG=FILE checks against another list or a full vocabulary file.
VOCAB=${SCHEMAORG:-$ROOT/tests/data/schemaorg-terms.json}
site=$T_TMP/site
folio build --source "$ROOT" --out "$site" --quiet >"$T_TMP/out" 2>&1 || { not_ok "structured: build" "$(cat "$T_TMP/out")"; finish; exit; }
base=$(sed -n 's/^base_url: *//p' "$ROOT/content/site.yaml")

# A URL of the site, as the file it is served from ("" when outside it).
file_of() {
	local u=${1#"$base"}
	[ "$u" = "$1" ] && { echo ""; return; }
	case $u in "" | */) echo "$site/${u}index.html" ;; *) echo "$site/$u" ;; esac
}

if [ -f "$VOCAB" ]; then
	python3 "$ROOT/tests/jsonldcheck.py" "$site" "$VOCAB" >"$T_TMP/ld.out"
	sed '$d' "$T_TMP/ld.out" | sed "s/^\(not ok\|ok\) - /\1 - $T_PREFIX/"
	read -r p _ f _ < <(tail -n 1 "$T_TMP/ld.out")
	T_PASSED=$((T_PASSED + p))
	T_FAILED=$((T_FAILED + f))
else
	not_ok "structured: the schema.org vocabulary is at $VOCAB"
fi

# The favicon set, drawn from the publisher's mark.
python3 "$ROOT/tests/iconcheck.py" "$site" >"$T_TMP/icons.out" 2>&1
sed '$d' "$T_TMP/icons.out" | sed "s/^\(not ok\|ok\) - /\1 - ${T_PREFIX}structured: /"
if read -r p _ f _ < <(tail -n 1 "$T_TMP/icons.out") && [[ $p =~ ^[0-9]+$ ]]; then
	T_PASSED=$((T_PASSED + p))
	T_FAILED=$((T_FAILED + f))
else
	not_ok "structured: tests/iconcheck.py ran" "$(cat "$T_TMP/icons.out")"
fi

for page in $(cd "$site" && find . -name '*.html' | sort); do
	f=$site/$page
	bad=""
	for m in 'name="description" content="[^"]\{20,\}"' 'rel="canonical" href="https://' 'property="og:title"' \
		'property="og:type"' 'property="og:url" content="https://' 'property="og:site_name"' \
		'property="og:locale"' 'property="og:image:width" content="1200"' 'property="og:image:alt" content="[^"]' \
		'name="twitter:card" content="summary_large_image"' 'name="theme-color"' 'rel="icon" href="[./]*favicon.ico"' \
		'rel="apple-touch-icon" href="[./]*apple-touch-icon.png"' 'rel="manifest" href="[./]*manifest.webmanifest"'; do
		grep -q "$m" "$f" || bad="$bad
missing: $m"
	done
	img=$(sed -n 's/.*property="og:image" content="\([^"]*\)".*/\1/p' "$f" | head -n 1)
	imgfile=$(file_of "$img")
	if [ -z "$imgfile" ] || [ "$(python3 "$ROOT/tests/pngcheck.py" size "$imgfile" 2>/dev/null)" != "1200 630" ]; then
		bad="$bad
og:image $img is not a 1200x630 file of the build"
	fi
	[ -z "$bad" ] && ok "structured: ${page#./} has full head metadata" || not_ok "structured: ${page#./} has full head metadata" "$bad"
done

if xmllint --noout "$site/sitemap.xml" 2>"$T_TMP/x" && grep -q 'urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"' "$site/sitemap.xml"; then
	ok "structured: sitemap.xml is well-formed, in the sitemaps.org namespace"
else
	not_ok "structured: sitemap.xml is well-formed, in the sitemaps.org namespace" "$(cat "$T_TMP/x")"
fi
bad=""
locs=$(sed -n 's/.*<loc>\(.*\)<\/loc>.*/\1/p' "$site/sitemap.xml")
for u in $locs; do
	f=$(file_of "$u")
	[ -n "$f" ] && [ -f "$f" ] || bad="$bad
$u"
done
pages=$(cd "$site" && find . -name 'index.html' | wc -l)
[ -z "$bad" ] && [ "$(echo "$locs" | grep -c /$)" -eq "$pages" ] && ok "structured: every sitemap loc is built, every page listed" ||
	not_ok "structured: every sitemap loc is built, every page listed" "$bad"
grep -q "^Sitemap: ${base}sitemap.xml$" "$site/robots.txt" && ok "structured: robots.txt points to the sitemap" ||
	not_ok "structured: robots.txt points to the sitemap"

llms=$site/llms.txt
if head -n 1 "$llms" | grep -q '^# ' && sed -n 3p "$llms" | grep -q '^> ' && grep -q '^## ' "$llms"; then
	ok "structured: llms.txt has a title, a summary and sections"
else
	not_ok "structured: llms.txt has a title, a summary and sections" "$(head -n 5 "$llms")"
fi
bad=""
n=0
for u in $(grep -o '](https\?://[^)]*)' "$llms" | sed 's/^](//; s/)$//'); do
	n=$((n + 1))
	f=$(file_of "$u")
	[ -n "$f" ] && [ -f "$f" ] || bad="$bad
$u"
done
[ -z "$bad" ] && [ "$n" -ge 8 ] && ok "structured: every llms.txt link resolves ($n)" || not_ok "structured: every llms.txt link resolves" "$bad"

# A Markdown mirror beside every page but the 404: its first line is the
# page's title as a heading, and the resource's mirror holds every question.
bad=""
for page in $(cd "$site" && find . -name 'index.html' | sort); do
	md=$site/$page.md
	title=$(sed -n 's/.*<h1[^>]*>\([^<]*\)<\/h1>.*/\1/p' "$site/$page" | head -n 1 | sed 's/&amp;/\&/g')
	[ -f "$md" ] && [ "$(head -n 1 "$md")" = "# $title" ] || bad="$bad
${page#./}.md: missing, or not headed '# $title'"
done
res=$(ls "$site"/resources/*/index.html.md | head -n 1)
for f in "$ROOT"/content/resources/*/faq/*.md; do
	q=$(sed -n 's/^question: *//p' "$f" | sed 's/^"\(.*\)"$/\1/')
	grep -qF "### $q" "$res" || bad="$bad
the resource mirror lacks the question: $q"
done
[ ! -e "$site/404.html.md" ] || bad="$bad
the 404 page has a mirror"
[ -z "$bad" ] && ok "structured: every page has its Markdown mirror (index.html.md)" ||
	not_ok "structured: every page has its Markdown mirror (index.html.md)" "$bad"

# The quick answers: every question marked quick: true is shown in the
# page's quick answers block, 40 to 60 words, and in the FAQPage with the
# same text.
res_page=$(ls "$site"/resources/*/index.html | head -n 1)
quick=$(grep -l '^quick: true' "$ROOT"/content/resources/*/faq/*.md | xargs -n 1 basename | sed 's/\.md$//')
# shellcheck disable=SC2086 # one argument per slug
if python3 "$ROOT/tests/quickcheck.py" "$res_page" $quick >"$T_TMP/quick.out" 2>&1; then
	ok "structured: $(echo $quick | wc -w) quick answers of 40 to 60 words, shown and in the FAQPage"
else
	not_ok "structured: quick answers shown and in the FAQPage" "$(cat "$T_TMP/quick.out")"
fi

# Hostile text in a question stays text.
copy=$T_TMP/hostile
cp -r "$ROOT/content" "$ROOT/static" "$T_TMP/" 2>/dev/null
mkdir -p "$copy"
mv "$T_TMP/content" "$T_TMP/static" "$copy/"
faq=$(ls "$copy"/content/resources/*/faq/*.md | head -n 1)
sed -i 's#^question: .*#question: "Is </script><script>alert(1)</script> inert?"#' "$faq"
if folio build --source "$copy" --out "$copy/out" --quiet >"$T_TMP/h.out" 2>&1; then
	page=$(ls "$copy"/out/resources/*/index.html | head -n 1)
	if grep -q '<script>alert' "$page"; then
		not_ok "structured: a </script> in a question stays inert" "found <script>alert in the page"
	elif python3 "$ROOT/tests/jsonldcheck.py" "$copy/out" "$VOCAB" >"$T_TMP/h.ld" 2>&1 && grep -q 'alert(1)' "$page"; then
		ok "structured: a </script> in a question stays inert (escaped on the page and in JSON-LD)"
	else
		not_ok "structured: a </script> in a question stays inert" "$(grep 'not ok' "$T_TMP/h.ld" | head -n 5)"
	fi
else
	not_ok "structured: a </script> in a question stays inert" "$(cat "$T_TMP/h.out")"
fi
finish
