"""WSGI entry point for gunicorn: `gunicorn mignet.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mignet.settings")
application = get_wsgi_application()
