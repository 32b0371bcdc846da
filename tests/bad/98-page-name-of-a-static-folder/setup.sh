mkdir -p content/pages static/docs
printf 'x\n' >static/docs/readme.txt
printf -- '---\ntitle: Docs\ndescription: A page that would be built where the files of static/docs are copied to.\n---\nText.\n' >content/pages/docs.md
