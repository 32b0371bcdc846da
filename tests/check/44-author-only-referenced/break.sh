# The article's author is given by its @id alone: the Organization node it
# names has a name, but a reader of the author does not follow the reference.
f=resources/crm-integration-architecture/patterns/crm-erp/index.html
n=$(grep -n 'application/ld+json' "$f" | cut -d: -f1)
python3 - "$f" <<'PY'
import re, sys
p = sys.argv[1]; s = open(p).read()
t = re.sub(r'("author": \{)\n *"@type": "Organization",\n( *"@id": "[^"]*"),\n *"name": "[^"]*",\n *"url": "[^"]*"',
           r'\1\n\2', s, count=1)
assert t != s
open(p, 'w').write(t)
PY
echo "$f:$n: JSON-LD author of TechArticle has no name written out (a reference is not enough); give it a name" >expected
