# Every mistake of a block is reported; the first comes first.
printf '\n```mermaid\nflowchart LR\n  A --> B\n  B -.- C(((Deep)))\n  C <--> A\n```\n' >> content/resources/demo/patterns/beta.md
