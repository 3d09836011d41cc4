"""Query helpers that keep the number of SQL queries per page constant."""

from django.db.models import Q
from wagtail.models import PageViewRestriction


def page_view_restrictions(request=None):
    """Every page view restriction, read once per request."""
    restrictions = getattr(request, "_predess_restrictions", None) if request is not None else None
    if restrictions is None:
        restrictions = list(PageViewRestriction.objects.select_related("page"))
        if request is not None:
            request._predess_restrictions = restrictions
    return restrictions


def private_section_q(queryset, request=None):
    """Q matching pages in a private section."""
    q = Q()
    for restriction in page_view_restrictions(request):
        q |= queryset.descendant_of_q(restriction.page, inclusive=True)
    return q


def public(queryset, request=None):
    """``queryset.public()``, with one query per request for every listing of the page."""
    q = private_section_q(queryset, request)
    return queryset.exclude(q) if q else queryset


def viewable(queryset, request):
    """``queryset`` without the private sections that ``request`` may not see.

    Unlike ``public()``, the result depends on who asks (an ARDESS participant sees the
    participants' space): use it only in responses that are never shared between visitors.
    """
    q = Q()
    for restriction in page_view_restrictions(request):
        if not restriction.accept_request(request):
            q |= queryset.descendant_of_q(restriction.page, inclusive=True)
    return queryset.exclude(q) if q else queryset
