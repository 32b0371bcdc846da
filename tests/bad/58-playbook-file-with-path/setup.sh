# The playbook's file name must not place the PDF elsewhere.
sed -i 's|^  file: .*|  file: ../../evil.pdf|' content/resources/demo/resource.yaml
grep -q 'file: ../../evil.pdf' content/resources/demo/resource.yaml
