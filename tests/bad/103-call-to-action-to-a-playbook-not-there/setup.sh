# A fixed link to a resource's playbook, which that resource no longer has.
python3 - <<'PY'
import re
p = 'content/site.yaml'
s = open(p).read()
s = s.replace('calls_to_action:\n', 'calls_to_action:\n  - id: download\n    label: Download the playbook\n    url: /resources/demo/#playbook\n', 1)
open(p, 'w').write(s)
p = 'content/resources/demo/resource.yaml'
s = open(p).read()
s = re.sub(r'playbook:\n(  .*\n)+', '', s)
open(p, 'w').write(s)
PY
