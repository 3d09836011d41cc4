"""The lists compute only the occurrences their page shows (``AgendaQuery.window``): the
result must be exactly the beginning of the whole calendar (every occurrence expanded
and sorted), with the same total, forwards (upcoming) and backwards (archive), filtered
or not, with events at the same time whose titles differ only by accents and case."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from agenda.calendar import occurrences_of
from agenda.filters import AgendaQuery
from agenda.sample import create_sample_events

from .conftest import at, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def calendar(agenda, make_event, today):
    create_sample_events(agenda, 150, start=today - dt.timedelta(days=40))
    same_time = at(today + dt.timedelta(days=1), 9)
    for title in ("Éco-forum", "eco-forum", "Zéro déchet", "atelier", "Atelier", "École"):
        make_event(title, start=same_time, end=same_time + dt.timedelta(hours=1))
    past = at(today - dt.timedelta(days=2), 9)
    for title in ("Bilan", "bilan", "Économie"):
        make_event(title, start=past, end=past + dt.timedelta(hours=1))
    return agenda


def agenda_query(agenda, query_string=""):
    request = RequestFactory().get("/agenda/" + query_string)
    request.user = AnonymousUser()
    return AgendaQuery(agenda, request)


def whole_calendar(query, first_day=None, last_day=None, *, reverse=False):
    """Every occurrence, every event expanded and sorted (as the month and the feeds do)."""
    events, first_day, last_day = query.events(first_day=first_day, last_day=last_day)
    return occurrences_of(events, first_day, last_day, reverse=reverse)


def keys(occurrences):
    return [(o.event.pk, o.start) for o in occurrences]


@pytest.mark.parametrize("query_string", ["", "?departement=21", "?price=gratuit&mode=sur-place"])
def test_upcoming_window_is_the_beginning_of_the_whole_list(calendar, today, query_string):
    whole = whole_calendar(agenda_query(calendar, query_string), first_day=today)
    assert len(whole) > 10
    for count in (1, 7, 40, 80, len(whole) + 10):
        found, total = agenda_query(calendar, query_string).window(first_day=today, count=count)
        assert total == len(whole)
        assert keys(found) == keys(whole[:count])


def test_archive_window_is_the_end_of_the_past(calendar, today):
    yesterday = today - dt.timedelta(days=1)
    whole = whole_calendar(agenda_query(calendar), last_day=yesterday, reverse=True)
    whole = [o for o in whole if o.last_day <= yesterday]
    assert len(whole) > 40
    for count in (1, 40, len(whole)):
        found, total = agenda_query(calendar).window(last_day=yesterday, count=count, reverse=True, ended=True)
        assert total == len(whole)
        assert keys(found) == keys(whole[:count])


def test_next_occurrences_skip_cancelled_ones(calendar, today):
    whole = whole_calendar(agenda_query(calendar), first_day=today)
    kept = [o for o in whole if not o.is_cancelled]
    assert len(kept) < len(whole)
    found, _events = agenda_query(calendar).soonest(today, 12)
    assert keys(found) == keys(kept[:12])


def test_pages_of_the_list_follow_each_other_without_gap_or_repeat(client, calendar, today):
    whole = whole_calendar(agenda_query(calendar), first_day=today)
    shown, number = [], 1
    while True:
        response = client.get("/agenda/", {"page": number})
        if response.status_code == 404:
            break
        shown += titles(response)
        number += 1
    assert number == -(-len(whole) // calendar.OCCURRENCES_PER_PAGE) + 1
    assert shown == [o.event.title for o in whole]
