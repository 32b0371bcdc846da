sed -i '2s/.*/tagline: [one, two]/' content/site.yaml
