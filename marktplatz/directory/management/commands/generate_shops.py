"""``manage.py generate_shops --count N``: many fictional demo shops at once, e.g. for benchmarks."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from marktplatz.directory.demo import search_index_shops, shops_generate


class Command(BaseCommand):
    help = "Generate any number of fictional demo shops with bulk inserts (same generator as load_demo)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, required=True, help="How many shops to create.")
        parser.add_argument("--seed", type=int, default=1, help="Seed of the generator (default 1).")
        parser.add_argument("--batch-size", type=int, default=1000, help="Shops per bulk insert.")
        parser.add_argument(
            "--no-index", action="store_true", help="Do not add the shops to the search index."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        count: int = options["count"]
        if count < 1:
            raise CommandError("--count must be at least 1.")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        started = time.monotonic()
        verbosity = options["verbosity"]

        def progress(done: int) -> None:
            if verbosity > 1:
                self.stdout.write(f"  {done} / {count}")

        shops = shops_generate(
            count=count, seed=options["seed"], batch_size=options["batch_size"], progress=progress
        )
        if not options["no_index"]:
            search_index_shops(shop_ids=[s.pk for s in shops])
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Created {len(shops)} demo shops in {elapsed:.1f} s."))
