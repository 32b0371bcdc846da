sed -i '24s/how: batch/how: stream/' content/resources/demo/patterns/alpha.md
