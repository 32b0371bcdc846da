# The paper written as it is printed on the box: the names are lowercase,
# and the error says which one was meant.
sed -i 's|^  file: demo-playbook.pdf$|&\n  paper: A4|' content/resources/demo/resource.yaml
grep -q '^  paper: A4$' content/resources/demo/resource.yaml
