# A relative link from the alpha pattern's page to its neighbour, misspelt:
# ../bata/ from /resources/demo/patterns/alpha/ is /resources/demo/patterns/bata/.
printf '\nCompare [beta](../bata/).\n' >>content/resources/demo/patterns/alpha.md
