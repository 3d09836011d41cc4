"""Benchmark of the partner directory with thousands of partners.

    python bench/partners.py                      # 5 000 partners, throwaway SQLite file
    python bench/partners.py --partners 20000 --repeat 50
    python bench/partners.py --postgres postgres://postgres@127.0.0.1:5432/postgres

It builds a throwaway database (a temporary SQLite file, or a new PostgreSQL database
created on the given server and dropped at the end), migrates it, loads the plan with
``load_predess``, adds the partners with ``bulk_create`` (see ``partners/sample.py``), then
requests each URL through Django's test client (the whole request: routing, views,
templates, no network) and prints the median and 90th percentile response times and the
number of SQL queries. Results are also written to ``bench/results/partners-<db>.json``.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

from throwaway import throwaway_database  # bench/throwaway.py

BASE_DIR = Path(__file__).resolve().parent.parent
URLS = {
    "annuaire": "/partenaires/",
    "annuaire filtré": "/partenaires/?kind=association&offer=financement&departement=21",
    "toute la région + fiche": "/partenaires/?departement=region&fiche=1.1",
    "recherche": "/partenaires/?q=economie+solidaire",
    "recherche filtrée": "/partenaires/?q=cooperative&departement=58&offer=formation",
    "page 10": "/partenaires/?page=10",
    "fiche d’un partenaire": "/partenaires/partenaire-exemple-00042/",
    "export CSV filtré": "/partenaires/export.csv?departement=89",
}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--partners", type=int, default=5000, help="number of partners to create (5000)")
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per URL (30)")
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="a PostgreSQL server URL: a throwaway database is created there instead of SQLite",
    )
    return parser.parse_args()


def timed(client, url, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):  # warm caches (content types, site root paths, templates)
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as context:
        client.get(url)
    queries = len(context.captured_queries)  # now: the next requests reset Django's query log
    durations = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        durations.append((time.perf_counter() - start) * 1000)
    durations.sort()
    return {
        "median_ms": round(statistics.median(durations), 1),
        "p90_ms": round(durations[int(len(durations) * 0.9) - 1], 1),
        "queries": queries,
    }


def main():
    args = parse_args()
    database_url, cleanup = throwaway_database(args.postgres)
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "predess.settings.test"
    os.environ.pop("REDIS_URL", None)  # the local-memory cache, as in the tests
    # The repository first, and not this folder (this file would shadow the ``partners`` app).
    sys.path[:] = [str(BASE_DIR)] + [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent]
    os.chdir(BASE_DIR)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from wagtail.models import Locale

    from fiches.models import FichePage
    from partners.models import Partner
    from partners.sample import create_sample_partners

    engine = "postgresql" if settings.DATABASE_IS_POSTGRES else "sqlite"
    try:
        print(f"Base jetable : {engine} ({database_url})")
        start = time.perf_counter()
        call_command("migrate", verbosity=0)
        call_command("load_predess", verbosity=0)
        print(f"Migrations et load_predess : {time.perf_counter() - start:.1f} s")

        locale = Locale.objects.get(language_code="fr")
        fiches = list(FichePage.objects.filter(locale=locale))
        start = time.perf_counter()
        create_sample_partners(args.partners, locale=locale, fiches=fiches)
        created_in = time.perf_counter() - start
        total = Partner.objects.live().count()
        # Fresh statistics for the query planner, as a maintained database has them
        # (PostgreSQL's autovacuum analyses by itself; SQLite only when asked). Without them
        # SQLite probes the full-text index once per indexed object: searches take seconds.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"{args.partners} partenaires créés (bulk_create + index) en {created_in:.1f} s ; {total} en ligne")

        client = Client(HTTP_HOST="localhost")
        results = {}
        print(f"\n{'URL':<28} {'médiane':>9} {'90e cent.':>10} {'requêtes SQL':>13}")
        for name, url in URLS.items():
            results[name] = {"url": url, **timed(client, url, args.repeat)}
            row = results[name]
            print(f"{name:<28} {row['median_ms']:>6.1f} ms {row['p90_ms']:>7.1f} ms {row['queries']:>13}")

        output = BASE_DIR / "bench" / "results" / f"partners-{engine}.json"
        output.parent.mkdir(exist_ok=True)
        output.write_text(
            json.dumps(
                {
                    "database": engine,
                    "partners": total,
                    "repeat": args.repeat,
                    "creation_seconds": round(created_in, 1),
                    "python": sys.version.split()[0],
                    "results": results,
                },
                ensure_ascii=False,
                indent=2,
            ),
            encoding="utf-8",
        )
        print(f"\nRésultats écrits dans {output.relative_to(BASE_DIR)}")
    finally:
        cleanup()


if __name__ == "__main__":
    main()
