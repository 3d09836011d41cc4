"""Fixtures of the agenda tests: the loaded agenda, events made to order, and helpers
that read pages and feeds as a visitor (or a calendar application) does."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import Locale

from agenda.calendar import PARIS
from agenda.models import EventCategory, EventIndexPage, EventPage


@pytest.fixture
def agenda(db):
    return EventIndexPage.objects.get(locale__language_code="fr")


@pytest.fixture
def today():
    return timezone.localdate()


def at(day, hour=14, minute=0):
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=PARIS)


@pytest.fixture
def category(db):
    def get(slug):
        return EventCategory.objects.get(slug=slug, locale__language_code="fr")

    return get


@pytest.fixture
def make_event(agenda, today):
    """``make_event(title, day=…, categories=[slugs], tags=[…], live=True, **fields)``."""
    french = Locale.objects.get(language_code="fr")

    def make(title, *, day=None, hour=14, categories=(), tags=(), live=True, parent=None, user=None, **fields):
        day = day or today + dt.timedelta(days=3)
        fields.setdefault("start", at(day, hour))
        fields.setdefault("end", fields["start"] + dt.timedelta(hours=2))
        fields.setdefault("venue", "Salle des fêtes")
        fields.setdefault("commune", "Dijon")
        fields.setdefault("departement", "21")
        event = EventPage(title=title, locale=french, **fields)
        event.categories = list(EventCategory.objects.filter(slug__in=categories, locale=french))
        event.tags.set(list(tags))
        (parent or agenda).add_child(instance=event)
        revision = event.save_revision(user=user)
        if live:
            revision.publish(user=user)
        else:
            event.live = False
            event.save()
        return EventPage.objects.get(pk=event.pk)

    return make


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def titles(response):
    return [a.get_text(strip=True) for a in soup(response).select(".event-card__title a")]


def parse_ics(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def vevents(calendar):
    return list(calendar.walk("VEVENT"))
