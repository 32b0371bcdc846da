printf -- '---\nmore: 1\n' >> content/site.yaml
