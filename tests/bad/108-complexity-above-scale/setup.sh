# The resource rates complexity from 1 to 3; a pattern says 4.
echo '  complexity_max: 3' >>content/resources/demo/resource.yaml
sed -i '7s/.*/complexity: 4/' content/resources/demo/patterns/alpha.md
