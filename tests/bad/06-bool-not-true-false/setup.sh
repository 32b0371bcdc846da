# YAML 1.1 would read "yes" as true; Folio's schema takes only true/false.
sed -i '3a draft: yes' content/resources/demo/faq/first-question.md
