"""Benchmark of the site search with thousands of partners and events.

    python bench/search.py                       # SQLite (a throwaway file)
    python bench/search.py --postgres postgres://postgres@127.0.0.1:5432/postgres
    python bench/search.py --partners 20000 --events 5000 --repeat 50

It builds a throwaway database (a temporary SQLite file, or a new PostgreSQL database on
the given server, dropped at the end), migrates it, loads the plan with ``load_predess``,
adds the partners and events with the apps' own generators (``partners.sample``,
``agenda.sample``; a kind whose app is not installed yet is left out, and said so), runs
``ANALYZE``, then requests 20 representative searches through Django's test client (the
whole request: routing, search, template) and prints, per query and over all of them, the
median and 95th percentile times and the number of SQL queries, and the same for the
suggestions endpoint. Results are written to ``bench/results/search-<db>.json``.
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
QUERIES = [
    {"q": "économie"},
    {"q": "economie solidaire"},
    {"q": "coopérative"},
    {"q": "coopératives"},
    {"q": "insertion Nevers"},
    {"q": "pret honneur"},
    {"q": "semaine ess"},
    {"q": "URSCOP"},
    {"q": "IAE"},
    {"q": "DLA"},
    {"q": "PACQ"},
    {"q": "financer"},
    {"q": "formation Dijon"},
    {"q": "association emploi"},
    {"q": "commerce équitable"},
    {"q": "ECONOMIE SOCIALE"},
    {"q": "structure", "page": "20"},
    {"q": "économie", "type": "partenaire", "departement": "21"},
    {"q": "territoire", "axe": "3"},
    {"q": "zzzyyyxxx"},  # no result: help and spelling suggestion
]
SUGGESTIONS = ["ec", "econ", "coop", "struct", "pret hon", "dij", "evenement ess"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--partners", type=int, default=5000, help="partners to create (5000)")
    parser.add_argument("--events", type=int, default=2000, help="events to create (2000)")
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per query (20)")
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL server: a throwaway database is made there")
    return parser.parse_args()


def percentile(sorted_values, fraction):
    index = max(0, min(len(sorted_values) - 1, round(fraction * len(sorted_values) + 0.5) - 1))
    return sorted_values[index]


def timed(client, path, params, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):  # warm caches (content types, site root paths, vocabulary)
        response = client.get(path, params)
        assert response.status_code == 200, (path, params, response.status_code)
    with CaptureQueriesContext(connection) as context:
        response = client.get(path, params)
    queries = len(context.captured_queries)  # now: the next requests reset Django's query log
    durations = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(path, params)
        durations.append((time.perf_counter() - start) * 1000)
    return durations, queries, response


def add_content(args):
    """Partners and events with the apps' generators, when the apps are there."""
    from wagtail.models import Locale, Page

    from fiches.models import FichePage

    added = {}
    locale = Locale.objects.get(language_code="fr")
    try:
        from partners.sample import create_sample_partners
    except ImportError:
        print("!! partners.sample is missing: no partners added")
    else:
        fiches = list(FichePage.objects.filter(locale=locale))
        added["partners"] = len(create_sample_partners(args.partners, locale=locale, fiches=fiches))
    try:
        from agenda.models import EventIndexPage
        from agenda.sample import create_sample_events
    except ImportError:
        print("!! agenda.sample is missing: no events added")
    else:
        agenda = Page.objects.type(EventIndexPage).filter(locale=locale).first()
        if agenda is None:
            print("!! no agenda page: no events added")
        else:
            added["events"] = len(create_sample_events(agenda, args.events))
    return added


def main():
    args = parse_args()
    database_url, cleanup = throwaway_database(args.postgres, prefix="predess_bench_search")
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "predess.settings.test"
    os.environ.pop("REDIS_URL", None)
    sys.path[:] = [str(BASE_DIR)] + [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent]
    os.chdir(BASE_DIR)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # responses keep their template context (the number of results)

    try:
        print(f"» base : {connection.vendor}")
        call_command("migrate", verbosity=0)
        call_command("load_predess", verbosity=0)
        start = time.perf_counter()
        added = add_content(args)
        print(f"» contenu ajouté : {added} en {time.perf_counter() - start:.0f} s")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        client = Client(HTTP_HOST="localhost")
        rows, every_duration = [], []
        print(f"\n{'recherche':<58} {'médiane':>8} {'p95':>8} {'requêtes SQL':>13} {'résultats':>10}")
        for params in QUERIES:
            durations, queries, response = timed(client, "/recherche/", params, args.repeat)
            durations.sort()
            every_duration += durations
            label = " ".join(f"{key}={value}" for key, value in params.items())
            row = {
                "query": label,
                "median_ms": round(statistics.median(durations), 1),
                "p95_ms": round(percentile(durations, 0.95), 1),
                "sql_queries": queries,
                "results": response.context["result_count"],
            }
            rows.append(row)
            print(f"{label:<58} {row['median_ms']:>8} {row['p95_ms']:>8} {queries:>13} {row['results']:>10}")
        every_duration.sort()
        overall = {
            "median_ms": round(statistics.median(every_duration), 1),
            "p95_ms": round(percentile(every_duration, 0.95), 1),
        }
        print(f"\n» toutes les recherches : médiane {overall['median_ms']} ms, p95 {overall['p95_ms']} ms")
        suggestion_durations = []
        for text in SUGGESTIONS:
            durations, _, _ = timed(client, "/recherche/suggestions/", {"q": text}, args.repeat)
            suggestion_durations += durations
        suggestion_durations.sort()
        suggestions = {
            "median_ms": round(statistics.median(suggestion_durations), 1),
            "p95_ms": round(percentile(suggestion_durations, 0.95), 1),
        }
        print(f"» suggestions : médiane {suggestions['median_ms']} ms, p95 {suggestions['p95_ms']} ms")
        results_dir = BASE_DIR / "bench" / "results"
        results_dir.mkdir(exist_ok=True)
        (results_dir / f"search-{connection.vendor}.json").write_text(
            json.dumps(
                {
                    "database": connection.vendor,
                    "added": added,
                    "queries": rows,
                    "overall": overall,
                    "suggestions": suggestions,
                },
                indent=2,
                ensure_ascii=False,
            )
        )
    finally:
        cleanup()


if __name__ == "__main__":
    main()
