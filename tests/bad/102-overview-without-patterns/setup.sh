rm content/resources/demo/patterns/*.md
sed -i 's|/resources/demo/#patterns|/resources/demo/|' content/site.yaml
cat >>content/resources/demo/resource.yaml <<'YAML'
overview:
  title: The whole picture
  text: Every pattern around the hub.
YAML
