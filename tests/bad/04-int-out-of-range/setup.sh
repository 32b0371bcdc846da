sed -i '7s/.*/complexity: 9/' content/resources/demo/patterns/alpha.md
