"""The agenda's filters: what the URL asks for (``?category=…&departement=…``), the
matching events, and the choices the form offers.

Filters combine (AND). A value that is not in a vocabulary, a date that is not a date,
is ignored (and said so on the page for dates), so a hand-edited or outdated URL never
gives an error.
"""

import datetime as dt
import uuid
from functools import cached_property

from django.conf import settings
from django.db import connection
from django.db.models import Exists, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Collate
from django.utils.translation import gettext_lazy as _

from home.choices import Departement
from home.i18n import language_code_of
from home.queries import public
from pagecache import memo
from partners.models import Partner, sort_key
from search.registry import codes_of

from .calendar import Occurrence, in_range_q, to_local
from .choices import MODE_IN_PERSON, MODE_ONLINE, PRICE_FREE, PRICE_PAID, AttendanceMode, EventStatus
from .models import EventCancelledDate, EventCategory, EventOccurrence, EventPage, EventPageTag

FILTER_NAMES = ("category", "departement", "commune", "organiser", "price", "mode", "tag", "from", "to")
PRICE_CHOICES = [(PRICE_FREE, _("Gratuit")), (PRICE_PAID, _("Payant"))]
MODE_CHOICES = [(MODE_IN_PERSON, _("Sur place")), (MODE_ONLINE, _("En ligne"))]
MAX_TEXT = 120
# The dates of an event's cancelled sessions, joined by commas (read by ``cancelled_map``).
CANCELLED_DATES = codes_of(EventCancelledDate.objects.all(), "event", "date")
# The translation keys of an event's categories, joined by commas (no prefetch query).
CATEGORY_KEYS = codes_of(EventPage.categories.through.objects.all(), "eventpage", "eventcategory__translation_key")
# The same, for the event of a stored date.
OCCURRENCE_CATEGORY_KEYS = codes_of(
    EventPage.categories.through.objects.all(), "eventpage", "eventcategory__translation_key", outer="event_id"
)


def unique_events(occurrences):
    """The events of ``occurrences``, each once, in order of first appearance."""
    return list({occurrence.event.pk: occurrence.event for occurrence in occurrences}.values())


def cancelled_map(text):
    """{date: ""} of the cancelled sessions, from ``codes_of``'s comma-joined dates."""
    return {dt.date.fromisoformat(value[:10]): "" for value in (text or "").split(",") if value}


def parse_day(value):
    """A ``YYYY-MM-DD`` date, or None (with ``False`` when the value was not a date)."""
    value = (value or "").strip()[:10]
    if not value:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return False
    if not 1900 <= day.year <= 2200:
        return False
    return day


class SubqueryCount(Subquery):
    """The number of rows of a queryset, as a scalar subquery."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS counted)"
    output_field = IntegerField()


def binary(expression):
    """``expression`` compared code point by code point, as Python sorts strings (the
    order of titles of events at the same time must be the same in SQL and in Python)."""
    if connection.vendor == "postgresql":
        return Collate(expression, "C")
    return expression  # SQLite compares text byte by byte (BINARY) by default


class AgendaQuery:
    """The agenda as the URL asks for it, for one ``EventIndexPage`` (or series)."""

    def __init__(self, page, request, *, events=None, params=None):
        """``params``: the filters, ``request.GET`` by default (``{}`` for the blocks of
        other pages, which the query string of those pages must not filter)."""
        self.page = page
        self.request = request
        params = request.GET if params is None else params
        self._events = events
        self.requested_category = _text(params.get("category"), 60)
        self.departement = params.get("departement") if params.get("departement") in Departement.values else ""
        self.commune = _text(params.get("commune"), MAX_TEXT)
        self.requested_organiser = _text(params.get("organiser"), 100)
        self.price = params.get("price") if params.get("price") in (PRICE_FREE, PRICE_PAID) else ""
        self.mode = params.get("mode") if params.get("mode") in (MODE_ONLINE, MODE_IN_PERSON) else ""
        self.requested_tag = _text(params.get("tag"), 100)
        self.date_errors = []
        self.date_from = self._day(params, "from", _("La date de début"))
        self.date_to = self._day(params, "to", _("La date de fin"))
        if self.date_from and self.date_to and self.date_to < self.date_from:
            self.date_errors.append(_("La date de fin est avant la date de début : elle est ignorée."))
            self.date_to = None

    def _day(self, params, name, label):
        day = parse_day(params.get(name))
        if day is False:
            self.date_errors.append(_("%(label)s n’est pas une date valide : elle est ignorée.") % {"label": label})
            return None
        return day

    # --- Choices ----------------------------------------------------------------------

    @cached_property
    def categories(self):
        """The categories in the page's language (French ones while not translated): one
        query, once per content generation (the same for every visitor)."""
        return memo.per_generation(self.request, f"agenda-categories:{self.page.locale_id}", self._read_categories)

    def _read_categories(self):
        languages = {settings.LANGUAGE_CODE, language_code_of(self.page.locale_id)}
        rows = EventCategory.objects.filter(locale__language_code__in=languages)
        by_key = {}
        for category in rows:
            if category.translation_key not in by_key or category.locale_id == self.page.locale_id:
                by_key[category.translation_key] = category
        return sorted(by_key.values(), key=lambda c: (c.sort_order, c.name))

    @cached_property
    def category(self):
        return next((c for c in self.categories if c.slug == self.requested_category), None)

    @cached_property
    def _organisers_and_tags(self):
        """Partners organising, and tags of, the agenda's live events: one query (a UNION),
        once per content generation for the agenda's (or series') own list (the same for
        every visitor: ``events_base`` leaves out the private sections for everyone)."""
        if self._events is not None:
            return self._read_organisers_and_tags()
        return memo.per_generation(self.request, f"agenda-vocabulary:{self.page.pk}", self._read_organisers_and_tags)

    def _read_organisers_and_tags(self):
        events = self.events_base.order_by().values("pk")
        organisers = (
            Partner.objects.filter(pk__in=self.events_base.order_by().exclude(organiser=None).values("organiser_id"))
            .order_by()
            .values_list(Value("o"), "slug", "name")
        )
        tags = (
            EventPageTag.objects.filter(content_object_id__in=events)
            .order_by()
            .values_list(Value("t"), "tag__slug", "tag__name")
        )
        rows = {"o": set(), "t": set()}
        for kind, slug, name in organisers.union(tags):
            rows[kind].add((slug, name))
        return {kind: sorted(values, key=lambda row: sort_key(row[1])) for kind, values in rows.items()}

    @property
    def organisers(self):
        """(slug, name) of the partners that organise a live event of this agenda."""
        return self._organisers_and_tags["o"]

    @cached_property
    def organiser(self):
        return next((o for o in self.organisers if o[0] == self.requested_organiser), None)

    @property
    def tags(self):
        """(slug, name) of the tags of the agenda's live events."""
        return self._organisers_and_tags["t"]

    @cached_property
    def tag(self):
        return next((t for t in self.tags if t[0] == self.requested_tag), None)

    # --- Events -----------------------------------------------------------------------

    @cached_property
    def events_base(self):
        events = self._events if self._events is not None else self.page.events()
        return public(events, self.request)

    def conditions(self):
        q = Q()
        if self.requested_category and self.category:
            q &= Q(categories__slug=self.category.slug)
        if self.departement:
            q &= Q(departement=self.departement)
        if self.commune:
            q &= Q(commune__iexact=self.commune)
        if self.requested_organiser and self.organiser:
            q &= Q(organiser__slug=self.organiser[0])
        if self.price == PRICE_FREE:
            q &= Q(is_free=True)
        elif self.price == PRICE_PAID:
            q &= Q(is_free=False)
        if self.mode == MODE_ONLINE:
            q &= Q(attendance_mode__in=[AttendanceMode.ONLINE, AttendanceMode.MIXED])
        elif self.mode == MODE_IN_PERSON:
            q &= Q(attendance_mode__in=[AttendanceMode.IN_PERSON, AttendanceMode.MIXED])
        if self.requested_tag and self.tag:
            q &= Q(tagged_items__tag__slug=self.tag[0])
        return q

    def bounds(self, first_day, last_day):
        """The days between which to look, narrowed by the ``from`` and ``to`` filters."""
        if self.date_from and (first_day is None or self.date_from > first_day):
            first_day = self.date_from
        if self.date_to and (last_day is None or self.date_to < last_day):
            last_day = self.date_to
        return first_day, last_day

    def _matching_ids(self, first_day, last_day):
        return self.events_base.filter(self.conditions()).filter(in_range_q(first_day, last_day)).values("pk")

    def events(self, first_day=None, last_day=None, *, with_categories=True):
        """The filtered live events that may occur between the two days, with what their
        occurrences and cards need (one query). For views that show every one of them
        (the month, the feeds); paginated lists and blocks use ``window``."""
        first_day, last_day = self.bounds(first_day, last_day)
        return self._load(Q(pk__in=self._matching_ids(first_day, last_day)), with_categories), first_day, last_day

    def soonest(self, first_day, limit, *, with_categories=True):
        """``(occurrences, events)``: the first ``limit`` occurrences from ``first_day``
        that are not cancelled, and their events (the home page's block): ``window``."""
        found, _number = self.window(
            first_day,
            None,
            count=limit,
            skip_cancelled=True,
            total=False,
            with_categories=with_categories,
            with_organisers=False,  # the blocks do not name them
        )
        return found, unique_events(found)

    def window(
        self,
        first_day=None,
        last_day=None,
        *,
        count,
        offset=0,
        reverse=False,
        ended=False,
        skip_cancelled=False,
        total=True,
        with_categories=True,
        with_organisers=True,
    ):
        """``(occurrences, total)``: ``count`` occurrences of the filtered events between
        the two days, in calendar order (latest first with ``reverse``) from the
        ``offset``-th, with their events as the cards need them, and how many there are in
        all: one page of a list, without expanding every event.

        One query on the stored dates (``EventOccurrence``), whatever the number of
        events: the dates sorted and cut in SQL, with their events and organisers, each
        row with the number of them all (a scalar subquery, computed once) and the
        event's categories; a second query counts only when the window is empty (a page
        past the last one).

        ``ended``: only occurrences over by ``last_day`` (the archive). ``skip_cancelled``:
        without cancelled events and sessions (the home page's next events). ``total``:
        ``False`` when the number is not wanted (a block, a feed). ``with_organisers``:
        ``False`` when the events' organisers are not shown (not read then)."""
        first_day, last_day = self.bounds(first_day, last_day)
        matching = self.events_base.filter(self.conditions())
        if skip_cancelled:
            matching = matching.exclude(status=EventStatus.CANCELLED)
        rows = EventOccurrence.objects.filter(event_id__in=matching.order_by().values("pk"))
        if first_day:
            rows = rows.filter(last_day__gte=first_day)
        if last_day:
            rows = rows.filter(first_day__lte=last_day)
        if ended:
            rows = rows.filter(last_day__lte=last_day)
        # A cancelled date cancels the session of a repeating event that begins that day.
        cancelled = EventCancelledDate.objects.filter(event_id=OuterRef("event_id"), date=OuterRef("first_day"))
        if skip_cancelled:
            rows = rows.exclude(Q(Exists(cancelled)) & ~Q(event__recurrence=""))
        order = [F("start"), binary(F("event__title")), F("event_id")]
        order = [field.desc() if reverse else field.asc() for field in order]
        # The page of dates is chosen first (sorted and cut on the stored dates alone); only
        # its rows read their events and the subqueries below, not every date of the list.
        shown = EventOccurrence.objects.filter(pk__in=rows.order_by(*order).values("pk")[offset : offset + count])
        count_name = self._count_name(first_day, last_day, ended, skip_cancelled) if total else None
        known = memo.lookup(self.request, count_name) if count_name else memo.MISSING
        if total and known is memo.MISSING:
            shown = shown.annotate(number=SubqueryCount(rows.order_by().values("pk")))
        if with_categories:
            shown = shown.annotate(category_keys=OCCURRENCE_CATEGORY_KEYS)
        shown = (
            shown.select_related("event", *(["event__organiser"] if with_organisers else []))
            .annotate(cancel_reason=Subquery(cancelled.values("reason")[:1]))
            .order_by(*order)
        )
        found = []
        number = 0
        events = {}  # one instance per event, shared by its sessions
        for row in shown:
            number = getattr(row, "number", known)
            event = events.setdefault(row.event_id, row.event)
            event.category_keys = getattr(row, "category_keys", "")
            is_session = bool(event.recurrence)
            found.append(
                Occurrence(
                    event=event,
                    start=to_local(row.start),
                    end=to_local(row.end) if row.end else None,
                    cancelled_date=is_session and row.cancel_reason is not None,
                    cancel_reason=(row.cancel_reason or "") if is_session else "",
                )
            )
        for event in events.values():
            event.display_categories = []
        if with_categories:
            self._attach_categories(events.values())
        if total and known is not memo.MISSING:
            number = known
        elif total and not found:
            number = rows.count()  # a page past the last one: the count is not in the rows
        if count_name and known is memo.MISSING:
            memo.store(self.request, count_name, number)
        return found, number if total else 0

    def _count_name(self, first_day, last_day, ended, skip_cancelled):
        """The memo name of a list's number of dates (``pagecache.memo``: kept for the
        content generation, the same for every visitor), when its filters are from the
        vocabularies; ``None`` with a commune or dates typed in, or for a list of events
        given by the caller (not kept)."""
        params = self.params()
        if self._events is not None or params.keys() & {"commune", "from", "to"}:
            return None
        filters = "&".join(f"{name}={value}" for name, value in sorted(params.items()))
        return f"agenda-count:{self.page.pk}:{first_day}:{last_day}:{ended:d}{skip_cancelled:d}:{filters}"

    def _load(self, condition, with_categories):
        """The events matching ``condition``, in one query, with their organiser, their
        cancelled dates (``cancelled_map``) and, when asked, their categories in the
        page's language (``display_categories``), in calendar order."""
        events = (
            EventPage.objects.filter(condition)
            .select_related("organiser")
            .annotate(cancelled_dates_text=CANCELLED_DATES)
            .order_by("start", "pk")
        )
        if with_categories:
            events = events.annotate(category_keys=CATEGORY_KEYS)
        events = list(events)
        for event in events:
            event.cancelled_map = cancelled_map(event.cancelled_dates_text)
            event.display_categories = []
        if with_categories:
            self._attach_categories(events)
        return events

    def _attach_categories(self, events):
        # The keys come back as text: 32 hex digits on SQLite, with dashes on PostgreSQL.
        by_key = {category.translation_key: category for category in self.categories}
        for event in events:
            keys = {uuid.UUID(key) for key in (event.category_keys or "").split(",") if key}
            event.display_categories = [category for key, category in by_key.items() if key in keys]

    # --- The URL ----------------------------------------------------------------------

    @property
    def is_filtered(self):
        return bool(self.params())

    def params(self):
        """The active filters as they go in a URL (unknown values left out)."""
        values = {
            "category": self.requested_category if self.requested_category and self.category else "",
            "departement": self.departement,
            "commune": self.commune,
            "organiser": self.requested_organiser if self.requested_organiser and self.organiser else "",
            "price": self.price,
            "mode": self.mode,
            "tag": self.requested_tag if self.requested_tag and self.tag else "",
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "",
        }
        return {name: value for name, value in values.items() if value}

    def active_filters(self):
        """(name, label) of each active filter, for the "remove this filter" links."""
        labels = []
        params = self.params()
        if "category" in params:
            labels.append(("category", self.category.name))
        if "departement" in params:
            labels.append(("departement", Departement(self.departement).label))
        if "commune" in params:
            labels.append(("commune", self.commune))
        if "organiser" in params:
            labels.append(("organiser", self.organiser[1]))
        if "price" in params:
            labels.append(("price", dict(PRICE_CHOICES)[self.price]))
        if "mode" in params:
            labels.append(("mode", dict(MODE_CHOICES)[self.mode]))
        if "tag" in params:
            labels.append(("tag", self.tag[1]))
        if "from" in params:
            labels.append(("from", _("à partir du %(day)s") % {"day": _format_day(self.date_from)}))
        if "to" in params:
            labels.append(("to", _("jusqu’au %(day)s") % {"day": _format_day(self.date_to)}))
        return labels

    # --- The form's options: (value, label, selected), ready for the template ----------

    def category_options(self):
        selected = self.category.slug if self.requested_category and self.category else None
        return [(c.slug, c.name, c.slug == selected) for c in self.categories]

    def departement_options(self):
        return [(value, label, value == self.departement) for value, label in Departement.choices]

    def organiser_options(self):
        selected = self.organiser[0] if self.organiser else None
        return [(slug, name, slug == selected) for slug, name in self.organisers]

    def price_options(self):
        return [(value, label, value == self.price) for value, label in PRICE_CHOICES]

    def mode_options(self):
        return [(value, label, value == self.mode) for value, label in MODE_CHOICES]

    def tag_options(self):
        selected = self.tag[0] if self.tag else None
        return [(slug, name, slug == selected) for slug, name in self.tags]


def _text(value, limit):
    return " ".join((value or "").split())[:limit]


def _format_day(day):
    from django.utils.formats import date_format

    return date_format(day, "DATE_FORMAT")
