# An unquoted ': ' inside a value.
sed -i '3s/.*/description: Note: this colon needs quotes/' content/site.yaml
