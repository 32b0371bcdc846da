# The second pattern of the resource's ItemList loses its name: its item
# (the article) has a headline, which a list's reader does not take for one.
f=resources/crm-integration-architecture/index.html
n=$(grep -n 'application/ld+json' "$f" | cut -d: -f1)
python3 - "$f" <<'PY'
import re, sys
p = sys.argv[1]; s = open(p).read()
start = s.index('"@type": "ItemList"')
t = re.sub(r'("position": 2,)\n *"name": "[^"]*",', r'\1', s[start:], count=1)
assert t != s[start:]
open(p, 'w').write(s[:start] + t)
PY
echo "$f:$n: JSON-LD ListItem at position 2 has no name, nor an item with its name written out; give it a name" >expected
