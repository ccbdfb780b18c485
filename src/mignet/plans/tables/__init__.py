"""Tables of the plans app, by area (records, progress, impediments, priorities, dashboards, transfer)."""
