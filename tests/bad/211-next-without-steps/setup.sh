# A next section with an empty list of steps says nothing.
python3 - <<'PY'
p = 'content/resources/demo/resource.yaml'
s = open(p).read()
s = s.replace('faq:\n', 'next:\n  title: What happens next\n  steps: []\nfaq:\n', 1)
open(p, 'w').write(s)
PY
