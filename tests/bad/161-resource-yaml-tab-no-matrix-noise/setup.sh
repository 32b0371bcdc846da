# Both patterns rate the criteria of a decision matrix, and site.yaml's
# calls to action lead to the resource's #patterns section; then a tab in
# resource.yaml.  Only the tab is reported: neither the matrix nor the
# sections of an unparsed resource.yaml are known to be missing.
cat >>content/resources/demo/resource.yaml <<'YAML'
matrix:
  title: Decision matrix
  guide: Read across.
  criteria:
    - id: volume
      name: Data volume
YAML
for p in alpha beta; do
	sed -i '0,/^summary:/s//ratings:\n  - criterion: volume\n    value: High\nsummary:/' \
		content/resources/demo/patterns/$p.md
done
grep -q '/resources/demo/#patterns' content/site.yaml
sed -i 's/^  title: Why it matters/\ttitle: Why it matters/' content/resources/demo/resource.yaml
