# An empty pattern file has no front matter.
: > content/resources/demo/patterns/alpha.md
