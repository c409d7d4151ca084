"""
The benchmark suites. Each is a module with ``NAME`` and ``run(context) -> list[Section]``;
``SUITES`` lists them in the order the report shows them. A new area (products, checkout) adds a
module here and one line to ``SUITES``.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from . import directory


@dataclass(frozen=True)
class Context:
    """What every suite gets: the running server and the run's size."""

    base_url: str
    repeats: int  # sequential runs of each URL or SQL statement
    load_seconds: float  # duration of each throughput measurement
    concurrency: int  # client processes during throughput measurements


SUITES: dict[str, ModuleType] = {directory.NAME: directory}
