# A link to a plain page is checked like any link: /about/ is not built.
sed -i '29s|/resources/demo/patterns/beta/|/about/|' content/resources/demo/patterns/alpha.md
