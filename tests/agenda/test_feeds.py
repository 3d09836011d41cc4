"""The machine-readable agenda: iCalendar parsed back with ``icalendar``, RSS parsed as
XML, the JSON export, and the event page's schema.org JSON-LD."""

import datetime as dt
import json
import xml.etree.ElementTree as ET

import pytest

from agenda.calendar import PARIS
from agenda.models import EventCancelledDate
from partners.models import Partner

from .conftest import at, parse_ics, soup, vevents

pytestmark = pytest.mark.django_db


def summaries(calendar):
    return sorted(str(event["SUMMARY"]) for event in vevents(calendar))


def test_agenda_ics_has_upcoming_events_with_time_zone_and_stable_uids(client, make_event, today):
    make_event(
        "Conférence ICS", day=today + dt.timedelta(days=4), hour=18, street_address="2 rue Exemple", postcode="21000"
    )
    make_event("Passé ICS", day=today - dt.timedelta(days=4))
    first = parse_ics(client.get("/agenda/ical/"))
    second = parse_ics(client.get("/agenda/ical/"))
    assert "Conférence ICS" in summaries(first) and "Passé ICS" not in summaries(first)
    assert [str(e["UID"]) for e in vevents(first)] == [str(e["UID"]) for e in vevents(second)]
    event = next(e for e in vevents(first) if str(e["SUMMARY"]) == "Conférence ICS")
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert event["DTSTART"].dt == at(today + dt.timedelta(days=4), 18)
    assert event["DTSTART"].dt.tzinfo is not None and event["DTEND"].params["TZID"] == "Europe/Paris"
    assert str(event["LOCATION"]) == "Salle des fêtes, 2 rue Exemple, 21000 Dijon"
    assert str(event["URL"]).startswith("http://localhost/agenda/conf")
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["UID"]).startswith("event-") and str(event["UID"]).endswith("@predess-bourgogne.fr")
    timezones = list(first.walk("VTIMEZONE"))
    assert [str(tz["TZID"]) for tz in timezones] == ["Europe/Paris"]
    assert first["VERSION"] == "2.0" and first["PRODID"]


def test_filtered_feed_has_exactly_the_filtered_events(client, make_event):
    make_event("Formation dans la Nièvre", categories=["formation"], commune="Nevers", departement="58")
    make_event("Formation en Côte-d’Or", categories=["formation"])
    make_event("Conférence dans la Nièvre", categories=["conference"], commune="Nevers", departement="58")
    page = soup(client.get("/agenda/?category=formation&departement=58"))
    listed = sorted(a.get_text(strip=True) for a in page.select(".event-card__title a"))
    ical_url = next(a["href"] for a in page.select(".open-data a") if "/ical/" in a["href"])
    calendar = parse_ics(client.get(ical_url))
    assert summaries(calendar) == listed == ["Formation dans la Nièvre"]


def test_month_and_archive_feeds(client, make_event):
    make_event("Atelier de décembre", start=at(dt.date(2026, 12, 8), 14))
    make_event("Atelier de janvier", start=at(dt.date(2027, 1, 12), 14))
    page = soup(client.get("/agenda/mois/2026/12/"))
    ical_url = next(a["href"] for a in page.select(".open-data a") if "/ical/" in a["href"])
    assert "month=2026-12" in ical_url
    titles = summaries(parse_ics(client.get(ical_url)))
    assert "Atelier de décembre" in titles and "Atelier de janvier" not in titles
    archive = soup(client.get("/agenda/archives/"))
    ical_url = next(a["href"] for a in archive.select(".open-data a") if "/ical/" in a["href"])
    assert "period=archive" in ical_url
    assert parse_ics(client.get(ical_url)) is not None


def test_cancelled_event_and_cancelled_occurrence(client, make_event, today):
    make_event("Rencontre annulée ICS", status="cancelled")
    first = today + dt.timedelta(days=1)
    recurring = make_event("Atelier hebdo ICS", day=first, recurrence="weekly", recurrence_count=3)
    recurring.cancelled_dates = [EventCancelledDate(date=first + dt.timedelta(days=7))]
    recurring.save_revision().publish()
    calendar = parse_ics(client.get("/agenda/ical/"))
    cancelled = next(e for e in vevents(calendar) if str(e["SUMMARY"]) == "Rencontre annulée ICS")
    assert str(cancelled["STATUS"]) == "CANCELLED"
    sessions = sorted(
        (e for e in vevents(calendar) if str(e["SUMMARY"]) == "Atelier hebdo ICS"), key=lambda e: e["DTSTART"].dt
    )
    assert [str(e["STATUS"]) for e in sessions] == ["CONFIRMED", "CANCELLED", "CONFIRMED"]
    assert len({str(e["UID"]) for e in sessions}) == 3
    assert str(sessions[1]["UID"]).endswith(f"-{first + dt.timedelta(days=7):%Y%m%d}@predess-bourgogne.fr")
    # The event's own file ("Ajouter à mon agenda") has its three sessions too.
    own = parse_ics(client.get(recurring.url + "ical/"))
    assert [str(e["STATUS"]) for e in sorted(vevents(own), key=lambda e: e["DTSTART"].dt)] == [
        "CONFIRMED",
        "CANCELLED",
        "CONFIRMED",
    ]


def test_all_day_events_use_dates(client, make_event, today):
    day = today + dt.timedelta(days=6)
    make_event(
        "Journée portes ouvertes",
        start=dt.datetime.combine(day, dt.time.min, tzinfo=PARIS),
        end=dt.datetime.combine(day + dt.timedelta(days=1), dt.time(23, 59), tzinfo=PARIS),
        all_day=True,
    )
    calendar = parse_ics(client.get("/agenda/ical/"))
    event = next(e for e in vevents(calendar) if str(e["SUMMARY"]) == "Journée portes ouvertes")
    assert event["DTSTART"].params.get("VALUE") == "DATE" or type(event["DTSTART"].dt) is dt.date
    assert event["DTSTART"].dt == day
    assert event["DTEND"].dt == day + dt.timedelta(days=2)  # exclusive end


def test_rss_feed(client, make_event):
    make_event("Forum RSS")
    make_event("Atelier RSS annulé", status="cancelled")
    response = client.get("/agenda/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    items = root.findall("./channel/item")
    titles = [item.findtext("title") for item in items]
    assert any(t.startswith("Forum RSS (") for t in titles)
    assert any(t.startswith("Annulé – Atelier RSS annulé") for t in titles)
    forum = next(i for i in items if i.findtext("title").startswith("Forum RSS"))
    assert forum.findtext("link").startswith("http://localhost/agenda/forum-rss/")
    assert forum.findtext("guid").endswith("@predess-bourgogne.fr")
    assert root.find("./channel/language").text == "fr"
    filtered = ET.fromstring(client.get("/agenda/rss/?departement=89").content)
    assert not [i for i in filtered.findall("./channel/item") if "RSS" in i.findtext("title")]


def test_json_export(client, make_event):
    make_event("Forum JSON", categories=["formation"])
    data = json.loads(client.get("/agenda/json/?category=formation").content)
    assert data["filtres"] == {"category": "formation"}
    forum = next(r for r in data["evenements"] if r["titre"] == "Forum JSON")
    assert forum["commune"] == "Dijon" and forum["categories"] == ["formation"]
    assert data["nombre"] == len(data["evenements"])


def test_event_page_shows_every_detail_and_json_ld(client, make_event, today):
    cress = Partner.objects.get(slug="cress", locale__language_code="fr")
    event = make_event(
        "Colloque de l’ESS",
        day=today + dt.timedelta(days=5),
        hour=9,
        summary="Une journée de tables rondes.",
        street_address="1 place de la Libération",
        postcode="21000",
        attendance_mode="mixed",
        online_url="https://example.org/direct",
        organiser=cress,
        is_free=False,
        price="15 €",
        registration_url="https://example.org/inscription",
        accessibility="Boucle magnétique.",
        categories=["conference"],
        tags=["recherche"],
    )
    response = client.get(event.url)
    assert response.status_code == 200
    page = soup(response)
    facts = {
        div.select_one("dt").get_text(strip=True): div.select_one("dd") for div in page.select(".event__facts div")
    }
    assert "09:00" in facts["Date"].get_text() and "11:00" in facts["Date"].get_text()
    assert "1 place de la Libération" in facts["Lieu"].get_text()
    assert "Côte-d’Or (21)" in facts["Lieu"].get_text()
    assert facts["En ligne"].select_one("a")["href"] == "https://example.org/direct"
    assert facts["Organisateur"].select_one("a")["href"] == "/partenaires/cress/"
    assert "15 €" in facts["Tarif"].get_text()
    assert facts["Inscription"].select_one("a")["href"] == "https://example.org/inscription"
    assert "Boucle magnétique." in facts["Accessibilité"].get_text()
    assert "Conférence-débat" in page.select_one(".event__badges").get_text()
    add = page.find("a", string=lambda s: s and "Ajouter à mon agenda" in s) or page.select_one(".cta a")
    assert add["href"].endswith("/ical/")
    own = parse_ics(client.get(add["href"]))
    assert summaries(own) == ["Colloque de l’ESS"]

    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "Event"
    assert data["name"] == "Colloque de l’ESS"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["startDate"].startswith((today + dt.timedelta(days=5)).isoformat() + "T09:00")
    places = {place["@type"]: place for place in data["location"]}
    assert places["Place"]["address"]["postalCode"] == "21000"
    assert places["VirtualLocation"]["url"] == "https://example.org/direct"
    assert data["organizer"]["name"] == cress.display_name
    assert data["organizer"]["url"] == "http://localhost/partenaires/cress/"


def test_cancelled_event_json_ld_and_page(client, make_event):
    event = make_event("Réunion annulée", status="cancelled")
    page = soup(client.get(event.url))
    assert "Annulé" in page.select_one(".event__badges").get_text()
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["@type"] == "Place"


def test_event_image_has_its_alt_text_and_is_in_json_ld(client, make_event):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="Atelier", file=get_test_image_file())
    event = make_event("Atelier illustré", image=image, image_alt="Des bénévoles autour d’une table")
    page = soup(client.get(event.url))
    img = page.select_one(".event__image img")
    assert img["alt"] == "Des bénévoles autour d’une table"
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["image"][0].startswith("http://localhost/")
