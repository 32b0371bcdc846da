printf -- '---\nquestion: What is this?\nweight: 1\n---\nA \0fixture for tests.\n' > content/resources/demo/faq/first-question.md
