"""Anonymous pages are served from the cache; nothing personal, secret or stale ever is."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from fiches.models import Audience, AxisPage, FicheIndexPage, FichePage
from home.models import LegalPage
from home.roles import ARDESS_PARTICIPANTS
from pagecache import generation
from pagecache.middleware import cache_key

from .conftest import cache_state

pytestmark = pytest.mark.django_db


def fiche(number="1.1"):
    return FichePage.objects.get(number=number, locale__language_code="fr")


def test_second_anonymous_request_is_a_hit_with_the_same_page(client, page_cache):
    first = client.get("/")
    second = client.get("/")
    assert (cache_state(first), cache_state(second)) == ("miss", "hit")
    assert second.content == first.content
    for header in ("Content-Type", "Content-Language", "X-Frame-Options", "Content-Security-Policy"):
        assert second[header] == first[header], header


def test_a_hit_costs_at_most_one_query(client, page_cache, monkeypatch):
    client.get("/fiches/")
    reads = []
    read_database = generation._read_database

    def counted():
        reads.append(True)
        return read_database()

    monkeypatch.setattr(generation, "_read_database", counted)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/fiches/")
    assert cache_state(response) == "hit"
    # The generation number: one query by primary key on the driver's cursor (not
    # through Django's, hence not in ``queries``), or none when it lives in Redis.
    assert len(queries) == 0
    assert len(reads) == (1 if generation.store() == "database" else 0)


def test_languages_hosts_and_encodings_are_cached_apart(client, page_cache):
    french = client.get("/")
    english = client.get("/en/")
    assert cache_state(english) == "miss"
    assert english["Content-Language"] == "en" and french["Content-Language"] == "fr"
    gzipped = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    assert cache_state(gzipped) == "miss"
    assert gzipped["Content-Encoding"] == "gzip"
    assert cache_state(client.get("/", HTTP_ACCEPT_ENCODING="gzip, br")) == "hit"
    assert cache_state(client.get("/", HTTP_HOST="127.0.0.1")) == "miss"
    assert cache_state(client.get("/?page=2")) == "miss"


def test_publishing_a_fiche_shows_at_once_wherever_it_is_listed(client, page_cache):
    existing = fiche()
    axis = AxisPage.objects.get(number=1, locale__language_code="fr")
    urls = ["/fiches/", axis.url, existing.url]
    for url in urls:
        client.get(url)
        assert cache_state(client.get(url)) == "hit", url

    new = FichePage(
        title="Fiche toute neuve sur les monnaies locales",
        slug="fiche-toute-neuve",
        number="1.9",
        summary="Une nouvelle fiche.",
        what_is_it="<p>a</p>",
        what_for="<p>b</p>",
        who_for="<p>c</p>",
        how="<p>d</p>",
        live=False,
    )
    axis.add_child(instance=new)
    new.save_revision().publish()
    for url in ["/fiches/", axis.url]:
        response = client.get(url)
        assert cache_state(response) == "miss", url
        assert "Fiche toute neuve sur les monnaies locales" in response.content.decode(), url


def test_editing_a_title_updates_the_pages_that_list_it(client, page_cache):
    page = fiche()
    axis_url = page.get_parent().url
    assert page.title in client.get(axis_url).content.decode()
    page.title = "Titre corrigé par la rédaction"
    page.save_revision().publish()
    html = client.get(axis_url).content.decode()
    assert "Titre corrigé par la rédaction" in html
    assert "Titre corrigé par la rédaction" in client.get("/fiches/").content.decode()


def test_unpublishing_and_moving_invalidate(client, page_cache):
    page = fiche("1.2")
    index_url = "/fiches/"
    assert page.title in client.get(index_url).content.decode()
    page.unpublish()
    assert page.title not in client.get(index_url).content.decode()
    assert client.get(page.url).status_code == 404

    other = fiche("2.1")
    other_axis = other.get_parent()
    client.get(other_axis.url)
    page.save_revision().publish()
    page.refresh_from_db()
    page.move(other_axis, pos="last-child")
    assert page.title in client.get(other_axis.url).content.decode()


def test_a_draft_changes_nothing_until_published(client, page_cache):
    page = fiche()
    client.get(page.url)
    before = generation.current()
    page.title = "Un brouillon"
    page.save_revision()
    assert generation.current() == before
    response = client.get(page.url)
    assert cache_state(response) == "hit"
    assert "Un brouillon" not in response.content.decode()


@pytest.mark.parametrize(
    "change",
    ["vocabulary", "view_restriction", "deletion", "locale_page_move"],
)
def test_other_content_changes_bump_the_generation(change, page_cache):
    before = generation.current()
    if change == "vocabulary":
        audience = Audience.objects.filter(locale__language_code="fr").first()
        audience.label = "Nouveau libellé"
        audience.save()
    elif change == "view_restriction":
        page = LegalPage.objects.filter(locale__language_code="fr").first()
        restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
        restriction.groups.add(Group.objects.get(name=ARDESS_PARTICIPANTS))
    elif change == "deletion":
        fiche("4.2").delete()
    else:
        page = fiche("1.1")
        page.move(page.get_parent(), pos="last-child")
    assert generation.current() > before


def test_a_bump_by_another_process_is_seen_at_once(client, page_cache):
    """Another gunicorn worker changes the generation where it is stored; this one sees it."""
    client.get("/")
    assert cache_state(client.get("/")) == "hit"
    if generation.store() == "database":
        with connection.cursor() as cursor:
            cursor.execute("UPDATE pagecache_contentgeneration SET value = value + 1 WHERE id = 1")
    else:
        generation.page_cache().incr(generation.GENERATION_KEY)
    assert cache_state(client.get("/")) == "miss"


def test_logged_in_visitors_are_never_served_nor_stored(client, page_cache):
    client.get("/")
    user = get_user_model().objects.create_user("lectrice", "l@example.org", "motdepasse-solide-42")
    client.force_login(user)
    response = client.get("/")
    assert cache_state(response) is None
    response = client.get("/recherche/?q=emploi")
    assert cache_state(response) is None
    client.logout()
    assert cache_state(client.get("/fiches/")) == "miss"  # anonymous again: stored
    assert cache_state(client.get("/recherche/?q=emploi")) is None  # searches never are


def test_session_and_messages_cookies_bypass_the_cache(client, page_cache):
    client.get("/")
    client.cookies["sessionid"] = "pas-une-vraie-session"
    assert cache_state(client.get("/")) is None
    del client.cookies["sessionid"]
    client.cookies["messages"] = "x"
    assert cache_state(client.get("/")) is None


def test_forms_with_a_csrf_token_are_never_cached(client, page_cache):
    for url in ["/connexion/", "/mot-de-passe/oublie/", "/admin/login/"]:
        for _ in range(2):
            response = client.get(url)
            assert response.status_code == 200, url
            assert cache_state(response) is None, url
            assert b"csrfmiddlewaretoken" in response.content
        client.cookies.clear()


def test_private_pages_are_never_cached(client, page_cache):
    private = Page.objects.get(slug="espace-participants", locale__language_code="fr")
    for _ in range(2):
        response = client.get(private.url)
        assert response.status_code == 302
        assert cache_state(response) is None
    participant = get_user_model().objects.create_user("participante", "p@example.org", "motdepasse-solide-42")
    participant.groups.add(Group.objects.get(name=ARDESS_PARTICIPANTS))
    client.force_login(participant)
    response = client.get(private.url)
    assert response.status_code == 200 and cache_state(response) is None
    client.logout()
    client.cookies.clear()
    assert client.get(private.url).status_code == 302


def test_private_pages_stay_out_of_cached_search_results(client, page_cache):
    participant = get_user_model().objects.create_user("participante", "p@example.org", "motdepasse-solide-42")
    participant.groups.add(Group.objects.get(name=ARDESS_PARTICIPANTS))
    client.force_login(participant)
    url = "/recherche/?q=finances+solidaires"
    seen_by_participant = client.get(url).content.decode()
    client.logout()
    client.cookies.clear()
    anonymous = client.get(url)
    # Search results vary with who asks (Vary: Cookie) and each search is counted for the
    # admin's report: they are computed every time, never stored.
    assert cache_state(anonymous) is None
    assert cache_state(client.get(url)) is None
    assert "no-cache" in anonymous["Cache-Control"]
    space = Page.objects.get(slug="espace-participants", locale__language_code="fr")
    private_urls = [p.url for p in Page.objects.descendant_of(space)]
    assert any(f'href="{u}"' in seen_by_participant for u in private_urls)
    assert not any(f'href="{u}"' in anonymous.content.decode() for u in private_urls)


def test_every_search_is_counted_even_when_the_page_cache_is_on(client, page_cache):
    from wagtail.contrib.search_promotions.models import Query

    url = "/recherche/?q=cooperative+d+activites"
    for _ in range(3):
        assert cache_state(client.get(url)) is None
    query = Query.objects.get(query_string="cooperative d activites")
    assert sum(query.daily_hits.values_list("hits", flat=True)) == 3


def test_previews_admin_and_documents_are_excluded(rf, page_cache):
    for path in ["/admin/pages/3/edit/preview/", "/admin/", "/documents/1/x.pdf", "/healthz"]:
        request = rf.get(path)
        from pagecache.middleware import request_is_cacheable

        assert not request_is_cacheable(request), path
    assert cache_key(rf.get("/", HTTP_HOST="evil.example.org")) is None


def test_errors_and_redirects_are_not_cached(client, page_cache):
    assert cache_state(client.get("/nexiste-pas/")) is None
    assert cache_state(client.get("/fiches")) is None  # APPEND_SLASH redirect


def test_post_is_never_served_from_the_cache(client, page_cache):
    client.get("/recherche/?q=emploi")
    response = client.post("/recherche/?q=emploi")
    assert cache_state(response) is None


def test_cdn_header_only_when_configured(client, page_cache, settings):
    assert "s-maxage" not in client.get("/").get("Cache-Control", "")
    settings.PAGE_CACHE_SHARED_MAX_AGE = 60
    generation.bump()
    assert "s-maxage=60" in client.get("/").get("Cache-Control", "")


def test_management_command_bumps(page_cache):
    from django.core.management import call_command

    before = generation.current()
    call_command("clear_page_cache", verbosity=0)
    assert generation.current() > before


def test_fiche_index_filter_is_cached_per_query_string(client, page_cache):
    audience = Audience.objects.filter(locale__language_code="fr").first()
    url = f"/fiches/?pour-qui={audience.slug}"
    assert cache_state(client.get(url)) == "miss"
    assert cache_state(client.get(url)) == "hit"
    assert FicheIndexPage.objects.exists()


# --- Content of the other apps: the pages that list it are updated at once -------------


def live_partner(name, fiches=()):
    from wagtail.models import Locale

    from partners.models import Partner

    partner = Partner(name=name, locale=Locale.objects.get(language_code="fr"), live=False)
    partner.set_offers(["financement"])
    partner.set_departements(["21"])
    partner.fiches = list(fiches)
    partner.save()
    partner.save_revision().publish()
    partner.refresh_from_db()
    return partner


def test_a_new_partner_appears_in_the_directory_and_on_the_fiche_it_cites(client, page_cache):
    pytest.importorskip("partners.models")
    from partners.models import PartnerDirectoryPage

    directory = PartnerDirectoryPage.objects.get(locale__language_code="fr")
    cited = fiche("1.1")
    urls = [directory.url, f"{directory.url}?departement=21&offer=financement", cited.url]
    for url in urls:
        client.get(url)
        assert cache_state(client.get(url)) == "hit", url
    partner = live_partner("Coopérative toute neuve du Morvan", fiches=[cited])
    for url in urls:
        response = client.get(url)
        assert cache_state(response) == "miss", url
        assert "Coopérative toute neuve du Morvan" in response.content.decode(), url

    page_url = partner.get_url()
    client.get(page_url)
    partner.name = "Coopérative renommée du Morvan"
    partner.save_revision().publish()
    for url in [*urls, page_url]:
        html = client.get(url).content.decode()
        assert "Coopérative renommée du Morvan" in html, url
    partner.unpublish()
    assert "Coopérative renommée du Morvan" not in client.get(directory.url).content.decode()
    assert client.get(page_url).status_code == 404


def test_a_partner_draft_changes_nothing(page_cache):
    pytest.importorskip("partners.models")
    partner = live_partner("Association au brouillon")
    before = generation.current()
    partner.name = "Nom en cours de rédaction"
    partner.save_revision()
    assert generation.current() == before


@pytest.fixture
def memo_only(settings, page_cache):
    """Pages rendered every time (page cache off), the repeated parts kept per generation."""
    settings.PAGE_CACHE_SECONDS = 0
    return page_cache


def test_without_the_page_cache_the_memo_follows_every_change(client, memo_only):
    section = FicheIndexPage.objects.get(locale__language_code="fr")
    client.get("/")
    with CaptureQueriesContext(connection) as first:
        response = client.get("/mentions-legales/")
    assert cache_state(response) is None  # rendered, not stored
    with CaptureQueriesContext(connection) as second:
        client.get("/mentions-legales/")
    assert len(second) <= len(first)
    # A menu entry renamed: every page's navigation shows it at once.
    section.title = "Les fiches du plan, revues"
    section.save_revision().publish()
    assert "Les fiches du plan, revues" in client.get("/mentions-legales/").content.decode()
    # A section made private leaves the menu at once.
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    nav = client.get("/mentions-legales/").content.decode()
    assert "Les fiches du plan, revues" not in nav
