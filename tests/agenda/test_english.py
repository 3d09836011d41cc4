"""The English agenda: a French event not yet translated is shown in English pages in
French (``lang="fr"`` on its title, linking to the French page), never left out; once
its English translation is published, the English one takes its place."""

import datetime as dt

import pytest
from wagtail.models import Locale

from agenda.models import EventPage, EventSeriesPage
from ardess.models import ArdessIndexPage
from partners.models import Partner, PartnerDirectoryPage

from .conftest import at, parse_ics, soup, vevents

pytestmark = pytest.mark.django_db


def translate(event, title):
    """Publish the English translation of ``event``, as wagtail-localize leaves it after
    a translator's work (a translated copy under the English agenda)."""
    english = event.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = title
    english.save_revision().publish()
    return EventPage.objects.get(pk=english.pk)


def links_to(response, title):
    return [a for a in soup(response).find_all("a") if title in a.get_text()]


def test_an_untranslated_event_is_shown_in_french_in_the_english_agenda(client, make_event, today):
    event = make_event("Atelier coopératif à Auxerre", day=today + dt.timedelta(days=5))
    response = client.get("/en/agenda/")
    (link,) = links_to(response, "Atelier coopératif à Auxerre")
    assert link["lang"] == "fr"
    assert link["hreflang"] == "fr"
    assert link["href"] == event.url  # the French page: there is no English one yet
    assert client.get(link["href"]).status_code == 200
    # The French agenda names it without a language mark.
    (french,) = links_to(client.get("/agenda/"), "Atelier coopératif à Auxerre")
    assert not french.has_attr("lang")


def test_the_english_translation_replaces_the_french_event_once_published(client, make_event, today):
    event = make_event("Atelier coopératif à Auxerre", day=today + dt.timedelta(days=5))
    english = translate(event, "Cooperative workshop in Auxerre")
    response = client.get("/en/agenda/")
    assert not links_to(response, "Atelier coopératif à Auxerre")
    (link,) = links_to(response, "Cooperative workshop in Auxerre")
    assert not link.has_attr("lang")
    assert link["href"] == english.url
    assert english.url.startswith("/en/agenda/")
    # Unpublished, the English version gives way to the French one again.
    english.unpublish()
    (link,) = links_to(client.get("/en/agenda/"), "Atelier coopératif à Auxerre")
    assert link["lang"] == "fr"


def test_untranslated_events_in_every_english_listing(client, make_event, today):
    series = EventSeriesPage.objects.get(slug="semaine-ess-2026", locale__language_code="fr")
    organiser = Partner.objects.filter(locale__language_code="fr").order_by("pk").first()
    day = today + dt.timedelta(days=2)
    make_event("Forum de l’emploi solidaire", day=day, organiser=organiser, categories=["ardess"])
    make_event("Semaine : portes ouvertes", start=at(dt.date(2026, 11, 18), 10), series=series)
    pages = {
        "home": "/en/",
        "month": f"/en/agenda/mois/{day.year}/{day.month:02d}/",
        "partner": PartnerDirectoryPage.objects.get(locale__language_code="en").url + organiser.slug + "/",
        "ardess": ArdessIndexPage.objects.get(locale__language_code="en").url,
    }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        marked = soup(response).select('[lang="fr"]')
        assert any("Forum de l’emploi solidaire" in element.get_text() for element in marked), name
    series_page = client.get("/en/agenda/semaine-ess-2026/")
    (link,) = links_to(series_page, "Semaine : portes ouvertes")
    assert link["lang"] == "fr"
    # The feeds of the English agenda list it too, with the address of its French page.
    forum = EventPage.objects.get(title="Forum de l’emploi solidaire")
    french_url = forum.get_full_url()
    rss = client.get("/en/agenda/rss/").content.decode()
    assert f"<link>{french_url}</link>" in rss
    (record,) = [r for r in client.get("/en/agenda/json/").json()["evenements"] if r["titre"] == forum.title]
    assert record["page"] == french_url
    ics = parse_ics(client.get("/en/agenda/ical/"))
    (vevent,) = [v for v in vevents(ics) if str(v["summary"]) == forum.title]
    assert str(vevent["url"]) == french_url


def test_a_french_draft_is_not_shown_in_english(client, make_event):
    make_event("Brouillon secret", live=False)
    assert not links_to(client.get("/en/agenda/"), "Brouillon secret")
