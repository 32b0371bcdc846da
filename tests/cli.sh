#!/usr/bin/env bash
# tests/cli.sh: the command line: help, version, usage errors, options,
# the summary line, and what builds do to the output folder.
. "$(dirname "$0")/lib.sh"

FIXTURE=$ROOT/tests/fixtures/minimal
O=$T_TMP/stdout
E=$T_TMP/stderr

# expect_run NAME WANT-STATUS ARGS...: runs folio; ok when the status matches.
expect_run() {
	local name=$1 want=$2
	shift 2
	run_folio "$O" "$E" "$@"
	if [ "$RC" -eq "$want" ]; then
		return 0
	fi
	not_ok "$name" "exit status $RC, expected $want" "stdout: $(head -n 5 "$O")" "stderr: $(head -n 5 "$E")"
	return 1
}

# --- help, version, usage errors ------------------------------------------

if expect_run "cli: --help" 0 --help; then
	if grep -q '^usage: folio build' "$O" && grep -q -- '--source DIR' "$O" && [ ! -s "$E" ]; then
		ok "cli: --help"
	else
		not_ok "cli: --help" "expected usage on stdout and nothing on stderr" "$(cat "$O" "$E")"
	fi
fi
if expect_run "cli: -h is --help" 0 -h && grep -q '^usage: folio build' "$O"; then ok "cli: -h is --help"; fi

if expect_run "cli: --version" 0 --version; then
	if grep -qxE 'folio [0-9]+\.[0-9]+\.[0-9]+' "$O" && [ ! -s "$E" ]; then
		ok "cli: --version"
	else
		not_ok "cli: --version" "stdout: $(cat "$O")" "stderr: $(cat "$E")"
	fi
fi

if expect_run "cli: no arguments is a usage error" 2; then
	if grep -q '^usage: folio build' "$E" && [ ! -s "$O" ]; then
		ok "cli: no arguments is a usage error"
	else
		not_ok "cli: no arguments is a usage error" "usage should go to stderr" "$(cat "$O" "$E")"
	fi
fi

usage_error() {
	local name=$1 line=$2
	shift 2
	if expect_run "$name" 2 "$@"; then
		if [ "$(head -n 1 "$E")" = "$line" ] && [ "$(sed -n 2p "$E")" = "Try 'folio --help'." ] && [ ! -s "$O" ]; then
			ok "$name"
		else
			not_ok "$name" "expected: $line" "stderr: $(cat "$E")"
		fi
	fi
}
usage_error "cli: unknown command" "folio: unknown command 'publish'" publish
usage_error "cli: unknown option" "folio: unknown or incomplete option '--fast'" build --fast
usage_error "cli: option without its value" "folio: unknown or incomplete option '--out'" build --source "$FIXTURE" --out
usage_error "cli: unexpected argument" "folio: unexpected argument 'site'" build site
usage_error "cli: -j 0 is a usage error" "folio: -j wants a number of threads from 1 to 256, not '0'" \
	build --source "$FIXTURE" --out "$T_TMP/never" -j 0
usage_error "cli: --jobs takes a number" "folio: -j wants a number of threads from 1 to 256, not 'many'" \
	build --source "$FIXTURE" --out "$T_TMP/never" --jobs many
usage_error "cli: --theme wants a theme folder" \
	"folio: --theme wants a theme folder, one with a templates/ folder; '$FIXTURE/content' is not" \
	build --source "$FIXTURE" --out "$T_TMP/never" --theme "$FIXTURE/content"
usage_error "cli: serve --theme wants a theme folder" \
	"folio: --theme wants a theme folder, one with a templates/ folder; '$T_TMP/nowhere' is not" \
	serve --source "$FIXTURE" --theme "$T_TMP/nowhere"
SOURCE_DATE_EPOCH=yesterday usage_error "cli: bad SOURCE_DATE_EPOCH" \
	"folio: SOURCE_DATE_EPOCH must be a whole number of seconds, not 'yesterday'" \
	build --source "$FIXTURE" --out "$T_TMP/never"
SOURCE_DATE_EPOCH=99999999999999999 usage_error "cli: SOURCE_DATE_EPOCH past any year" \
	"folio: SOURCE_DATE_EPOCH must be a whole number of seconds, not '99999999999999999'" \
	build --source "$FIXTURE" --out "$T_TMP/never"
if [ -e "$T_TMP/never" ]; then not_ok "cli: a usage error writes nothing" "$T_TMP/never was created"; else ok "cli: a usage error writes nothing"; fi

# --- a build: summary line, --out, --quiet ---------------------------------

SITE=$T_TMP/site
copy_site "$FIXTURE" "$SITE"
OUT=$T_TMP/elsewhere/site-out
mkdir -p "$T_TMP/elsewhere"

if expect_run "cli: build with --out elsewhere" 0 build --source "$SITE" --out "$OUT"; then
	if [ -f "$OUT/index.html" ] && [ -f "$OUT/resources/demo/patterns/alpha/index.html" ] && [ ! -e "$SITE/public" ]; then
		ok "cli: build with --out elsewhere"
	else
		not_ok "cli: build with --out elsewhere" "$(cd "$T_TMP" && find . -maxdepth 3 | sort)"
	fi
	summary=$(cat "$O")
	# N: home, resource, 2 patterns, 404; M: every file in the output but the marker.
	files=$(find "$OUT" -type f ! -name .folio-build | wc -l)
	if [[ $summary =~ ^folio:\ built\ 5\ pages,\ $files\ files\ in\ [0-9]+\ ms\ into\ $OUT$ ]] && [ "$(wc -l <"$O")" -eq 1 ]; then
		ok "cli: summary line 'folio: built N pages, M files in T ms into DIR'"
	else
		not_ok "cli: summary line 'folio: built N pages, M files in T ms into DIR'" "stdout: $summary" "files in $OUT: $files"
	fi
	if [ -s "$E" ]; then not_ok "cli: a clean build prints nothing on stderr" "$(cat "$E")"; else ok "cli: a clean build prints nothing on stderr"; fi
	left=$(find "$T_TMP/elsewhere" -mindepth 1 -maxdepth 1 ! -name site-out ! -name .site-out.folio-state ! -name .site-out.folio-units ! -name .site-out.folio-bodies ! -name .site-out.folio-listing)
	if [ -z "$left" ]; then ok "cli: no staging folder left after a build"; else not_ok "cli: no staging folder left after a build" "$left"; fi
	if [ -f "$OUT/.folio-build" ]; then ok "cli: the output holds the .folio-build marker"; else not_ok "cli: the output holds the .folio-build marker"; fi
fi

if expect_run "cli: --quiet prints nothing on success" 0 build --source "$SITE" --out "$OUT" --quiet; then
	if [ ! -s "$O" ] && [ ! -s "$E" ]; then
		ok "cli: --quiet prints nothing on success"
	else
		not_ok "cli: --quiet prints nothing on success" "$(cat "$O" "$E")"
	fi
fi

# Without --out the site goes to SOURCE/public; with no --source, to ./public.
if expect_run "cli: default output is SOURCE/public" 0 build --source "$SITE" --quiet; then
	if [ -f "$SITE/public/index.html" ]; then ok "cli: default output is SOURCE/public"; else not_ok "cli: default output is SOURCE/public"; fi
fi
rm -rf "$SITE/public"
RC=0
(cd "$SITE" && folio build) >"$O" 2>"$E" || RC=$?
if [ "$RC" -eq 0 ] && [ -f "$SITE/public/index.html" ] && grep -qE '^folio: built 5 pages, [0-9]+ files in [0-9]+ ms into public$' "$O"; then
	ok "cli: default source is the current folder"
else
	not_ok "cli: default source is the current folder" "status $RC" "$(cat "$O" "$E")"
fi
rm -rf "$SITE/public"

# --- a second build replaces the output -----------------------------------

echo "left over" >"$OUT/stray.html"
rm "$SITE/content/resources/demo/patterns/beta.md"
sed -i 's|See \[the beta pattern\](/resources/demo/patterns/beta/).|No more beta.|' "$SITE/content/resources/demo/patterns/alpha.md"
if expect_run "cli: a second build replaces the output" 0 build --source "$SITE" --out "$OUT" --quiet; then
	if [ ! -e "$OUT/stray.html" ] && [ ! -e "$OUT/resources/demo/patterns/beta" ] && grep -q 'No more beta.' "$OUT/resources/demo/patterns/alpha/index.html"; then
		ok "cli: a second build replaces the output"
	else
		not_ok "cli: a second build replaces the output" "$(cd "$OUT" && find . | sort)"
	fi
fi
cp "$FIXTURE/content/resources/demo/patterns/beta.md" "$SITE/content/resources/demo/patterns/beta.md"
cp "$FIXTURE/content/resources/demo/patterns/alpha.md" "$SITE/content/resources/demo/patterns/alpha.md"

# --- a failed build --------------------------------------------------------

before=$(snapshot "$OUT")
sed -i 's/^complexity: 2/complexity: 0/' "$SITE/content/resources/demo/patterns/alpha.md"
if expect_run "cli: a content error exits 1 and keeps the output" 1 build --source "$SITE" --out "$OUT"; then
	if [ "$(snapshot "$OUT")" = "$before" ] && [ ! -s "$O" ] &&
		[ "$(tail -n 1 "$E")" = "folio: 1 error; $OUT was left unchanged" ]; then
		ok "cli: a content error exits 1 and keeps the output"
	else
		not_ok "cli: a content error exits 1 and keeps the output" "$(cat "$E")"
	fi
fi
if expect_run "cli: a failed first build creates no output folder" 1 build --source "$SITE" --out "$T_TMP/fresh" --quiet; then
	if [ ! -e "$T_TMP/fresh" ] && [ -z "$(find "$T_TMP" -maxdepth 1 -name '.fresh.staging-*')" ]; then
		ok "cli: a failed first build creates no output folder"
	else
		not_ok "cli: a failed first build creates no output folder" "$(ls -a "$T_TMP")"
	fi
fi
# --quiet still prints errors.
if grep -q "alpha.md:7:13: error: 'complexity' must be from 1 to 5, not 0" "$E"; then
	ok "cli: --quiet still prints errors"
else
	not_ok "cli: --quiet still prints errors" "$(cat "$E")"
fi
cp "$FIXTURE/content/resources/demo/patterns/alpha.md" "$SITE/content/resources/demo/patterns/alpha.md"

# Several errors in one run are all reported, and counted.
sed -i 's/^complexity: 2/complexity: 0/; s/^  max: 4/  max: 1/' "$SITE/content/resources/demo/patterns/alpha.md"
sed -i 's/^tagline:/tagilne:/' "$SITE/content/site.yaml"
if expect_run "cli: every error of a run is reported" 1 build --source "$SITE" --out "$OUT"; then
	if [ "$(grep -c ': error: ' "$E")" -eq 3 ] && [ "$(tail -n 1 "$E")" = "folio: 3 errors; $OUT was left unchanged" ]; then
		ok "cli: every error of a run is reported"
	else
		not_ok "cli: every error of a run is reported" "$(cat "$E")"
	fi
fi
cp "$FIXTURE/content/resources/demo/patterns/alpha.md" "$SITE/content/resources/demo/patterns/alpha.md"
cp "$FIXTURE/content/site.yaml" "$SITE/content/site.yaml"

# A warning does not fail the build.
printf '\nSome <b>raw</b> HTML.\n' >>"$SITE/content/resources/demo/faq/first-question.md"
if expect_run "cli: a warning does not fail the build" 0 build --source "$SITE" --out "$OUT" --quiet; then
	if grep -qE '^[^:]+first-question\.md:7:6: warning: raw HTML in Markdown is left out of the page' "$E" &&
		grep -q '<p>Some raw HTML.</p>' "$OUT/resources/demo/index.html"; then
		ok "cli: a warning does not fail the build"
	else
		not_ok "cli: a warning does not fail the build" "$(cat "$E")"
	fi
fi
cp "$FIXTURE/content/resources/demo/faq/first-question.md" "$SITE/content/resources/demo/faq/first-question.md"

# --- --drafts ---------------------------------------------------------------

sed -e 's/^title: Alpha pattern/title: Gamma draft pattern/' -e 's/^weight: 1/weight: 3\ndraft: true/' \
	"$FIXTURE/content/resources/demo/patterns/alpha.md" >"$SITE/content/resources/demo/patterns/gamma.md"
printf -- '---\nquestion: Is this a draft?\ndraft: true\n---\nYes.\n' >"$SITE/content/resources/demo/faq/draft-question.md"
if expect_run "cli: drafts are left out by default" 0 build --source "$SITE" --out "$OUT" --quiet; then
	if [ ! -e "$OUT/resources/demo/patterns/gamma" ] && ! grep -q 'Gamma draft pattern' "$OUT/resources/demo/index.html" &&
		! grep -q 'Is this a draft?' "$OUT/resources/demo/index.html"; then
		ok "cli: drafts are left out by default"
	else
		not_ok "cli: drafts are left out by default"
	fi
fi
if expect_run "cli: --drafts includes drafts" 0 build --source "$SITE" --out "$OUT" --drafts; then
	if [ -f "$OUT/resources/demo/patterns/gamma/index.html" ] && grep -q 'Gamma draft pattern' "$OUT/resources/demo/index.html" &&
		grep -q 'Is this a draft?' "$OUT/resources/demo/index.html" && grep -qE '^folio: built 6 pages, [0-9]+ files in ' "$O"; then
		ok "cli: --drafts includes drafts"
	else
		not_ok "cli: --drafts includes drafts" "$(cat "$O" "$E")"
	fi
fi
rm "$SITE/content/resources/demo/patterns/gamma.md" "$SITE/content/resources/demo/faq/draft-question.md"

# A draft may link to another draft: neither page is built, so the link is not checked.
P=$SITE/content/resources/demo/patterns
sed -e 's/^weight: 1/weight: 3\ndraft: true/' -e 's|/patterns/beta/|/patterns/delta/|' "$P/alpha.md" >"$P/gamma.md"
sed -e 's/^weight: 1/weight: 4\ndraft: true/' "$P/alpha.md" >"$P/delta.md"
if expect_run "cli: a draft linking to a draft builds without --drafts" 0 build --source "$SITE" --out "$OUT" --quiet; then
	ok "cli: a draft linking to a draft builds without --drafts"
fi
rm "$P/gamma.md" "$P/delta.md"
# A published page linking to a draft is a broken link without --drafts.
sed -i 's/^weight: 2/weight: 2\ndraft: true/' "$P/beta.md"
if expect_run "cli: a link to a draft fails without --drafts" 1 build --source "$SITE" --out "$OUT" --quiet; then
	if grep -q "alpha.md:29:56: error: link to '/resources/demo/patterns/beta/', which the build does not produce" "$E"; then
		ok "cli: a link to a draft fails without --drafts"
	else
		not_ok "cli: a link to a draft fails without --drafts" "$(cat "$E")"
	fi
fi
if expect_run "cli: a link to a draft builds with --drafts" 0 build --source "$SITE" --out "$OUT" --quiet --drafts; then
	ok "cli: a link to a draft builds with --drafts"
fi
cp "$FIXTURE/content/resources/demo/patterns/beta.md" "$P/beta.md"

# --- --base-url ---------------------------------------------------------------

if expect_run "cli: --base-url changes the canonical link" 0 build --source "$SITE" --out "$OUT" --quiet --base-url https://staging.example.com/preview; then
	if grep -qF '<link rel="canonical" href="https://staging.example.com/preview/resources/demo/">' "$OUT/resources/demo/index.html" &&
		! grep -rqF 'https://example.org/resources' "$OUT"; then
		ok "cli: --base-url changes the canonical link"
	else
		not_ok "cli: --base-url changes the canonical link" "$(grep -o '<link rel="canonical"[^>]*>' "$OUT/resources/demo/index.html")"
	fi
fi
if expect_run "cli: base_url from site.yaml by default" 0 build --source "$SITE" --out "$OUT" --quiet; then
	if grep -qF '<link rel="canonical" href="https://example.org/resources/demo/">' "$OUT/resources/demo/index.html"; then
		ok "cli: base_url from site.yaml by default"
	else
		not_ok "cli: base_url from site.yaml by default" "$(grep -o '<link rel="canonical"[^>]*>' "$OUT/resources/demo/index.html")"
	fi
fi

# --- --no-pdf, --no-images, -j ------------------------------------------------

if expect_run "cli: --no-pdf --no-images" 0 build --source "$SITE" --out "$T_TMP/lean" --quiet --no-pdf --no-images; then
	pdfs=$(find "$T_TMP/lean" -name '*.pdf' | wc -l)
	# The favicon set (a few small PNGs at the root) is not an image these
	# switches are for: pages link it, so it is always written.
	pngs=$(find "$T_TMP/lean" -name '*.png' ! -path "$T_TMP/lean/apple-touch-icon.png" ! -path "$T_TMP/lean/icon-*.png" | wc -l)
	svgs=$(find "$T_TMP/lean" -name 'diagram.svg' | wc -l)
	if [ "$pdfs" -eq 0 ] && [ "$pngs" -eq 0 ] && [ "$svgs" -gt 0 ] && [ -f "$T_TMP/lean/resources/demo/index.html" ] &&
		[ -f "$T_TMP/lean/favicon.ico" ]; then
		ok "cli: --no-pdf --no-images leave out PDFs, diagram PNGs and cards, not pages, SVGs and favicons"
	else
		not_ok "cli: --no-pdf --no-images leave out PDFs, diagram PNGs and cards, not pages, SVGs and favicons" \
			"$pdfs PDFs, $pngs PNGs, $svgs SVGs"
	fi
fi
# --html-only: the lean build less the Markdown twins and the diagram
# files; every file it writes is the lean build's, byte for byte.
if [ -d "$T_TMP/lean" ] && expect_run "cli: --html-only" 0 build --source "$SITE" --out "$T_TMP/html" --quiet --html-only; then
	(cd "$T_TMP/lean" && find . -type f | LC_ALL=C sort) >"$T_TMP/lean.files"
	(cd "$T_TMP/html" && find . -type f | LC_ALL=C sort) >"$T_TMP/html.files"
	left_out=$(LC_ALL=C comm -23 "$T_TMP/lean.files" "$T_TMP/html.files")
	added=$(LC_ALL=C comm -13 "$T_TMP/lean.files" "$T_TMP/html.files")
	differ=$(while read -r f; do cmp -s "$T_TMP/lean/$f" "$T_TMP/html/$f" || echo "$f"; done <"$T_TMP/html.files")
	others=$(echo "$left_out" | grep -v -e '/index\.html\.md$' -e '/diagram\.svg$' -e '/overview\.svg$' || true)
	if [ -z "$added" ] && [ -z "$differ" ] && [ -z "$others" ] && echo "$left_out" | grep -q 'index\.html\.md$' &&
		echo "$left_out" | grep -q '/diagram\.svg$'; then
		ok "cli: --html-only writes the pages, without Markdown twins or diagram files"
	else
		not_ok "cli: --html-only writes the pages, without Markdown twins or diagram files" \
			"added: $added" "differ: $differ" "left out besides: $others"
	fi
fi
# A valid site that links to its own playbook builds with the options that
# leave the playbook out: the link check knows what a full build writes.
# A misspelt link to it is still refused.
PDFSITE=$T_TMP/pdf-link
copy_site "$FIXTURE" "$PDFSITE"
printf '\nThe [playbook](/resources/demo/demo-playbook.pdf) says more.\n' >>"$PDFSITE/content/resources/demo/patterns/beta.md"
for option in --no-pdf --html-only; do
	if expect_run "cli: $option accepts a link to the playbook it leaves out" 0 build --source "$PDFSITE" \
		--out "$T_TMP/pdf-link-out$option" --quiet "$option"; then
		ok "cli: $option accepts a link to the playbook it leaves out"
	fi
done
sed -i 's|demo-playbook.pdf) says|demo-playbok.pdf) says|' "$PDFSITE/content/resources/demo/patterns/beta.md"
if expect_run "cli: --no-pdf still refuses a link to a file no build writes" 1 build --source "$PDFSITE" \
	--out "$T_TMP/pdf-link-bad" --quiet --no-pdf; then
	grep -q "link to '/resources/demo/demo-playbok.pdf', which the build does not produce" "$E" &&
		ok "cli: --no-pdf still refuses a link to a file no build writes" ||
		not_ok "cli: --no-pdf still refuses a link to a file no build writes" "$(cat "$E")"
fi
if expect_run "cli: -j 3" 0 build --source "$SITE" --out "$T_TMP/j3" --quiet -j 3 &&
	expect_run "cli: --jobs 1" 0 build --source "$SITE" --out "$T_TMP/j1" --quiet --jobs 1; then
	if diff <(snapshot "$T_TMP/j1") <(snapshot "$T_TMP/j3") >/dev/null; then
		ok "cli: -j 3 and --jobs 1 give the same site"
	else
		not_ok "cli: -j 3 and --jobs 1 give the same site" "$(diff <(snapshot "$T_TMP/j1") <(snapshot "$T_TMP/j3") | head -20)"
	fi
fi

# Resources are read on several threads: the report is the same lines in
# the same order (folder order) whatever the number.
MANY=$T_TMP/many
copy_site "$FIXTURE" "$MANY"
for r in beta gamma delta; do
	cp -R "$MANY/content/resources/demo" "$MANY/content/resources/$r"
done
printf 'Broken [link](javascript:alert) here.\n' >>"$MANY/content/resources/gamma/patterns/alpha.md"
printf 'weight: [1\n' >>"$MANY/content/resources/beta/resource.yaml"
sed -i '1a colour: red' "$MANY/content/resources/delta/patterns/beta.md"
for j in 1 2 3; do
	run_folio "$O" "$T_TMP/many-$j.err" build --source "$MANY" --out "$T_TMP/many-out" -j "$j"
	echo "$RC" >>"$T_TMP/many-$j.err"
done
gamma_at=$(grep -n 'gamma/patterns/alpha.md' "$T_TMP/many-1.err" | head -1 | cut -d: -f1)
beta_at=$(grep -n 'beta/resource.yaml' "$T_TMP/many-1.err" | head -1 | cut -d: -f1)
if cmp -s "$T_TMP/many-1.err" "$T_TMP/many-2.err" && cmp -s "$T_TMP/many-1.err" "$T_TMP/many-3.err" &&
	[ -n "$beta_at" ] && [ -n "$gamma_at" ] && [ "$beta_at" -lt "$gamma_at" ] &&
	grep -q "delta/patterns/beta.md:2:1: error: unknown key 'colour'" "$T_TMP/many-1.err" && [ "$(tail -1 "$T_TMP/many-1.err")" = 1 ]; then
	ok "cli: errors of several resources come in folder order, the same with -j 1, 2 and 3"
else
	not_ok "cli: errors of several resources come in folder order, the same with -j 1, 2 and 3" \
		"$(diff "$T_TMP/many-1.err" "$T_TMP/many-3.err")" "$(cat "$T_TMP/many-1.err")"
fi

# Pattern bodies are checked as their pages are made, on several threads:
# with nothing else wrong, their mistakes too come in folder order, the
# same whatever the number, and no page is published.
BODIES=$T_TMP/bodies
copy_site "$FIXTURE" "$BODIES"
for r in beta gamma; do
	cp -R "$BODIES/content/resources/demo" "$BODIES/content/resources/$r"
done
printf 'Broken [link](javascript:alert) here.\n' >>"$BODIES/content/resources/gamma/patterns/beta.md"
printf 'See ![](/images/logo.svg).\n' >>"$BODIES/content/resources/beta/patterns/alpha.md"
printf 'A ![picture](http://example.com/a.png).\n' >>"$BODIES/content/resources/demo/patterns/beta.md"
for j in 1 2 3; do
	run_folio "$O" "$T_TMP/bodies-$j.err" build --source "$BODIES" --out "$T_TMP/bodies-out" -j "$j"
	echo "$RC" >>"$T_TMP/bodies-$j.err"
done
want_order=$(printf '%s\n' beta/patterns/alpha.md:.*alternative demo/patterns/beta.md:.*http:// \
	gamma/patterns/beta.md:.*javascript)
got_order=$(grep -o 'resources/[a-z]*/patterns/[a-z]*\.md:.*' "$T_TMP/bodies-1.err" | sed 's|^resources/||')
if cmp -s "$T_TMP/bodies-1.err" "$T_TMP/bodies-2.err" && cmp -s "$T_TMP/bodies-1.err" "$T_TMP/bodies-3.err" &&
	[ "$(echo "$got_order" | wc -l)" = 3 ] && paste -d'\n' <(echo "$want_order") <(echo "$got_order") |
	awk 'NR % 2 { re = $0; next } $0 !~ re { bad = 1 } END { exit bad }' &&
	[ "$(tail -1 "$T_TMP/bodies-1.err")" = 1 ] && [ ! -e "$T_TMP/bodies-out" ]; then
	ok "cli: mistakes in pattern bodies come in folder order, the same with -j 1, 2 and 3"
else
	not_ok "cli: mistakes in pattern bodies come in folder order, the same with -j 1, 2 and 3" \
		"$(diff "$T_TMP/bodies-1.err" "$T_TMP/bodies-3.err")" "$(cat "$T_TMP/bodies-1.err")"
fi

# A draft resource is not checked against the fonts unless drafts are built.
DRAFTY=$T_TMP/drafty
copy_site "$FIXTURE" "$DRAFTY"
cp -R "$DRAFTY/content/resources/demo" "$DRAFTY/content/resources/later"
printf 'draft: true\n' >>"$DRAFTY/content/resources/later/resource.yaml"
sed -i 's/^title: .*/title: "Later 漢"/' "$DRAFTY/content/resources/later/resource.yaml"
run_folio "$O" "$E" build --source "$DRAFTY" --out "$T_TMP/drafty-out" --quiet
plain=$RC
run_folio "$O" "$T_TMP/drafty.err" build --source "$DRAFTY" --out "$T_TMP/drafty-out2" --quiet --drafts
if [ "$plain" -eq 0 ] && [ "$RC" -eq 1 ] && grep -q "later/resource.yaml:1:[0-9]*: error: the regular font (folio-sans-regular.ttf) has no glyph for U+6F22" "$T_TMP/drafty.err"; then
	ok "cli: a draft resource's text is checked against the fonts only with --drafts"
else
	not_ok "cli: a draft resource's text is checked against the fonts only with --drafts" \
		"without --drafts: $plain; with: $RC" "$(cat "$E" "$T_TMP/drafty.err")"
fi

# A content file may be a link to a file elsewhere in content/: read
# through it, the build is the same as with the file itself (links
# leaving content/ are refused: tests/bad).
LINKED=$T_TMP/linked
copy_site "$FIXTURE" "$LINKED"
run_folio "$O" "$E" build --source "$LINKED" --out "$LINKED/plain" --quiet
plain=$RC
mv "$LINKED/content/resources/demo/patterns/alpha.md" "$LINKED/content/resources/demo/alpha.source"
ln -s ../alpha.source "$LINKED/content/resources/demo/patterns/alpha.md"
mv "$LINKED/content/resources/demo/faq/first-question.md" "$LINKED/content/first-question.source"
ln -s ../../../first-question.source "$LINKED/content/resources/demo/faq/first-question.md"
run_folio "$O" "$E" build --source "$LINKED" --out "$LINKED/linked" --quiet
if [ "$plain" -eq 0 ] && [ "$RC" -eq 0 ] && diff -r "$LINKED/plain" "$LINKED/linked" >/dev/null; then
	ok "cli: a content file linked to another inside content/ is read through"
else
	not_ok "cli: a content file linked to another inside content/ is read through" "exit $plain, $RC" "$(cat "$E")" \
		"$(diff -r "$LINKED/plain" "$LINKED/linked" | head -n 5)"
fi

# librsvg is loaded when a mark is drawn, not linked: a start costs the
# libraries it brings only then.  Without it, the favicons are one error
# naming the mark and what to install, and the output stays as it was.
if ldd "$FOLIO" | grep -q 'librsvg'; then
	not_ok "cli: librsvg is not linked" "$(ldd "$FOLIO" | grep librsvg)"
else
	ok "cli: librsvg is not linked"
fi
NORSVG=$T_TMP/norsvg
mkdir -p "$NORSVG/lib"
: >"$NORSVG/lib/librsvg-2.so.2"
copy_site "$FIXTURE" "$NORSVG/site"
run_folio "$O" "$E" build --source "$NORSVG/site" --out "$NORSVG/out" --quiet
before=$(snapshot "$NORSVG/out")
# Something to build whole: an update of a resource would not draw them.
sed -i 's/^tagline: .*/tagline: Another tagline/' "$NORSVG/site/content/site.yaml"
RC=0
LD_LIBRARY_PATH=$NORSVG/lib folio build --source "$NORSVG/site" --out "$NORSVG/out" --quiet >"$O" 2>"$E" || RC=$?
if [ "$RC" -eq 1 ] && [ "$(grep -c ': error: ' "$E")" -eq 1 ] &&
	grep -q '^[^ ]*/site.yaml:[0-9]*:[0-9]*: error: cannot draw the favicons from [^ ]*\.svg: librsvg-2.so.2 cannot be loaded (.*); install the Debian package librsvg2-2$' "$E" &&
	[ "$(snapshot "$NORSVG/out")" = "$before" ]; then
	ok "cli: without librsvg the favicons are one error and the output is kept"
else
	not_ok "cli: without librsvg the favicons are one error and the output is kept" "exit $RC" "$(cat "$E")"
fi

finish
