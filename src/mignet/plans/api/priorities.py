"""API of the plans app: priorities."""

routes: list = []
