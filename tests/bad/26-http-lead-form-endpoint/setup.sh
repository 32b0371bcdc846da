sed -i '18s|https://|http://|' content/site.yaml
