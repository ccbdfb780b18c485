"""Pages of the plans app, by area: `records` (frameworks, plans, results, activities, indicators, targets,
measurements), `progress` (quarterly reports), `impediments`, `priorities`, `dashboards`, `transfer`
(XLSX export/import, CSV/HXL)."""
