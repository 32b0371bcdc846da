sed -i 's/^  - id: contact$/  - id: con\/tact/' content/site.yaml
grep -q 'id: con/tact' content/site.yaml
