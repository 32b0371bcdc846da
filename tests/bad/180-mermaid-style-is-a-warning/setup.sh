# Styling is ignored with a warning: the diagram is still drawn.
printf '\n```mermaid\nflowchart LR\n  A --> B\n  style A fill:#f9f\n```\n' >> content/resources/demo/patterns/beta.md
