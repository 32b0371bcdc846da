# A pale accent: the buttons' and kickers' colour on a white page.
# Worked by hand with WCAG 2.x's formula: #88ccee's channels 136, 204, 238
# made linear are 0.2462, 0.6038, 0.8550, so L = 0.2126 * 0.2462
# + 0.7152 * 0.6038 + 0.0722 * 0.8550 = 0.5459; white's L is 1; the ratio
# (1 + 0.05) / (0.5459 + 0.05) = 1.76, under the 4.5 that text needs.
printf 'brand:\n  primary: "#12324f"\n  accent: "#88ccee"\n' >>content/site.yaml
