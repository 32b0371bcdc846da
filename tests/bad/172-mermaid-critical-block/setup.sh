# A sequence-diagram construct outside the subset: named, with what is
# supported.
printf '\n```mermaid\nsequenceDiagram\n  Alice->>Bob: Hello\n  critical Connect\n    Bob->>Alice: Hi\n  end\n```\n' >> content/resources/demo/patterns/beta.md
