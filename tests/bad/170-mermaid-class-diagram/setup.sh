# A Mermaid diagram of a type Folio does not draw: an error naming the
# type, never a code block shown in its place.
printf '\n```mermaid\nclassDiagram\n  Animal <|-- Duck\n```\n' >> content/resources/demo/patterns/beta.md
