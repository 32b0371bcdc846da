#!/usr/bin/env bash
# `folio build` over its own last build after one edit, on the bench site
# (tests/bench/gen-site.py) on the RAM disk: what a publisher waits for
# after saving a file, when not previewing.
#
#   tests/bench/rebuild.sh                         10,002 pages, 3 rounds
#   RESOURCES=100 ROUNDS=5 tests/bench/rebuild.sh  (10 pages a resource)
#   OPTIONS="" tests/bench/rebuild.sh              every output (default:
#                                                  two runs, --html-only,
#                                                  the pages alone, as the
#                                                  comparison with Hugo
#                                                  builds them, and
#                                                  --no-pdf, the pages,
#                                                  twins and pictures)
#
# After a cold build, each round times eight builds, each over the last:
# with nothing changed, after a line added to one pattern's body, after
# that pattern's title changed, after the footer template changed (the
# theme's partials/footer.html copied into the site), after a line added
# to a plain page, after that page's title changed (every page's menus),
# after site.yaml's tagline changed (every page, no playbook) and after a
# rule added to the site's stylesheet (the page and the
# stylesheet added to the generated site); then a cold build of
# the site as it now is, into a folder of its own (the last one moved
# aside, not deleted, as tests/bench/pages.sh does), the template edit's
# yardstick, timed in the same rounds.  Each edit is new (numbered), so
# every build has something to do.  Wall time of the whole process,
# median (min-max) over the rounds; prints the issue's goals (a body edit
# under 100 ms, loading and checking the record included; a template
# edit no slower than a cold build) as met or not and asserts nothing.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
make -s build/folio
RESOURCES=${RESOURCES:-1000}
ROUNDS=${ROUNDS:-3}
OPTIONS_LIST=${OPTIONS-"--html-only,--no-pdf"}
SHM=${SHM:-/dev/shm}
[ -d "$SHM" ] || SHM=$ROOT/build
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1767225600}
work=$SHM/folio-rebuild-bench.$$
trap 'rm -rf "$work"' EXIT
echo "folio: $(build/folio --version), cores: $(nproc), $((3 + RESOURCES * 10)) pages (one a plain page) on $SHM"
python3 tests/bench/gen-site.py "$RESOURCES" "$work/site" >/dev/null
site=$work/site/folio
mkdir -p "$site/templates/partials" "$site/content/pages" "$site/static/css"
cp theme/templates/partials/footer.html "$site/templates/partials/"
# A plain page and the site's own stylesheet, for the edits of each.
printf -- '---\ntitle: About\ndescription: Who writes this site, for which readers, and how its pages are put together.\nmenu: footer\n---\nA page about the site.\n' \
	>"$site/content/pages/about.md"
cp theme/static/css/site.css "$site/static/css/"
IFS=, read -r -a option_sets <<<"$OPTIONS_LIST"
[ ${#option_sets[@]} -gt 0 ] || option_sets=("")
for OPTIONS in "${option_sets[@]}"; do
echo "options: ${OPTIONS:-none}"
rm -rf "$work/out" "$work/.out.folio-state" "$work/.out.folio-units" "$work/.out.folio-bodies" "$work/.out.folio-listing" "$work/aside"
python3 - "$ROOT/build/folio" "$site" "$work/out" "$ROUNDS" "$RESOURCES" $OPTIONS <<'PY'
import os, re, shutil, statistics, subprocess, sys, time

sys.path.insert(0, os.path.join(os.getcwd(), 'tests/bench'))
from preview import Copy  # noqa: E402  the preview benchmark's edits, the same here

folio, site, out, rounds, resources = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
options = sys.argv[6:]
copy = Copy(site, 'content/resources/r%05d/patterns/p05.md' % ((resources + 1) // 2), 'templates/partials/footer.html',
            '<p class="site-footer__legal">', '<p class="site-footer__legal">Edit %d. ')


def build(into=out):
    t = time.perf_counter()
    subprocess.run([folio, 'build', '--quiet', '--source', site, '--out', into] + options, check=True)
    return (time.perf_counter() - t) * 1000


cold_out = out + '-cold'
aside = os.path.join(os.path.dirname(out), 'aside')


def cold(n):
    """A cold build: the last cold output and its record moved aside."""
    os.makedirs(aside, exist_ok=True)
    for name in (cold_out, os.path.join(os.path.dirname(out), '.out-cold.folio-state'),
                 os.path.join(os.path.dirname(out), '.out-cold.folio-units'),
                 os.path.join(os.path.dirname(out), '.out-cold.folio-bodies'),
                 os.path.join(os.path.dirname(out), '.out-cold.folio-listing')):
        if os.path.exists(name):
            os.rename(name, os.path.join(aside, '%d%s' % (n, os.path.basename(name))))
    subprocess.run(['sync'], check=True)
    return build(cold_out)


print('first build: %.0f ms' % build())
kinds = ('nothing', 'body', 'title', 'template', 'page', 'menu', 'site', 'static', 'cold')
page, stylesheet = os.path.join(site, 'content/pages/about.md'), os.path.join(site, 'static/css/site.css')
site_yaml = os.path.join(site, 'content/site.yaml')


def edit_more(kind, n):
    """A line added to the plain page, its title or site.yaml's tagline
    changed, or a rule added to the stylesheet."""
    if kind in ('menu', 'site'):
        path, key, value = (page, 'title', 'About') if kind == 'menu' else (site_yaml, 'tagline', 'Generated pages')
        with open(path, encoding='utf-8') as f:
            text = f.read()
        with open(path, 'w', encoding='utf-8') as f:
            f.write(re.sub(r'^%s: .*$' % key, '%s: %s, take %d' % (key, value, n), text, count=1, flags=re.M))
        return
    path, line = (page, 'Edit number %d.\n') if kind == 'page' else (stylesheet, '/* edit number %d */\n')
    with open(path, 'a', encoding='utf-8') as f:
        f.write(line % n)

times = {k: [] for k in kinds}
for n in range(1, rounds + 1):
    for kind in kinds:
        if kind == 'cold':
            times[kind].append(cold(n))
            continue
        if kind != 'nothing':
            if kind in ('page', 'menu', 'site', 'static'):
                edit_more(kind, n)
            else:
                copy.edit(kind, n)
        times[kind].append(build())
    print('  round %d of %d done' % (n, rounds), file=sys.stderr)
shutil.rmtree(aside, ignore_errors=True)
print('Milliseconds, median (min-max) over %d builds:' % rounds)
for kind in kinds:
    v = times[kind]
    print('  %-10s %8.0f (%.0f-%.0f)' % (kind, statistics.median(v), min(v), max(v)))
body = statistics.median(times['body'])
template, cold_ms = statistics.median(times['template']), statistics.median(times['cold'])
print('Goals at %d pages:' % (3 + resources * 10))
print('  %-78s %s' % ('folio build after a body edit under 100 ms (%.0f ms)' % body, 'met' if body < 100 else 'NOT met'))
print('  %-78s %s' % ('after a template edit no slower than a cold build (%.0f against %.0f ms)' % (template, cold_ms),
                      'met' if template <= cold_ms else 'NOT met'))
PY
done
