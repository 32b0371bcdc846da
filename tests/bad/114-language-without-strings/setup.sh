# A language the theme has no strings for, and the site neither.
sed -i 's/^language: en$/language: fr-CA/' content/site.yaml
