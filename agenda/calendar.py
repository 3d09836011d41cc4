"""The one calendar helper of the agenda: occurrences of events (recurrence included),
iCalendar (RFC 5545) and schema.org JSON-LD. Used by the index, the series, the event
page, the feeds and the home page.

Times are those of Paris. A recurring event repeats at the same wall-clock time, across
daylight-saving changes: occurrences are computed on naive local times, then given the
Europe/Paris zone.
"""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from dateutil import rrule
from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar
from icalendar import Event as ICalEvent

from .choices import AttendanceMode, EventStatus, Recurrence

PARIS = ZoneInfo("Europe/Paris")
UID_DOMAIN = "predess-bourgogne.fr"
MAX_OCCURRENCES = 400  # a safety net for one event's expansion
# The sessions of one event kept in ``EventOccurrence``: ten years of a daily event.
MAX_STORED_SESSIONS = 3660


@dataclass
class Occurrence:
    """One date of an event: the event itself, or one session of a recurring event."""

    event: object
    start: dt.datetime  # aware, Europe/Paris
    end: dt.datetime | None
    cancelled_date: bool = False
    cancel_reason: str = ""

    @property
    def all_day(self):
        return self.event.all_day

    @property
    def day(self):
        return self.start.date()

    @property
    def last_day(self):
        return self.end.date() if self.end else self.day

    @property
    def is_multi_day(self):
        return self.last_day > self.day

    @property
    def is_cancelled(self):
        return self.cancelled_date or self.event.status == EventStatus.CANCELLED

    @property
    def is_postponed(self):
        return not self.cancelled_date and self.event.status == EventStatus.POSTPONED

    @property
    def is_recurring(self):
        return bool(self.event.recurrence)

    @property
    def uid(self):
        """Stable across requests (and the same in every language): the event's
        translation key and the occurrence's date."""
        return f"event-{self.event.translation_key}-{self.day:%Y%m%d}@{UID_DOMAIN}"

    def sort_key(self):
        return (self.start, self.event.title, self.event.pk)


def to_local(value):
    return timezone.localtime(value, PARIS)


def _rule(event, local_start):
    """The dateutil rrule of a recurring event, on naive local times."""
    frequency = event.recurrence
    kwargs = {"dtstart": local_start, "interval": max(1, event.recurrence_interval or 1)}
    if event.recurrence_count:
        kwargs["count"] = event.recurrence_count
    if event.recurrence_until:
        kwargs["until"] = dt.datetime.combine(event.recurrence_until, dt.time(23, 59, 59))
    if not (event.recurrence_count or event.recurrence_until):
        kwargs["count"] = 1  # a recurrence without an end is refused by validation
    if frequency == Recurrence.DAILY:
        return rrule.rrule(rrule.DAILY, **kwargs)
    if frequency == Recurrence.WEEKLY:
        return rrule.rrule(rrule.WEEKLY, **kwargs)
    if frequency == Recurrence.MONTHLY_DAY:
        return rrule.rrule(rrule.MONTHLY, bymonthday=local_start.day, **kwargs)
    if frequency == Recurrence.MONTHLY_WEEKDAY:
        nth = (local_start.day - 1) // 7 + 1
        if nth == 5:
            nth = -1  # "the last Friday"
        weekday = rrule.weekday(local_start.weekday())(nth)
        return rrule.rrule(rrule.MONTHLY, byweekday=weekday, **kwargs)
    return None


def _sessions(event, first_day, last_day, *, limit=MAX_OCCURRENCES, with_cancelled=True):
    """``(naive start, naive end, cancelled)`` of each session of ``event`` that touches
    the days ``first_day``…``last_day`` (inclusive; ``None``: unbounded), in order, on
    naive Paris times; ``cancelled`` is the session's entry in the event's cancelled dates
    (a reason, possibly empty) or ``None``."""
    local_start = to_local(event.start).replace(tzinfo=None)
    local_end = to_local(event.end).replace(tzinfo=None) if event.end else None
    duration = (local_end - local_start) if local_end else None
    if not event.recurrence:
        starts = [local_start]
    elif event.recurrence in FIXED_STEPS:
        starts = _stepped(event, local_start, first_day, last_day, duration, limit)
    else:
        starts = _bounded(_rule(event, local_start), first_day, last_day, duration, limit)
    cancelled = {}
    if event.recurrence and with_cancelled:
        cancelled = getattr(event, "cancelled_map", None)
        if cancelled is None:
            cancelled = {row.date: row.reason for row in event.cancelled_dates.all()}
    for naive_start in starts:
        naive_end = naive_start + duration if duration is not None else None
        begins, ends = naive_start.date(), (naive_end or naive_start).date()
        if first_day and ends < first_day:
            continue
        if last_day and begins > last_day:
            continue
        yield naive_start, naive_end, cancelled.get(begins)


def _occurrence(event, naive_start, naive_end, cancelled):
    return Occurrence(
        event=event,
        start=naive_start.replace(tzinfo=PARIS),
        end=naive_end.replace(tzinfo=PARIS) if naive_end else None,
        cancelled_date=cancelled is not None,
        cancel_reason=cancelled or "",
    )


def expand(event, first_day=None, last_day=None):
    """The occurrences of ``event`` that touch the days ``first_day``…``last_day``
    (inclusive; ``None``: unbounded), in order."""
    return [_occurrence(event, *session) for session in _sessions(event, first_day, last_day)]


def session_times(event):
    """``(start, end)`` (aware, Paris) of every session of ``event``, from its first one
    (at most ``MAX_STORED_SESSIONS``): what ``EventOccurrence`` keeps."""
    return [
        (start.replace(tzinfo=PARIS), end.replace(tzinfo=PARIS) if end else None)
        for start, end, _cancelled in _sessions(event, None, None, limit=MAX_STORED_SESSIONS, with_cancelled=False)
    ]


FIXED_STEPS = {Recurrence.DAILY: 1, Recurrence.WEEKLY: 7}


def _stepped(event, local_start, first_day, last_day, duration, limit=MAX_OCCURRENCES):
    """``_bounded`` for a daily or weekly repetition, by arithmetic on naive local times
    (what the rrule would give, without iterating it from the first date)."""
    step = dt.timedelta(days=FIXED_STEPS[event.recurrence] * max(1, event.recurrence_interval or 1))
    until = dt.datetime.combine(event.recurrence_until, dt.time(23, 59, 59)) if event.recurrence_until else None
    count = event.recurrence_count or (None if until else 1)
    after = dt.datetime.combine(first_day, dt.time.min) - (duration or dt.timedelta(0)) if first_day else None
    before = dt.datetime.combine(last_day, dt.time.max) if last_day else None
    index = max(0, -((local_start - after) // step)) if after and after > local_start else 0
    starts = []
    while len(starts) < limit and (count is None or index < count):
        start = local_start + index * step
        if (until and start > until) or (before and start > before):
            break
        starts.append(start)
        index += 1
    return starts


def _bounded(rule, first_day, last_day, duration, limit=MAX_OCCURRENCES):
    """Starts of ``rule`` whose occurrence may touch the days (``expand`` checks exactly)."""
    after = dt.datetime.combine(first_day, dt.time.min) - (duration or dt.timedelta(0)) if first_day else None
    before = dt.datetime.combine(last_day, dt.time.max) if last_day else None
    starts = []
    for start in rule.xafter(after, inc=True) if after else rule:
        if before and start > before:
            break
        starts.append(start)
        if len(starts) >= limit:
            break
    return starts


def in_range_q(first_day=None, last_day=None):
    """SQL condition: events that may have an occurrence between the two days."""
    q = Q()
    if last_day:
        q &= Q(start__lt=dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time.min, tzinfo=PARIS))
    if first_day:
        since = dt.datetime.combine(first_day, dt.time.min, tzinfo=PARIS)
        single = Q(recurrence="") & (Q(end__gte=since) | Q(end__isnull=True, start__gte=since))
        recurring = ~Q(recurrence="") & (Q(recurrence_until__isnull=True) | Q(recurrence_until__gte=first_day))
        q &= single | recurring
    return q


def occurrences_of(events, first_day=None, last_day=None, *, reverse=False):
    """Every occurrence of ``events`` between the two days, sorted by start."""
    found = []
    for event in events:
        found.extend(expand(event, first_day, last_day))
    found.sort(key=Occurrence.sort_key, reverse=reverse)
    return found


def group_by_day(occurrences, first_day=None):
    """[(day, [occurrences…]), …]; an event that began before ``first_day`` and goes on
    is shown on ``first_day``."""
    groups = {}
    for occurrence in occurrences:
        day = occurrence.day
        if first_day and day < first_day:
            day = first_day
        groups.setdefault(day, []).append(occurrence)
    return sorted(groups.items())


# --- iCalendar ------------------------------------------------------------------------


def _plain(html):
    return " ".join(strip_tags(html or "").split())


def ical_event(occurrence, url):
    event = occurrence.event
    vevent = ICalEvent()
    vevent.add("uid", occurrence.uid)
    vevent.add("dtstamp", to_local(event.last_published_at or timezone.now()).astimezone(dt.UTC))
    vevent.add("summary", event.title)
    if occurrence.all_day:
        vevent.add("dtstart", occurrence.day)
        vevent.add("dtend", occurrence.last_day + dt.timedelta(days=1))
    else:
        vevent.add("dtstart", occurrence.start)
        vevent.add("dtend", occurrence.end or occurrence.start + dt.timedelta(hours=1))
    description = event.summary or _plain(event.description)
    if occurrence.cancel_reason:
        description = f"{occurrence.cancel_reason}\n\n{description}".strip()
    if description:
        vevent.add("description", description)
    location = event.location_text
    if event.is_online and event.online_url:
        location = f"{location} – {event.online_url}" if event.address_lines else event.online_url
    if location:
        vevent.add("location", location)
    vevent.add("url", url)
    vevent.add("status", "CANCELLED" if occurrence.is_cancelled else "CONFIRMED")
    categories = [category.name for category in getattr(event, "display_categories", [])]
    if categories:
        vevent.add("categories", categories)
    return vevent


def ical_calendar(occurrences, *, name, url_of):
    """An RFC 5545 calendar of ``occurrences``; ``url_of(event)`` gives each page's URL."""
    calendar = Calendar()
    calendar.add("prodid", "-//PREDESS Bourgogne//Agenda//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    for occurrence in occurrences:
        calendar.add_component(ical_event(occurrence, url_of(occurrence.event)))
    calendar.add_missing_timezones()
    return calendar.to_ical()


# --- schema.org -----------------------------------------------------------------------

ATTENDANCE_MODES = {
    AttendanceMode.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    AttendanceMode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    AttendanceMode.MIXED: "https://schema.org/MixedEventAttendanceMode",
}
EVENT_STATUSES = {
    EventStatus.SCHEDULED: "https://schema.org/EventScheduled",
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
    EventStatus.POSTPONED: "https://schema.org/EventPostponed",
}


def json_ld(event, page_url, *, organiser_url=None, image_url=None, next_occurrence=None):
    """schema.org ``Event`` of an event page (the next occurrence for a recurring one)."""
    occurrence = next_occurrence or expand(event)[0]
    if event.all_day:
        start, end = occurrence.day.isoformat(), occurrence.last_day.isoformat()
    else:
        start = occurrence.start.isoformat()
        end = occurrence.end.isoformat() if occurrence.end else None
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": f"{page_url}#evenement",
        "name": event.title,
        "url": page_url,
        "startDate": start,
        "eventStatus": EVENT_STATUSES.get(event.status, EVENT_STATUSES[EventStatus.SCHEDULED]),
        "eventAttendanceMode": ATTENDANCE_MODES.get(event.attendance_mode, ATTENDANCE_MODES[AttendanceMode.IN_PERSON]),
    }
    if end:
        data["endDate"] = end
    description = event.summary or _plain(event.description)
    if description:
        data["description"] = description
    locations = []
    if event.is_in_person and event.address_lines:
        address = {"@type": "PostalAddress", "addressCountry": "FR"}
        if event.street_address:
            address["streetAddress"] = event.street_address
        if event.postcode:
            address["postalCode"] = event.postcode
        if event.commune:
            address["addressLocality"] = event.commune
        if event.departement:
            address["addressRegion"] = event.get_departement_display()
        locations.append({"@type": "Place", "name": event.venue or event.commune, "address": address})
    if event.is_online and event.online_url:
        locations.append({"@type": "VirtualLocation", "url": event.online_url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if event.organiser_display:
        organizer = {"@type": "Organization", "name": event.organiser_display}
        if organiser_url:
            organizer["url"] = organiser_url
        data["organizer"] = organizer
    offer = {"@type": "Offer", "url": event.registration_url or page_url}
    if event.is_free:
        offer.update({"price": 0, "priceCurrency": "EUR"})
    elif event.price:
        offer["description"] = event.price
    data["offers"] = offer
    data["isAccessibleForFree"] = event.is_free
    if image_url:
        data["image"] = [image_url]
    return data
