# A flow kind drawn with a line style Folio does not have.
sed -i 's/^      line: dotted$/      line: wavy/' content/resources/demo/resource.yaml
grep -q 'line: wavy' content/resources/demo/resource.yaml
