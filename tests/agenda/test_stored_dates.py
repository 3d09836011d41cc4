"""The lists page and count the stored dates of the events (``EventOccurrence``): they
must follow every change of an event's dates, and only the published ones."""

import datetime as dt
import importlib

import pytest
from django.apps import apps

from agenda.calendar import expand
from agenda.models import EventOccurrence, EventPage

from .conftest import at, soup

pytestmark = pytest.mark.django_db


def stored(event):
    return list(EventOccurrence.objects.filter(event=event).order_by("start").values_list("start", "end"))


def computed(event):
    return [(o.start, o.end) for o in expand(EventPage.objects.get(pk=event.pk))]


def day_of(client, title):
    """The day heading under which the agenda list shows ``title``."""
    for section in soup(client.get("/agenda/")).select(".agenda-day"):
        if title in section.get_text():
            return section.select_one("time")["datetime"]
    return None


def test_every_session_of_a_published_event_is_stored(make_event, today):
    event = make_event("Atelier du mardi", day=today + dt.timedelta(days=2), recurrence="weekly", recurrence_count=5)
    assert len(stored(event)) == 5
    assert stored(event) == computed(event)


def test_publishing_new_dates_moves_the_event_in_the_list(client, make_event, today):
    event = make_event("Forum déplacé", day=today + dt.timedelta(days=3))
    assert day_of(client, "Forum déplacé") == (today + dt.timedelta(days=3)).isoformat()
    event.start = at(today + dt.timedelta(days=10), 9)
    event.end = event.start + dt.timedelta(hours=3)
    event.save_revision().publish()
    assert stored(event) == computed(event) == [(event.start, event.end)]
    assert day_of(client, "Forum déplacé") == (today + dt.timedelta(days=10)).isoformat()


def test_a_draft_with_new_dates_leaves_the_published_dates(client, make_event, today):
    event = make_event("Forum en révision", day=today + dt.timedelta(days=4))
    before = stored(event)
    event.start = at(today + dt.timedelta(days=20))
    event.end = event.start + dt.timedelta(hours=1)
    event.save_revision()
    assert stored(event) == before
    assert day_of(client, "Forum en révision") == (today + dt.timedelta(days=4)).isoformat()


def test_a_recurring_event_made_single_keeps_one_date(make_event, today):
    event = make_event("Permanence", day=today + dt.timedelta(days=1), recurrence="daily", recurrence_count=4)
    assert len(stored(event)) == 4
    event.recurrence = ""
    event.recurrence_count = None
    event.save_revision().publish()
    assert len(stored(event)) == 1


def test_deleting_an_event_deletes_its_dates(client, make_event, today):
    event = make_event("Rencontre supprimée", day=today + dt.timedelta(days=2), recurrence="weekly", recurrence_count=3)
    pk = event.pk
    event.delete()
    assert not EventOccurrence.objects.filter(event_id=pk).exists()
    assert day_of(client, "Rencontre supprimée") is None


def test_unpublished_events_leave_the_list(client, make_event, today):
    event = make_event("Rencontre retirée", day=today + dt.timedelta(days=2))
    assert day_of(client, "Rencontre retirée")
    event.unpublish()
    assert day_of(client, "Rencontre retirée") is None


def test_the_migration_stores_the_dates_of_the_events_that_exist(make_event, today):
    event = make_event("Événement d’avant", day=today + dt.timedelta(days=5), recurrence="weekly", recurrence_count=2)
    EventOccurrence.objects.all().delete()
    migration = importlib.import_module("agenda.migrations.0003_event_occurrences")
    migration.store_every_event(apps, None)
    assert stored(event) == computed(event)
