# A page count on the PDF's DigitalDocument: schema.org 30.0 gives
# numberOfPages to Book alone, so it does not belong there.
f=resources/crm-integration-architecture/index.html
n=$(grep -n 'application/ld+json' "$f" | cut -d: -f1)
python3 - "$f" <<'PY'
import re, sys
p = sys.argv[1]; s = open(p).read()
t = re.sub(r'("encodingFormat": "application\\/pdf",)', r'\1\n   "numberOfPages": 39,', s, count=1)
assert t != s
open(p, 'w').write(t)
PY
echo "$f:$n: JSON-LD property 'numberOfPages' does not belong on DigitalDocument in schema.org 30.0 (it belongs on Book); move it or drop it" >expected
