# A misspelt key in a question: the message names the kind of file.
sed -i "s/^question:/questoin:/" content/resources/demo/faq/first-question.md
