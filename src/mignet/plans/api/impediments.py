"""API of the plans app: impediments."""

routes: list = []
