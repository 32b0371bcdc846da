# A 'Table: ' caption line with no table under it shows as a paragraph.
printf '\nTable: Stations\n\nNo table here.\n' >> content/resources/demo/faq/second-question.md
