# The site's own stylesheet, over the theme's, loads a web font the site
# does not have: the reader would get a fallback font without a word.
mkdir -p static/css
printf '/* the site'"'"'s look */\n@font-face {\n  font-family: "Brand";\n  src: url("../fonts/brand.woff2") format("woff2");\n}\n' >static/css/site.css
