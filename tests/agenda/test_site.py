"""The agenda in the rest of the site: the page cache shows a newly published event at
once, the home page lists the next events, the site search finds upcoming events, and
the loader creates the agenda (and, with ``--demo``, example events marked as such)."""

import datetime as dt

import pytest
from django.core.cache.backends.locmem import LocMemCache

from agenda.loaders import load_agenda
from agenda.models import EventCategory, EventPage, EventSeriesPage
from home.management.commands.load_predess import Loader
from home.models import HomePage
from pagecache import generation

from .conftest import soup, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings, db):
    settings.PAGE_CACHE_SECONDS = 300
    cache = generation.page_cache()
    if isinstance(cache, LocMemCache):
        cache.clear()
    generation.bump()
    return cache


def home_titles(client, url="/"):
    return [a.get_text(" ", strip=True) for a in soup(client.get(url)).select(".home-events .card__title a")]


def test_publishing_an_event_shows_it_on_the_cached_agenda_and_home_page(client, page_cache, make_event, today):
    client.get("/agenda/")
    client.get("/")
    assert client.get("/agenda/").headers.get("X-Page-Cache") == "hit"
    event = make_event("Nouvel atelier publié", day=today + dt.timedelta(days=1), live=False)
    assert "Nouvel atelier publié" not in titles(client.get("/agenda/"))
    event.save_revision().publish()
    assert "Nouvel atelier publié" in titles(client.get("/agenda/"))
    assert any("Nouvel atelier publié" in t for t in home_titles(client))
    EventPage.objects.get(pk=event.pk).unpublish()
    assert "Nouvel atelier publié" not in titles(client.get("/agenda/"))


def test_home_page_lists_the_next_events_without_cancelled_ones(client, make_event, today):
    make_event("Demain à Dijon", day=today + dt.timedelta(days=1))
    make_event("Annulé demain", day=today + dt.timedelta(days=1), status="cancelled")
    shown = home_titles(client)
    assert any("Demain à Dijon" in t for t in shown)
    assert not any("Annulé demain" in t for t in shown)
    assert soup(client.get("/")).select_one(".home-events a[href='/agenda/']")


def test_site_search_finds_upcoming_events_only(client, make_event, today):
    make_event("Coopérative cyclable à venir", day=today + dt.timedelta(days=2))
    make_event("Coopérative cyclable passée", day=today - dt.timedelta(days=20))
    text = soup(client.get("/recherche/", {"q": "cyclable"})).get_text()
    assert "Coopérative cyclable à venir" in text
    assert "Coopérative cyclable passée" not in text


def test_loaded_agenda_categories_and_series(agenda):
    assert agenda.url == "/agenda/"
    slugs = set(EventCategory.objects.filter(locale__language_code="fr").values_list("slug", flat=True))
    assert {"semaine-ess", "concours", "ardess", "manifestation-partenaire", "formation", "conference"} <= slugs
    english = EventCategory.objects.get(slug="semaine-ess", locale__language_code="en")
    assert english.name == "SSE Week"
    series = EventSeriesPage.objects.get(slug="semaine-ess-2026", locale__language_code="fr")
    assert (series.start_date, series.end_date) == (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert EventSeriesPage.objects.filter(locale__language_code="en", translation_key=series.translation_key).exists()
    # The concours' key dates are events of the "Concours" category.
    concours = EventPage.objects.filter(locale__language_code="fr", slug__startswith="concours-")
    assert concours.count() == 4
    assert all(e.all_day and not e.is_example for e in concours)
    assert {c.slug for e in concours for c in e.categories.all()} == {"concours"}
    # No example event without --demo.
    assert not EventPage.objects.filter(is_example=True).exists()


def test_demo_events_are_loaded_on_request_and_marked(client, agenda, today):
    loader = Loader(demo=True)
    loader.home = HomePage.objects.get(locale__language_code="fr")
    load_agenda(loader)
    demo = EventPage.objects.filter(is_example=True, locale__language_code="fr")
    assert demo.count() == 12
    assert {e.departement for e in demo} == {"21", "58", "71", "89", ""}  # "": the online webinar
    assert demo.exclude(recurrence="").count() == 1
    assert demo.filter(status="cancelled").count() == 1
    months = {e.local_start.month for e in demo}
    assert len(months) == 2
    assert all(e.title.startswith("Exemple") for e in demo)
    page = soup(client.get(demo.get(slug="exemple-forum-emploi-sens").url))
    assert "Exemple" in page.select_one(".badge--example").get_text()
    assert EventPage.objects.filter(is_example=True, locale__language_code="en").count() == 12
    # A second run changes nothing.
    before = {e.pk: e.latest_revision_id for e in EventPage.objects.all()}
    load_agenda(loader)
    assert {e.pk: e.latest_revision_id for e in EventPage.objects.all()} == before


def test_ardess_page_lists_the_next_public_workshop_sessions(client, make_event, today):
    from ardess.models import ArdessIndexPage

    ardess = ArdessIndexPage.objects.get(locale__language_code="fr")
    assert "Aucune séance publique" in soup(client.get(ardess.url)).get_text()
    make_event("Atelier ARDESS ouvert", day=today + dt.timedelta(days=3), categories=["ardess"])
    make_event("Atelier ARDESS annulé", day=today + dt.timedelta(days=4), categories=["ardess"], status="cancelled")
    make_event("Formation sans rapport", day=today + dt.timedelta(days=2), categories=["formation"])
    text = soup(client.get(ardess.url)).get_text()
    assert "Atelier ARDESS ouvert" in text
    assert "Atelier ARDESS annulé" not in text and "Formation sans rapport" not in text


def test_the_home_block_and_the_paginated_list_agree_with_the_whole_calendar(rf, agenda, today):
    """The home page reads only the soonest candidates and the list only the shown page's
    events: with many events, recurring and cancelled ones among them, they show exactly
    what computing every occurrence of every event gives."""
    from agenda.calendar import occurrences_of
    from agenda.filters import AgendaQuery
    from agenda.sample import create_sample_events

    create_sample_events(agenda, 120, start=today - dt.timedelta(days=3))
    EventPage.objects.filter(pk__in=EventPage.objects.filter(recurrence="").values("pk")[:7]).update(status="cancelled")
    request = rf.get("/agenda/")
    query = AgendaQuery(agenda, request)
    events, first_day, _last = query.events(first_day=today)
    everything = occurrences_of(events, first_day, None)
    expected = [(o.event.pk, o.start) for o in everything if not o.is_cancelled]

    soonest, shown_events = query.soonest(today, 6)
    assert [(o.event.pk, o.start) for o in soonest] == expected[:6]
    assert {event.pk for event in shown_events} == {o.event.pk for o in soonest}

    occurrences, total = query.window(first_day=today, count=40)
    assert total == len(everything)
    assert [(o.event.pk, o.start, o.is_cancelled) for o in occurrences] == [
        (o.event.pk, o.start, o.is_cancelled) for o in everything[:40]
    ]
    page, _total = query.window(first_day=today, count=20, offset=20)
    assert [(o.event.pk, o.start) for o in page] == [(o.event.pk, o.start) for o in occurrences[20:40]]
    assert all(isinstance(o.event, EventPage) for o in page)
    by_pk = {event.pk: event for event in events}
    for occurrence in page:
        assert [c.pk for c in occurrence.event.display_categories] == [
            c.pk for c in by_pk[occurrence.event.pk].display_categories
        ]


def test_a_partner_page_lists_the_events_it_organises(client, page_cache, make_event, today):
    from partners.models import Partner

    partner, other = Partner.objects.live().filter(locale__language_code="fr").order_by("pk")[:2]
    page_url = partner.get_url()
    assert "Ses prochains événements" not in client.get(page_url).content.decode()
    assert client.get(page_url).headers.get("X-Page-Cache") == "hit"
    make_event("Portes ouvertes de la structure", day=today + dt.timedelta(days=2), organiser=partner)
    make_event("Rencontre annulée", day=today + dt.timedelta(days=3), organiser=partner, status="cancelled")
    make_event("Déjà passé", day=today - dt.timedelta(days=3), organiser=partner)
    make_event("Chez un autre partenaire", day=today + dt.timedelta(days=2), organiser=other)
    # Publishing the event changed the organiser's cached page too.
    page = soup(client.get(page_url))
    section = page.select_one("section[aria-labelledby='partner-events']")
    assert section is not None
    listed = [a.get_text(strip=True) for a in section.select("li a")]
    assert listed == ["Portes ouvertes de la structure"]
    assert client.get(section.select_one("li a")["href"]).status_code == 200
    agenda_link = section.find("a", href=f"/agenda/?organiser={partner.slug}")
    assert agenda_link is not None
    assert "Portes ouvertes de la structure" in titles(client.get(agenda_link["href"]))
    # The partner page's query string does not filter its events.
    assert "Portes ouvertes" in client.get(page_url + "?category=concours").content.decode()
