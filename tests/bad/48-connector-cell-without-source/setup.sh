# A connector cell that claims an API route but cites no source: only
# "undocumented" may go without one.
cat >>content/resources/demo/resource.yaml <<'YAML'
connectors:
  title: Connectors
  intro: Routes by vendor.
  checked: 2026-11-01
  note: As published.
  vendors:
    - id: acme
      name: Acme CRM
  areas:
    - id: erp
      name: ERP
  cells:
    - vendor: acme
      area: erp
      level: api
      note: A REST API.
YAML
