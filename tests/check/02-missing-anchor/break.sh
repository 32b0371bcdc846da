# A link to a section that the page does not have.
f=resources/crm-integration-architecture/index.html
n=$(grep -n 'href="#faq"\|href="#' "$f" | head -n 1 | cut -d: -f1)
sed -i "${n}s#href=\"\#[^\"]*\"#href=\"\#no-such-section\"#" "$f"
echo "$f:$n: link to '#no-such-section': $f has no element with id 'no-such-section'" >expected
