# A node label of 301 bytes, one more than a label may have.
{
	printf '\n```mermaid\nflowchart LR\n  a["'
	for i in $(seq 1 301); do printf 'x'; done
	printf '"] --> b\n```\n'
} >> content/resources/demo/patterns/beta.md
