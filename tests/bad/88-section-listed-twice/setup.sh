cat >>content/resources/demo/resource.yaml <<'YAML'
sections:
  - why
  - helps
  - steps
  - patterns
  - help
  - why
  - playbook
  - faq
YAML
