# A relative link that climbs above the site's folder.
n=$(grep -n '<main' index.html | head -n 1 | cut -d: -f1)
sed -i "${n}a <a href=\"../../etc/passwd\">x</a>" index.html
echo "index.html:$((n + 1)): link to '../../etc/passwd' leads out of the site's folder; link inside the site" >expected
