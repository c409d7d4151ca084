"""
The benchmark suites. Each is a module with ``NAME`` and ``run(context) -> list[Section]``;
``SUITES`` lists them in the order the report shows them. A new area (products, checkout) adds a
module here and one line to ``SUITES``.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from . import catalog, directory


@dataclass(frozen=True)
class Context:
    """What every suite gets: the running server and the run's size."""

    base_url: str
    repeats: int  # sequential runs of each URL or SQL statement
    load_seconds: float  # duration of each throughput measurement
    concurrency: int  # client processes during throughput measurements
    workers: int = 2  # gunicorn workers (suites that start their own servers use as many)
    database_url: str = ""  # the main bench database; suites derive their own databases' names from it
    products: tuple[int, ...] = ()  # catalogue sizes on PostgreSQL (catalog suite)
    sqlite_products: tuple[int, ...] = ()  # catalogue sizes on SQLite (catalog suite)
    import_rows: int = 0  # rows of the CSV import benchmark; 0: skipped


SUITES: dict[str, ModuleType] = {directory.NAME: directory, catalog.NAME: catalog}
