# Pipes without the delimiter row are no table: the page would show them.
printf '\n| Who | When |\n| Cook | Daily |\n' >> content/resources/demo/faq/second-question.md
