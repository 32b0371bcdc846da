# A link to a heading of the same page, one letter short: the heading's id
# is how-the-data-flows (folio(5), Heading ids).
printf '\nRead [how it flows](#how-the-data-flow) again.\n' >>content/resources/demo/patterns/alpha.md
