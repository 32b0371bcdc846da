# Two definitions of one label: cmark-gfm keeps the first and drops the second silently.
printf '\nSee the note[^n].\n\n[^n]: First.\n[^n]: Second.\n' >> content/resources/demo/faq/second-question.md
