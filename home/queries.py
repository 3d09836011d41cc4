"""Query helpers that keep the number of SQL queries per page constant."""

from django.db.models import Q
from wagtail.models import PageViewRestriction

from pagecache import memo


def _all_restrictions():
    restrictions = PageViewRestriction.objects.select_related("page")
    if memo.enabled():
        # Kept for a whole content generation: with their groups, for ``viewable()``.
        restrictions = restrictions.prefetch_related("groups")
    return list(restrictions)


def page_view_restrictions(request=None):
    """Every page view restriction with its groups, read once per request (and, with the
    page cache on, once per content generation)."""
    restrictions = getattr(request, "_predess_restrictions", None) if request is not None else None
    if restrictions is None:
        restrictions = memo.per_generation(request, "page-view-restrictions", _all_restrictions)
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


def restriction_accepts(restriction, request):
    """``restriction.accept_request(request)``, without a query for anonymous visitors
    (a login or group restriction never lets them in)."""
    user = getattr(request, "user", None)
    if (user is None or not user.is_authenticated) and restriction.restriction_type in (
        PageViewRestriction.LOGIN,
        PageViewRestriction.GROUPS,
    ):
        return False
    return restriction.accept_request(request)


def viewable(queryset, request):
    """``queryset`` without the private sections that ``request`` may not see.

    Unlike ``public()``, the result depends on who asks (an ARDESS participant sees the
    participants' space): use it only in responses that are never shared between visitors.
    """
    q = Q()
    for restriction in page_view_restrictions(request):
        if not restriction_accepts(restriction, request):
            q |= queryset.descendant_of_q(restriction.page, inclusive=True)
    return queryset.exclude(q) if q else queryset
