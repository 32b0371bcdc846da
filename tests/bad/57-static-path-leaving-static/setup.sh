# The publisher's logo must be a file under static/.
sed -i 's|logo: images/logo.svg|logo: ../../../etc/passwd|' content/site.yaml
grep -q 'logo: ../../../etc/passwd' content/site.yaml
