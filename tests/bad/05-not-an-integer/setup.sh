sed -i '9s/.*/  min: 2.5/' content/resources/demo/patterns/alpha.md
