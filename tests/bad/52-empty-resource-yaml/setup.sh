: > content/resources/demo/resource.yaml
