"""API of the plans app: dashboards."""

routes: list = []
