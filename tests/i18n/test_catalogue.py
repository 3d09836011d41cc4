"""The English interface catalogue is complete, compiled, and covers every string."""

import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
IGNORE = [".venv/*", "staticfiles/*", "tests/*", "bench/*", "media/*", ".test-media/*", "node_modules/*"]


def untranslated(po):
    return [
        entry.msgid
        for entry in po
        if not entry.obsolete
        and ("fuzzy" in entry.flags or not (all(entry.msgstr_plural.values()) if entry.msgid_plural else entry.msgstr))
    ]


def test_catalogue_has_no_untranslated_or_fuzzy_entry():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    assert len(po) > 100
    assert untranslated(po) == []


def test_compiled_catalogue_matches_the_po_file():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    mo = polib.mofile(str(CATALOGUE / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, dict(e.msgstr_plural)) for e in mo}
    for entry in po:
        if entry.obsolete:
            continue
        assert (entry.msgctxt, entry.msgid) in compiled, f"not compiled: {entry.msgid!r} (run compilemessages)"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is needed to extract strings")
def test_every_interface_string_of_the_code_is_in_the_catalogue(tmp_path):
    """Extract the strings again into a copy of the catalogue: nothing may come out new."""
    locale_dir = tmp_path / "locale"
    shutil.copytree(CATALOGUE.parent.parent, locale_dir)
    with override_settings(LOCALE_PATHS=[str(locale_dir)]):
        call_command("makemessages", locale=["en"], ignore_patterns=IGNORE, verbosity=0, no_obsolete=True)
    missing = untranslated(polib.pofile(str(locale_dir / "en" / "LC_MESSAGES" / "django.po")))
    assert missing == [], f"strings without an English translation: {missing}"


def test_strings_are_translated_at_run_time():
    with translation.override("en"):
        assert translation.gettext("Qu’est-ce que c’est ?") == "What is it?"
        assert translation.gettext("Aller au contenu") == "Skip to content"
    with translation.override("fr"):
        assert translation.gettext("Aller au contenu") == "Aller au contenu"
