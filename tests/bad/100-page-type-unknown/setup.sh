mkdir -p content/pages
printf -- '---\ntitle: About\ndescription: A page whose type is misspelt, so that its JSON-LD type is unknown.\ntype: abuot\n---\nText.\n' >content/pages/about.md
