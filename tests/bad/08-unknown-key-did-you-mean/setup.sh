sed -i '2s/^tagline:/tagilne:/' content/site.yaml
