# The whole of stderr: the tab and the summary, nothing derived.
diff -u - stderr <<'OUT'
content/resources/demo/resource.yaml:11:1: error: tab character in YAML; indent with spaces only
folio: 1 error; out was left unchanged
OUT
