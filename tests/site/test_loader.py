"""load_predess is idempotent and respects editors' work."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Revision, Site

from fiches.loaders import parse_fiche
from fiches.models import Audience, FichePage
from home.content import ContentError, split_sections

pytestmark = pytest.mark.django_db


def test_running_twice_changes_nothing():
    pages, revisions, audiences = Page.objects.count(), Revision.objects.count(), Audience.objects.count()
    call_command("load_predess", verbosity=0)
    assert Page.objects.count() == pages
    assert Revision.objects.count() == revisions
    assert Audience.objects.count() == audiences


def test_an_edited_page_is_kept_unless_forced():
    editor = get_user_model().objects.create_user("redaction", password="x" * 16)
    fiche = FichePage.objects.get(number="1.1", locale__language_code="fr")
    original_title = fiche.title
    fiche.title = "Titre revu par la rédaction"
    fiche.save_revision(user=editor).publish()

    call_command("load_predess", verbosity=0)
    fiche.refresh_from_db()
    assert fiche.title == "Titre revu par la rédaction"

    call_command("load_predess", "--force", verbosity=0)
    fiche.refresh_from_db()
    assert fiche.title == original_title


def test_a_deleted_page_comes_back():
    fiche = FichePage.objects.get(number="4.4", locale__language_code="fr")
    slug = fiche.slug
    for page in fiche.get_translations(inclusive=True):
        page.delete()
    assert not FichePage.objects.filter(number="4.4").exists()
    call_command("load_predess", verbosity=0)
    assert FichePage.objects.filter(slug=slug, number="4.4", locale__language_code="fr").count() == 1
    english = FichePage.objects.get(number="4.4", locale__language_code="en")
    assert english.title.startswith("Support for publications")


def test_a_fiche_file_with_a_missing_section_is_refused(tmp_path):
    path = tmp_path / "fiche-9-9.md"
    path.write_text(
        '---\nnumber: "1.9"\ntitle: Essai\nslug: essai\n---\n'
        "## Qu’est-ce que c’est ?\nA\n\n## Pour quoi faire ?\nB\n\n## Comment ?\nD\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError, match="Pour qui"):
        parse_fiche(path)


def test_a_fiche_file_with_an_empty_section_is_refused(tmp_path):
    path = tmp_path / "fiche-9-8.md"
    path.write_text(
        '---\nnumber: "1.8"\ntitle: Essai\nslug: essai\n---\n'
        "## Qu'est-ce que c'est ?\nA\n\n## Pour quoi faire ?\nB\n\n## Pour qui ?\n\n## Comment ?\nD\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError, match=re.escape("« Pour qui ? » est vide")):
        parse_fiche(path)


def test_split_sections_keeps_subheadings_inside():
    sections = split_sections("intro\n## A\ntext\n### sub\nmore\n## B\nend")
    assert sections == [("", "intro"), ("A", "text\n### sub\nmore"), ("B", "end")]


def test_the_page_tree_is_consistent_after_loading():
    """Translations made by the loader keep treebeard's counters right (numchild…)."""
    assert Page.find_problems() == ([], [], [], [], [])
    call_command("load_predess", "--force", verbosity=0)
    assert Page.find_problems() == ([], [], [], [], [])


@pytest.fixture
def forget_site_root_paths():
    """The Site's root paths are cached (in Redis too, beyond the test's transaction): the
    host name changed here must not reach later tests."""
    yield
    Site.clear_site_root_paths_cache()


def test_the_public_host_name_of_the_site_comes_from_the_environment(settings, forget_site_root_paths):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("localhost", 80)
    settings.SITE_HOSTNAME, settings.SITE_PORT = "predess.example.org", 443
    call_command("load_predess", verbosity=0)
    site.refresh_from_db()
    assert (site.hostname, site.port) == ("predess.example.org", 443)
    assert site.root_url == "https://predess.example.org"
    # Unset, what the Site has (set by staff in the admin, say) is kept.
    settings.SITE_HOSTNAME = ""
    Site.objects.filter(pk=site.pk).update(hostname="www.predess.example.org")
    call_command("load_predess", verbosity=0)
    site.refresh_from_db()
    assert site.hostname == "www.predess.example.org"
