# 'cards' is the key in resource.yaml; its section's id is 'helps'.
cat >>content/resources/demo/resource.yaml <<'YAML'
sections: [why, cards, steps, patterns, help, playbook, faq]
YAML
