#!/usr/bin/env bash
# tests/theme.sh: the built-in theme.  A site of content/ only builds a
# complete site (every stylesheet, script, font and image its pages load
# is in the output) that folio check passes; a site's own file overrides
# the theme's of the same path, partial by partial and static file by
# static file; errors name the file that was read, the site's or the
# theme's; the preview server sees edits of the theme and new overrides;
# and an installed folio (make install) finds its theme.
. "$(dirname "$0")/lib.sh"

BARE=$T_TMP/bare
mkdir -p "$BARE"
cp -R "$ROOT/tests/fixtures/cookbook/content" "$BARE/"

# build_ok NAME OUT ARGS...: a build that must succeed, quietly.
build_ok() {
	local name=$1 out=$2
	shift 2
	run_folio "$T_TMP/out" "$T_TMP/err" build --out "$out" --quiet "$@"
	if [ "$RC" -eq 0 ] && [ ! -s "$T_TMP/err" ]; then
		ok "$name"
		return 0
	fi
	not_ok "$name" "exit status $RC" "$(cat "$T_TMP/err")"
	return 1
}

# loads_all NAME OUT: every local file an HTML page or a stylesheet of OUT
# points at exists, and the pages load a stylesheet, a script and the
# stylesheets a font (an independent reading of the output, not folio's).
loads_all() {
	if python3 - "$2" >"$T_TMP/loads" 2>&1 <<'PY'; then ok "$1"; else not_ok "$1" "$(cat "$T_TMP/loads")"; fi
import os, re, sys
from html.parser import HTMLParser
from urllib.parse import urlsplit, unquote

out = sys.argv[1]
missing, kinds = [], set()

class Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs = []
    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.refs.append((tag, value))

# Site paths (the 404 page's, which work from any address) start with the
# path of the site's address, which the home page's canonical link gives.
home = open(os.path.join(out, "index.html"), encoding="utf-8").read()
base_path = urlsplit(re.search(r'<link rel="canonical" href="([^"]*)"', home).group(1)).path

def local(base, ref):
    u = urlsplit(ref)
    if u.scheme or u.netloc or not u.path:
        return None
    if u.path.startswith("/"):
        if not u.path.startswith(base_path):
            return os.path.join(out, "(outside the site)" + u.path)
        path = os.path.normpath(os.path.join(out, unquote(u.path[len(base_path):])))
    else:
        path = os.path.normpath(os.path.join(os.path.dirname(base), unquote(u.path)))
    return os.path.join(path, "index.html") if ref.split("#")[0].endswith("/") or os.path.isdir(path) else path

for folder, _, files in os.walk(out):
    for name in files:
        f = os.path.join(folder, name)
        if name.endswith(".html"):
            p = Refs()
            p.feed(open(f, encoding="utf-8").read())
            for tag, ref in p.refs:
                target = local(f, ref)
                if target is None:
                    continue
                if tag == "link" and target.endswith(".css"):
                    kinds.add("css")
                if tag == "script":
                    kinds.add("js")
                if not os.path.isfile(target):
                    missing.append(f"{os.path.relpath(f, out)}: {ref}")
        elif name.endswith(".css"):
            for ref in re.findall(r'url\(\s*["\']?([^"\')]+)', open(f, encoding="utf-8").read()):
                target = local(f, ref)
                if target is None:
                    continue
                if "/fonts/" in target:
                    kinds.add("font")
                if not os.path.isfile(target):
                    missing.append(f"{os.path.relpath(f, out)}: {ref}")
for kind in ("css", "js", "font"):
    if kind not in kinds:
        missing.append(f"no page loads any {kind}")
print("\n".join(missing))
sys.exit(1 if missing else 0)
PY
}

# --- a site of content/ only ------------------------------------------------

if build_ok "theme: a site of content/ only builds" "$BARE/public" --source "$BARE"; then
	loads_all "theme: ... every stylesheet, script, font and image its pages load is in the output" "$BARE/public"
	run_folio "$T_TMP/check.out" "$T_TMP/check.err" check "$BARE/public"
	[ "$RC" -eq 0 ] && [ ! -s "$T_TMP/check.out" ] && ok "theme: ... and folio check finds no problem" ||
		not_ok "theme: ... and folio check finds no problem" "exit status $RC" "$(cat "$T_TMP/check.out" "$T_TMP/check.err")"
	same=1
	for f in css/site.css js/contents.js js/estimator.js fonts/folio-sans-regular.woff2 images/logo.svg; do
		cmp -s "$ROOT/theme/static/$f" "$BARE/public/$f" || same=0
	done
	check "theme: ... its static files are the theme's" test "$same" = 1
fi

# --- override order ---------------------------------------------------------

OVER=$T_TMP/over
mkdir -p "$OVER/templates/partials" "$OVER/static/css"
cp -R "$BARE/content" "$OVER/"
sed 's|<p class="site-footer__legal">|<p class="site-footer__legal">Marker of the site footer. |' \
	"$ROOT/theme/templates/partials/footer.html" >"$OVER/templates/partials/footer.html"
printf '/* the site stylesheet */\n' >"$OVER/static/css/site.css"
printf 'the site adds a file\n' >"$OVER/static/extra.txt"
if build_ok "theme: a site overriding one partial and one static file builds" "$OVER/public" --source "$OVER"; then
	pages=$(cd "$OVER/public" && find . -name '*.html' | LC_ALL=C sort)
	marked=1 rest=1
	for p in $pages; do
		grep -q 'Marker of the site footer' "$OVER/public/$p" || marked=0
		# Everything but the footer is the theme's: the page without its
		# footer is the content-only build's page without its footer.
		cmp -s <(sed '/<footer/,/<\/footer>/d' "$OVER/public/$p") <(sed '/<footer/,/<\/footer>/d' "$BARE/public/$p") ||
			rest=0
	done
	check "theme: ... every page has the site's footer" test "$marked" = 1 -a -n "$pages"
	check "theme: ... and the theme's markup everywhere else" test "$rest" = 1
	check "theme: ... the site's stylesheet replaces the theme's" grep -qx '/\* the site stylesheet \*/' "$OVER/public/css/site.css"
	check "theme: ... the theme's other files are still there" cmp -s "$ROOT/theme/static/js/contents.js" "$OVER/public/js/contents.js"
	check "theme: ... and the site's own files are added" test -f "$OVER/public/extra.txt"
fi

# --- errors name the file that was read -------------------------------------

sed -i 's|<p class="site-footer__legal">|<p class="site-footer__legal" data-f-txet="page.year">|' "$OVER/templates/partials/footer.html"
run_folio "$T_TMP/out" "$T_TMP/err" build --source "$OVER" --out "$OVER/public" --quiet
first=$(head -n 1 "$T_TMP/err")
want="$OVER/templates/partials/footer.html:9:35: error: unknown template attribute 'data-f-txet'; did you mean 'data-f-text'?"
check "theme: an error in the site's partial names the site's file" test "$RC" = 1 -a "$first" = "$want"

BROKEN=$T_TMP/broken-theme
cp -R "$ROOT/theme" "$BROKEN"
sed -i '3s|<meta |<meta data-f-bogus="" |' "$BROKEN/templates/partials/head.html"
run_folio "$T_TMP/out" "$T_TMP/err" build --source "$BARE" --theme "$BROKEN" --out "$T_TMP/broken-out" --quiet
first=$(head -n 1 "$T_TMP/err")
want="$BROKEN/templates/partials/head.html:3:9: error: unknown template attribute 'data-f-bogus'; remove it, or use one that folio-templates(7) lists"
check "theme: an error in the theme (--theme) names the theme's file" test "$RC" = 1 -a "$first" = "$want"
# A theme without the web fonts its stylesheet loads: the build says so at
# the url(), rather than publish pages that fall back to another font.
FONTLESS=$T_TMP/fontless-theme
cp -R "$ROOT/theme" "$FONTLESS"
rm "$FONTLESS"/static/fonts/*.woff2
run_folio "$T_TMP/out" "$T_TMP/err" build --source "$BARE" --theme "$FONTLESS" --out "$T_TMP/fontless-out" --quiet
line=$(grep -n 'folio-sans-regular.woff2' "$ROOT/theme/static/css/site.css" | head -n 1 | cut -d: -f1)
col=$(awk -v n="$line" 'NR == n { print index($0, "../fonts/folio-sans-regular.woff2") }' "$ROOT/theme/static/css/site.css")
first=$(head -n 1 "$T_TMP/err")
want="$FONTLESS/static/css/site.css:$line:$col: error: the stylesheet loads '../fonts/folio-sans-regular.woff2', which the build does not write (fonts/folio-sans-regular.woff2); add that file to static/ or fix the url()"
check "theme: a web font the stylesheet loads and the theme lacks is an error at its url()" \
	test "$RC" = 1 -a "$first" = "$want" -a ! -e "$T_TMP/fontless-out"
# The theme beside the program, shown from the working folder: theme/...
mkdir -p "$T_TMP/checkout/build"
cp "$FOLIO" "$T_TMP/checkout/build/folio"
cp -R "$BROKEN" "$T_TMP/checkout/theme"
(cd "$T_TMP/checkout" && $FOLIO_WRAP build/folio build --source "$BARE" --out "$T_TMP/broken-out" --quiet) \
	>"$T_TMP/out" 2>"$T_TMP/err"
first=$(head -n 1 "$T_TMP/err")
want="theme/templates/partials/head.html:3:9: error: unknown template attribute 'data-f-bogus'; remove it, or use one that folio-templates(7) lists"
check "theme: an error in the built-in theme names theme/templates/..." test "$first" = "$want"
check "theme: ... and the output was not made" test ! -e "$T_TMP/broken-out"

# --- the preview server -----------------------------------------------------

trap 'stop_server; rm -rf "$T_TMP"' EXIT

# served_has PATH TEXT: waits up to 60 s for the served PATH to hold TEXT.
served_has() {
	local i
	for i in $(seq 600); do
		curl -s --max-time 5 "$URL${1#/}" 2>/dev/null | grep -qF -- "$2" && return 0
		sleep 0.1
	done
	return 1
}

SERVED=$T_TMP/served
THEME=$T_TMP/served-theme
mkdir -p "$SERVED"
cp -R "$BARE/content" "$SERVED/"
cp -R "$ROOT/theme" "$THEME"
# shellcheck disable=SC2086
$FOLIO_WRAP "$FOLIO" serve --source "$SERVED" --theme "$THEME" --port 0 >"$T_TMP/serve.log" 2>&1 &
SERVER_PID=$!
URL=
for i in $(seq 1200); do
	URL=$(sed -n 's/^folio: serving .* at \(http[^ ]*\) .*/\1/p' "$T_TMP/serve.log")
	[ -n "$URL" ] && break
	kill -0 "$SERVER_PID" 2>/dev/null || break
	sleep 0.1
done
if [ -z "$URL" ]; then
	not_ok "theme: folio serve --theme starts" "$(cat "$T_TMP/serve.log")"
else
	ok "theme: folio serve --theme starts"
	printf '/* edited in the theme */\n' >>"$THEME/static/css/site.css"
	if served_has /css/site.css 'edited in the theme'; then ok "theme: serve rebuilds on an edit of the theme"; else
		not_ok "theme: serve rebuilds on an edit of the theme" "$(tail -n 5 "$T_TMP/serve.log")"; fi
	mkdir -p "$SERVED/templates/partials"
	sed 's|<p class="site-footer__legal">|<p class="site-footer__legal">A footer added while serving. |' \
		"$THEME/templates/partials/footer.html" >"$SERVED/templates/partials/footer.html"
	if served_has / 'A footer added while serving'; then ok "theme: serve takes a new site partial over the theme's"; else
		not_ok "theme: serve takes a new site partial over the theme's" "$(tail -n 5 "$T_TMP/serve.log")"; fi
fi
stop_server

# --- an installed folio -----------------------------------------------------

DEST=$T_TMP/dest
if make -s -C "$ROOT" install DESTDIR="$DEST" PREFIX=/usr >"$T_TMP/install.log" 2>&1; then
	ok "theme: make install DESTDIR=... PREFIX=/usr"
	check "theme: ... installs the theme's templates" test -f "$DEST/usr/share/folio/theme/templates/partials/head.html"
	check "theme: ... and its static files and fonts" \
		test -f "$DEST/usr/share/folio/theme/static/css/site.css" -a -f "$DEST/usr/share/folio/theme/static/fonts/folio-sans-regular.ttf"
	INSTALLED=$T_TMP/installed
	mkdir -p "$INSTALLED"
	cp -R "$BARE/content" "$INSTALLED/"
	# The installed program finds the theme installed with it.
	FOLIO=$DEST/usr/bin/folio FOLIO_WRAP='' run_folio "$T_TMP/out" "$T_TMP/err" build --source "$INSTALLED" \
		--out "$INSTALLED/by-installed" --quiet
	if [ "$RC" -eq 0 ]; then
		ok "theme: the installed folio builds a site of content/ only"
		loads_all "theme: ... every file its pages load is in its output" "$INSTALLED/by-installed"
		build_ok "theme: ... (the checkout's folio builds it too)" "$INSTALLED/public" --source "$INSTALLED" &&
			check "theme: ... the two builds are the same" diff -r "$INSTALLED/public" "$INSTALLED/by-installed"
	else
		not_ok "theme: the installed folio builds a site of content/ only" "exit status $RC" "$(cat "$T_TMP/err")"
	fi
else
	not_ok "theme: make install DESTDIR=... PREFIX=/usr" "$(tail -n 20 "$T_TMP/install.log")"
fi


# What happens next: a step the e-mail form performs says its own text
# when the site has a form, its without_form text when it has none, and
# is left out when it has neither.  The steps are read back from the
# built page's list, not from folio's model.
NEXT=$T_TMP/next
copy_site "$ROOT/content" "$NEXT/content"
RES=$NEXT/content/resources/crm-integration-architecture/resource.yaml
next_steps_of() {
	python3 - "$1/resources/crm-integration-architecture/index.html" <<'PY'
import re, sys
page = open(sys.argv[1], encoding="utf-8").read()
block = re.search(r'<ol class="next-steps__list".*?</ol>', page, re.S).group(0)
for item in re.findall(r'<li>(.*?)</li>', block, re.S):
    print(re.sub(r'\s+', ' ', re.sub(r'<[^>]+>', '', item)).strip())
PY
}
step_text() {   # the YAML value of KEY in the step marked form: true
	python3 - "$RES" "$1" <<'PY'
import sys, yaml
steps = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))["next"]["steps"]
step = [s for s in steps if s.get("form")][0]
print(step[sys.argv[2]])
PY
}
plain() { sed -E 's/\[([^]]*)\]\([^)]*\)/\1/g'; }
with_form=$(step_text text | plain)
without_form=$(step_text without_form | plain)
if build_ok "next steps: the default site builds" "$NEXT/no-form" --source "$NEXT" --no-pdf; then
	next_steps_of "$NEXT/no-form" >"$T_TMP/steps"
	check "next steps: without a form, three steps" test "$(wc -l <"$T_TMP/steps")" -eq 3
	check "next steps: ... the e-mail step says its without_form text" grep -qF "$without_form" "$T_TMP/steps"
	check "next steps: ... and no form is on the page" \
		bash -c "! grep -q 'id=\"lead-form\"' '$NEXT/no-form/resources/crm-integration-architecture/index.html'"
fi
printf 'lead_form:\n  endpoint: https://forms.example.com/playbook\n  title: Get a copy by e-mail\n' \
	>>"$NEXT/content/site.yaml"
if build_ok "next steps: a site with a lead form builds" "$NEXT/form" --source "$NEXT" --no-pdf; then
	next_steps_of "$NEXT/form" >"$T_TMP/steps"
	check "next steps: with a form, three steps" test "$(wc -l <"$T_TMP/steps")" -eq 3
	check "next steps: ... the e-mail step says its form text" grep -qF "$with_form" "$T_TMP/steps"
	check "next steps: ... and the form posts to the endpoint" \
		grep -q 'action="https://forms.example.com/playbook"' "$NEXT/form/resources/crm-integration-architecture/index.html"
fi
sed -i '/^lead_form:/,$d' "$NEXT/content/site.yaml"
sed -i '/without_form:/d' "$RES"
if build_ok "next steps: a form step with neither form nor without_form builds" "$NEXT/none" --source "$NEXT" --no-pdf; then
	next_steps_of "$NEXT/none" >"$T_TMP/steps"
	check "next steps: ... and is left out (two steps)" test "$(wc -l <"$T_TMP/steps")" -eq 2
fi

finish
