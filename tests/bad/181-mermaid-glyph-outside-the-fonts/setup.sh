# A diagram's labels are drawn in the prose fonts: a character they lack is
# an error at its line and column in the block.
printf '\n```mermaid\nflowchart LR\n  A[Start] --> B[漢]\n```\n' >> content/resources/demo/patterns/beta.md
