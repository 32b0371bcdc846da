# A paper size Folio does not lay out: the error names the two it does.
sed -i 's|^  file: demo-playbook.pdf$|&\n  paper: legal|' content/resources/demo/resource.yaml
grep -q '^  paper: legal$' content/resources/demo/resource.yaml
