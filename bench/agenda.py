"""Benchmark of the agenda with thousands of events.

    python bench/agenda.py                      # 2 000 events, throwaway SQLite file
    python bench/agenda.py --events 500 --repeat 10
    python bench/agenda.py --postgres postgres://postgres@127.0.0.1:5432/postgres

Like ``bench/partners.py`` (whose throwaway database and timing helpers it reuses): a
throwaway database is migrated and loaded with ``load_predess``, the events are added
with ``agenda.sample.create_sample_events`` (spread over the next two months, one in ten
recurring), then each URL is requested through Django's test client and the median and
90th percentile times and the SQL queries are printed, and written to
``bench/results/agenda-<db>.json``.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from throwaway import throwaway_database  # noqa: E402  (bench/throwaway.py)

from partners import timed  # noqa: E402  (bench/partners.py)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=2000, help="number of events to create (2000)")
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per URL (20)")
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL server URL instead of SQLite")
    return parser.parse_args()


def main():
    args = parse_args()
    database_url, cleanup = throwaway_database(args.postgres)
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "predess.settings.test"
    os.environ.pop("REDIS_URL", None)
    # The repository first, and not this folder (bench/partners.py would shadow the app).
    sys.path[:] = [str(BASE_DIR)] + [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent]
    for name in ("partners",):
        sys.modules.pop(name, None)
    os.chdir(BASE_DIR)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from agenda.models import EventIndexPage, EventPage
    from agenda.sample import create_sample_events
    from partners.models import Partner

    engine = "postgresql" if settings.DATABASE_IS_POSTGRES else "sqlite"
    try:
        print(f"Base jetable : {engine} ({database_url})")
        start = time.perf_counter()
        call_command("migrate", verbosity=0)
        call_command("load_predess", verbosity=0)
        print(f"Migrations et load_predess : {time.perf_counter() - start:.1f} s")
        agenda = EventIndexPage.objects.get(locale__language_code="fr")
        organisers = list(Partner.objects.filter(locale__language_code="fr").order_by("pk")[:8])
        start = time.perf_counter()
        create_sample_events(agenda, args.events, organisers=organisers)
        created_in = time.perf_counter() - start
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        total = EventPage.objects.live().count()
        print(f"{args.events} événements créés en {created_in:.1f} s ; {total} en ligne")

        today = timezone.localdate()
        urls = {
            "liste": "/agenda/",
            "liste filtrée": f"/agenda/?departement=21&price=gratuit&organiser={organisers[0].slug}",
            "mois": f"/agenda/mois/{today.year}/{today.month:02d}/",
            "mois filtré": f"/agenda/mois/{today.year}/{today.month:02d}/?departement=58&mode=sur-place",
            "agenda entier (.ics)": "/agenda/ical/",
            "RSS": "/agenda/rss/",
            "événement": "/agenda/evenement-exemple-00003/",
        }
        client = Client(HTTP_HOST="localhost")
        results = {}
        print(f"\n{'URL':<24} {'médiane':>9} {'90e cent.':>10} {'requêtes SQL':>13}")
        for name, url in urls.items():
            results[name] = {"url": url, **timed(client, url, args.repeat)}
            row = results[name]
            print(f"{name:<24} {row['median_ms']:>6.1f} ms {row['p90_ms']:>7.1f} ms {row['queries']:>13}")
        output = BASE_DIR / "bench" / "results" / f"agenda-{engine}.json"
        output.parent.mkdir(exist_ok=True)
        output.write_text(
            json.dumps(
                {"database": engine, "events": total, "repeat": args.repeat, "results": results},
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
