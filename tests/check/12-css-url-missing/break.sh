# The stylesheet names a font file that is not there.
rm fonts/folio-sans-italic.woff2
n=$(grep -n 'folio-sans-italic.woff2' css/site.css | head -n 1 | cut -d: -f1)
echo "css/site.css:$n: asset '../fonts/folio-sans-italic.woff2' is not in the site (no fonts/folio-sans-italic.woff2); fix the path or add the file" >expected
