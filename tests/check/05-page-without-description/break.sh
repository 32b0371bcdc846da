# The 404 page lost its meta description.
sed -i '/<meta name="description"/d' 404.html
echo "404.html: no meta description; give the page one (50 to 160 characters)" >expected
