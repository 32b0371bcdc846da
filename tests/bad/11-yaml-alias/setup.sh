sed -i '21s/label: Home/label: \&home Home/; 23s/label: Demo/label: *home/' content/site.yaml
