# A decision matrix compares patterns: without any it is an error.
rm content/resources/demo/patterns/*.md
sed -i 's|/resources/demo/#patterns|/resources/demo/|' content/site.yaml
cat >>content/resources/demo/resource.yaml <<'YAML'
matrix:
  title: Compare them
  guide: Read across.
  criteria:
    - id: cost
      name: Cost
YAML
