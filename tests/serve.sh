#!/usr/bin/env bash
# tests/serve.sh: `folio serve` over HTTP, with curl (and wrk when present)
# against a server this script starts on a port the system picks, serving a
# copy of the default site from a temporary folder.  Content types, the
# folder redirect, the 404 page, HEAD, ETag and 304, every path traversal
# we know of, a bounded load on loopback, rebuild and reload events, build
# errors and a clean stop.  Every wait has a time limit.
. "$(dirname "$0")/lib.sh"

SRC=$T_TMP/src
mkdir -p "$SRC"
cp -R "$ROOT/content" "$ROOT/static" "$SRC/"
# Types the default site does not use, so that they are served once too.
mkdir -p "$SRC/static/extra"
printf '{"a": 1}\n' >"$SRC/static/extra/data.json"
printf '\0\0\1\0' >"$SRC/static/extra/icon.ico"

trap 'stop_server; rm -rf "$T_TMP"' EXIT

# get PATH [CURL-ARGS...]: status code, then a blank, then the Content-Type.
get() {
	local path=$1
	shift
	rm -f "$T_TMP/body"   # curl leaves it alone when there is no body
	: >"$T_TMP/body"
	curl -sS --path-as-is --max-time 10 -o "$T_TMP/body" -D "$T_TMP/headers" -w '%{http_code} %{content_type}' "$@" "$URL${path#/}"
}

header() { # header NAME: its value in the last response
	tr -d '\r' <"$T_TMP/headers" | sed -n "s/^$1: //Ip" | head -n 1
}

if ! start_server "$T_TMP/serve.log" --source "$SRC" --port 0; then
	not_ok "serve: starts and prints its URL" "$(cat "$T_TMP/serve.log" "$T_TMP/serve.log.err")"
	finish
	exit 1
fi
ok "serve: starts and prints its URL"
case $URL in http://127.0.0.1:*) ok "serve: listens on 127.0.0.1 by default" ;;
*) not_ok "serve: listens on 127.0.0.1 by default" "URL: $URL" ;; esac
case $SITE in "$ROOT"/* | "$SRC"/*) not_ok "serve: builds into a private folder" "$SITE" ;;
*) check "serve: builds into a private folder" test -f "$SITE/index.html" ;; esac

# --- types: every file the build wrote, by an independent table ---------
expected_type() {
	case $1 in
	*.html) echo "text/html; charset=utf-8" ;;
	*.css) echo "text/css; charset=utf-8" ;;
	*.js) echo "text/javascript; charset=utf-8" ;;
	*.svg) echo "image/svg+xml" ;;
	*.png) echo "image/png" ;;
	*.pdf) echo "application/pdf" ;;
	*.xml) echo "application/xml" ;;
	*.txt) echo "text/plain; charset=utf-8" ;;
	*.md) echo "text/markdown; charset=utf-8" ;;
	*.woff2) echo "font/woff2" ;;
	*.ttf) echo "font/ttf" ;;
	*.json) echo "application/json" ;;
	*.ico) echo "image/vnd.microsoft.icon" ;;
	*.webmanifest) echo "application/manifest+json" ;;
	*) echo "?" ;;
	esac
}
bad_types=""
nfiles=0
while IFS= read -r rel; do
	nfiles=$((nfiles + 1))
	want=$(expected_type "$rel")
	got=$(get "/$rel")
	[ "$got" = "200 $want" ] || bad_types="$bad_types/$rel: got '$got', want '200 $want'"$'\n'
	case $rel in *.html) ;; *) cmp -s "$T_TMP/body" "$SITE/$rel" || bad_types="$bad_types/$rel: body differs from the file"$'\n' ;; esac
done < <(cd "$SITE" && find . -type f ! -name '.*' | sed 's|^\./||' | LC_ALL=C sort)
if [ -z "$bad_types" ] && [ "$nfiles" -gt 40 ]; then
	ok "serve: the right Content-Type and bytes for all $nfiles files"
else
	not_ok "serve: the right Content-Type and bytes for every file" "$nfiles files" "$bad_types"
fi
for ext in html css js svg png pdf xml txt md woff2 json ico; do
	find "$SITE" -name "*.$ext" | grep -q . || not_ok "serve: a .$ext file was served" "the build has none"
done

# --- pages ----------------------------------------------------------------
got=$(get /)
check "serve: / is index.html with status 200" test "$got" = "200 text/html; charset=utf-8"
check "serve: the page gets the reload script" grep -q '<script src="/__folio/reload.js" data-build="[0-9]*" defer></script></head>' "$T_TMP/body"
if grep -rlq '__folio' "$SITE"; then
	not_ok "serve: built files hold no reload script" "$(grep -rl '__folio' "$SITE")"
else
	ok "serve: built files hold no reload script"
fi
got=$(get /__folio/reload.js)
check "serve: the reload script is a same-origin JavaScript file" test "$got" = "200 text/javascript; charset=utf-8"
check "serve: the reload script listens to /__folio/events" grep -q "EventSource('/__folio/events')" "$T_TMP/body"

res=/resources/crm-integration-architecture
got=$(get "$res")
check "serve: a folder without its slash redirects (301)" test "${got%% *}" = 301
check "serve: ... to the same path with the slash" test "$(header Location)" = "$res/"
got=$(get "//evil.example/..")
check "serve: '//host' paths never redirect off the site" test "${got%% *}" != 301
got=$(get "$res/")
check "serve: a folder with its slash is its index.html" test "$got" = "200 text/html; charset=utf-8"
check "serve: ... the right page" grep -q '<h1[^>]*>CRM Integration Architecture' "$T_TMP/body"
got=$(get /css/)
check "serve: no folder listing (folder without index.html: 404)" test "${got%% *}" = 404

got=$(get /no/such/page)
check "serve: a missing page is 404" test "$got" = "404 text/html; charset=utf-8"
check "serve: ... with the site's 404 page" grep -q "$(sed -n 's:.*<title>\(.*\)</title>.*:\1:p' "$SITE/404.html")" "$T_TMP/body"
got=$(get /.folio-build)
check "serve: hidden files are not served" test "${got%% *}" = 404

# --- HEAD, ETag -----------------------------------------------------------
get / >/dev/null
get_len=$(wc -c <"$T_TMP/body")
etag=$(header ETag)
got=$(get / -I)
check "serve: HEAD answers 200" test "${got%% *}" = 200
check "serve: HEAD gives the length GET sends" test "$(header Content-Length)" = "$get_len"
# Whether anything follows the headers, read off the socket itself.
port=${URL##*:}
port=${port%/}
timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port; printf 'HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n' >&3; cat <&3" >"$T_TMP/head.raw" 2>/dev/null
check "serve: HEAD sends no body" test "$(sed -n '/^\r$/,$p' "$T_TMP/head.raw" | wc -c)" -eq 2
check "serve: HTML has an ETag" test -n "$etag"
got=$(get / -H "If-None-Match: $etag")
check "serve: If-None-Match with the ETag: 304" test "${got%% *}" = 304
check "serve: 304 has no body" test ! -s "$T_TMP/body"
got=$(get / -H 'If-None-Match: "other"')
check "serve: If-None-Match with another ETag: 200" test "${got%% *}" = 200
get /css/site.css >/dev/null
css_etag=$(header ETag)
got=$(get /css/site.css -H "If-None-Match: \"x\", $css_etag")
check "serve: ETag in a list: 304 (CSS)" test "${got%% *}" = 304
got=$(get / -X POST -d x=1)
check "serve: POST is 405" test "${got%% *}" = 405
check "serve: ... with Allow" test "$(header Allow)" = "GET, HEAD"

# --- traversal --------------------------------------------------------------
# Links that lead out of the build, put there behind the server's back.
ln -s /etc "$SITE/out-dir"
ln -s /etc/passwd "$SITE/out-file"
for path in /../../../../etc/passwd /..%2f..%2f..%2fetc%2fpasswd /%2e%2e/%2e%2e/%2e%2e/etc/passwd \
	/%2E%2E/%2E%2E/etc/passwd /css/..%2F..%2F..%2Fetc/passwd /css/%2e%2e/%2e%2e/etc/passwd \
	/.%2e/.%2e/etc/passwd /%252e%252e/etc/passwd '/..\..\etc\passwd' /..%5c..%5cetc%5cpasswd \
	/index.html%00.png /%00 /css%00/site.css /out-file /out-dir/passwd /out-dir/ "/$SITE/index.html" \
	/%2fetc%2fpasswd //etc/passwd; do
	got=$(get "$path")
	code=${got%% *}
	if { [ "$code" = 403 ] || [ "$code" = 404 ]; } && ! grep -q 'root:' "$T_TMP/body"; then
		ok "serve: traversal refused: $path ($code)"
	else
		not_ok "serve: traversal refused: $path" "status $got" "$(head -c 300 "$T_TMP/body")"
	fi
done
# A raw NUL byte in the request line, which curl cannot send.
# libmicrohttpd hands over the path up to the NUL only, so nothing after
# it can reach a file: the answer is a refusal or /index.html itself.
timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port; printf 'GET /index.html\0/../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n' >&3; cat <&3" >"$T_TMP/nul.raw" 2>/dev/null
status=$(head -n 1 "$T_TMP/nul.raw" | tr -d '\r')
case $status in
"HTTP/1.1 400"* | "HTTP/1.1 403"* | "HTTP/1.1 404"*) ok "serve: a raw NUL byte in the path goes no further (${status#HTTP/1.1 })" ;;
"HTTP/1.1 200"*)
	if grep -q 'root:' "$T_TMP/nul.raw" || ! grep -q '<title>' "$T_TMP/nul.raw"; then
		not_ok "serve: a raw NUL byte in the path goes no further" "$(head -c 300 "$T_TMP/nul.raw")"
	else
		ok "serve: a raw NUL byte in the path goes no further (the part before it: /index.html)"
	fi
	;;
*) not_ok "serve: a raw NUL byte in the path goes no further" "status line: '$status'" ;;
esac
rm -f "$SITE/out-dir" "$SITE/out-file"

# --- load -----------------------------------------------------------------
# 20,000 requests, 50 at a time, on loopback; every one must be a 200.
: >"$T_TMP/load.cfg"
paths=("" "css/site.css" "resources/crm-integration-architecture/" "images/favicon.svg")
for i in $(seq 5000); do
	for p in "${paths[@]}"; do
		printf 'url = "%s%s"\noutput = "/dev/null"\n' "$URL" "$p" >>"$T_TMP/load.cfg"
	done
done
start=$(date +%s%N)
timeout 300 curl -s --parallel --parallel-max 50 -K "$T_TMP/load.cfg" -w '%{http_code}\n' >"$T_TMP/load.codes" 2>"$T_TMP/load.err"
ms=$((($(date +%s%N) - start) / 1000000))
n200=$(grep -c '^200$' "$T_TMP/load.codes")
if [ "$n200" -eq 20000 ]; then
	ok "serve: 20000 requests, 50 concurrent: all 200 ($ms ms)"
else
	not_ok "serve: 20000 requests, 50 concurrent: all 200" "$n200 were 200" "$(sort "$T_TMP/load.codes" | uniq -c | head)" "$(head -n 5 "$T_TMP/load.err")"
fi
if command -v wrk >/dev/null 2>&1; then
	timeout 60 wrk -t 2 -c 50 -d 4s "$URL" >"$T_TMP/wrk.out" 2>&1
	if grep -q 'requests in' "$T_TMP/wrk.out" && ! grep -q -e 'Socket errors' -e 'Non-2xx' "$T_TMP/wrk.out"; then
		ok "serve: wrk, 50 connections for 4 s: no errors ($(grep -o '[0-9]* requests in' "$T_TMP/wrk.out"))"
	else
		not_ok "serve: wrk, 50 connections for 4 s: no errors" "$(cat "$T_TMP/wrk.out")"
	fi
fi
got=$(get /)
check "serve: still answers after the load" test "${got%% *}" = 200

# --- rebuild and reload -----------------------------------------------------
# wait_for FILE PATTERN SECONDS: whether PATTERN shows up in FILE in time.
wait_for() {
	local i
	for i in $(seq $(($3 * 10))); do
		grep -q -- "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}
events=$T_TMP/events
timeout 120 curl -sN --max-time 120 "${URL}__folio/events" >"$events" 2>/dev/null &
curl_pid=$!
if wait_for "$events" 'event: hello' 10; then ok "serve: the event stream says hello"; else not_ok "serve: the event stream says hello" "$(cat "$events")"; fi
faq=$SRC/content/resources/crm-integration-architecture/faq/api-versioning.md
printf '\nFreshly written sentence %s.\n' "$$" >>"$faq"
if wait_for "$events" 'event: reload' 60; then ok "serve: a saved file brings a reload event"; else not_ok "serve: a saved file brings a reload event" "$(cat "$events")"; fi
get "$res/" >/dev/null
check "serve: the page has the new text after the reload event" grep -q "Freshly written sentence $$" "$T_TMP/body"
# An editor that saves by writing a new file and renaming it over the old.
cp "$faq" "$T_TMP/faq.new"
printf '\nRenamed into place %s.\n' "$$" >>"$T_TMP/faq.new"
: >"$events.mark"
nreload=$(grep -c 'event: reload' "$events")
mv "$T_TMP/faq.new" "$faq"
for i in $(seq 600); do [ "$(grep -c 'event: reload' "$events")" -gt "$nreload" ] && break; sleep 0.1; done
get "$res/" >/dev/null
check "serve: a save by rename is seen" grep -q "Renamed into place $$" "$T_TMP/body"
# A new folder with a new file in it.
mkdir -p "$SRC/static/new/deeper"
nreload=$(grep -c 'event: reload' "$events")
printf 'hello\n' >"$SRC/static/new/deeper/hello.txt"
for i in $(seq 600); do [ "$(grep -c 'event: reload' "$events")" -gt "$nreload" ] && break; sleep 0.1; done
got=$(get /new/deeper/hello.txt)
check "serve: a file in a new folder is built and served" test "$got" = "200 text/plain; charset=utf-8"

# A YAML mistake: errors on the stream with file and line; the last good build stays.
yaml=$SRC/content/resources/crm-integration-architecture/resource.yaml
cp "$yaml" "$T_TMP/resource.yaml"
sed -i '3s/^/  broken: [here\n/' "$yaml"
if wait_for "$events" 'event: errors' 60; then ok "serve: a broken file brings an errors event"; else not_ok "serve: a broken file brings an errors event" "$(tail -n 5 "$events")"; fi
check "serve: ... naming the file (from the source folder) and line" grep -q '"file":"content/resources/crm-integration-architecture/resource.yaml","line":3,' "$events"
check "serve: ... also printed in the terminal" grep -q 'resource.yaml:3:[0-9]*: error:' "$T_TMP/serve.log.err"
got=$(get "$res/")
check "serve: the last good build is still served" test "${got%% *}" = 200
check "serve: ... with its text" grep -q "Renamed into place $$" "$T_TMP/body"
late=$(curl -sN --max-time 2 "${URL}__folio/events" 2>/dev/null)
case $late in *'event: errors'*resource.yaml*) ok "serve: a page opened later gets the errors too" ;;
*) not_ok "serve: a page opened later gets the errors too" "$late" ;; esac
nreload=$(grep -c 'event: reload' "$events")
cp "$T_TMP/resource.yaml" "$yaml"
for i in $(seq 600); do [ "$(grep -c 'event: reload' "$events")" -gt "$nreload" ] && break; sleep 0.1; done
check "serve: fixing it brings a reload event" test "$(grep -c 'event: reload' "$events")" -gt "$nreload"
late=$(curl -sN --max-time 2 "${URL}__folio/events" 2>/dev/null)
case $late in *'event: errors'*) not_ok "serve: once fixed, no errors are sent" "$late" ;;
*'event: hello'*) ok "serve: once fixed, no errors are sent" ;;
*) not_ok "serve: once fixed, no errors are sent" "no hello: $late" ;; esac
kill "$curl_pid" 2>/dev/null
wait "$curl_pid" 2>/dev/null

# --- two phases: the pages first, then the playbook -------------------------
# A change first rebuilds with the playbook carried over and reloads; then
# the whole build runs, and reloads again only when a page changed.
events=$T_TMP/events2
timeout 300 curl -sN --max-time 300 "${URL}__folio/events" >"$events" 2>/dev/null &
curl_pid=$!
wait_for "$events" 'event: hello' 10 || not_ok "serve: a second event stream says hello" "$(cat "$events")"
reloads() { grep -c 'event: reload' "$events"; }
# A second phase ends whole, or dropped for a newer edit.
second_phases() { grep -c -e '^folio: rebuilt the playbooks' -e '^folio: playbook pass dropped' "$T_TMP/serve.log"; }
dropped_phases() { grep -c '^folio: playbook pass dropped for a newer edit' "$T_TMP/serve.log"; }
# wait_count COMMAND N SECONDS: whether COMMAND's output reaches N in time.
wait_count() {
	local i
	for i in $(seq $(($3 * 100))); do
		[ "$($1)" -ge "$2" ] && return 0
		sleep 0.01
	done
	return 1
}
pdf=resources/crm-integration-architecture/crm-integration-architecture-playbook.pdf
# fresh_build: what `folio build` makes of the sources now, in $T_TMP/fresh.
fresh_build() {
	rm -rf "$T_TMP/fresh"
	run_folio "$T_TMP/fresh.out" "$T_TMP/fresh.err" build --source "$SRC" --out "$T_TMP/fresh"
}
# size_note FILE: the "PDF, N pages, K KB" note of a resource page.
size_note() { grep -o 'PDF, <span[^>]*>[0-9]*</span> pages, <span[^>]*>[0-9]*</span> KB' "$1"; }
# long_answer WORD: many paragraphs, so the playbook gains pages.
long_answer() {
	local i
	for i in $(seq 150); do
		printf '\n%s paragraph %d: the integration keeps every record in step across systems, with retries, ' "$1" "$i"
		printf 'idempotent writes, a dead-letter queue and an owner for every flow, so nothing is lost.\n'
	done
}

# Every first phase that rebuilt is followed by a second: wait for the last.
first_phases() { grep -c '^folio: rebuilt [0-9]* pages' "$T_TMP/serve.log"; }
wait_count second_phases "$(first_phases)" 60 || not_ok "serve: every first phase has its second" "$(tail -n 5 "$T_TMP/serve.log")"
n=$(second_phases)
r=$(reloads)
# A static folder made (the watch does not name the files of a new
# folder: a whole build, whose playbooks are as they were).  An edit of a
# static file alone would be copied over with no second phase at all.
mkdir "$SRC/static/more" && printf ' ' >"$SRC/static/more/data.json"
if wait_count second_phases $((n + 1)) 60; then
	check "serve: a change outside the playbook: one reload, none after the second phase" test "$(reloads)" -eq $((r + 1))
else
	not_ok "serve: a change outside the playbook brings a second phase" "$(tail -n 5 "$T_TMP/serve.log")"
fi

n=$(second_phases)
r=$(reloads)
long_answer Added >>"$faq"
if wait_count second_phases $((n + 1)) 60; then
	check "serve: a playbook whose size changes brings a second reload" test "$(reloads)" -eq $((r + 2))
	fresh_build
	get "/$pdf" >/dev/null
	check "serve: after the second phase the PDF served is the one folio build makes" cmp -s "$T_TMP/body" "$T_TMP/fresh/$pdf"
	get "$res/" >/dev/null
	note=$(size_note "$T_TMP/body")
	check "serve: ... and the page tells its new page count and size" test -n "$note" -a "$note" = "$(size_note "$T_TMP/fresh/${res#/}/index.html")"
else
	not_ok "serve: a playbook edit brings a second phase" "$(tail -n 5 "$T_TMP/serve.log")"
fi

# An edit while the second phase runs (a longer playbook makes it last).
n=$(second_phases)
r=$(reloads)
long_answer More >>"$faq"
if wait_count reloads $((r + 1)) 60; then
	# counted before the edit: the edit drops the running phase at once,
	# and a count taken after it may see that drop
	during=$(second_phases)
	printf '\nWritten during the second phase %s.\n' "$$" >>"$faq"
	fresh_build
	for i in $(seq 600); do
		get "/$pdf" >/dev/null
		cmp -s "$T_TMP/body" "$T_TMP/fresh/$pdf" && break
		sleep 0.1
	done
	check "serve: an edit during the second phase: the PDF is then the one folio build makes" cmp -s "$T_TMP/body" "$T_TMP/fresh/$pdf"
	get "$res/" >/dev/null
	check "serve: ... and the page has the edit" grep -q "Written during the second phase $$" "$T_TMP/body"
	check "serve: ... (the edit came before the second phase ended)" test "$during" -eq "$n"
	check "serve: ... which was dropped for it" test "$(dropped_phases)" -ge 1
	check "serve: ... and its reload came" test "$(reloads)" -ge $((r + 2))
else
	not_ok "serve: a long playbook edit brings a reload" "$(tail -n 5 "$T_TMP/serve.log")"
fi

# A burst of edits, 0.1 s apart, while a few pages and the PDF are asked
# for all along: the last edit's second phase makes the whole build, and
# no answer is ever anything but 200 (the served folder never lacks a file).
wait_count second_phases "$(first_phases)" 60 || not_ok "serve: the second phase before the burst ends" "$(tail -n 5 "$T_TMP/serve.log")"
poll_urls() {
	while :; do
		for p in "" "css/site.css" "${res#/}/" "$pdf" "${res#/}/overview.svg"; do
			curl -s -o /dev/null --max-time 10 -w '%{http_code} /%{url_effective}\n' "$URL$p"
		done
	done
}
poll_urls >"$T_TMP/poll.codes" 2>/dev/null &
poll_pid=$!
errors_before=$(wc -c <"$T_TMP/serve.log.err")
for i in $(seq 8); do
	printf '\nBurst edit %d of %s.\n' "$i" "$$" >>"$faq"
	[ "$i" -eq 4 ] && long_answer Burst >>"$faq"
	sleep 0.1
done
fresh_build
if wait_count second_phases "$(first_phases)" 60; then
	check "serve: a burst of edits ends with a whole second phase" grep -q '^folio: rebuilt the playbooks' <(tail -n 1 "$T_TMP/serve.log")
	get "/$pdf" >/dev/null
	check "serve: a burst of edits ends in the PDF folio build makes" cmp -s "$T_TMP/body" "$T_TMP/fresh/$pdf"
	get "$res/" >/dev/null
	check "serve: ... and the page has the last edit" grep -q "Burst edit 8 of $$" "$T_TMP/body"
	note=$(size_note "$T_TMP/body")
	check "serve: ... and the PDF's page count and size" test -n "$note" -a "$note" = "$(size_note "$T_TMP/fresh/${res#/}/index.html")"
else
	not_ok "serve: a burst of edits ends with a second phase" "$(tail -n 5 "$T_TMP/serve.log")"
fi
kill "$poll_pid" 2>/dev/null
wait "$poll_pid" 2>/dev/null
polled=$(grep -c . "$T_TMP/poll.codes")
if [ "$polled" -gt 10 ] && ! grep -qv '^200 ' "$T_TMP/poll.codes"; then
	ok "serve: during the burst every file was served, all along ($polled answers)"
else
	not_ok "serve: during the burst every file was served, all along" "$polled answers" "$(grep -v '^200 ' "$T_TMP/poll.codes" | sort | uniq -c | head)"
fi
check "serve: a dropped second phase prints no error" test "$(wc -c <"$T_TMP/serve.log.err")" -eq "$errors_before"
check "serve: ... and leaves no staging folder" test -z "$(find "$(dirname "$SITE")" -maxdepth 1 -name '.*staging*')"
kill "$curl_pid" 2>/dev/null
wait "$curl_pid" 2>/dev/null

# --- ports, options ---------------------------------------------------------
port=${URL##*:}
port=${port%/}
run_folio "$T_TMP/taken.out" "$T_TMP/taken.err" serve --source "$SRC" --port "$port"
check "serve: a port in use that was asked for is an error" test "$RC" -eq 1
check "serve: ... that says so" grep -q "cannot listen on 127.0.0.1 port $port" "$T_TMP/taken.err"
run_folio "$T_TMP/usage.out" "$T_TMP/usage.err" serve --port 70000
check "serve: --port out of range is a usage error" test "$RC" -eq 2
run_folio "$T_TMP/usage.out" "$T_TMP/usage.err" serve --bind no.such.host.invalid --source "$SRC"
check "serve: an unknown --bind address is an error" test "$RC" -eq 1

# --- stop -------------------------------------------------------------------
pid=$SERVER_PID
kill -INT "$pid"
rc=0
for i in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$pid" 2>/dev/null; then
	not_ok "serve: Ctrl-C stops it within 30 s"
	kill -KILL "$pid"
else
	wait "$pid" || rc=$?
	SERVER_PID=
	check "serve: Ctrl-C stops it with status 0" test "$rc" -eq 0
fi
check "serve: says it stopped" grep -q '^folio: stopped$' "$T_TMP/serve.log"
check "serve: the private build folder is removed" test ! -e "$(dirname "$SITE")"

# SIGTERM (what service managers and kill send) stops it as cleanly: the
# signal is taken, not left pending to kill the process once unblocked.
if start_server "$T_TMP/term.log" --source "$SRC" --port 0; then
	pid=$SERVER_PID
	kill -TERM "$pid"
	rc=0
	wait "$pid" || rc=$?
	SERVER_PID=
	check "serve: SIGTERM stops it with status 0" test "$rc" -eq 0
	check "serve: ... saying it stopped" grep -q '^folio: stopped$' "$T_TMP/term.log"
	check "serve: ... and removing its build folder" test ! -e "$(dirname "$SITE")"
else
	not_ok "serve: a second server starts for SIGTERM"
fi
if grep -q -e 'ERROR: AddressSanitizer' -e 'runtime error' -e 'LeakSanitizer' "$T_TMP/serve.log.err"; then
	not_ok "serve: no sanitizer report" "$(grep -A 20 -e ERROR -e 'runtime error' "$T_TMP/serve.log.err" | head -n 40)"
else
	ok "serve: no sanitizer report"
fi

# The default port, and the next one when it is taken.
if start_server "$T_TMP/a.log" --source "$SRC"; then
	url_a=$URL pid_a=$SERVER_PID
	if start_server "$T_TMP/b.log" --source "$SRC"; then
		check "serve: without --port, a second server finds another free port" test "$URL" != "$url_a"
		stop_server
	else
		not_ok "serve: without --port, a second server finds another free port" "$(cat "$T_TMP/b.log.err")"
	fi
	SERVER_PID=$pid_a
	stop_server
else
	not_ok "serve: starts without --port" "$(cat "$T_TMP/a.log.err")"
fi

# A first build that fails: the server starts anyway, every page shows the
# errors, and the site appears once they are fixed.
sed -i '3s/^/  broken: [here\n/' "$yaml"
if start_server "$T_TMP/c.log" --source "$SRC" --port 0; then
	check "serve: a failed first build says nothing is served yet" grep -q 'nothing to serve until they are fixed' "$T_TMP/c.log.err"
	got=$(get /)
	check "serve: ... pages are 404 (HTML)" test "$got" = "404 text/html; charset=utf-8"
	check "serve: ... with the reload script, to show the errors" grep -q '/__folio/reload.js' "$T_TMP/body"
	late=$(curl -sN --max-time 2 "${URL}__folio/events" 2>/dev/null)
	case $late in *'event: errors'*resource.yaml*) ok "serve: ... and the errors on the stream" ;;
	*) not_ok "serve: ... and the errors on the stream" "$late" ;; esac
	cp "$T_TMP/resource.yaml" "$yaml"
	for i in $(seq 600); do [ "$(get / | cut -d' ' -f1)" = 200 ] && break; sleep 0.1; done
	check "serve: ... and the site once they are fixed" test "$(get / | cut -d' ' -f1)" = 200
	stop_server
else
	not_ok "serve: starts even when the first build fails" "$(cat "$T_TMP/c.log.err")"
	cp "$T_TMP/resource.yaml" "$yaml"
fi

finish
