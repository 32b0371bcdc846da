sed -i '36s/- read/- reed/' content/resources/demo/resource.yaml
