"""``manage.py search_reindex [--kind shop]``: rebuild the search index from the database."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from marktplatz.search.kinds import registered_kinds
from marktplatz.search.services import search_rebuild


class Command(BaseCommand):
    help = "Rebuild the search index (all kinds, or those named with --kind)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--kind",
            action="append",
            choices=sorted(registered_kinds()),
            help="Only this kind of document (may be repeated).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            counts = search_rebuild(kinds=options["kind"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count} indexed")
