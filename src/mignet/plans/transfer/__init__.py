"""Plans to and from spreadsheets: the XLSX template (`template`), its export (`export`), the dry-run reading
of an edited workbook (`importer`) and the CSV/HXL export of activities (`csv_hxl`). Writes go through
`plans.services.transfer`."""
