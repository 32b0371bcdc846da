# A property schema.org does not have (the real one is acceptedAnswer).
f=resources/crm-integration-architecture/index.html
n=$(grep -n 'application/ld+json' "$f" | cut -d: -f1)
sed -i '0,/"acceptedAnswer"/s//"acceptedAnswers"/' "$f"
grep -q 'acceptedAnswers' "$f"
echo "$f:$n: JSON-LD property 'acceptedAnswers' is not in schema.org 30.0; fix the name" >expected
