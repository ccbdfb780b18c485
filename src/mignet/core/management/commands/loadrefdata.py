"""`mignet loadrefdata`: upsert the reference data from core/refdata/*.csv."""

from django.core.management.base import BaseCommand

from mignet.core import refdata


class Command(BaseCommand):
    help = "Load or update the reference data (GCM, SDG, districts, UN entities, mechanisms…)."

    def handle(self, *args, **options):
        n = refdata.load()
        self.stdout.write(self.style.SUCCESS(f"Reference data loaded ({n} rows created or changed)."))
