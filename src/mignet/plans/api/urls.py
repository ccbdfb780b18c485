"""API routes of the plans app."""

routes: list = []
