python3 "$(dirname "$0")/../../imagecheck.py" gif content/resources/demo/patterns/anim.gif
printf '\n![A spinning reel](anim.gif)\n' >> content/resources/demo/patterns/beta.md
