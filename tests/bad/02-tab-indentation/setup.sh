# A tab instead of two spaces before a nested key.
sed -i '7s/^  name:/\tname:/' content/site.yaml
