sed -i '29s|/patterns/beta/|/patterns/gamma/|' content/resources/demo/patterns/alpha.md
