"""Loader step of ``load_predess`` for the agenda (``content/fr/agenda.yaml``): the agenda
page, the event categories, the highlight periods (series), the concours' key dates as
events and, with ``--demo``, example events for the current and next month (fictitious,
shown with an "Exemple" badge). ``content/en/agenda.yaml`` gives the English text.

Also sets up moderation: the "Modération de l’agenda" workflow on the agenda page and
the page permissions of the event partners (see ``agenda.moderation``).
"""

import datetime as dt

from django.db import transaction
from django.utils import translation

from home.content import ContentError, MissingContentFile, content_path, has_language, read_yaml, to_html, upsert_page
from home.loaders import translate_from_file
from home.translation import translate

from .calendar import PARIS
from .choices import AttendanceMode, EventStatus, Recurrence
from .models import EventCancelledDate, EventCategory, EventIndexPage, EventPage, EventSeriesPage

CONTENT_FILE = "agenda.yaml"
CONCOURS_CATEGORY = "concours"
# Slugs of the events made from the concours' key dates, in ``key_dates`` order of fields.
CONCOURS_SLUGS = ["ouverture", "cloture", "jury", "remise-des-prix"]


def read_content(language):
    return read_yaml(content_path(language, CONTENT_FILE))


def index_fields(language):
    data = read_content(language)["index"]
    return {
        "title": data["title"],
        "slug": data["slug"],
        "summary": data.get("summary", ""),
        "intro": to_html(data.get("intro", "")),
    }


def series_fields(language, position):
    french = read_content("fr")["series"][position]
    data = read_content(language)["series"][position]
    return {
        "title": data["title"],
        "slug": french["slug"],
        "summary": data.get("summary", ""),
        "start_date": french["start_date"],
        "end_date": french["end_date"],
        "intro": to_html(data.get("intro", "")),
    }


def load_categories(loader):
    """The categories in French, then their English translations: {slug: category}."""
    from wagtail.models import Locale

    french = Locale.objects.get(language_code="fr")
    items = read_content("fr").get("categories") or []
    english_names = {}
    if has_language("en"):
        try:
            english_names = {item["slug"]: item["name"] for item in read_content("en").get("categories") or []}
        except MissingContentFile:
            loader.report.untranslated.append(CONTENT_FILE)
    categories = {}
    for order, item in enumerate(items):
        category, created = EventCategory.objects.get_or_create(
            slug=item["slug"], locale=french, defaults={"name": item["name"], "sort_order": order}
        )
        if not created and (category.name != item["name"] or category.sort_order != order) and loader.force:
            category.name, category.sort_order = item["name"], order
            category.save()
        categories[item["slug"]] = category
    for slug, category in categories.items():
        if slug in english_names:
            english = EventCategory(slug=slug, name=english_names[slug], sort_order=category.sort_order)
            translate(category, english, report=loader.report, force=loader.force, label=f"{CONTENT_FILE}/{slug}")
    return categories


def _at(day, clock):
    hours, minutes = (int(part) for part in str(clock).split(":"))
    return dt.datetime.combine(day, dt.time(hours, minutes), tzinfo=PARIS)


def _demo_day(item, today):
    first = today.replace(day=1)
    month_index = first.month - 1 + int(item.get("month", 0))
    year, month = first.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(int(item["day"]), 28))


def demo_event_fields(language, position, today, categories, series, partners):
    french = read_content("fr")["demo_events"][position]
    text = read_content(language)["demo_events"][position] if language != "fr" else french
    day = _demo_day(french, today)
    if french.get("time"):
        start = _at(day, french["time"])
        end = _at(day, french["end_time"]) if french.get("end_time") else None
        all_day = False
    else:
        start = dt.datetime.combine(day, dt.time.min, tzinfo=PARIS)
        last = day.replace(day=int(french["end_day"])) if french.get("end_day") else day
        end = dt.datetime.combine(last, dt.time(23, 59), tzinfo=PARIS)
        all_day = True
    unknown = [slug for slug in french.get("categories") or [] if slug not in categories]
    if unknown:
        raise ContentError(f"{CONTENT_FILE} : catégorie inconnue « {unknown[0]} » ({french['slug']}).")
    organiser = None
    if french.get("organiser"):
        organiser = partners.get(french["organiser"])
        if organiser is None:
            raise ContentError(f"{CONTENT_FILE} : partenaire inconnu « {french['organiser']} » ({french['slug']}).")
    fields = {
        "title": text["title"],
        "slug": french["slug"],
        "summary": text.get("summary", ""),
        "start": start,
        "end": end,
        "all_day": all_day,
        "status": french.get("status", EventStatus.SCHEDULED),
        "attendance_mode": french.get("mode", AttendanceMode.IN_PERSON),
        "venue": text.get("venue") or "",
        "street_address": "",
        "postcode": french.get("postcode", ""),
        "commune": french.get("commune", ""),
        "departement": str(french.get("departement") or ""),
        "online_url": french.get("online_url", ""),
        "organiser": organiser,
        "organiser_name": french.get("organiser_name", ""),
        "is_free": bool(french.get("free", True)),
        "price": text.get("price") or "",
        "registration_url": french.get("registration_url", ""),
        "accessibility": text.get("accessibility") or "",
        "description": to_html(text.get("description", "")),
        "recurrence": french.get("recurrence", Recurrence.NONE),
        "recurrence_count": french.get("recurrence_count"),
        "is_example": True,
        "series": series.get(french.get("series")),
    }
    return fields


def concours_event_fields(language, edition, key_date, position):
    data = read_content(language)
    with translation.override(language):
        label = edition.key_dates()[position].label
    return {
        "title": label,
        "slug": f"concours-{edition.year}-{CONCOURS_SLUGS[_kind(edition, key_date)]}",
        "summary": data.get("concours_summary", ""),
        "start": dt.datetime.combine(key_date.date, dt.time.min, tzinfo=PARIS),
        "end": dt.datetime.combine(key_date.date, dt.time(23, 59), tzinfo=PARIS),
        "all_day": True,
        "attendance_mode": AttendanceMode.ONLINE,
    }


def _kind(edition, key_date):
    dates = [edition.applications_open, edition.applications_close, edition.jury_date, edition.ceremony_date]
    return dates.index(key_date.date)


def _set_relations(page, categories=(), tags=()):
    """Categories and tags of an event (saved with a new revision only when they change)."""
    wanted = {c.pk for c in categories}
    if {c.pk for c in page.categories.all()} != wanted or {t.name for t in page.tags.all()} != set(tags):
        page.categories.set(list(categories))
        page.tags.set(list(tags))
        page.save_revision().publish()


def load_agenda(loader):
    from concours.models import ConcoursEditionPage
    from partners.models import Partner

    with transaction.atomic():
        fields = index_fields("fr")
        index = upsert_page(
            loader.home,
            EventIndexPage,
            fields.pop("slug"),
            {**fields, "show_in_menus": True},
            report=loader.report,
            force=loader.force,
        )
    translate_from_file(loader, index, EventIndexPage, index_fields, CONTENT_FILE)
    categories = load_categories(loader)

    series = {}
    for position, _item in enumerate(read_content("fr").get("series") or []):
        fields = series_fields("fr", position)
        slug = fields.pop("slug")
        with transaction.atomic():
            page = upsert_page(index, EventSeriesPage, slug, fields, report=loader.report, force=loader.force)
        series[slug] = page
        translate_from_file(
            loader, page, EventSeriesPage, lambda language, p=position: series_fields(language, p), CONTENT_FILE
        )

    events = []
    edition = ConcoursEditionPage.objects.live().filter(locale__language_code="fr").order_by("-year").first()
    if edition is not None:
        edition_url = edition.get_full_url()
        for position, key_date in enumerate(edition.key_dates()):
            fields = concours_event_fields("fr", edition, key_date, position)
            slug = fields.pop("slug")
            fields["online_url"] = edition_url or ""
            with transaction.atomic():
                page = upsert_page(index, EventPage, slug, fields, report=loader.report, force=loader.force)
                _set_relations(page, [categories[CONCOURS_CATEGORY]])
            events.append(page)
            translate_from_file(
                loader,
                page,
                EventPage,
                lambda language, p=position, kd=key_date: concours_event_fields(language, edition, kd, p),
                CONTENT_FILE,
            )

    if loader.demo:
        from django.utils import timezone

        today = timezone.localdate()
        partners = {p.slug: p for p in Partner.objects.filter(locale__language_code="fr")}
        for position, item in enumerate(read_content("fr").get("demo_events") or []):
            fields = demo_event_fields("fr", position, today, categories, series, partners)
            slug = fields.pop("slug")
            with transaction.atomic():
                page = upsert_page(index, EventPage, slug, fields, report=loader.report, force=loader.force)
                if item.get("cancelled") and not page.cancelled_dates.exists():
                    # The n-th sessions (1 = the second) of a recurring example are cancelled.
                    occurrences = page.occurrences()
                    page.cancelled_dates = [
                        EventCancelledDate(date=occurrences[number].day, reason="")
                        for number in item["cancelled"]
                        if number < len(occurrences)
                    ]
                    page.save_revision().publish()
                _set_relations(page, [categories[s] for s in item.get("categories") or []], item.get("tags") or [])
            events.append(page)
            translate_from_file(
                loader,
                page,
                EventPage,
                lambda language, p=position: demo_event_fields(language, p, today, categories, series, partners),
                CONTENT_FILE,
            )

    from .moderation import ensure_agenda_moderation

    ensure_agenda_moderation(index)
    return index
