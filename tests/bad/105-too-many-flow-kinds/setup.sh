# Seven kinds: the palette has six colours, one for each place in the list.
cat >>content/resources/demo/resource.yaml <<'YAML'
    - id: k4
      label: Fourth
    - id: k5
      label: Fifth
    - id: k6
      label: Sixth
    - id: k7
      label: Seventh
YAML
