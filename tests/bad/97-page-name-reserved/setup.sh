mkdir -p content/pages
printf -- '---\ntitle: Styles\ndescription: A page that would be built where the style sheets of the site are kept.\n---\nText.\n' >content/pages/css.md
