"""API of the plans app: progress."""

routes: list = []
