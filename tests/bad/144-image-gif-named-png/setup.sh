python3 "$(dirname "$0")/../../imagecheck.py" gif content/resources/demo/patterns/still.png
printf '\n![A still of the reel](still.png)\n' >> content/resources/demo/patterns/beta.md
