echo '![](/images/logo.svg)' >> content/resources/demo/patterns/beta.md
