sed -i '3d' content/resources/demo/patterns/alpha.md
