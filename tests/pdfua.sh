#!/usr/bin/env bash
# tests/pdfua.sh: the playbook PDF is a tagged PDF/UA-1 that is also PDF/A-2a.
#
# Builds the default content and a copy of tests/fixtures/gfm-pdf given an
# image, a decorative image and a Mermaid diagram (so one playbook has every
# block kind: headings, paragraphs, lists, task lists, tables, footnotes,
# code, quotes, figures, links), and reads each playbook back:
#   - pdfinfo: "Tagged: yes" and "PDF version: 1.7"
#   - qpdf --check: no error or warning
#   - tests/pdfuacheck.py (pikepdf): marked content, parent tree, alt
#     texts, header scopes, link annotations, heading levels, metadata,
#     output intent, fonts, and the tree's text against poppler's page text
#   - tests/pdfjs-struct.mjs: pdf.js finds the same headings, tables and
#     figures as pikepdf, page by page
#   - a build on 1 thread and one on 4 give the same bytes
# Four more fixture sites' playbooks go through pdfuacheck alone.
# doc/matterhorn.md says which Matterhorn Protocol conditions these cover.
# No full PDF/UA or PDF/A validator runs: none is packaged in Debian.
. "$(dirname "$0")/lib.sh"

# pikepdf is Debian's python3-pikepdf: Debian's interpreter, whatever is
# first on PATH.
PY=/usr/bin/python3
CHECK="$PY $ROOT/tests/pdfuacheck.py"
# The output intent's profile, when the repository keeps it as a file.
ICC=$(ls "$ROOT"/generator/pdf/*.icc 2>/dev/null | head -n 1)

# pdf.js from npm, exactly as locked (as tests/browser.sh installs it).
if [ ! -d "$ROOT/node_modules/pdfjs-dist" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
	(cd "$ROOT" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund >"$T_TMP/npm.log" 2>&1) ||
		not_ok "pdfua: npm ci installs pdfjs-dist" "$(tail -n 5 "$T_TMP/npm.log")"
fi

# The fixture with every block kind: gfm-pdf plus images and a diagram.
fixture=$T_TMP/every-block
copy_site "$ROOT/tests/fixtures/gfm-pdf" "$fixture"
cp "$ROOT/tests/fixtures/images/static/images/contact.jpg" "$ROOT/tests/fixtures/images/static/images/rule.svg" \
	"$fixture/static/images/"
cat >>"$fixture/content/resources/notes/patterns/changelog.md" <<'EOF'

## Pictures

![A contact sheet of twelve frames](/images/contact.jpg)

A rule that only decorates follows.

![](/images/rule.svg "decorative")

## Flow

```mermaid
flowchart TD
    draft[Draft the notes] --> review{Reviewed?}
    review -->|yes| publish([Publish])
    review -->|no| draft
```
EOF

# build NAME SOURCE-ARGS... : builds on 4 threads into $T_TMP/out-NAME; ok when
# it builds without a word.
build() {
	local name=$1
	shift
	run_folio "$T_TMP/$name.out" "$T_TMP/$name.err" build "$@" --out "$T_TMP/out-$name" --quiet -j 4
	if [ "$RC" -eq 0 ] && [ ! -s "$T_TMP/$name.err" ]; then
		ok "pdfua: $name builds"
	else
		not_ok "pdfua: $name builds" "$(cat "$T_TMP/$name.err")"
		return 1
	fi
}

# check_pdf LABEL PDF REBUILT-PDF
check_pdf() {
	local label=$1 pdf=$2 again=$3 info
	if [ ! -f "$pdf" ]; then
		not_ok "pdfua: $label: the playbook exists" "no $pdf"
		return
	fi
	info=$(pdfinfo "$pdf" 2>&1)
	grep -qx 'Tagged: *yes' <<<"$info" && ok "pdfua: $label: pdfinfo says Tagged: yes" ||
		not_ok "pdfua: $label: pdfinfo says Tagged: yes" "$(grep -E '^Tagged:' <<<"$info")"
	grep -qx 'PDF version: *1.7' <<<"$info" && ok "pdfua: $label: PDF version 1.7" ||
		not_ok "pdfua: $label: PDF version 1.7" "$(grep -E '^PDF version:' <<<"$info")"

	local qrc=0
	qpdf --check "$pdf" >"$T_TMP/qpdf.txt" 2>&1 || qrc=$?
	[ "$qrc" -eq 0 ] && grep -q 'No syntax or stream encoding errors found' "$T_TMP/qpdf.txt" &&
		! grep -qi 'warning' "$T_TMP/qpdf.txt" && ok "pdfua: $label: qpdf --check is clean" ||
		not_ok "pdfua: $label: qpdf --check is clean" "exit $qrc" "$(head -n 10 "$T_TMP/qpdf.txt")"

	local jrc=0 json=$T_TMP/$label.pdfjs.json
	node "$ROOT/tests/pdfjs-struct.mjs" "$pdf" >"$json" 2>"$T_TMP/pdfjs.err" || jrc=$?
	if [ "$jrc" -eq 0 ] && grep -q '"role": "H1"' "$json"; then
		ok "pdfua: $label: pdf.js reads a structure tree with headings"
	else
		not_ok "pdfua: $label: pdf.js reads a structure tree with headings" "exit $jrc" "$(head -c 400 "$T_TMP/pdfjs.err")"
	fi

	local crc=0 args=()
	[ -n "$ICC" ] && args+=(--icc "$ICC")
	[ "$jrc" -eq 0 ] && args+=(--pdfjs "$json")
	$CHECK "$pdf" "${args[@]}" >"$T_TMP/check.txt" 2>&1 || crc=$?
	if [ "$crc" -eq 0 ]; then
		ok "pdfua: $label: pdfuacheck: $(sed 's/^.*: PDF\/UA checks pass: //' "$T_TMP/check.txt")"
	else
		not_ok "pdfua: $label: pdfuacheck (and pdf.js's reading) finds nothing to refuse" \
			"$(wc -l <"$T_TMP/check.txt") failure line(s), the first:" "$(head -n 30 "$T_TMP/check.txt")"
	fi

	cmp -s "$pdf" "$again" && ok "pdfua: $label: 1 thread and 4 threads give the same bytes" ||
		not_ok "pdfua: $label: 1 thread and 4 threads give the same bytes" "$(cmp "$pdf" "$again" 2>&1)"
}

if build default --source "$ROOT" && build every-block --source "$fixture"; then
	run_folio "$T_TMP/o" "$T_TMP/e" build --source "$ROOT" --out "$T_TMP/default-j1" --quiet -j 1
	run_folio "$T_TMP/o" "$T_TMP/e" build --source "$fixture" --out "$T_TMP/every-block-j1" --quiet -j 1
	rel=resources/crm-integration-architecture/crm-integration-architecture-playbook.pdf
	check_pdf default "$T_TMP/out-default/$rel" "$T_TMP/default-j1/$rel"
	rel=resources/notes/release-notes-playbook.pdf
	check_pdf every-block "$T_TMP/out-every-block/$rel" "$T_TMP/every-block-j1/$rel"
fi

# More sites, for what the two above lack: another language and its own
# face (german), headers that wrap in tables of several columns
# (security-review), Markdown images on their own (images), a site's own
# fonts (own-fonts).  Each playbook is read by the same checker.
for site in german security-review images own-fonts; do
	# images warns on purpose (a small picture): a clean exit is enough
	run_folio "$T_TMP/$site.out" "$T_TMP/$site.err" build --source "$ROOT/tests/fixtures/$site" --out "$T_TMP/out-$site" --quiet
	[ "$RC" -eq 0 ] && ok "pdfua: $site builds" || not_ok "pdfua: $site builds" "$(cat "$T_TMP/$site.err")"
	if [ "$RC" -eq 0 ]; then
		for pdf in $(find "$T_TMP/out-$site" -name '*.pdf' | sort); do
			crc=0
			$CHECK "$pdf" >"$T_TMP/check.txt" 2>&1 || crc=$?
			[ "$crc" -eq 0 ] && ok "pdfua: $site: $(basename "$pdf"): pdfuacheck finds nothing to refuse" ||
				not_ok "pdfua: $site: $(basename "$pdf"): pdfuacheck finds nothing to refuse" "$(head -n 20 "$T_TMP/check.txt")"
		done
	fi
done
finish
