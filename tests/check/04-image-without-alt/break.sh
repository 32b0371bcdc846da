# An image with no alt attribute.
n=$(grep -n '<main' index.html | head -n 1 | cut -d: -f1)
sed -i "${n}a <img src=\"og.png\" width=\"120\" height=\"63\">" index.html
echo "index.html:$((n + 1)): image without alt text; describe it in alt, or alt=\"\" if it is decoration" >expected
