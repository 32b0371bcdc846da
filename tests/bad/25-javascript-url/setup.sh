echo 'Click [here](javascript:alert(1)).' >> content/resources/demo/patterns/beta.md
