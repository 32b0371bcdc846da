# A reference to a note that is not defined shows its brackets.
printf '\nAs noted[^missing].\n' >> content/resources/demo/faq/second-question.md
