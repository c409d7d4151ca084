"""
``python -m bench``: prepare the bench database, start gunicorn with ``bench.settings`` and run the
suites; prints one report and keeps a copy in ``bench/results/`` (not committed). Options:
``--suite``, ``--repeats``, ``--seconds``, ``--concurrency``, ``--workers``, ``--shops``, and for the
catalog ``--products``, ``--sqlite-products``, ``--import-rows``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--suite", action="append", help="Run only this suite (repeatable).")
    parser.add_argument(
        "--shops", type=int, default=10_000, help="Shops in the bench database (default 10000)."
    )
    parser.add_argument("--repeats", type=int, default=40, help="Sequential runs of each query (default 40).")
    parser.add_argument(
        "--seconds", type=float, default=10.0, help="Duration of each throughput run (default 10)."
    )
    parser.add_argument(
        "--concurrency", type=int, default=4, help="Client processes for throughput (default 4)."
    )
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 2, help="gunicorn workers (default: number of CPUs)."
    )
    parser.add_argument(
        "--products",
        type=int,
        action="append",
        help="Catalogue size on PostgreSQL, a database each (repeatable; default 10000, 1000000; 0: none).",
    )
    parser.add_argument(
        "--sqlite-products",
        type=int,
        action="append",
        help="Catalogue size on SQLite, one database file each (repeatable; default 10000; 0: none).",
    )
    parser.add_argument(
        "--import-rows", type=int, default=100_000, help="Rows of the CSV import (default 100000; 0: skip)."
    )
    args = parser.parse_args(argv)

    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    sys.path.insert(0, str(ROOT))
    from bench import settings as bench_settings

    url = os.environ.get("BENCH_DATABASE_URL", bench_settings.DEFAULT_BENCH_DATABASE_URL)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    from bench.database import database_ensure

    database_ensure(url, log)

    import django

    django.setup()

    from bench.database import database_label, database_prepare
    from bench.report import render
    from bench.server import Server
    from bench.suites import SUITES, Context

    names = args.suite or list(SUITES)
    unknown = [name for name in names if name not in SUITES]
    if unknown:
        parser.error(f"unknown suite(s): {', '.join(unknown)}; known: {', '.join(SUITES)}")

    database_prepare(shops=args.shops, log=log)
    from marktplatz.directory.models import Shop

    load_before = os.getloadavg()[0]
    started = time.monotonic()
    sections = []
    with Server(workers=args.workers, log_path=ROOT / "var" / "bench-gunicorn.log") as server:
        context = Context(
            base_url=server.url,
            repeats=args.repeats,
            load_seconds=args.seconds,
            concurrency=args.concurrency,
            workers=args.workers,
            database_url=url,
            products=tuple(n for n in (args.products or [10_000, 1_000_000]) if n > 0),
            sqlite_products=tuple(n for n in (args.sqlite_products or [10_000]) if n > 0),
            import_rows=args.import_rows,
        )
        for name in names:
            log(f"Running suite {name} …")
            sections += SUITES[name].run(context)
    context_lines = [
        f"{database_label()}; {Shop.objects.count()} shops ({Shop.objects.published().count()} published)",
        f"gunicorn {args.workers} sync workers on 127.0.0.1, DEBUG off; {os.cpu_count()} CPUs "
        f"shared with the load generator; measured in {time.monotonic() - started:.0f} s",
        f"load average before / after: {load_before:.1f} / {os.getloadavg()[0]:.1f} "
        "(figures are unreliable when it exceeds the number of CPUs)",
    ]
    report = render("Marktplatz benchmark", context_lines, sections)
    print(report)
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    saved = results / f"{time.strftime('%Y-%m-%dT%H%M%S')}.txt"
    saved.write_text(report + "\n", encoding="utf-8")
    log(f"Saved to {saved.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
