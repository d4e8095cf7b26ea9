"""Open-data coverage: how many of the published concern counts are real numbers and how many
are suppressed, per download, on the demo city's year of concern history.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_opendata_cells .venv/bin/python bench/opendata.py

Migrates and runs `seed_demo` (with DEMO_CONCERN_HISTORY) once when the database has no
transparency page, then fetches the concern downloads (by month, by year, response times) and
counts, for each count column, the cells published as numbers (zeros apart) and the cells
suppressed, and for `received` the same per table.
"""

import csv
import io
import os
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from forums.concerns.models import Concern  # noqa: E402
from transparency.models import TransparencyPage  # noqa: E402

DOWNLOADS = ["concerns.csv", "concerns-by-year.csv", "response-times.csv"]


def count_cells(text):
    rows = list(csv.DictReader(io.StringIO(text)))
    flags = [c for c in (rows[0] if rows else {}) if c.endswith("_suppressed")]
    tally, tables = Counter(), Counter()
    for row in rows:
        for flag in flags:
            column = flag.removesuffix("_suppressed")
            value = row.get(column, row.get("median_hours"))  # hours_suppressed: the median
            kind = "suppressed" if row[flag] == "true" else "zero" if value in ("0", "0.0", "") else "real"
            tally[(column, kind)] += 1
            if column == "received":
                tables[(row.get("table", "(one table)"), kind)] += 1
    return len(rows), tally, tables


def main():
    call_command("migrate", verbosity=0)
    if not TransparencyPage.objects.exists():
        settings.DEMO_CONCERN_HISTORY = True
        call_command("seed_demo", verbosity=0)
    cache.clear()
    print(f"Database: {settings.DATABASES['default']['NAME']}; {Concern.objects.count():,} concerns")
    client = Client()
    with override_settings(ALLOWED_HOSTS=["*"]):
        for name in DOWNLOADS:
            response = client.get(f"/transparency/data/{name}")
            if response.status_code != 200:
                print(f"{name}: not published ({response.status_code})")
                continue
            rows, tally, tables = count_cells(response.content.decode())
            measures = sorted({m for m, _kind in tally}, key=lambda m: list(tally).index((m, "real"))
                              if (m, "real") in tally else 99)
            print(f"{name}: {rows} rows")
            print(f"  {'count':<24}{'real':>7}{'zero':>7}{'suppressed':>11}{'real share':>11}")
            for measure in measures:
                real, zero, hidden = (tally[(measure, k)] for k in ("real", "zero", "suppressed"))
                share = real / (real + hidden) if real + hidden else 0
                print(f"  {measure:<24}{real:>7}{zero:>7}{hidden:>11}{share:>10.0%}")
            if tables:
                print(f"  {'received, by table':<36}{'real':>7}{'suppressed':>11}")
                for table in dict.fromkeys(t for t, _kind in tables):
                    real, hidden = tables[(table, "real")], tables[(table, "suppressed")]
                    print(f"  {table:<36}{real:>7}{hidden:>11}")


if __name__ == "__main__":
    main()
