# A Latin-1 style byte pair: 0xC3 followed by '(' is no UTF-8 character.
sed -i '5s/.*/best_for: Small \xc3( teams./' content/resources/demo/patterns/alpha.md
