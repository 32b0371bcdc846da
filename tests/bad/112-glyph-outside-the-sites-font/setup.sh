# The site names a font of its own (the fixture's Latin-1 cut of DejaVu
# Serif) for its regular face, and a question's answer holds a Greek
# letter that font lacks: the error is at the letter, naming the face and
# its file, and tells the author to choose another font in site.yaml.
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p fonts
cp "$here/../../fixtures/own-fonts/fonts/DejaVuSerif-Latin1.ttf" fonts/
printf 'fonts:\n  regular: fonts/DejaVuSerif-Latin1.ttf\n' >>content/site.yaml
sed -i 's/^The test suite, and/The test suite (and Ω), and/' content/resources/demo/faq/second-question.md
