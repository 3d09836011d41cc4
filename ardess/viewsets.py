"""Participant accounts in the Wagtail admin, for Communication staff.

Wagtail's own user editor lets whoever may add users make them administrators; this
viewset only ever shows, creates and changes plain participant accounts (see
``ParticipantManager``), and a new participant receives a link to choose a password.
"""

import secrets

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from home.roles import ARDESS_PARTICIPANTS

from .forms import ParticipantForm
from .models import Participant


def send_invitation(request, participant):
    """E-mail a new participant the link to choose their password (a password-reset link)."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(participant.pk)),
                "token": default_token_generator.make_token(participant),
            },
        )
        context = {"participant": participant, "link": request.build_absolute_uri(path)}
        subject = render_to_string("ardess/email/invitation_subject.txt", context).strip()
        body = render_to_string("ardess/email/invitation.txt", context)
    send_mail(subject, body, None, [participant.email])


class ParticipantCreateView(CreateView):
    def save_instance(self):
        participant = self.form.save(commit=False)
        # Nobody knows this password: the participant chooses theirs through the e-mailed link.
        participant.set_password(secrets.token_urlsafe(32))
        participant.save()
        participant.groups.add(Group.objects.get(name=ARDESS_PARTICIPANTS))
        log(instance=participant, action="wagtail.create", user=self.request.user)
        send_invitation(self.request, participant)
        return participant

    def get_success_message(self, instance):
        return _(
            "Compte de « %(name)s » créé ; un lien pour choisir son mot de passe lui a été envoyé à %(email)s."
        ) % {
            "name": instance,
            "email": instance.email,
        }


class ParticipantViewSet(ModelViewSet):
    model = Participant
    form_fields = ParticipantForm._meta.fields
    icon = "group"
    menu_label = _("Participants ARDESS")
    menu_order = 800
    add_to_admin_menu = True
    add_view_class = ParticipantCreateView
    list_display = ["__str__", "username", "email", "is_active", "last_login"]
    list_filter = ["is_active"]
    search_fields = ["username", "first_name", "last_name", "email"]
    search_backend_name = None
    ordering = ["last_name", "first_name", "username"]
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_form_class(self, for_update=False):
        return ParticipantForm
