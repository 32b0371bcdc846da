# A character the fonts lack in a pattern's Markdown body: bodies are
# checked while loaded, before they are left on disk until rendering.
sed -i 's/^Orders go through the hub\.$/Orders go through the 漢 hub./' content/resources/demo/patterns/beta.md
