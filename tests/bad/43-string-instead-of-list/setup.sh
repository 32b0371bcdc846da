sed -i '8,9d; 7s/.*/audiences: Testers/' content/resources/demo/resource.yaml
