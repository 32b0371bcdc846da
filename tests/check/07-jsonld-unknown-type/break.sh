# A type schema.org does not have (the real one is FAQPage).
f=resources/crm-integration-architecture/index.html
n=$(grep -n 'application/ld+json' "$f" | cut -d: -f1)
sed -i 's/"@type":"FAQPage"/"@type":"FaqPage"/; s/"@type": "FAQPage"/"@type": "FaqPage"/' "$f"
grep -q 'FaqPage' "$f"
echo "$f:$n: JSON-LD type 'FaqPage' is not in schema.org 30.0; fix the name" >expected
