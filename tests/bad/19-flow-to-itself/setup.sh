sed -i '22s/to: crm/to: erp/' content/resources/demo/patterns/alpha.md
