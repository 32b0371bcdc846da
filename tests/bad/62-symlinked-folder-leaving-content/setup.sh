# A resource folder that is a symbolic link to a folder outside content/.
mkdir -p ../outside-resource
cp content/resources/demo/resource.yaml ../outside-resource/
ln -s "$(cd .. && pwd)/outside-resource" content/resources/leak
test -f content/resources/leak/resource.yaml
