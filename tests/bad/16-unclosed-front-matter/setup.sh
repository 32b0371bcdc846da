sed -i '26d' content/resources/demo/patterns/alpha.md
