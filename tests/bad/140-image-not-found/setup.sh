printf '\n![A chart of the flows](chart.png)\n' >> content/resources/demo/patterns/beta.md
