"""`mignet search_reindex [--batch N]`: rebuild the library's full-text index (after bulk loads)."""

import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Rebuild the library's search documents and full-text index (SQLite FTS5 table; on PostgreSQL the "
        "GIN indexes follow the documents) from every resource's title, abstract and current version's text, "
        "in batches. Needed after bulk loads that skip the services, such as `mignet generate`."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=2000, help="Resources per batch (default 2000).")

    def handle(self, *args, batch, **options):
        from mignet.library import search

        started = time.monotonic()
        verbose = options["verbosity"] > 1
        done = search.reindex(
            batch_size=max(1, batch), progress=(lambda n: self.stdout.write(f"  {n:,}")) if verbose else None
        )
        self.stdout.write(
            self.style.SUCCESS(f"Indexed {done:,} resources in {time.monotonic() - started:.1f} s.")
        )
