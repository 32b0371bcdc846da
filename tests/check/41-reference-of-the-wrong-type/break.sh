# The article's publisher points at the WebSite node: a reference is judged
# by the type of the node it names, and publisher takes an Organization or
# a Person.
f=resources/crm-integration-architecture/patterns/crm-erp/index.html
n=$(grep -n 'application/ld+json' "$f" | cut -d: -f1)
python3 - "$f" <<'PY'
import sys
p = sys.argv[1]; s = open(p).read()
start = s.index('"publisher": {', s.index('"TechArticle"'))
end = s.index('}', start)
part = s[start:end].replace('#organization', '#website')
assert part != s[start:end]
open(p, 'w').write(s[:start] + part + s[end:])
PY
echo "$f:$n: JSON-LD property 'publisher' of TechArticle takes Organization or Person in schema.org 30.0, not WebSite; fix the value" >expected
