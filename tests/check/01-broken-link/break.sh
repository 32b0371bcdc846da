# A link on the home page to a pattern that was never built.
n=$(grep -n 'href="resources/' index.html | head -n 1 | cut -d: -f1)
sed -i "${n}s#href=\"resources/#href=\"resources/gone/#" index.html
href=$(sed -n "${n}s#.*href=\"\(resources/gone/[^\"]*\)\".*#\1#p" index.html)
echo "index.html:$n: link to '$href' is not in the site (no ${href%/}/index.html); fix the path or add the file" | sed 's#/index.html/index.html#/index.html#' >expected
