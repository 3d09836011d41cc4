"""Build the benchmark's throwaway database and find the URLs to measure.

Run by ``bench/run.py`` in a subprocess with the production settings and the throwaway
``DATABASE_URL``; prints one JSON object (the URLs) on its last line. It

1. migrates and loads the plan (``load_predess``), as a deployment's ``release`` does;
2. adds the sample data of the apps that have some: partners (``partners.sample``) and
   events (``agenda.sample``), when those apps provide them;
3. points the default site at the loopback address of the benchmark (canonical links and
   absolute URLs then stay on the machine, as Lighthouse expects);
4. runs ``ANALYZE`` (statistics for the query planner, as a maintained database has);
5. finds one URL per kind of page (``discover``): home, a fiche, the agenda and its month
   view, the directory with a filter, an event, a partner, an aid scheme, a search — each
   only when the app that serves it is installed — and a mix of pages for the load test.
"""

import argparse
import importlib
import json
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))


def log(message):
    print(f"   {message}", file=sys.stderr, flush=True)


def optional(module_name):
    try:
        return importlib.import_module(module_name)
    except ImportError:
        return None


def build(partners, events):
    from django.core.management import call_command
    from django.db import connection
    from wagtail.models import Locale

    started = time.monotonic()
    call_command("migrate", interactive=False, verbosity=0)
    log(f"migrate: {time.monotonic() - started:.0f} s")
    started = time.monotonic()
    call_command("load_predess", verbosity=0)
    log(f"load_predess: {time.monotonic() - started:.0f} s")

    french = Locale.objects.get(language_code="fr")
    partner_sample = optional("partners.sample")
    if partners and partner_sample is not None:
        from fiches.models import FichePage

        started = time.monotonic()
        fiches = list(FichePage.objects.filter(locale=french))
        partner_sample.create_sample_partners(partners, locale=french, fiches=fiches)
        log(f"{partners} partners: {time.monotonic() - started:.0f} s")
    event_sample = optional("agenda.sample")
    if events and event_sample is not None:
        started = time.monotonic()
        from agenda.models import EventIndexPage
        from partners.models import Partner

        agenda = EventIndexPage.objects.get(locale=french)
        organisers = list(Partner.objects.filter(locale=french, live=True).order_by("pk")[:50])
        event_sample.create_sample_events(agenda, events, organisers=organisers)
        log(f"{events} events: {time.monotonic() - started:.0f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    call_command("clear_page_cache", verbosity=0)


def point_site_at(port):
    from wagtail.models import Site

    Site.objects.filter(is_default_site=True).update(hostname="127.0.0.1", port=port)
    Site.clear_site_root_paths_cache()


def first_url(queryset):
    page = queryset.first()
    return page.url if page is not None else None


def discover():
    """{kind: path or None}, and the mix of pages of the load test."""
    from fiches.models import AxisPage, FichePage
    from home.models import LegalPage

    french = {"locale__language_code": "fr"}
    urls = {
        "home": "/",
        "fiche": first_url(FichePage.objects.live().filter(**french).order_by("path")),
        "agenda": None,
        "agenda_month": None,
        "directory": None,
        "directory_filtered": None,
        "event": None,
        "partner": None,
        "aid": None,
        "search": "/recherche/?q=emploi+solidaire",
    }
    mix = ["/", "/en/", "/fiches/", "/plan-du-site/", "/recherche/?q=emploi+solidaire", "/recherche/?q=cooperative"]
    mix += [p.url for p in AxisPage.objects.live().filter(**french)]
    mix += [p.url for p in FichePage.objects.live().filter(**french).order_by("path")]
    mix += [p.url for p in LegalPage.objects.live().filter(**french)]

    agenda = optional("agenda.models")
    if agenda is not None and hasattr(agenda, "EventIndexPage"):
        index = agenda.EventIndexPage.objects.live().filter(**french).first()
        if index is not None:
            urls["agenda"] = index.url
            urls["agenda_month"] = index.url + index.reverse_subpage("this_month")
            events = agenda.EventPage.objects.live().filter(**french).order_by("path")
            urls["event"] = first_url(events)
            mix += [urls["agenda"], *(e.url for e in events[:20])]
    partners = optional("partners.models")
    if partners is not None and hasattr(partners, "PartnerDirectoryPage"):
        directory = partners.PartnerDirectoryPage.objects.live().filter(**french).first()
        if directory is not None:
            urls["directory"] = directory.url
            urls["directory_filtered"] = f"{directory.url}?departement=21&offer=financement"
            partner_list = list(partners.Partner.objects.filter(live=True, locale__language_code="fr")[:20])
            if partner_list:
                urls["partner"] = partner_list[0].get_url() if hasattr(partner_list[0], "get_url") else None
                mix += [directory.url, urls["directory_filtered"]]
                mix += [p.get_url() for p in partner_list if hasattr(p, "get_url")]
    fiches = optional("fiches.models")
    if fiches is not None and hasattr(fiches, "Dispositif"):
        scheme = fiches.Dispositif.objects.filter(locale__language_code="fr").first()
        if scheme is not None and hasattr(scheme, "get_url"):
            urls["aid"] = scheme.get_url()
            mix.append(urls["aid"])
    mix = [url for url in dict.fromkeys(mix) if url]
    return {"pages": urls, "mix": mix}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--partners", type=int, default=5000)
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--port", type=int, required=True, help="the port gunicorn will listen on")
    parser.add_argument("--discover-only", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    if not args.discover_only:
        build(args.partners, args.events)
    point_site_at(args.port)
    print(json.dumps(discover()))


if __name__ == "__main__":
    main()
