# libyaml counts columns in characters: the tab is found after non-ASCII text too.
sed -i '1s/.*/title: Café Minimal — Site/; 7s/^  name:/\tname:/' content/site.yaml
