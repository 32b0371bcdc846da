sed -i '1d' content/resources/demo/faq/second-question.md
