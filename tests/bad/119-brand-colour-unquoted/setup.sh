# The colour written without quotes: YAML reads "# ..." as a comment, so
# the value is empty; the message says why.
printf 'brand:\n  primary: #12324f\n  accent: "#0e6e66"\n' >>content/site.yaml
