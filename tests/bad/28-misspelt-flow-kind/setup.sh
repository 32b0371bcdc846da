sed -i '25s/how: event/how: evnt/' content/resources/demo/patterns/beta.md
