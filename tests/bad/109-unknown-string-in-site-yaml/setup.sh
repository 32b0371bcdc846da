# site.yaml overrides a string the theme does not have: a typo of
# on_this_page.
printf 'strings:\n  on_this_pag: In this chapter\n' >>content/site.yaml
