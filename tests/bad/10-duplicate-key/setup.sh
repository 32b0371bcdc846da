echo 'title: A second title' >> content/resources/demo/resource.yaml
