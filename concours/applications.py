"""Filing an application: saved with its files in one transaction, then the emails.

The order matters: the application and every document are written first, atomically;
only then are the receipt (to the applicant) and the notification (to staff) sent. A
mail failure never loses an application: it stays saved with ``email_sent=False`` and
the error, which staff see (and can filter on) in the admin list.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string

from predess.clientip import client_address as shared_client_address

from .models import Candidature, CandidatureDocument, ConcoursEditionPage
from .storage import get_private_storage
from .validators import comparable_title

logger = logging.getLogger(__name__)

SESSION_RECEIPTS = "concours_receipts"


def save_application(form):
    """Save the valid ``form`` as a Candidature with its documents; return it.

    Raises ``IntegrityError`` when a concurrent request filed the same project first
    (the unique constraint on edition + SIRET + title); nothing is left behind then.
    """
    edition = form.edition
    written = []
    try:
        with transaction.atomic():
            # Serialise the numbering of this edition's applications (a no-op on SQLite,
            # which serialises writes anyway).
            list(ConcoursEditionPage.objects.select_for_update(of=("self",)).filter(pk=edition.pk).values("pk"))
            last = Candidature.objects.filter(edition=edition).aggregate(last=Max("sequence"))["last"] or 0
            candidature = form.save(commit=False)
            candidature.edition = edition
            candidature.sequence = last + 1
            candidature.reference = Candidature.format_reference(edition.year, candidature.sequence)
            candidature.project_title_key = comparable_title(candidature.project_title)
            candidature.consent = True
            candidature.save()
            for kind, uploaded in form.documents():
                document = CandidatureDocument(
                    candidature=candidature,
                    kind=kind,
                    original_name=uploaded.name[:255],
                    size=uploaded.size,
                    content_type=uploaded.document_type.content_type,
                )
                document.file.save(f"document{uploaded.document_type.extension}", uploaded, save=False)
                written.append(document.file.name)
                document.save()
    except Exception:
        for name in written:
            get_private_storage().delete(name)
        raise
    return candidature


def send_application_emails(candidature, edition_page=None, request=None):
    """The receipt to the applicant and the notification to staff; record the outcome.

    Returns True when every message went out. Never raises: a failure is logged and
    stored on the application (``email_sent=False``, ``email_error``).
    """
    edition_page = edition_page or candidature.edition
    context = {
        "candidature": candidature,
        "edition": edition_page,
        "documents": list(candidature.documents.all()),
        "edition_url": edition_page.get_full_url(request),
        "admin_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + candidature.admin_url(),
        "retention_years": 3,
    }
    staff = list(settings.CONCOURS_NOTIFICATION_EMAILS)
    messages = [
        (
            "récépissé",
            EmailMessage(
                subject=render_to_string("concours/emails/receipt_subject.txt", context).strip(),
                body=render_to_string("concours/emails/receipt.txt", context),
                to=[candidature.email],
                reply_to=staff or None,
            ),
        )
    ]
    if staff:
        messages.append(
            (
                "notification à l’équipe",
                EmailMessage(
                    subject=render_to_string("concours/emails/staff_subject.txt", context).strip(),
                    body=render_to_string("concours/emails/staff.txt", context),
                    to=staff,
                ),
            )
        )
    else:
        logger.warning("CONCOURS_NOTIFICATION_EMAILS is empty: nobody is told of application %s.", candidature)
    errors = []
    for name, message in messages:
        try:
            message.send(fail_silently=False)
        except Exception as exc:  # any backend failure: SMTP, network, bad header…
            logger.exception("Could not send the %s of application %s.", name, candidature.reference)
            errors.append(f"{name} : {exc.__class__.__name__}: {exc}")
    candidature.email_sent = not errors
    candidature.email_error = "\n".join(errors)
    Candidature.objects.filter(pk=candidature.pk).update(
        email_sent=candidature.email_sent, email_error=candidature.email_error
    )
    return candidature.email_sent


# Rate limit: at most N applications per client address per period -------------------


def client_address(request):
    return shared_client_address(request) or "unknown"


def rate_limit_key(address):
    return "concours:submissions:" + hashlib.sha256(address.encode()).hexdigest()[:32]


def too_many_submissions(request):
    limit, _period = settings.CONCOURS_RATE_LIMIT
    return (cache.get(rate_limit_key(client_address(request))) or 0) >= limit


def record_submission(request):
    _limit, period = settings.CONCOURS_RATE_LIMIT
    key = rate_limit_key(client_address(request))
    if cache.add(key, 1, timeout=period):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=period)


# The receipt page is shown only in the session that filed the application ----------


def remember_receipt(request, reference):
    references = [r for r in request.session.get(SESSION_RECEIPTS, []) if r != reference]
    request.session[SESSION_RECEIPTS] = [*references[-9:], reference]


def may_see_receipt(request, reference):
    return reference in request.session.get(SESSION_RECEIPTS, [])
