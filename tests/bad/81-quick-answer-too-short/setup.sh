# A quick answer of 39 words, formatted: Markdown marks are not words.
f=content/resources/demo/faq/second-question.md
{
	printf -- '---\nquestion: Is this answer long enough?\nweight: 2\nquick: true\n---\n'
	printf 'It **is** [almost](https://example.com/) there: '
	for i in $(seq 1 35); do printf 'w%d ' "$i"; done
	printf '\n'
} >"$f"
