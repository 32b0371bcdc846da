# 40 nested flow lists: the 33rd bracket (column 7 + 32) is one level too deep.
printf 'deep: %s%s\n' "$(printf '[%.0s' $(seq 40))" "$(printf ']%.0s' $(seq 40))" >> content/site.yaml
