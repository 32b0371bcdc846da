# The diagram stylesheet is gone: every page that links it is reported.
rm css/diagram.css
for f in index.html 404.html; do
	n=$(grep -n 'diagram.css' "$f" | head -n 1 | cut -d: -f1)
	href=$(sed -n "${n}s#.*href=\"\([^\"]*diagram.css\)\".*#\1#p" "$f")
	echo "$f:$n: asset '$href' is not in the site (no css/diagram.css); fix the path or add the file"
done >expected
