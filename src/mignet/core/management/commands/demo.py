"""`mignet demo`: load the reference data, the Bangladesh Network and the demo (idempotent), print the sign-ins."""

import secrets

from django.conf import settings
from django.core.management.base import BaseCommand

from mignet.core import refdata


class Command(BaseCommand):
    help = "Load reference data, the Bangladesh Network and demo data; print the demo sign-ins. Safe to run twice."

    def handle(self, *args, **options):
        from mignet.library import demo as library_demo
        from mignet.meetings import demo as meetings_demo
        from mignet.network import demo
        from mignet.plans import demo as plans_demo

        refdata.load()
        password = settings.MIGNET_DEMO_PASSWORD
        path = settings.VAR_DIR / "demo-password"
        if not password:
            if path.exists():
                password = path.read_text().strip()
            else:
                password = secrets.token_urlsafe(12)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(password)
        network = demo.load(password)
        meetings_demo.load(network)
        library_demo.load(network)
        plans_demo.load(network)
        self.stdout.write(self.style.SUCCESS(f"{network.name} is ready (demo data included)."))
        self.stdout.write(f"Demo sign-ins (password: {password}):")
        for role, email in demo.ACCOUNTS.items():
            self.stdout.write(f"  {role:<12} {email}")
