# 'else' belongs to an alt block only.
printf '\n```mermaid\nsequenceDiagram\n  opt Maybe\n    Alice->>Bob: Hello\n  else\n    Bob->>Alice: Bye\n  end\n```\n' >> content/resources/demo/patterns/beta.md
