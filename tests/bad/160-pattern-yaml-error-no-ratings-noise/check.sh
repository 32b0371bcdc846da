# The whole of stderr: the syntax error and the summary, nothing derived.
diff -u - stderr <<'OUT'
content/resources/demo/patterns/beta.md:2:12: error: YAML syntax: mapping values are not allowed in this context; check the indentation and quote values that contain ': ' or start with a special character
folio: 1 error; out was left unchanged
OUT
