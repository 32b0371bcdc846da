#!/usr/bin/env bash
# PDF benchmark: Folio's playbook against WeasyPrint printing the same
# content (the built resource page and pattern pages, with the site's print
# stylesheet), in the same run.  Reports time and file size of both; the issue's targets
# (at least 50 times faster, a smaller file) are reported, not asserted.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
command -v weasyprint >/dev/null || tests/install-deps.sh weasyprint
make -s build/folio build/bench_pdf
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1767225600
build/folio build --quiet --out "$work/site"
page=$work/site/resources/crm-integration-architecture/index.html
# The same content as the playbook: the resource page and every pattern
# page, their main content in one document with the site's stylesheet.
combined=$work/site/resources/crm-integration-architecture/print.html
python3 - "$page" "$work"/site/resources/crm-integration-architecture/patterns/*/index.html >"$combined" <<'PY'
import re, sys
first = open(sys.argv[1], encoding='utf-8').read()
head = first[:first.index('<body')]
mains = [re.search(r'<main\b.*?</main>', open(p, encoding='utf-8').read(), re.S).group(0) for p in sys.argv[1:]]
print(head + '<body>' + '\n'.join(mains) + '</body></html>')
PY

build/bench_pdf "$ROOT" "${ROUNDS:-10}" "$work/folio.pdf" >"$work/folio.txt"
folio_ms=$(sed -n 's/^pdf_ms //p' "$work/folio.txt")
folio_bytes=$(sed -n 's/^pdf_bytes //p' "$work/folio.txt")
folio_pages=$(sed -n 's/^pdf_pages //p' "$work/folio.txt")

# WeasyPrint: median of three runs, as a whole process (it cannot run
# in ours); the page and its stylesheet are read from the built site.
times=""
for _ in 1 2 3; do
	s=$(date +%s%N)
	weasyprint -q "$combined" "$work/weasy.pdf" 2>/dev/null
	e=$(date +%s%N)
	times="$times $(((e - s) / 1000000))"
done
weasy_ms=$(echo $times | tr ' ' '\n' | sort -n | sed -n 2p)
weasy_bytes=$(stat -c %s "$work/weasy.pdf")
weasy_pages=$(pdfinfo "$work/weasy.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')

printf '\nPlaybook PDF of the default content\n'
printf '%-34s %10s %12s %7s\n' "" "ms" "bytes" "pages"
printf '%-34s %10s %12s %7s\n' "Folio (typeset in process)" "$folio_ms" "$folio_bytes" "$folio_pages"
printf '%-34s %10s %12s %7s\n' "WeasyPrint (same pages, print CSS)" "$weasy_ms" "$weasy_bytes" "$weasy_pages"
awk -v f="$folio_ms" -v w="$weasy_ms" -v fb="$folio_bytes" -v wb="$weasy_bytes" 'BEGIN {
	printf "Folio is %.0f times faster; target at least 50: %s\n", w / f, (w / f >= 50 ? "met" : "NOT met");
	printf "file size target (smaller than WeasyPrint): %s\n", (fb < wb ? "met" : "NOT met") }'
