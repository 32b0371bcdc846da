# A decision matrix that both patterns rate; then a YAML syntax error in
# one of them.  Only the syntax error is reported: the broken pattern's
# ratings are unknown, not missing.
cat >>content/resources/demo/resource.yaml <<'YAML'
matrix:
  title: Decision matrix
  guide: Read across.
  criteria:
    - id: volume
      name: Data volume
    - id: cost
      name: Cost
YAML
for p in alpha beta; do
	sed -i '0,/^summary:/s//ratings:\n  - criterion: volume\n    value: High\n  - criterion: cost\n    value: Low\nsummary:/' \
		content/resources/demo/patterns/$p.md
done
sed -i '2s/^title: .*/title: Beta: an unquoted colon/' content/resources/demo/patterns/beta.md
