"""The agenda's views: list by day, month grid, archive, series, event page, and the
feeds (iCalendar of any list view with its filters, RSS, JSON).

The list, the archive, the month and RSS read their dates from the stored dates
(``EventOccurrence``) with their events in one query (``AgendaQuery.window``); the series,
the iCalendar and JSON exports read the filtered events in one query and compute their
occurrences in Python (``calendar.occurrences_of``), from the same rules.
"""

import calendar as pycalendar
import datetime as dt
import json
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from home.i18n import fallback_lang, language_code_of
from home.templatetags.predess_tags import home_children
from pagecache import memo
from partners.models import PartnerDirectoryPage

from .calendar import group_by_day, ical_calendar, json_ld, occurrences_of
from .filters import AgendaQuery, unique_events
from .models import EventPage

# The month grid covers two years back and two years ahead (older events are in the
# archive): a bounded set of pages for crawlers following "next month" links.
MONTH_YEARS_AROUND = 2
MAX_PAGE_NUMBER = 10_000  # beyond, a list page is past the last one (404)
MONTH_MAX_DATES = 3_000  # a safety net: a month of the busiest agenda holds a few hundred
# Dates named in a cell of the month grid; the others are counted there and listed under
# the grid (a cell of thirty titles is unreadable, on a phone above all).
MONTH_CELL_DATES = 3


def month_range():
    year = today().year
    return (year - MONTH_YEARS_AROUND, year + MONTH_YEARS_AROUND)


def today():
    return timezone.localdate()


def _page_number(request):
    try:
        return max(1, int(request.GET.get("page", "1")))
    except (TypeError, ValueError):
        return 1


def _directory_url(page, request):
    """The URL of the partner directory in the page's language (for organiser links)."""
    directory = PartnerDirectoryPage.among(home_children(request, page))
    return directory.get_url(request) if directory else None


def organiser_url(event, directory_url):
    if directory_url and event.organiser_id and event.organiser and event.organiser.slug:
        return directory_url + PartnerDirectoryPage.partner_path(event.organiser.slug)
    return None


def event_url(page, base, event, request, *, full=False):
    """``event``'s URL: below ``base`` (the URL of the agenda ``page``) when it is one of
    its events, without a query; else its own (a French event in a translated agenda)."""
    if base and event.url_path.startswith(page.url_path):
        return base + iri_to_uri(event.url_path[len(page.url_path) :])
    return event.get_full_url(request) if full else event.get_url(request)


def attach_urls(page, request, events, directory_url):
    """Each event's URL, its organiser's directory page and, for a French event shown in
    a translated agenda, ``fallback_lang``."""
    base = page.get_url(request)
    for event in events:
        event.agenda_url = event_url(page, base, event, request)
        event.organiser_page_url = organiser_url(event, directory_url)
        event.fallback_lang = fallback_lang(event, page.locale_id)


def _feed_links(page, query, extra=None):
    params = {**query.params(), **(extra or {})}
    suffix = ("?" + urlencode(params)) if params else ""
    return {
        "ical_url": page.url + page.reverse_subpage("ical") + suffix,
        "filter_params": urlencode(query.params()),
    }


def _remove_filter_urls(query, base=""):
    params = query.params()
    return [
        (label, base + "?" + urlencode({k: v for k, v in params.items() if k != name}))
        for name, label in query.active_filters()
    ]


# --- List, archive, month -------------------------------------------------------------


class OccurrenceWindow:
    """For Django's paginator: the occurrences of the requested page of a list (from
    ``AgendaQuery.window``, which starts at ``offset``) and how many there are in all."""

    def __init__(self, occurrences, total, offset):
        self.occurrences = occurrences
        self.total = total
        self.offset = offset

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self.occurrences[index.start - self.offset : index.stop - self.offset]
        return self.occurrences[index - self.offset]


def _window(page, request, query, **kwargs):
    """The occurrences of the requested page of the list."""
    number = min(max(_page_number(request), 1), MAX_PAGE_NUMBER)
    offset = (number - 1) * page.OCCURRENCES_PER_PAGE
    occurrences, total = query.window(count=page.OCCURRENCES_PER_PAGE, offset=offset, **kwargs)
    return OccurrenceWindow(occurrences, total, offset)


def _shown_page(page, request, query, occurrences):
    """The page of ``occurrences`` the URL asks for (404 past the last one), its events
    with their addresses and their organisers' directory pages."""
    try:
        page_obj = Paginator(occurrences, page.OCCURRENCES_PER_PAGE).page(_page_number(request))
    except EmptyPage as exc:
        raise Http404(_("Cette page de résultats n’existe pas.")) from exc
    attach_urls(page, request, unique_events(page_obj.object_list), _directory_url(page, request))
    return page_obj


def list_view(page, request):
    query = AgendaQuery(page, request)
    if request.GET.get("format") == "ics":
        return index_ical_view(page, request)
    first_day, _last_day = query.bounds(today(), None)
    page_obj = _shown_page(page, request, query, _window(page, request, query, first_day=today()))
    return page.render(
        request,
        template="agenda/event_index_page.html",
        context_overrides={
            "agenda": query,
            "view_name": "list",
            "days": group_by_day(page_obj.object_list, first_day),
            "page_obj": page_obj,
            "occurrence_count": page_obj.paginator.count,
            "month_url": page.url + page.reverse_subpage("this_month"),
            "remove_filter_urls": _remove_filter_urls(query),
            **_feed_links(page, query),
        },
    )


def archive_view(page, request):
    query = AgendaQuery(page, request)
    yesterday = today() - dt.timedelta(days=1)
    occurrences = _window(page, request, query, last_day=yesterday, reverse=True, ended=True)
    page_obj = _shown_page(page, request, query, occurrences)
    days = group_by_day(page_obj.object_list)
    days.reverse()
    return page.render(
        request,
        template="agenda/event_archive.html",
        context_overrides={
            "agenda": query,
            "view_name": "archive",
            "days": days,
            "page_obj": page_obj,
            "occurrence_count": page_obj.paginator.count,
            "remove_filter_urls": _remove_filter_urls(query),
            **_feed_links(page, query, {"period": "archive"}),
        },
    )


def this_month_view(page, request):
    """``mois/``: the current month (the same page as ``mois/<année>/<mois>/``)."""
    now = today()
    return month_view(page, request, now.year, now.month)


def month_bounds(year, month):
    first_year, last_year = month_range()
    if not (first_year <= year <= last_year) or not 1 <= month <= 12:
        raise Http404(_("Ce mois n’existe pas."))
    first = dt.date(year, month, 1)
    last = dt.date(year, month, pycalendar.monthrange(year, month)[1])
    return first, last


def month_weeks(year, month, occurrences, listed_days=()):
    """The grid: weeks (Monday first) of days, each {date, in_month, occurrences, more,
    listed}: at most ``MONTH_CELL_DATES`` dates in a cell, ``more`` the number left for
    the day-by-day list below (``listed``: the day has a heading there to link to)."""
    by_day = {}
    for occurrence in occurrences:
        day = occurrence.day
        last = occurrence.last_day
        while day <= last:
            by_day.setdefault(day, []).append(occurrence)
            day += dt.timedelta(days=1)
    listed_days = set(listed_days)
    weeks = []
    for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        cells = []
        for day in week:
            dates = by_day.get(day, [])
            cells.append(
                {
                    "date": day,
                    "in_month": day.month == month,
                    "occurrences": dates[:MONTH_CELL_DATES],
                    "more": max(0, len(dates) - MONTH_CELL_DATES),
                    "listed": day in listed_days,
                }
            )
        weeks.append(cells)
    return weeks


def month_view(page, request, year, month):
    first, last = month_bounds(year, month)
    query = AgendaQuery(page, request)
    # Every date of the month from the stored dates, with their events (one query); the
    # grid and the day-by-day list name neither organisers nor categories.
    occurrences, _number = query.window(
        first, last, count=MONTH_MAX_DATES, total=False, with_categories=False, with_organisers=False
    )
    attach_urls(page, request, unique_events(occurrences), None)
    previous_month = first - dt.timedelta(days=1)
    next_month = last + dt.timedelta(days=1)
    suffix = ("?" + urlencode(query.params())) if query.params() else ""

    def month_url(day):
        return page.url + page.reverse_subpage("month", kwargs={"year": day.year, "month": f"{day.month:02d}"}) + suffix

    weekday_names = [date_format(dt.date(2024, 1, 1) + dt.timedelta(days=i), "l") for i in range(7)]
    days = group_by_day(occurrences, first)
    return page.render(
        request,
        template="agenda/event_month.html",
        context_overrides={
            "agenda": query,
            "view_name": "month",
            "month_first": first,
            "weeks": month_weeks(year, month, occurrences, listed_days=(day for day, _dates in days)),
            "weekday_names": weekday_names,
            "today": today(),
            "occurrence_count": len(occurrences),
            "days": days,
            # The same dates as cards, in the list (which pages them).
            "month_list_url": page.url
            + "?"
            + urlencode({**query.params(), "from": first.isoformat(), "to": last.isoformat()}),
            "previous_month": previous_month,
            "next_month": next_month,
            "previous_month_url": month_url(previous_month) if previous_month.year >= month_range()[0] else None,
            "next_month_url": month_url(next_month) if next_month.year <= month_range()[1] else None,
            "remove_filter_urls": _remove_filter_urls(query),
            **_feed_links(page, query, {"month": f"{year:04d}-{month:02d}"}),
        },
    )


# --- Series ---------------------------------------------------------------------------


def series_view(page, request):
    query = AgendaQuery(page, request)
    events, first_day, last_day = query.events()
    occurrences = occurrences_of(events, first_day, last_day)
    attach_urls(page, request, events, _directory_url(page, request))
    return page.render(
        request,
        template="agenda/event_series_page.html",
        context_overrides={
            "agenda": query,
            "days": group_by_day(occurrences),
            "occurrence_count": len(occurrences),
            "ical_url": page.url + page.reverse_subpage("ical"),
        },
    )


# --- Event page -----------------------------------------------------------------------


def event_categories_and_tags(event):
    """The event's categories (in its language, French while not translated) and tags, in
    one query (a UNION): ([EventCategory-like], [Tag-like]) with ``name`` and ``slug``."""
    from types import SimpleNamespace

    from django.db.models import IntegerField, Value

    from .models import EventCategory, EventPageTag

    chosen = EventCategory.objects.filter(
        pk__in=EventPage.categories.through.objects.filter(eventpage_id=event.pk).values("eventcategory_id")
    ).values("translation_key")
    categories = (
        EventCategory.objects.filter(translation_key__in=chosen)
        .filter(locale__language_code__in={settings.LANGUAGE_CODE, language_code_of(event.locale_id)})
        .order_by()
        .values_list(Value("c"), "name", "slug", "locale_id", "sort_order")
    )
    tags = (
        EventPageTag.objects.filter(content_object_id=event.pk)
        .order_by()
        .values_list(Value("t"), "tag__name", "tag__slug", Value(0, IntegerField()), Value(0, IntegerField()))
    )
    by_slug, tag_rows = {}, []
    for kind, name, slug, locale_id, order in categories.union(tags, all=True):
        if kind == "t":
            tag_rows.append(SimpleNamespace(name=name, slug=slug))
        elif slug not in by_slug or locale_id == event.locale_id:
            fallback = None if locale_id == event.locale_id else settings.LANGUAGE_CODE
            by_slug[slug] = SimpleNamespace(name=name, slug=slug, sort_order=order, fallback_lang=fallback)
    categories = sorted(by_slug.values(), key=lambda c: (c.sort_order, c.name))
    return categories, sorted(tag_rows, key=lambda t: t.name.lower())


def event_view(page, request):
    event = page
    directory_url = _directory_url(page, request)
    event.organiser_page_url = organiser_url(event, directory_url)
    all_occurrences = event.occurrences()
    now = today()
    coming = [o for o in all_occurrences if o.last_day >= now]
    next_occurrence = coming[0] if coming else (all_occurrences[-1] if all_occurrences else None)
    agenda = event.get_route_ancestors()[-1]
    categories, tags = event_categories_and_tags(event)
    page_url = event.get_full_url(request)
    organiser_full_url = request.build_absolute_uri(event.organiser_page_url) if event.organiser_page_url else None
    image_url = None
    if event.image_id:
        image_url = request.build_absolute_uri(event.image.get_rendition("width-1200").url)
    return event.render(
        request,
        template="agenda/event_page.html",
        context_overrides={
            "occurrence": next_occurrence,
            "coming_occurrences": coming[:12] if event.recurrence else [],
            "cancelled_dates": [o for o in all_occurrences if o.cancelled_date and o.last_day >= now],
            "categories": categories,
            "tags": tags,
            "agenda_page": agenda,
            "ical_url": event.url + event.reverse_subpage("ical"),
            "json_ld": json_ld(
                event,
                page_url,
                organiser_url=organiser_full_url,
                image_url=image_url,
                next_occurrence=next_occurrence,
            ),
        },
    )


# --- Feeds ----------------------------------------------------------------------------


def _ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _url_of(request):
    def url_of(event):
        return event.get_full_url(request)

    return url_of


def index_ical_view(page, request):
    """The iCalendar of what a list view shows: upcoming by default, ``month=YYYY-MM``
    for a month, ``period=archive`` for the archive; filters as in the list."""
    query = AgendaQuery(page, request)
    month = (request.GET.get("month") or "").strip()
    if month:
        try:
            year, number = (int(part) for part in month.split("-", 1))
        except ValueError as exc:
            raise Http404(_("Ce mois n’existe pas.")) from exc
        first, last = month_bounds(year, number)
        events, first_day, last_day = query.events(first_day=first, last_day=last)
        occurrences = occurrences_of(events, first_day, last_day)
    elif request.GET.get("period") == "archive":
        yesterday = today() - dt.timedelta(days=1)
        events, first_day, last_day = query.events(last_day=yesterday)
        occurrences = [o for o in occurrences_of(events, first_day, last_day) if o.last_day <= yesterday]
    else:
        # Every upcoming date, not one page of them: a subscription holds the whole agenda.
        events, first_day, last_day = query.events(first_day=today())
        occurrences = occurrences_of(events, first_day, last_day)
    base = page.get_full_url(request)
    for event in events:
        event.feed_url = event_url(page, base, event, request, full=True)
    content = ical_calendar(occurrences, name=str(page.title), url_of=lambda event: event.feed_url)
    return _ics_response(content, "agenda.ics")


def series_ical_view(page, request):
    query = AgendaQuery(page, request)
    events, first_day, last_day = query.events()
    content = ical_calendar(occurrences_of(events, first_day, last_day), name=str(page.title), url_of=_url_of(request))
    return _ics_response(content, f"{page.slug}.ics")


def event_ical_view(page, request):
    page.display_categories = list(page.categories.all())
    content = ical_calendar(page.occurrences(), name=str(page.title), url_of=lambda event: page.get_full_url(request))
    return _ics_response(content, f"{page.slug}.ics")


def _when_text(occurrence):
    local = timezone.localtime(occurrence.start)
    if occurrence.all_day:
        return date_format(local.date(), "DATE_FORMAT")
    return date_format(local, "DATETIME_FORMAT")


def rss_view(page, request):
    """RSS 2.0 of the upcoming occurrences (filters as in the list)."""
    query = AgendaQuery(page, request)
    occurrences, _number = query.window(first_day=today(), count=page.FEED_LENGTH, total=False)
    base = page.get_full_url(request)
    feed = Rss201rev2Feed(
        title=_("%(title)s – prochains événements") % {"title": page.title},
        link=base,
        description=page.summary or str(page.title),
        language=page.locale.language_code,
        feed_url=base + page.reverse_subpage("rss"),
    )
    for occurrence in occurrences:
        event = occurrence.event
        url = event_url(page, base, event, request, full=True)
        status = ""
        if occurrence.is_cancelled:
            status = _("Annulé") + " – "
        elif occurrence.is_postponed:
            status = _("Reporté") + " – "
        feed.add_item(
            title=f"{status}{event.title} ({_when_text(occurrence)})",
            link=url,
            description=" – ".join(part for part in (event.location_text, event.summary) if part),
            unique_id=occurrence.uid,
            unique_id_is_permalink=False,
            pubdate=event.first_published_at,
            categories=[c.name for c in event.display_categories],
        )
    response = HttpResponse(content_type="application/rss+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


def json_export_view(page, request):
    """The upcoming occurrences (filters as in the list) as open data."""
    query = AgendaQuery(page, request)
    events, first_day, last_day = query.events(first_day=today())
    occurrences = occurrences_of(events, first_day, last_day)
    base = page.get_full_url(request)
    records = []
    for occurrence in occurrences:
        event = occurrence.event
        records.append(
            {
                "uid": occurrence.uid,
                "titre": event.title,
                "debut": occurrence.day.isoformat() if occurrence.all_day else occurrence.start.isoformat(),
                "fin": (
                    occurrence.last_day.isoformat()
                    if occurrence.all_day
                    else (occurrence.end.isoformat() if occurrence.end else None)
                ),
                "toute_la_journee": occurrence.all_day,
                "etat": "annule" if occurrence.is_cancelled else event.status,
                "participation": event.attendance_mode,
                "lieu": event.venue,
                "adresse": event.street_address,
                "code_postal": event.postcode,
                "commune": event.commune,
                "departement": event.departement,
                "lien_en_ligne": event.online_url,
                "organisateur": event.organiser_display,
                "gratuit": event.is_free,
                "tarif": event.price,
                "inscription": event.registration_url,
                "categories": [c.slug for c in event.display_categories],
                "page": event_url(page, base, event, request, full=True),
            }
        )
    payload = {
        "titre": str(page.title),
        "source": base,
        "filtres": query.params(),
        "genere_le": timezone.now().isoformat(),
        "nombre": len(records),
        "evenements": records,
    }
    return HttpResponse(
        json.dumps(payload, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder),
        content_type="application/json; charset=utf-8",
    )


def next_occurrences(home_page, request, limit=4):
    """The agenda page and its next occurrences, for the home page's block (a constant
    number of queries, however many events the agenda holds: ``AgendaQuery.soonest``)."""
    from .models import EventIndexPage, agenda_events

    agenda = EventIndexPage.among(home_children(request, home_page))
    if agenda is None:
        return None, []
    return agenda, _soonest_block(agenda, request, agenda_events(agenda), limit, "next")


def organised_by(partner, page, request, limit=5):
    """The next occurrences of the events ``partner`` organises (in any language: events
    name the partner of their own language or the French one), in the agenda of
    ``page``'s language, for the partner's page (``AgendaQuery.soonest``)."""
    from .models import EventIndexPage, agenda_events

    agenda = EventIndexPage.among(home_children(request, page))
    if agenda is None:
        return None, []
    events = agenda_events(agenda).filter(organiser__translation_key=partner.translation_key)
    return agenda, _soonest_block(agenda, request, events, limit, f"organiser:{partner.translation_key}")


def _soonest_block(agenda, request, events, limit, name):
    """The first ``limit`` dates from today of ``events`` (not cancelled), with their
    events' URLs: a block of another page (home, partner). Kept per content generation
    and day (``pagecache.memo``): the same for every visitor (public events only), it
    changes only when an event is saved or the day turns, and costs a query whose
    building (three subqueries) is most of a partner page's time."""
    day = today()

    def read():
        query = AgendaQuery(agenda, request, events=events, params={})
        return query.soonest(day, limit, with_categories=False)[0]

    occurrences = memo.per_generation(request, f"agenda-block:{agenda.pk}:{name}:{limit}:{day}", read)
    attach_urls(agenda, request, unique_events(occurrences), None)
    return occurrences
