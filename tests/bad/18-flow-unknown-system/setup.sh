sed -i '21s/from: erp/from: erpp/' content/resources/demo/patterns/alpha.md
