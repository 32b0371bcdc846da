printf -- '---\nquestion: Secret?\n---\nOutside content/.\n' > ../outside.md
ln -s ../../../../../outside.md content/resources/demo/faq/leak.md
test -f content/resources/demo/faq/leak.md
