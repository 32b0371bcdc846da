{ printf -- '---\nquestion: Big?\n---\n'; yes 'A line of answer text.' | head -c 5000000; } > content/resources/demo/faq/big.md
