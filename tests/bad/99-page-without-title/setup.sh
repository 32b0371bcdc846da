mkdir -p content/pages
printf -- '---\ndescription: A page whose front matter forgets the title it must have.\ntype: about\n---\nText.\n' >content/pages/about.md
