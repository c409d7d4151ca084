"""``manage.py generate_products --count N``: many generated products at once, e.g. for benchmarks."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from marktplatz.catalog.management.generator import products_generate


class Command(BaseCommand):
    help = (
        "Add N generated products (German-like names, variants, prices, search documents) to the "
        "existing shops with bulk inserts (COPY on PostgreSQL). Create shops first with generate_shops."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, required=True, help="How many products to add.")
        parser.add_argument("--seed", type=int, default=1, help="Seed of the generator (default 1).")
        parser.add_argument(
            "--batch-size", type=int, default=10_000, help="Products per batch (default 10000)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        count: int = options["count"]
        if count < 1:
            raise CommandError("--count must be at least 1.")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        verbosity = options["verbosity"]
        started = time.monotonic()

        def progress(done: int) -> None:
            if verbosity > 1:
                self.stdout.write(f"  {done} / {count} ({time.monotonic() - started:.0f} s)")

        try:
            result = products_generate(
                count=count, seed=options["seed"], batch_size=options["batch_size"], progress=progress
            )
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        elapsed = time.monotonic() - started
        steps = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in result.seconds.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {result.products} products with {result.variants} variants "
                f"({result.indexed} in the search index) in {elapsed:.1f} s."
            )
        )
        if verbosity > 1:
            self.stdout.write(f"  {steps}")
