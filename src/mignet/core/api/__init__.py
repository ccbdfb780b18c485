"""The API's shared pieces (base.py) and the reference-data endpoints (views.py, urls.py)."""
