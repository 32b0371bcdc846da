# A question without its question: the message names the kind of file.
sed -i "/^question:/d" content/resources/demo/faq/first-question.md
