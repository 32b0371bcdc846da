# A decision matrix with a criterion that no pattern rates.
cat >>content/resources/demo/resource.yaml <<'YAML'
matrix:
  title: Decision matrix
  guide: Read across.
  criteria:
    - id: volume
      name: Data volume
YAML
