"""Occurrences of events, recurrence included, computed in Python (``agenda.calendar``):
across daylight-saving changes, the n-th weekday of the month, cancelled sessions."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agenda.calendar import PARIS, expand, group_by_day
from agenda.models import EventCancelledDate, EventPage

pytestmark = pytest.mark.django_db


def event(**fields):
    fields.setdefault("title", "Atelier")
    fields.setdefault("translation_key", "00000000-0000-0000-0000-000000000001")
    page = EventPage(**fields)
    return page


def test_single_event_has_one_occurrence():
    start = dt.datetime(2026, 11, 17, 18, 30, tzinfo=PARIS)
    occurrences = expand(event(start=start, end=start + dt.timedelta(hours=2)))
    assert len(occurrences) == 1
    assert occurrences[0].start == start
    assert occurrences[0].end - occurrences[0].start == dt.timedelta(hours=2)


def test_weekly_recurrence_keeps_the_wall_clock_time_across_the_dst_change():
    # 25 October 2026: Paris goes back from UTC+2 to UTC+1.
    start = dt.datetime(2026, 10, 20, 14, 0, tzinfo=PARIS)
    occurrences = expand(event(start=start, end=start + dt.timedelta(hours=3), recurrence="weekly", recurrence_count=3))
    assert [o.start.strftime("%Y-%m-%d %H:%M") for o in occurrences] == [
        "2026-10-20 14:00",
        "2026-10-27 14:00",
        "2026-11-03 14:00",
    ]
    assert [o.start.utcoffset() for o in occurrences] == [dt.timedelta(hours=2), dt.timedelta(hours=1)] + [
        dt.timedelta(hours=1)
    ]
    assert all(o.end.hour == 17 for o in occurrences)
    # And forward in spring (29 March 2026).
    spring = dt.datetime(2026, 3, 24, 9, 0, tzinfo=PARIS)
    occurrences = expand(event(start=spring, recurrence="weekly", recurrence_count=2))
    assert [o.start.hour for o in occurrences] == [9, 9]
    assert [o.start.utcoffset() for o in occurrences] == [dt.timedelta(hours=1), dt.timedelta(hours=2)]


def test_every_second_tuesday_of_the_month_until_a_date():
    start = dt.datetime(2026, 11, 10, 14, 0, tzinfo=PARIS)  # the 2nd Tuesday of November 2026
    occurrences = expand(event(start=start, recurrence="monthly_weekday", recurrence_until=dt.date(2027, 3, 31)))
    assert [o.day for o in occurrences] == [
        dt.date(2026, 11, 10),
        dt.date(2026, 12, 8),
        dt.date(2027, 1, 12),
        dt.date(2027, 2, 9),
        dt.date(2027, 3, 9),
    ]
    assert all(o.day.weekday() == 1 for o in occurrences)
    page = event(start=start, recurrence="monthly_weekday", recurrence_until=dt.date(2027, 3, 31))
    assert page.recurrence_text == "Le 2e mardi de chaque mois"


def test_every_other_week_and_a_window():
    start = dt.datetime(2026, 1, 6, 10, 0, tzinfo=PARIS)
    page = event(start=start, recurrence="weekly", recurrence_interval=2, recurrence_count=10)
    window = expand(page, dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert [o.day for o in window] == [dt.date(2026, 2, 3), dt.date(2026, 2, 17)]


def test_a_cancelled_session_is_marked_and_kept():
    start = dt.datetime(2026, 11, 10, 14, 0, tzinfo=PARIS)
    page = event(start=start, recurrence="weekly", recurrence_count=3)
    page.cancelled_dates = [EventCancelledDate(date=dt.date(2026, 11, 17), reason="Salle indisponible")]
    occurrences = expand(page)
    assert [o.is_cancelled for o in occurrences] == [False, True, False]
    assert occurrences[1].cancel_reason == "Salle indisponible"
    # Each occurrence has its own stable UID.
    assert len({o.uid for o in occurrences}) == 3
    assert occurrences[1].uid == "event-00000000-0000-0000-0000-000000000001-20261117@predess-bourgogne.fr"


def test_multi_day_event_and_grouping_by_day():
    start = dt.datetime(2026, 11, 25, 0, 0, tzinfo=PARIS)
    page = event(start=start, end=dt.datetime(2026, 11, 30, 23, 59, tzinfo=PARIS), all_day=True)
    occurrences = expand(page, dt.date(2026, 11, 28), None)
    assert len(occurrences) == 1 and occurrences[0].is_multi_day
    # Shown on the first day of the window while it goes on.
    assert group_by_day(occurrences, dt.date(2026, 11, 28))[0][0] == dt.date(2026, 11, 28)
    assert expand(page, dt.date(2026, 12, 1), None) == []


@pytest.mark.filterwarnings("ignore:Using both .count. and .until.:DeprecationWarning")
@settings(max_examples=300, deadline=None)
@given(
    recurrence=st.sampled_from(["daily", "weekly"]),
    interval=st.integers(1, 12),
    count=st.one_of(st.none(), st.integers(1, 60)),
    until_days=st.one_of(st.none(), st.integers(0, 500)),
    start_hour=st.integers(0, 23),
    duration_hours=st.one_of(st.none(), st.integers(1, 80)),
    window=st.tuples(st.one_of(st.none(), st.integers(-30, 400)), st.one_of(st.none(), st.integers(0, 60))),
)
def test_daily_and_weekly_repetitions_are_computed_as_the_rrule_would(
    recurrence, interval, count, until_days, start_hour, duration_hours, window
):
    """Daily and weekly repetitions are computed by arithmetic (fast); they must give the
    dates dateutil's rrule gives, in any window, across daylight-saving changes."""
    from agenda.calendar import _bounded, _rule, _stepped, to_local

    start = dt.datetime(2026, 10, 1, start_hour, 0, tzinfo=PARIS)
    page = event(
        start=start,
        end=start + dt.timedelta(hours=duration_hours) if duration_hours else None,
        recurrence=recurrence,
        recurrence_interval=interval,
        recurrence_count=count,
        recurrence_until=start.date() + dt.timedelta(days=until_days) if until_days is not None else None,
    )
    offset, length = window
    first_day = start.date() + dt.timedelta(days=offset) if offset is not None else None
    last_day = (first_day or start.date()) + dt.timedelta(days=length) if length is not None else None
    local_start = to_local(page.start).replace(tzinfo=None)
    duration = dt.timedelta(hours=duration_hours) if duration_hours else None
    expected = _bounded(_rule(page, local_start), first_day, last_day, duration)
    assert _stepped(page, local_start, first_day, last_day, duration) == expected
