# A flowchart edge ending in a cross, which Folio does not draw.
printf '\n```mermaid\nflowchart LR\n  A --x B\n```\n' >> content/resources/demo/patterns/beta.md
