# A 10 MB pattern file is refused before it is parsed.
f=content/resources/demo/patterns/alpha.md
yes 'More text for the narrative of this pattern.' | head -c 10000000 >> "$f"
test "$(stat -c %s "$f")" -gt 10000000
