# A footnote definition nothing references: cmark-gfm drops it silently.
printf '\n[^spare]: A note no one reads.\n' >> content/resources/demo/faq/second-question.md
