"""
The CSV import benchmark's two halves.

``csv_generate`` (in the bench process) writes a product CSV in the format of
``docs/csv-format.md`` — German headers, ``;``, decimal commas, one row per variant — from the
product generator of ``manage.py generate_products``. ``python -m bench.csv_import`` (a child
process, so that its peak RSS is its own) empties the import database's catalogue, imports the
file into one shop with ``marktplatz.catalog.csv.importer.import_file`` and prints the figures as
JSON; the parent reads the child's peak RSS from ``os.wait4``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

# The columns written, by key of ``marktplatz.catalog.csv.format.COLUMNS``.
KEYS = (
    "name",
    "variant",
    "price",
    "compare_at_price",
    "vat_rate",
    "sku",
    "gtin",
    "stock",
    "stock_mode",
    "category",
    "quantity",
    "unit",
    "allows_pickup",
    "allows_delivery",
    "allows_shipping",
    "is_active",
    "description",
)


def csv_generate(*, path: Path, rows: int, seed: int = 7) -> int:
    """Write at least ``rows`` variant rows (whole products) to ``path``; returns the rows written."""
    from marktplatz.catalog.csv import format as fmt
    from marktplatz.catalog.management.generator import ProductGenerator, ShopInfo
    from marktplatz.catalog.models import ProductCategory

    headers = {column.key: column.german for column in fmt.COLUMNS}
    slugs = dict(ProductCategory.objects.values_list("pk", "slug"))
    generator = ProductGenerator(seed=seed)
    shop = ShopInfo(0, "Importladen", "Rostock", True, ("obst-gemuese", "schuhe"), ("Lindenhof",), "IM")
    written = 0
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, delimiter=";")
        writer.writerow([headers[key] for key in KEYS])
        number = 0
        while written < rows:
            draft = generator.draft(shop)
            product = draft.product
            number += 1
            for variant in draft.variants:
                values: dict[str, Any] = {**product, **variant}
                cells = {
                    "name": product["name"],
                    "variant": variant["label"],
                    "price": fmt.format_decimal(variant["price"], language="de"),
                    "compare_at_price": fmt.format_decimal(variant["compare_at_price"], language="de"),
                    "vat_rate": product["vat_rate"],
                    # Unique in the file, so every row creates a variant.
                    "sku": f"IMP{number:07d}-{variant['position']}",
                    "gtin": variant["gtin"],
                    "stock": str(variant["stock"]),
                    "stock_mode": fmt.format_stock_mode(product["stock_mode"], language="de"),
                    "category": slugs[product["category_id"]],
                    "quantity": fmt.format_decimal(product["quantity"], language="de", places=3),
                    "unit": fmt.format_unit(product["unit"], language="de"),
                    "description": product["description"],
                }
                for key in ("allows_pickup", "allows_delivery", "allows_shipping", "is_active"):
                    cells[key] = fmt.format_boolean(values[key], language="de")
                writer.writerow([cells[key] for key in KEYS])
                written += 1
    return written


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.csv_import")
    parser.add_argument("csv", type=Path)
    args = parser.parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    from marktplatz.catalog.csv.importer import import_file
    from marktplatz.directory.models import Shop

    with connection.cursor() as cursor:
        # The import database holds nothing else: start from an empty catalogue every run.
        cursor.execute("TRUNCATE catalog_product RESTART IDENTITY CASCADE")
        cursor.execute("DELETE FROM search_document WHERE kind = 'product'")
        cursor.execute("DELETE FROM search_term WHERE kind = 'product'")
    shop = Shop.objects.published().order_by("pk").first()
    if shop is None:
        raise SystemExit("The import database has no published shop.")
    started = time.monotonic()
    result = import_file(shop=shop, path=args.csv)
    seconds = time.monotonic() - started
    print(
        json.dumps(
            {
                "seconds": seconds,
                "rows": result.total,
                "created": result.created,
                "updated": result.updated,
                "rejected": result.rejected,
                "first_rejected": [str(row) for row in result.first_rejected[:3]],
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
