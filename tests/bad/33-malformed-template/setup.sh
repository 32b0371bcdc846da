sed -i '5s|</h1>|</h2>|' templates/pattern.html
