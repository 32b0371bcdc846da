# A site in a language of its own whose strings file lacks most of the
# names of en.yaml: the first missing one, in order, is named.
sed -i 's/^language: en$/language: xx/' content/site.yaml
mkdir -p templates/strings
printf '# Only one phrase.\nskip_to_content: Skip\n' >templates/strings/xx.yaml
