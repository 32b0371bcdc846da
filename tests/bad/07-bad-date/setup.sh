sed -i '6s/.*/updated: 2026-02-30/' content/resources/demo/resource.yaml
