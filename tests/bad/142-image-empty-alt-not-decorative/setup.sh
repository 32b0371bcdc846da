printf '\n![](/images/logo.svg "logo")\n' >> content/resources/demo/patterns/beta.md
