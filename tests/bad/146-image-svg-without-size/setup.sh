printf '<svg xmlns="http://www.w3.org/2000/svg"><rect width="4" height="4"/></svg>\n' > static/images/nosize.svg
printf '\n![A square](/images/nosize.svg)\n' >> content/resources/demo/patterns/beta.md
