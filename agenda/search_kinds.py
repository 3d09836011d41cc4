"""Events in the site search: upcoming live events of the current language (those with
an occurrence from today on), with their département as a facet."""

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from search.registry import PageKind, register

from .calendar import in_range_q
from .models import EventPage


def upcoming(queryset):
    """Events that may still occur (recurring ones until their last date)."""
    return queryset.filter(in_range_q(timezone.localdate()))


# Which events are upcoming changes every day: cached results are kept per day.
upcoming.variant = lambda: timezone.localdate().isoformat()

register(
    PageKind(
        "evenement",
        _("Événements"),
        _("Événement"),
        models=[EventPage],
        order=40,
        departements=F("departement"),
        queryset=upcoming,
        summary=F("summary"),
        index_page="agenda.EventIndexPage",
    )
)
