sed -i 's|    url: /resources/demo/$|    url: /resources/../../etc/|' content/site.yaml
grep -q 'url: /resources/../../etc/' content/site.yaml
