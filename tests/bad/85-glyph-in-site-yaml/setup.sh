# A character the fonts lack in site.yaml, which is checked before any
# resource is read.
sed -i 's/^tagline: .*/tagline: "A fixture 漢"/' content/site.yaml
