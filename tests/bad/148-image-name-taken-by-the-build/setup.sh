cp static/images/logo.svg content/resources/demo/patterns/diagram.svg
printf '\n![The flows, drawn by hand](diagram.svg)\n' >> content/resources/demo/patterns/beta.md
