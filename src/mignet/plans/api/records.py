"""API of the plans app: records."""

routes: list = []
