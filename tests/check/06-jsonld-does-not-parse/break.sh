# A JSON-LD block whose graph is never closed: the last brace is gone.
f=resources/crm-integration-architecture/patterns/crm-erp/index.html
n=$(grep -n 'application/ld+json' "$f" | cut -d: -f1)
end=$(grep -n '^}</script>' "$f" | head -n 1 | cut -d: -f1)
sed -i "${end}s#^}</script>#</script>#" "$f"
# jansson reports the line of the JSON text where it gave up: the last one.
echo "$f:$((end)): JSON-LD does not parse: '}' expected near end of file" >expected
