# The home page's social card is gone.
rm og.png
n=$(grep -n 'property="og:image" ' index.html | head -n 1 | cut -d: -f1)
url=$(sed -n "${n}s#.*property=\"og:image\" content=\"\([^\"]*\)\".*#\1#p" index.html)
echo "index.html:$n: asset '$url' is not in the site (no og.png); fix the path or add the file" >expected
