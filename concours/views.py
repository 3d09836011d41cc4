"""The application form and receipt (routes of the edition page) and the document download."""

import logging

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from home.i18n import active_locale
from home.models import LegalPage

from .applications import (
    may_see_receipt,
    record_submission,
    remember_receipt,
    save_application,
    send_application_emails,
    too_many_submissions,
)
from .documents import download_name, format_size
from .forms import CandidatureForm
from .models import Candidature, CandidatureDocument

logger = logging.getLogger(__name__)

PRIVACY_PAGE_SLUG = "donnees-personnelles"


def privacy_page():
    """The "Données personnelles" page in the current language, for the consent text."""
    page = LegalPage.objects.live().filter(slug=PRIVACY_PAGE_SLUG, locale__language_code="fr").first()
    if page is None:
        return None
    return page.get_translation_or_none(active_locale()) or page


def _breadcrumb(edition, current_title):
    return {
        "breadcrumb_ancestors": [*edition.get_route_ancestors(), edition],
        "breadcrumb_current": {"title": current_title},
    }


def application_form(request, edition):
    """``/concours/<year>/deposer/``: the form while applications are open."""
    source = edition.source_edition
    state = source.applications_state()
    if state != "open":
        response = edition.render(
            request,
            template="concours/application_closed.html",
            context_overrides={"state": state, **_breadcrumb(edition, _("Déposer un dossier"))},
        )
        if request.method == "POST":
            response.status_code = 403
        return response

    status = 200
    rate_limited = False
    if request.method == "POST":
        if too_many_submissions(request):
            rate_limited = True
            status = 429
            form = CandidatureForm(edition=source)
        else:
            form = CandidatureForm(request.POST, request.FILES, edition=source)
            valid = form.is_valid()
            oversized = getattr(request, "oversized_uploads", None)
            if oversized:
                form.add_oversized_errors(oversized)
                valid = False
            if valid:
                try:
                    candidature = save_application(form)
                except IntegrityError:
                    # Filed a moment ago by a concurrent request (double click…).
                    if not form.is_duplicate(form.cleaned_data["siret"], form.cleaned_data["project_title"]):
                        raise
                    form.add_duplicate_error()
                else:
                    record_submission(request)
                    send_application_emails(candidature, edition_page=edition, request=request)
                    remember_receipt(request, candidature.reference)
                    return redirect(edition.url + edition.reverse_subpage("receipt", args=[candidature.reference]))
            elif form.is_spam:
                record_submission(request)
    else:
        form = CandidatureForm(edition=source)

    response = edition.render(
        request,
        template="concours/application_form.html",
        context_overrides={
            "form": form,
            "rate_limited": rate_limited,
            "privacy_page": privacy_page(),
            "max_file_size": format_size(settings.CONCOURS_MAX_FILE_SIZE),
            **_breadcrumb(edition, _("Déposer un dossier")),
        },
    )
    response.status_code = status
    return response


def application_receipt(request, edition, reference):
    """``/concours/<year>/recu/<reference>/``: shown to the session that filed it only."""
    if not may_see_receipt(request, reference):
        raise Http404
    candidature = get_object_or_404(
        Candidature.objects.prefetch_related("documents"), reference=reference, edition=edition.source_edition
    )
    return edition.render(
        request,
        template="concours/application_receipt.html",
        context_overrides={"candidature": candidature, **_breadcrumb(edition, _("Dossier reçu"))},
    )


def download_document(request, pk):
    """A document of an application, for Communication staff and superusers only.

    Anonymous visitors are sent to the admin login; anyone else without the permission
    gets 403, before the document is even looked up.
    """
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), login_url=reverse("wagtailadmin_login"))
    if not request.user.has_perm("concours.view_candidature"):
        raise PermissionDenied
    document = get_object_or_404(CandidatureDocument.objects.select_related("candidature"), pk=pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        logger.error("Missing file for document %s of %s.", document.pk, document.candidature.reference)
        raise Http404 from exc
    extension = "." + document.file.name.rsplit(".", 1)[-1]
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=download_name(document.original_name, extension),
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    logger.info(
        "Document %s of %s downloaded by user %s.", document.pk, document.candidature.reference, request.user.pk
    )
    return response
