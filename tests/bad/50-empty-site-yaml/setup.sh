# An empty file: every required key is missing.
: > content/site.yaml
