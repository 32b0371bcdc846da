# The footer's text is shown on every page: a relative link in it would
# lead to a different place from each.
sed -i 's|^  text: Published by \[Example\](https://example.org/).$|  text: Published by [us](about/).|' content/site.yaml
grep -q '(about/)' content/site.yaml
