"""Django's authentication views in the site's design, in French, with their safeguards."""

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from predess.clientip import client_address

from .forms import EmailPasswordResetForm, LoginForm, NewPasswordForm
from .throttle import login_throttle, password_reset_throttle

TOO_MANY_REQUESTS = 429


class NoIndexMixin:
    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex"
        return response


class LoginView(NoIndexMixin, auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.is_locked_out:
            response.status_code = TOO_MANY_REQUESTS
        return response


class LogoutView(NoIndexMixin, auth_views.LogoutView):
    """POST only (Django's rule): the site's logout buttons are small forms."""

    template_name = "accounts/logged_out.html"


class PasswordResetView(NoIndexMixin, auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    form_class = EmailPasswordResetForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        address = client_address(self.request)
        if password_reset_throttle.is_locked(address):
            form.add_error(
                None,
                _(
                    "Trop de demandes de réinitialisation ont été faites depuis votre connexion. "
                    "Réessayez dans une heure."
                ),
            )
            response = self.form_invalid(form)
            response.status_code = TOO_MANY_REQUESTS
            return response
        password_reset_throttle.hit(address)
        return super().form_valid(form)


class PasswordResetDoneView(NoIndexMixin, auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(NoIndexMixin, auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        # A new password lifts a lock caused by the forgotten one.
        login_throttle.reset(form.user.get_username(), client_address(self.request))
        return super().form_valid(form)


class PasswordResetCompleteView(NoIndexMixin, auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
