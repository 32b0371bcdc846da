# The page footer of the playbook in other words, with a placeholder
# Folio does not fill.
printf 'strings:\n  page_of: "Page {page} of {total}"\n' >>content/site.yaml
