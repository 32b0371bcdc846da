# The site's layout loads a script that neither the site nor the theme has.
sed -i 's|^</body>$|<script src="/js/missing.js" defer=""></script>\n</body>|' templates/base.html
grep -q 'missing.js' templates/base.html
