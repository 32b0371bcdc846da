sed -i '10s/max: 4/max: 1/' content/resources/demo/patterns/alpha.md
