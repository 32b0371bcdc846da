#!/bin/sh
# Browser checks of a built site: accessibility and page structure in headless
# Chromium (tests/browser/a11y.mjs), the estimator driven by keyboard
# (tests/browser/estimator.mjs, when the site has its page), the in-page
# contents, heading links, back to top and previous/next
# (tests/browser/wayfinding.mjs) and Lighthouse's accessibility and
# best-practices scores (tests/browser/lighthouse.mjs) when the site has
# resource pages, then HTML, CSS and SVG validity with the Nu Html Checker
# (tests/browser/html5.sh).  Then
# `folio serve` end to end (tests/browser/serve.mjs): live reload and the
# error overlay, with the folio in $FOLIO (default: build/folio).
#
#   tests/browser.sh [site-dir [more-site-dir...]]   (default: public; build them first)
#
# Sites after the first get the accessibility and structure checks and the
# Nu Html Checker only (the rest drives the default content).
#
# Installs what it needs when missing: the npm packages pinned in
# package-lock.json (npm ci, no install scripts, no browser download), and
# Debian's chromium and a Java runtime (apt-get, as root).  Ends with the
# line "N passed, N failed" for both together; exits non-zero on a failure.
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
site=${1:-public}
[ $# -gt 0 ] && shift

say() { echo "browser.sh: $*" >&2; }
total_passed=0
total_failed=0
finish() {
	echo "$total_passed passed, $total_failed failed"
	[ "$total_failed" -eq 0 ]
	exit $?
}
setup_failed() {
	echo "not ok - $*"
	total_failed=$((total_failed + 1))
	finish
}

[ -d "$site" ] || setup_failed "site folder $site exists (run make first)"

# Debian packages: the browser, Java for the Nu Html Checker, Node and npm.
need=""
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || need="$need chromium"
command -v java >/dev/null 2>&1 || need="$need default-jre-headless"
command -v node >/dev/null 2>&1 || need="$need nodejs"
command -v npm >/dev/null 2>&1 || need="$need npm"
if [ -n "$need" ]; then
	"$root/tests/install-deps.sh" $need >&2 || setup_failed "Debian packages installed:$need"
fi

# npm packages, exactly as locked; again when the lock file changed.
stamp="$root/node_modules/.package-lock.json"
if [ ! -f "$stamp" ] || [ "$root/package-lock.json" -nt "$stamp" ] ||
	[ ! -d "$root/node_modules/playwright-core" ] || [ ! -d "$root/node_modules/axe-core" ] ||
	[ ! -d "$root/node_modules/lighthouse" ] ||
	[ ! -f "$root/node_modules/vnu-jar/build/dist/vnu.jar" ]; then
	say "installing npm packages (npm ci)"
	(cd "$root" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund >&2) ||
		setup_failed "npm ci installed the packages in package-lock.json"
fi

# Runs one suite, echoing its output, and adds its closing counts.
run_suite() {
	name=$1
	shift
	out=$(mktemp)
	"$@" | tee "$out"
	last=$(tail -n 1 "$out")
	rm -f "$out"
	case $last in
	*" passed, "*" failed")
		p=${last%% passed,*}
		f=${last#*passed, }
		f=${f%% failed}
		total_passed=$((total_passed + p))
		total_failed=$((total_failed + f))
		;;
	*)
		echo "not ok - $name ran to its closing count"
		total_failed=$((total_failed + 1))
		;;
	esac
}

run_suite "a11y.mjs" node "$here/browser/a11y.mjs" "$site"
# The estimator check drives the default content's resource page.
if [ -f "$here/browser/estimator.mjs" ] &&
	[ -f "$site/resources/crm-integration-architecture/index.html" ]; then
	run_suite "estimator.mjs" node "$here/browser/estimator.mjs" "$site"
fi
# Finding one's way and Lighthouse need resource pages.
if ls "$site"/resources/*/index.html >/dev/null 2>&1; then
	run_suite "wayfinding.mjs" node "$here/browser/wayfinding.mjs" "$site"
	run_suite "lighthouse.mjs" node "$here/browser/lighthouse.mjs" "$site"
fi
run_suite "html5.sh" sh "$here/browser/html5.sh" "$site"
for more in "$@"; do
	run_suite "a11y.mjs ($more)" node "$here/browser/a11y.mjs" "$more"
	run_suite "html5.sh ($more)" sh "$here/browser/html5.sh" "$more"
done
folio=${FOLIO:-$root/build/folio}
case $folio in /*) ;; *) folio=$root/$folio ;; esac
if [ -x "$folio" ]; then
	# A sanitizer build rebuilds several times slower than the 2 s allowed.
	case $folio in */build-asan/*) budget=${RELOAD_BUDGET_MS:-15000} ;; *) budget=${RELOAD_BUDGET_MS:-2000} ;; esac
	RELOAD_BUDGET_MS=$budget run_suite "serve.mjs" node "$here/browser/serve.mjs" "$folio"
else
	echo "not ok - serve.mjs: $folio is there (run make)"
	total_failed=$((total_failed + 1))
fi
finish
