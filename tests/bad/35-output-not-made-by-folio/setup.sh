# Without the marker, out/ looks like a folder of the author's own files.
rm out/.folio-build
