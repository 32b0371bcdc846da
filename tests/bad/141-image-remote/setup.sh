printf '\n![A chart of the flows](https://cdn.example.org/chart.png)\n' >> content/resources/demo/patterns/beta.md
