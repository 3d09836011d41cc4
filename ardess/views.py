from django.http import Http404
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers, patch_cache_control
from wagtail.documents.views.serve import serve as wagtail_serve_document

from home.i18n import active_locale

from .access import PRIVATE_DOCUMENT_FLAG
from .models import ArdessSpacePage


def space(request):
    """``/espace-participants/``: a short address for the participants' space (and the
    page a participant lands on after logging in)."""
    pages = ArdessSpacePage.objects.live()
    page = pages.filter(locale=active_locale()).first() or pages.first()
    if page is None:
        raise Http404
    return redirect(page.url)


def serve_document(request, document_id, document_filename):
    """Wagtail's document view (which checks the collection's privacy), with a response that
    no shared cache keeps when the document is private.

    ``ardess.wagtail_hooks.check_document_access`` marks the request for private documents.
    """
    response = wagtail_serve_document(request, document_id, document_filename)
    if getattr(request, PRIVATE_DOCUMENT_FLAG, False):
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response
