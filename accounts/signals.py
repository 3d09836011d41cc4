"""Count failed logins and forget them after a successful one."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from predess.clientip import client_address

from .throttle import login_throttle


def _username(credentials):
    return (credentials or {}).get(get_user_model().USERNAME_FIELD) or (credentials or {}).get("username")


@receiver(user_login_failed, dispatch_uid="accounts_count_login_failure")
def count_login_failure(sender, credentials=None, request=None, **kwargs):
    username = _username(credentials)
    if request is not None and username:
        login_throttle.hit(username, client_address(request))


@receiver(user_logged_in, dispatch_uid="accounts_forget_login_failures")
def forget_login_failures(sender, request=None, user=None, **kwargs):
    if request is not None and user is not None:
        login_throttle.reset(user.get_username(), client_address(request))
