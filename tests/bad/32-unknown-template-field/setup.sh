sed -i '5s/pattern\.title/pattern.titel/' templates/pattern.html
