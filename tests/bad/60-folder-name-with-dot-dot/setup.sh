# A resource folder whose name is not a slug.
mv content/resources/demo "content/resources/demo..x"
