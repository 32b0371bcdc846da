# A locale name, not a BCP 47 tag: it would become part of a file name.
sed -i 's/^language: en$/language: de_DE/' content/site.yaml
