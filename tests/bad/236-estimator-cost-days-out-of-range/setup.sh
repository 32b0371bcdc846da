# A unit of effort of no working days.
cat >>content/resources/demo/resource.yaml <<'YAML'
estimator:
  title: Estimate it
  intro: Tick what you need.
  assumptions: [Weeks of one team.]
  shared_percent: 50
  volumes:
    - id: low
      label: Low
      percent: 100
  experience:
    - id: some
      label: Some
      percent: 100
  cost:
    days_per_unit: 0
YAML
