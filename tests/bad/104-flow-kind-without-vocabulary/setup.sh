# Flows name kinds, but the resource declares none: Folio has no kinds of
# its own to fall back on.
sed -i '/^vocabulary:/,$d' content/resources/demo/resource.yaml
