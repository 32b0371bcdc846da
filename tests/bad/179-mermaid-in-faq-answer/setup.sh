# A Mermaid mistake in an FAQ answer: the same check as in a pattern body.
printf '\n```mermaid\nsequenceDiagram\n  Alice<<->>Bob: Both ways\n```\n' >> content/resources/demo/faq/second-question.md
