"""Exchange: importing a year of records from Excel."""
