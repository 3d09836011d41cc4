"""Synthetic events, many, for the benchmark (``bench/agenda.py``) and the tests that
check query counts. Never used by the site or by ``load_predess``.

Events are live pages without revisions, spread over the four départements and the
coming months; one in ten repeats every week, one in twenty is cancelled.
"""

import datetime as dt
import random

from django.utils import timezone
from wagtail.models import Page

from home.choices import Departement

from .calendar import PARIS
from .choices import AttendanceMode, EventStatus, Recurrence
from .models import EventCancelledDate, EventCategory, EventPage

COMMUNES = {
    "21": ["Dijon", "Beaune"],
    "58": ["Nevers", "Clamecy"],
    "71": ["Mâcon", "Chalon-sur-Saône"],
    "89": ["Auxerre", "Sens"],
}
WORDS = ["Rencontre", "Atelier", "Forum", "Conférence", "Portes ouvertes", "Formation"]


def create_sample_events(agenda, count, *, prefix="evenement-exemple", seed=2026, start=None, organisers=()):
    """Create ``count`` live events below ``agenda`` (an EventIndexPage)."""
    rng = random.Random(seed)
    agenda = agenda.specific if type(agenda) is Page else agenda
    categories = list(EventCategory.objects.filter(locale_id=agenda.locale_id))
    first_day = start or timezone.localdate()
    departements = Departement.values
    created = []
    for index in range(count):
        departement = departements[index % len(departements)]
        day = first_day + dt.timedelta(days=rng.randrange(0, 60))
        begins = dt.datetime.combine(day, dt.time(rng.choice([9, 10, 14, 18]), 0), tzinfo=PARIS)
        recurring = index % 10 == 3
        event = EventPage(
            title=f"{rng.choice(WORDS)} exemple n° {index:05d}",
            slug=f"{prefix}-{index:05d}",
            summary="Événement fictif pour les mesures.",
            start=begins,
            end=begins + dt.timedelta(hours=2),
            status=EventStatus.CANCELLED if index % 20 == 7 else EventStatus.SCHEDULED,
            attendance_mode=AttendanceMode.ONLINE if index % 7 == 0 else AttendanceMode.IN_PERSON,
            online_url="https://example.org/en-ligne" if index % 7 == 0 else "",
            venue="Salle exemple",
            commune=COMMUNES[departement][index % 2],
            departement=departement,
            is_free=index % 3 != 0,
            price="" if index % 3 else "5 €",
            organiser=organisers[index % len(organisers)] if organisers else None,
            recurrence=Recurrence.WEEKLY if recurring else Recurrence.NONE,
            recurrence_count=8 if recurring else None,
            is_example=True,
        )
        if categories:
            event.categories = [categories[index % len(categories)]]
        event.tags.set([rng.choice(["exemple", "mesure", "ess"])])
        if recurring:
            event.cancelled_dates = [EventCancelledDate(date=day + dt.timedelta(days=7))]
        agenda.add_child(instance=event)
        created.append(event)
    return created
