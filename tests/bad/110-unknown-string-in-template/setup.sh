# A template shows a string the theme does not have: reported when the
# template is checked, at the attribute.
sed -i '5s|<h1 data-f-text="site.title">Title</h1>|<h1 data-f-text="site.title">Title</h1><p data-f-text="strings.on_this_pag">x</p>|' templates/home.html
grep -q strings.on_this_pag templates/home.html
