# The page is built, with no stray CR or BOM in it.
page=out/resources/demo/patterns/alpha/index.html
grep -q '<h1>Alpha pattern</h1>' "$page" || exit 1
grep -q 'Invoices move from the ERP to the CRM every night.' "$page" || exit 1
if grep -q $'\r' "$page"; then exit 1; fi
if grep -q $'\xef\xbb\xbf' "$page"; then exit 1; fi
