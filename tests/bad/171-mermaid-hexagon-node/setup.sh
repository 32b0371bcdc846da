# A flowchart node shape outside the subset, at the shape's column.
printf '\n```mermaid\nflowchart LR\n  start --> check{{Check}}\n```\n' >> content/resources/demo/patterns/beta.md
