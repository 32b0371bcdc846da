# Windows line endings and a byte-order mark in a pattern file are accepted.
f=content/resources/demo/patterns/alpha.md
{ printf '\xef\xbb\xbf'; sed 's/$/\r/' "$f"; } > "$f.new" && mv "$f.new" "$f"
head -c 3 "$f" | od -An -tx1 | grep -q 'ef bb bf'
grep -q $'\r$' "$f"
