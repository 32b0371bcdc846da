sed -i '5s/data-f-text=/data-f-txet=/' templates/pattern.html
