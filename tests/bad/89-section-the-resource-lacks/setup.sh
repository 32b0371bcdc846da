# 'trust' is a built-in section, but the demo resource has none.
cat >>content/resources/demo/resource.yaml <<'YAML'
sections: [why, helps, steps, patterns, trust, help, playbook, faq]
YAML
