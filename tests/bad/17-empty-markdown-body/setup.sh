printf -- '---\nquestion: Who uses it?\nweight: 2\n---\n\n   \n' > content/resources/demo/faq/second-question.md
