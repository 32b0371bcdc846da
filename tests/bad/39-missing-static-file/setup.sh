sed -i '9s|images/logo.svg|images/nope.svg|' content/site.yaml
