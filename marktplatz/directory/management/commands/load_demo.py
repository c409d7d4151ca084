"""``manage.py load_demo``: fictional demo shops, initiatives and logins (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from marktplatz.catalog.demo import demo_products_load
from marktplatz.directory.demo import DEMO_LOGINS, DEMO_PASSWORD, DEMO_SEED, DEMO_SHOP_COUNT, demo_load


class Command(BaseCommand):
    help = "Load the demo data: fictional shops in real towns of the region, initiatives and demo logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--count", type=int, default=DEMO_SHOP_COUNT, help="Generated shops (default %(default)s)."
        )
        parser.add_argument("--seed", type=int, default=DEMO_SEED, help="Seed of the generator.")

    def handle(self, *args: Any, **options: Any) -> None:
        result = demo_load(count=options["count"], seed=options["seed"])
        if result.shops_created:
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {result.shops_created} new shops."))
        else:
            self.stdout.write("Demo data already loaded; nothing changed.")
        self.stdout.write(
            f"{result.demo_shops} demo shops, {result.initiatives_created} new initiatives, "
            f"{result.memberships_created} new memberships, {result.users_created} new logins."
        )
        products_created = demo_products_load(seed=options["seed"])
        self.stdout.write(f"{products_created} new demo products.")
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.email:<28} {login.role}")
