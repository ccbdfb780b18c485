"""Writes of the plans app, by area: `plans` (frameworks, plans and their content), `progress` (quarterly
reports), `impediments`, `priorities` (joint-programming priorities), `duplicates` (reviews of similar
activities). Import from the module that holds the service."""
