cat >>content/resources/demo/resource.yaml <<'YAML'
custom_sections:
  - title: Why read on
    body: A second opinion.
    anchor: why
YAML
