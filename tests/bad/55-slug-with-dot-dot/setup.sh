# A call to action id must be a slug: no path can hide in it.
sed -i 's/^  - id: contact$/  - id: ..\/..\/contact/' content/site.yaml
grep -q 'id: ../../contact' content/site.yaml
