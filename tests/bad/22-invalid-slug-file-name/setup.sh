mv content/resources/demo/faq/second-question.md content/resources/demo/faq/Bad_Name.md
