# 40 quotes inside each other: the renderers recurse once a level.
printf '\n%s Deep.\n' "$(printf '>%.0s' $(seq 40))" >> content/resources/demo/patterns/beta.md
