# Markdown in a YAML block scalar: the error names the link's own line and column.
sed -i '12s|.*|  intro: \|\n    Tests keep the generator honest.\n    See [the guide](/resources/demo/guide/).|' content/resources/demo/resource.yaml
