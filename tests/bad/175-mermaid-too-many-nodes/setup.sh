# A flowchart of 151 nodes, one more than Folio draws: the error names the
# limit and the count, at the 151st node.
{
	printf '\n```mermaid\nflowchart LR\n'
	for i in $(seq 1 151); do printf '  n%d\n' "$i"; done
	printf '```\n'
} >> content/resources/demo/patterns/beta.md
