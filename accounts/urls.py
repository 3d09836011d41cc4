"""Front-end accounts, inside ``i18n_patterns``: /connexion/, /deconnexion/, /mot-de-passe/…"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from . import views

urlpatterns = [
    path(_("connexion/"), views.LoginView.as_view(), name="login"),
    path(_("deconnexion/"), views.LogoutView.as_view(), name="logout"),
    path(_("mot-de-passe/oublie/"), views.PasswordResetView.as_view(), name="password_reset"),
    path(_("mot-de-passe/oublie/envoye/"), views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        _("mot-de-passe/nouveau/<uidb64>/<token>/"),
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(_("mot-de-passe/modifie/"), views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    # Wagtail's own front-end login (``wagtailcore_login``) would be a second, bare form:
    # it leads to this one instead, keeping ``?next=``.
    path("_util/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
]
