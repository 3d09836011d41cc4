"""Locale helpers that do not hit the database on every call."""

from django.conf import settings
from django.utils.translation import get_language
from wagtail.models import Locale

_locales_by_code = {}


def active_locale():
    """The Wagtail Locale of the active language, cached per process (locales are stable)."""
    code = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    locale = _locales_by_code.get(code)
    if locale is None:
        _locales_by_code.clear()
        _locales_by_code.update({loc.language_code: loc for loc in Locale.objects.all()})
        locale = _locales_by_code.get(code) or Locale.get_default()
    return locale
