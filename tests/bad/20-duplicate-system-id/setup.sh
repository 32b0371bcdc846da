sed -i '15s/id: hub/id: crm/' content/resources/demo/patterns/beta.md
