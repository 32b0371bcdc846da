# A misspelt id in 'sections': the error names the id it could be.
cat >>content/resources/demo/resource.yaml <<'YAML'
sections: [why, helps, stpes, patterns, help, playbook, faq]
YAML
