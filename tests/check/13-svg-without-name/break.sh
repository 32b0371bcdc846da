# An inline SVG drawn as an image, with no title and no label.
n=$(grep -n '<main' index.html | head -n 1 | cut -d: -f1)
sed -i "${n}a <svg role=\"img\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>" index.html
echo "index.html:$((n + 1)): SVG image without a text alternative; give it a <title> or aria-label" >expected
