"""French first, English beside it: every page translated, switcher, hreflang, sitemap."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource

from fiches.models import Audience, FichePage

pytestmark = pytest.mark.django_db

ENGLISH_HEADINGS = ["What is it?", "What for?", "Who for?", "How?"]


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_every_french_page_has_a_live_english_translation():
    french = Page.objects.live().filter(locale__language_code="fr", depth__gt=1)
    english_keys = set(Page.objects.live().filter(locale__language_code="en").values_list("translation_key", flat=True))
    missing = [page.url_path for page in french if page.translation_key not in english_keys]
    assert not missing, missing


@pytest.mark.parametrize("number", ["1.1", "2.1", "3.3", "4.4"])
def test_english_fiche_has_english_headings_and_full_sections(client, number):
    fiche = FichePage.objects.get(number=number, locale__language_code="en")
    response = client.get(fiche.url)
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == "en"
    assert [h2.get_text(strip=True) for h2 in page.select(".fiche__section > h2")] == ENGLISH_HEADINGS
    french = FichePage.objects.get(number=number, locale__language_code="fr")
    for section in page.select(".fiche__section .rich-text"):
        text = section.get_text(" ", strip=True)
        assert len(text) > 30
        # Not the French text left in place.
        assert text not in french.what_is_it + french.what_for + french.who_for + french.how


def test_english_audiences_are_translated_on_cards(client):
    english_index = FichePage.objects.filter(locale__language_code="en").first().get_parent().get_parent()
    page = soup(client.get(english_index.url))
    labels = {tag.get_text(strip=True) for tag in page.select(".card--fiche .tag")}
    english_labels = set(Audience.objects.filter(locale__language_code="en").values_list("label", flat=True))
    assert labels and labels <= english_labels


def test_language_switcher_goes_to_the_same_page(client):
    french = FichePage.objects.get(number="1.2", locale__language_code="fr")
    english = FichePage.objects.get(number="1.2", locale__language_code="en")
    page = soup(client.get(french.url))
    link = page.select_one('.language-switcher a[hreflang="en"]')
    assert link["href"] == english.url
    assert link["lang"] == "en"
    current = page.select_one(".language-switcher [aria-current]")
    assert current["lang"] == "fr"
    back = soup(client.get(english.url)).select_one('.language-switcher a[hreflang="fr"]')
    assert back["href"] == french.url


def test_switcher_falls_back_to_the_nearest_translated_ancestor(client):
    french = FichePage.objects.get(number="2.2", locale__language_code="fr")
    english = FichePage.objects.get(number="2.2", locale__language_code="en")
    english.unpublish()
    link = soup(client.get(french.url)).select_one('.language-switcher a[hreflang="en"]')
    assert link["href"] == english.get_parent().url
    # No hreflang alternate is announced for a translation that does not exist.
    alternates = {a["hreflang"] for a in soup(client.get(french.url)).select('link[rel="alternate"][hreflang]')}
    assert alternates == {"fr", "x-default"}


def test_hreflang_alternates_on_a_translated_page(client):
    french = FichePage.objects.get(number="3.1", locale__language_code="fr")
    english = FichePage.objects.get(number="3.1", locale__language_code="en")
    links = {a["hreflang"]: a["href"] for a in soup(client.get(english.url)).select('link[rel="alternate"][hreflang]')}
    assert links["fr"].endswith(french.url)
    assert links["en"].endswith(english.url)
    assert links["x-default"] == links["fr"]


def test_sitemap_lists_both_languages_with_alternates(client):
    body = client.get("/sitemap.xml").content.decode()
    english = FichePage.objects.get(number="4.2", locale__language_code="en")
    french = FichePage.objects.get(number="4.2", locale__language_code="fr")
    assert f"<loc>http://localhost{english.url}</loc>" in body
    assert f"<loc>http://localhost{french.url}</loc>" in body
    assert f'hreflang="en" href="http://localhost{english.url}"' in body


def test_french_edit_marks_english_out_of_date_then_sync_brings_it(client):
    french = FichePage.objects.get(number="1.3", locale__language_code="fr")
    english = FichePage.objects.get(number="1.3", locale__language_code="en")
    french.summary = "Un résumé revu par la rédaction."
    french.save_revision().publish()

    source = TranslationSource.objects.get_for_instance(french)
    source.update_from_db()
    translation = Translation.objects.get(source=source, target_locale=english.locale)
    untranslated = [entry.msgid for entry in translation.export_po() if not entry.msgstr and not entry.obsolete]
    assert untranslated == ["Un résumé revu par la rédaction."]

    po = translation.export_po()
    for entry in po:
        if entry.msgid == "Un résumé revu par la rédaction.":
            entry.msgstr = "A summary revised by the editors."
    translation.import_po(po)
    translation.save_target(publish=True)
    english.refresh_from_db()
    assert english.summary == "A summary revised by the editors."
    assert "A summary revised by the editors." in client.get(english.url).content.decode()
