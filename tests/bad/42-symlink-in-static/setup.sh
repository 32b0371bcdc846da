ln -s logo.svg static/images/link.svg
