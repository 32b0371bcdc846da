# The steps after the download are shown beside it, in the playbook
# section: a resource without a playbook cannot have them.
python3 - <<'PY'
import re
p = 'content/resources/demo/resource.yaml'
s = open(p).read()
s = re.sub(r'playbook:\n(  .*\n)+', '', s)
s = s.replace('faq:\n', 'next:\n  title: What happens next\n  steps:\n    - title: Read it\n      text: The page stays here.\nfaq:\n', 1)
open(p, 'w').write(s)
PY
