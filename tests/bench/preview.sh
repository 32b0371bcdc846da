#!/usr/bin/env bash
# Edit-to-browser benchmark at scale: `folio serve` against `hugo server`
# (and `hugo server --disableFastRender`, for reference) on the bench site
# (tests/bench/gen-site.py), the same pages for both, on the RAM disk.
#
#   tests/bench/preview.sh                     10,002 pages, 15 rounds
#   RESOURCES=100 ROUNDS=5 tests/bench/preview.sh   (10 pages a resource)
#
# Three kinds of edit, each saved ROUNDS times on each server's copy in
# turn: a line added to one pattern's body, that pattern's title, and the
# footer template (Folio: the theme's partials/footer.html copied into the
# site's templates/partials/ before the server starts; Hugo: its
# baseof.html).  Times from the end of the save to the reload event on
# Folio's event stream, and to Hugo's rebuild message, with each server's
# own figure and Folio's second phase (the playbooks), which every edit
# waits for before the next; then the peak memory of every server and a
# cold `folio build --no-pdf` as the template edit's yardstick.  The goals
# are printed as met or not, never asserted.  tests/bench/preview.py does
# the edits; tests/bench/previewlib.py is shared with serve.sh.
#
# The first build of `folio serve` at 10,002 pages makes every PNG and
# 1,000 PDFs: minutes on two cores, and the whole run takes longer.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
command -v hugo >/dev/null || tests/install-deps.sh hugo
make -s build/folio
RESOURCES=${RESOURCES:-1000}
ROUNDS=${ROUNDS:-15}
SHM=${SHM:-/dev/shm}
[ -d "$SHM" ] || SHM=$ROOT/build
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1767225600}
work=$SHM/folio-preview-bench.$$
trap 'rm -rf "$work"' EXIT
echo "hugo: $(hugo version | cut -d' ' -f1-2)"
echo "folio: $(build/folio --version), cores: $(nproc), $((2 + RESOURCES * 10)) pages on $SHM"
python3 tests/bench/gen-site.py "$RESOURCES" "$work/site" >/dev/null
mkdir -p "$work/site/folio/templates/partials" "$work/tmp"
cp theme/templates/partials/footer.html "$work/site/folio/templates/partials/"
cp -R "$work/site/hugo" "$work/site/hugo-full"
python3 tests/bench/preview.py "$ROOT/build/folio" "$work/site" "$work/tmp" "$ROUNDS"
