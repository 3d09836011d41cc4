import math
import time

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms.auth import LoginForm as WagtailAdminLoginForm

from predess.clientip import client_address

from .throttle import login_throttle


class ThrottledLoginMixin:
    """Says clearly when a user name is locked after too many failed attempts.

    The lock itself is enforced by ``ThrottledModelBackend``; this mixin only replaces the
    generic "wrong password" message by one that explains the wait.
    """

    def locked_error(self, until):
        minutes = max(1, math.ceil((until - time.time()) / 60))
        return ValidationError(
            ngettext(
                "Trop de tentatives de connexion ont échoué pour cet identifiant. Par sécurité, la "
                "connexion est bloquée pendant %(minutes)d minute : réessayez plus tard, ou "
                "réinitialisez votre mot de passe.",
                "Trop de tentatives de connexion ont échoué pour cet identifiant. Par sécurité, la "
                "connexion est bloquée pendant %(minutes)d minutes : réessayez plus tard, ou "
                "réinitialisez votre mot de passe.",
                minutes,
            )
            % {"minutes": minutes},
            code="locked",
        )

    def clean(self):
        username = self.cleaned_data.get("username")
        address = client_address(self.request)
        if username:
            until = login_throttle.locked_until(username, address)
            if until:
                raise self.locked_error(until)
        try:
            return super().clean()
        except ValidationError:
            until = login_throttle.locked_until(username, address) if username else None
            if until:
                raise self.locked_error(until) from None
            raise

    @property
    def is_locked_out(self):
        return any(error.code == "locked" for error in self.non_field_errors().as_data())


class LoginForm(ThrottledLoginMixin, AuthenticationForm):
    """The front-end login form (ARDESS participants)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Identifiant ou mot de passe incorrect. Vérifiez les majuscules et les minuscules, puis réessayez."
        ),
        "inactive": _("Ce compte est désactivé."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Identifiant")
        self.fields["password"].label = _("Mot de passe")
        self.fields["username"].widget.attrs.pop("autofocus", None)


class AdminLoginForm(ThrottledLoginMixin, WagtailAdminLoginForm):
    """Wagtail admin's login form with the same lock message (WAGTAILADMIN_USER_LOGIN_FORM)."""


class EmailPasswordResetForm(PasswordResetForm):
    email = forms.EmailField(
        label=_("Adresse électronique"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("L’adresse enregistrée pour votre compte de participant."),
    )


class NewPasswordForm(SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Nouveau mot de passe")
        self.fields["new_password2"].label = _("Confirmation du nouveau mot de passe")
        self.fields["new_password2"].help_text = _("Saisissez le même mot de passe une seconde fois.")
