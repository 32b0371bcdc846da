# The second anchor is made from its title, and clashes with the first.
cat >>content/resources/demo/resource.yaml <<'YAML'
custom_sections:
  - title: Glossary
    body: Words used here.
    anchor: terms
  - title: Terms
    body: The same words again.
YAML
