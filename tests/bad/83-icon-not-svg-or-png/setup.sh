# The publisher's icon is a format the favicon drawer does not read.
cp static/images/logo.svg static/images/mark.gif
sed -i 's|^  logo: images/logo.svg$|&\n  icon: images/mark.gif|' content/site.yaml
