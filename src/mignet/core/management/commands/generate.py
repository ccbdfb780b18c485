"""`mignet generate --scale small|national|global [--seed N] [--replace]`: synthetic networks for benchmarks."""

import time

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Fill an empty database with synthetic networks for benchmarks and trying Mignet at size. "
        "small: one network (~50 organisations, ~200 people); national: one network with ten years of "
        "structure (~400 organisations, 2 000 people, 30 bodies, memberships, representatives, annual chair "
        "terms, nominations, role assignments); global: 80 networks (global, regional, national; many "
        "countries and time zones), about 50 times national (≈ 260 000 rows, about a minute). Every scale adds "
        "each body's meetings over the years with agendas, attendance, minutes, decisions with positions and action "
        "points (national ≈ 8 500 rows; global ≈ 450 000, two to three minutes more). The same "
        "--seed on the same day gives the same data. Generated networks have slugs starting gen- (gen-bd at every scale); each has one user per "
        "role, e.g. bench-secretariat-gen-bd@example.org (no password unless --password). "
        "A database that already holds networks is refused; --replace deletes the networks generated before "
        "(and their users), keeps every other network, and generates again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=["small", "national", "global"], required=True)
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete networks generated before (slugs gen-…) and their users, then generate.",
        )
        parser.add_argument(
            "--password",
            default=None,
            help="Password of every generated user (default: none, cannot sign in).",
        )

    def handle(self, *args, scale, seed, replace, password, **options):
        from mignet.network import generate

        started = time.monotonic()
        self.stdout.write(f"Generating the {scale} scale (seed {seed})…")
        try:
            counts = generate.generate(
                scale=scale,
                seed=seed,
                replace=replace,
                password=password,
                progress=lambda line: self.stdout.write(line) if options["verbosity"] > 1 else None,
            )
        except generate.GenerateRefused as exc:
            raise CommandError(str(exc)) from exc
        width = max(len(k) for k in counts)
        for name, n in counts.items():
            self.stdout.write(f"  {name:<{width}} {n:>9,}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Done in {time.monotonic() - started:.1f} s. Sign in as e.g. bench-secretariat-gen-bd@example.org."
            )
        )
