# A colour by name: the brand's colours are written as hex.
printf 'brand:\n  primary: "#12324f"\n  accent: teal\n' >>content/site.yaml
