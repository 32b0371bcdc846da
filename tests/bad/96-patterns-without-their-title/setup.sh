# Pattern files need the 'patterns' part of resource.yaml to title them.
python3 - <<'PY'
p = 'content/resources/demo/resource.yaml'
s = open(p).read()
s = s.replace('patterns:\n  title: The patterns\n', '')
open(p, 'w').write(s)
PY
