printf '\n![The answer, drawn](answer.svg)\n' >> content/resources/demo/faq/second-question.md
