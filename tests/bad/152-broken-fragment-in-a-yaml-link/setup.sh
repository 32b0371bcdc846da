# A navigation link to a question of the demo page, its id misspelt: the
# question first-question.md is #faq-first-question there.
sed -i 's|^    url: /resources/demo/$|    url: /resources/demo/#faq-frist-question|' content/site.yaml
grep -q 'faq-frist-question' content/site.yaml
