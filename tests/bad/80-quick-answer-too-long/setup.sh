# A quick answer of 61 words: one more than an answer engine should quote.
f=content/resources/demo/faq/first-question.md
{
	printf -- '---\nquestion: Is this answer short enough?\nquick: true\n---\n'
	for i in $(seq 1 61); do printf 'word%d ' "$i"; done
	printf '\n'
} >"$f"
