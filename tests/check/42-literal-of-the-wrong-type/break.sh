# A date written as a bare number: datePublished takes a Date or a DateTime.
f=resources/crm-integration-architecture/patterns/crm-erp/index.html
n=$(grep -n 'application/ld+json' "$f" | cut -d: -f1)
sed -i 's/"datePublished": "\([0-9]*\)-[0-9-]*"/"datePublished": \1/' "$f"
grep -q '"datePublished": [0-9]' "$f"
echo "$f:$n: JSON-LD property 'datePublished' of TechArticle takes Date or DateTime in schema.org 30.0, not an integer; fix the value" >expected
