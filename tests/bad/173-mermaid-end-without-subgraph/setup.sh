# An 'end' with no subgraph open.
printf '\n```mermaid\ngraph TD\n  A --> B\nend\n```\n' >> content/resources/demo/patterns/beta.md
