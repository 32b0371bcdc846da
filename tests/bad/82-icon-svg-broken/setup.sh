# The publisher's icon is an SVG cut off in the middle of a tag.
printf '<svg xmlns="http://www.w3.org/2000/svg"><rect' >static/images/broken.svg
sed -i 's|^  logo: images/logo.svg$|&\n  icon: images/broken.svg|' content/site.yaml
