"""Locale helpers that do not hit the database on every call."""

from django.conf import settings
from django.db.models import Exists, OuterRef
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


def language_code_of(locale_id):
    """The language code of a Locale id, without a query once the locales are cached."""
    active_locale()  # fills the cache
    for code, locale in _locales_by_code.items():
        if locale.pk == locale_id:
            return code
    _locales_by_code.clear()
    return Locale.objects.get(pk=locale_id).language_code


def default_locale_id():
    """The id of the site's first language (French), without a query once cached."""
    active_locale()  # fills the cache
    locale = _locales_by_code.get(settings.LANGUAGE_CODE)
    return locale.pk if locale else Locale.get_default().pk


def fallback_lang(record, locale_id):
    """The language code of ``record`` when a page in ``locale_id`` shows it in its own
    language (French, not yet translated): for a ``lang`` attribute; else ``""``."""
    return language_code_of(record.locale_id) if record.locale_id != locale_id else ""


def with_french_fallback(own, french, locale_id):
    """``own`` (the records of ``locale_id``) and, when ``locale_id`` is not French, the
    records of ``french`` with no translation among ``own``: what a translated page lists
    before everything is translated. No query of its own."""
    if locale_id == default_locale_id():
        return own
    translated = own.order_by().filter(translation_key=OuterRef("translation_key"))
    return own | french.exclude(Exists(translated))
