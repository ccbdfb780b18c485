"""API routes of the plans app, gathered from each area's module."""

from . import dashboards, impediments, priorities, progress, records

routes = [*records.routes, *progress.routes, *impediments.routes, *priorities.routes, *dashboards.routes]
