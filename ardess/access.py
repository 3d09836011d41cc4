"""Who may see the private ARDESS space, and what the others get.

Wagtail's privacy settings do the checking (a PageViewRestriction on the space page, a
CollectionViewRestriction on the document collection, both "private, for these groups").
Wagtail sends anyone they refuse to the login page; this module adds the other half of
the rule: a visitor who is already logged in but lacks the group gets a 403 page instead
of a login form they cannot get past.
"""

from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from wagtail.models import BaseViewRestriction

ARDESS_COLLECTION = "ARDESS"
# Set on the request by the document hook when the document is private (see views.serve_document).
PRIVATE_DOCUMENT_FLAG = "_ardess_private_document"


def refuses_logged_in_user(restrictions, request):
    """True when ``request.user`` is logged in and a group restriction does not accept them."""
    if not request.user.is_authenticated:
        return False
    return any(r.restriction_type == BaseViewRestriction.GROUPS and not r.accept_request(request) for r in restrictions)


def forbidden(request):
    """The site's styled 403 page, never cached."""
    response = render(request, "403.html", status=403)
    add_never_cache_headers(response)
    return response


def is_private_collection(collection):
    return collection is not None and collection.get_view_restrictions().exists()
