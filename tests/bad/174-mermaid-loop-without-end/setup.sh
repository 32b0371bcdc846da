# A block never closed: reported at the line that opens it.
printf '\n```mermaid\nsequenceDiagram\n  loop Every minute\n    Alice->>Bob: ping\n```\n' >> content/resources/demo/patterns/beta.md
