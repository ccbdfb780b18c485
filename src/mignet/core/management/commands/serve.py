"""`mignet serve`: serve the app on 127.0.0.1:$PORT (default 8000) for local use."""

import os

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve Mignet on http://127.0.0.1:$PORT (default 8000). Production uses gunicorn (docs/deployment.md)."

    def add_arguments(self, parser):
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))

    def handle(self, *args, port, **options):
        self.stdout.write(f"Mignet: http://127.0.0.1:{port}/")
        call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
