printf '\n![The logo](../../../../static/images/logo.svg)\n' >> content/resources/demo/patterns/beta.md
