"""An event's checks, with their French messages."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from agenda.calendar import PARIS
from agenda.models import EventPage

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 12, 1, 14, 0, tzinfo=PARIS)


def errors_of(**fields):
    values = {"title": "Atelier", "slug": "atelier", "start": START, "venue": "Salle", "commune": "Dijon"}
    values.update(fields)
    try:
        EventPage(**values).full_clean(exclude=["path", "depth", "content_type", "locale", "translation_key"])
    except ValidationError as exc:
        return {name: " ".join(messages) for name, messages in exc.message_dict.items()}
    return {}


def test_a_complete_event_is_valid():
    assert errors_of() == {}


def test_end_before_start():
    assert "après son début" in errors_of(end=START - dt.timedelta(hours=1))["end"]


def test_an_event_needs_a_place_or_an_online_link():
    assert "lieu" in errors_of(venue="", commune="")["venue"]
    assert "lien" in errors_of(attendance_mode="online", venue="", commune="")["online_url"]
    assert errors_of(attendance_mode="online", venue="", commune="", online_url="https://example.org/") == {}


def test_links_must_be_http_or_https():
    assert "http" in errors_of(registration_url="ftp://example.org/inscription")["registration_url"]
    assert "http" in errors_of(registration_url="javascript:alert(1)")["registration_url"]
    assert errors_of(registration_url="https://example.org/inscription") == {}


def test_a_recurrence_needs_an_end():
    message = errors_of(recurrence="weekly")["recurrence_until"]
    assert "fin" in message
    assert errors_of(recurrence="weekly", recurrence_count=4) == {}
    assert errors_of(recurrence="weekly", recurrence_until=dt.date(2027, 1, 31)) == {}


def test_postcode_must_match_the_departement():
    assert "département" in errors_of(postcode="58000", departement="21")["postcode"]
