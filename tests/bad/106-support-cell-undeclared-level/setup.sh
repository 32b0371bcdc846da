# A support cell names a level the matrix does not declare.
cat >>content/resources/demo/resource.yaml <<'YAML'
support:
  title: Routes
  intro: Routes by product.
  checked: 2026-11-01
  note: As published.
  levels:
    - id: api
      label: API
    - id: undocumented
      label: Not publicly documented
      unsourced: true
  products:
    - id: acme
      name: Acme
  areas:
    - id: billing
      name: Billing
  cells:
    - product: acme
      area: billing
      level: native
      note: A REST API.
YAML
