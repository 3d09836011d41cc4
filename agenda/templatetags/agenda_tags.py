"""The agenda's template tags."""

from django import template
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import time as time_filter
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def occurrence_when(occurrence):
    """When an occurrence takes place, for its card and its event's page: "Toute la
    journée", "du 3 mars au 5 mars 2027", or its times in ``<time>`` elements; a session
    of a recurring event says so. Written in Python: an agenda page shows up to a month of
    dates, and the same markup from an included template cost four times as much."""
    if occurrence.all_day:
        if occurrence.is_multi_day:
            text = _("du %(first)s au %(last)s") % {
                "first": date_filter(occurrence.day, "j F"),
                "last": date_filter(occurrence.last_day, "j F Y"),
            }
        else:
            text = _("Toute la journée")
        html = format_html("<span>{}</span>", text)
    else:
        multi_day = occurrence.is_multi_day
        html = _time(occurrence.start, date_filter(occurrence.start, "j F, H:i") if multi_day else None)
        if occurrence.end:
            end = date_filter(occurrence.end, "j F Y, H:i") if multi_day else None
            html = mark_safe(f"{html} – {_time(occurrence.end, end)}")  # noqa: S308 (both parts escaped)
    if occurrence.is_recurring:
        recurring = format_html(' <span class="event-card__recurring">{}</span>', _("(séance d’un événement régulier)"))
        html = mark_safe(html + recurring)  # noqa: S308 (both parts escaped)
    return html


def _time(moment, text=None):
    return format_html('<time datetime="{}">{}</time>', date_filter(moment, "c"), text or time_filter(moment))
