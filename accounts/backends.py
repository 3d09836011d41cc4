from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from predess.clientip import client_address

from .throttle import login_throttle


class ThrottledModelBackend(ModelBackend):
    """Django's backend, refusing any login for a user name locked by repeated failures.

    It guards every login form of the site (front-end, ``/_util/login/``, the Wagtail
    admin) because they all go through ``authenticate()``. Inactive accounts are refused
    by ``ModelBackend`` itself.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if request is not None and username and login_throttle.is_locked(username, client_address(request)):
            # Stops authenticate() for every backend; Django sends user_login_failed.
            raise PermissionDenied
        return super().authenticate(request, username=username, password=password, **kwargs)
