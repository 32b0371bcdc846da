#!/usr/bin/env bash
# tests/fuzz.sh: the libFuzzer targets (tests/fuzz/fuzz_*.c, built by
# `make fuzz-build` into build-fuzz/).
#
#   tests/fuzz.sh              for the test suite: replays every kept input
#                              in tests/fuzz/regress/<target>/, then fuzzs
#                              each target briefly (FUZZ_BRIEF seconds, 5 by
#                              default) from a corpus seeded from content/
#   tests/fuzz.sh --time N     long runs for `make fuzz`: N seconds a target,
#                              the corpus kept in build-fuzz/corpus/<target>,
#
# Either way a finding is written to build-fuzz/crashes/<target>/.
#
# A crash, a sanitizer report, a leak or a timeout is a failed test.  Keep
# the input that found it in tests/fuzz/regress/<target>/ once it is fixed.
. "$(dirname "$0")/lib.sh"

FUZZ_DIR=${FUZZ_DIR:-$ROOT/build-fuzz}
BRIEF=${FUZZ_BRIEF:-5}
long=0
if [ "${1:-}" = "--time" ]; then
	long=1
	BRIEF=${2:?--time needs a number of seconds}
fi
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# The front matter of a pattern as layout lines: "box NAME|ROLE" for each
# system, "flow FROM TO HOW DATA|HOW" for each flow (systems by index).
layout_seed() {
	awk '
		/^systems:/ { sec = "s"; next }
		/^flows:/ { sec = "f"; next }
		/^[a-z_]+:/ { sec = "" }
		sec == "s" && /^  - id:/ { id = $3; idx[id] = n++ }
		sec == "s" && /^    name:/ { sub(/^    name: */, ""); name = $0 }
		sec == "s" && /^    role:/ { sub(/^    role: */, ""); print "box " name "|" $0 }
		sec == "f" && /^  - from:/ { from = $3 }
		sec == "f" && /^    to:/ { to = $2 }
		sec == "f" && /^    data:/ { sub(/^    data: */, ""); data = $0 }
		sec == "f" && /^    how:/ { print "flow " idx[from] " " idx[to] " " (h++ % 5) " " data "|" $2 }
	' "$1"
}

# seed TARGET DIR: fills DIR with starting inputs made from the content.
seed() {
	local target=$1 dir=$2 f i=0
	mkdir -p "$dir"
	local md yaml
	md=$(find "$ROOT/content" "$ROOT/tests/fixtures" -name '*.md' | LC_ALL=C sort)
	yaml=$(find "$ROOT/content" "$ROOT/tests/fixtures" -name '*.yaml' | LC_ALL=C sort)
	case $target in
	frontmatter)
		for f in $md; do cp "$f" "$dir/$((i += 1))"; done ;;
	markdown | typeset)
		# The first byte is the heading shift or the measure.
		for f in $md; do { printf 'P'; cat "$f"; } >"$dir/$((i += 1))"; done ;;
	yaml)
		# The first byte is the kind: 0 site, 1 resource, 2 pattern, 3 question.
		for f in $yaml; do
			case $f in */site.yaml) k='\000' ;; *) k='\001' ;; esac
			{ printf "$k"; cat "$f"; } >"$dir/$((i += 1))"
		done
		for f in $md; do
			case $f in */faq/*) k='\003' ;; *) k='\002' ;; esac
			{ printf "$k"; cat "$f"; } >"$dir/$((i += 1))"
		done ;;
	template)
		for f in "$ROOT"/theme/templates/*.html "$ROOT"/theme/templates/partials/*.html; do
			cp "$f" "$dir/$((i += 1))"
		done ;;
	urlpath)
		# Request paths: plain, encoded, and the traversal spellings tests/serve.sh sends.
		for p in / /index.html /resources/crm-integration-architecture/ '/a%20b/c.png?x=1#y' \
			'/../etc/passwd' '/%2e%2e/%2e%2e/etc/passwd' '/a%2fb' '/a%00b' '/.folio-build' '/a/./b//c/'; do
			printf '%s' "$p" >"$dir/$((i += 1))"
		done ;;
	mermaid)
		# Texts of mermaid blocks: every construct of the subset, and a few
		# mistakes.
		for t in 'flowchart LR\n  a([Start]) --> b{Ok?}\n  b -->|yes| c[(Store)] & d((End))\n  b -. no .-> e[[Retry]] == again ==> a\n  subgraph s [Group]\n    c --- d\n    subgraph t\n      e\n    end\n  end\n  classDef x fill:#f00\n  a:::x\n' \
			'graph TD; A["quoted (label)<br>two"] --> B(round) -.- C; %% comment\nB === D' \
			'sequenceDiagram\n  autonumber\n  participant A as Alice\n  actor B as Bob\n  A->>+B: hi\n  loop every minute\n    B-->>A: pong\n  end\n  alt ok\n    A-)B: x\n  else no\n    A--xB: y\n  end\n  par one\n    A->B: p\n  and two\n    A-->B: q\n  end\n  opt maybe\n    Note over A,B: both\n  end\n  rect rgb(1,2,3)\n    Note left of A: l\n  end\n  B-->>-A: bye\n  activate A\n  deactivate A\n' \
			'sequenceDiagram\n  critical x\n  end\n  A<<->>B: z\n' 'flowchart\n  A{{h}} --x B\n  end\n' 'pie\n'; do
			printf "$t" >"$dir/$((i += 1))"
		done ;;
	layout)
		for f in $(find "$ROOT/content" "$ROOT/tests/fixtures" -path '*/patterns/*.md' | LC_ALL=C sort); do
			layout_seed "$f" >"$dir/$((i += 1))"
		done ;;
	esac
}

found=0
for src in "$ROOT"/tests/fuzz/fuzz_*.c; do
	found=1
	name=$(basename "$src" .c)
	target=${name#fuzz_}
	bin=$FUZZ_DIR/$name
	if [ ! -x "$bin" ]; then
		not_ok "fuzz/$target" "$bin is missing: run make fuzz-build"
		continue
	fi
	# Replay: each kept input runs once and must pass.
	regress=$ROOT/tests/fuzz/regress/$target
	if [ -d "$regress" ] && [ -n "$(ls -A "$regress")" ]; then
		if "$bin" -runs=1 "$regress"/* >"$T_TMP/$target.replay" 2>&1; then
			ok "fuzz/$target: $(find "$regress" -type f | wc -l) kept inputs replay cleanly"
		else
			not_ok "fuzz/$target: kept inputs replay cleanly" "$(grep -E 'ERROR|SUMMARY|Running:' "$T_TMP/$target.replay" | tail -n 20)"
		fi
	fi
	if [ "$long" -eq 1 ]; then
		corpus=$FUZZ_DIR/corpus/$target
		[ -d "$corpus" ] || seed "$target" "$corpus"
		extra=()
	else
		corpus=$T_TMP/corpus-$target
		seed "$target" "$corpus"
		extra=(-seed=1)
	fi
	# Findings are kept outside the scratch folder, to be looked at.
	artifacts=$FUZZ_DIR/crashes/$target/
	mkdir -p "$artifacts"
	log=$T_TMP/$target.log
	if "$bin" "${extra[@]}" -max_total_time="$BRIEF" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
		-print_final_stats=1 -artifact_prefix="$artifacts" "$corpus" >"$log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
		ok "fuzz/$target: ${runs:-?} runs in ${BRIEF} s, no finding"
	else
		not_ok "fuzz/$target: no finding in ${BRIEF} s" "$(grep -E 'ERROR|SUMMARY|Test unit written|#0 |#1 |#2 |#3 ' "$log" | head -n 20)"
	fi
done
[ "$found" -eq 1 ] || not_ok "fuzz: targets" "no tests/fuzz/fuzz_*.c"
finish
