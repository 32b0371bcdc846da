# With 'sections', every section the resource has must be placed.
cat >>content/resources/demo/resource.yaml <<'YAML'
sections: [why, helps, steps, patterns, help, playbook]
YAML
