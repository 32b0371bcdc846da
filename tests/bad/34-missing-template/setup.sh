# The page template names a layout that neither the site's templates/ nor
# the theme has (a site template that is only missing is taken from the
# theme, so it is no error).
sed -i 's|data-f-layout="base.html"|data-f-layout="nowhere.html"|' templates/pattern.html
