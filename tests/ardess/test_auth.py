"""Front-end login, logout and password reset; the lockout; deactivated accounts; sessions."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core import mail
from freezegun import freeze_time

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, username, password=PASSWORD, next_url=None, **extra):
    data = {"username": username, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post("/connexion/", data, **extra)


def errors(response):
    soup = BeautifulSoup(response.content, "html.parser")
    summary = soup.select_one(".form-errors")
    return summary.get_text(" ", strip=True) if summary else ""


def test_login_page_is_in_french_and_in_the_sites_design(client):
    response = client.get("/connexion/?next=/ardess/espace-participants/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "fr"
    assert soup.select_one("header.site-header") and soup.select_one("footer.site-footer")
    assert soup.h1.get_text(strip=True) == "Connexion à l’espace participants"
    assert soup.find("label", attrs={"for": "id_username"}).get_text(strip=True) == "Identifiant"
    assert soup.find("label", attrs={"for": "id_password"}).get_text(strip=True) == "Mot de passe"
    assert soup.find("input", attrs={"name": "next"})["value"] == "/ardess/espace-participants/"
    assert soup.find("a", string="Mot de passe oublié ?")["href"] == "/mot-de-passe/oublie/"
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_login_then_private_page_then_logout(client, participant, space):
    response = client.get(space.url)
    assert response.status_code == 302
    response = login(client, "participant", next_url=space.url)
    assert response.status_code == 302 and response["Location"] == space.url
    assert client.get(space.url).status_code == 200

    assert client.get("/deconnexion/").status_code == 405  # logging out takes a POST (a button)
    response = client.post("/deconnexion/")
    assert response.status_code == 200
    assert "Vous êtes déconnecté(e)" in response.content.decode()
    assert SESSION_KEY not in client.session
    assert client.get(space.url).status_code == 302


def test_login_without_next_lands_in_the_space(client, participant, space):
    response = login(client, "participant")
    assert response["Location"] == "/espace-participants/"
    assert client.get("/espace-participants/")["Location"] == space.url


def test_login_refuses_an_outside_next(client, participant):
    response = login(client, "participant", next_url="https://example.com/")
    assert response["Location"] == "/espace-participants/"


def test_wrong_password_gives_a_clear_french_error(client, participant):
    response = login(client, "participant", "pas-le-bon")
    assert response.status_code == 200
    assert "Identifiant ou mot de passe incorrect" in errors(response)
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.title.get_text().startswith("Erreur : ")
    assert SESSION_KEY not in client.session


def test_deactivated_account_cannot_log_in(client, former_participant):
    response = login(client, "ancien-participant")
    assert response.status_code == 200
    assert "Identifiant ou mot de passe incorrect" in errors(response)
    assert SESSION_KEY not in client.session


def test_lockout_after_repeated_failures(client, participant, space):
    limit = settings.LOGIN_FAILURE_LIMIT
    assert limit == 5
    with freeze_time(datetime.datetime.now(datetime.UTC)) as clock:
        for _ in range(limit - 1):
            response = login(client, "participant", "pas-le-bon")
            assert response.status_code == 200
            assert "Identifiant ou mot de passe incorrect" in errors(response)
        response = login(client, "participant", "pas-le-bon")
        assert response.status_code == 429
        assert "Trop de tentatives de connexion ont échoué pour cet identifiant" in errors(response)
        assert "bloquée pendant 15 minutes" in errors(response)

        # The right password is refused too, while the lock lasts…
        response = login(client, "participant", next_url=space.url)
        assert response.status_code == 429
        assert SESSION_KEY not in client.session
        # … on the admin's login form as well (the backend refuses, whatever the form).
        response = client.post("/admin/login/", {"username": "participant", "password": PASSWORD})
        assert SESSION_KEY not in client.session
        assert "Trop de tentatives de connexion ont échoué" in response.content.decode()
        # Another address is not locked out by this one's failures.
        response = login(client, "participant", next_url=space.url, REMOTE_ADDR="192.0.2.8")
        assert response.status_code == 302
        client.post("/deconnexion/")

        clock.tick(datetime.timedelta(seconds=settings.LOGIN_LOCKOUT_SECONDS - 60))
        response = login(client, "participant")
        assert response.status_code == 429
        assert "bloquée pendant 1 minute " in errors(response)

        clock.tick(datetime.timedelta(seconds=61))
        response = login(client, "participant", next_url=space.url)
        assert response.status_code == 302 and response["Location"] == space.url


def test_behind_a_proxy_the_lockout_counts_per_client_address(client, participant, space, settings):
    """With ``CLIENT_IP_HEADER`` set, every request comes from the proxy's address: the
    failures of one client must not lock the account for the others."""
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        response = login(client, "participant", "pas-le-bon", HTTP_X_REAL_IP="198.51.100.7", **proxy)
    assert response.status_code == 429
    response = login(client, "participant", next_url=space.url, HTTP_X_REAL_IP="198.51.100.7", **proxy)
    assert response.status_code == 429
    response = login(client, "participant", next_url=space.url, HTTP_X_REAL_IP="203.0.113.9", **proxy)
    assert response.status_code == 302 and response["Location"] == space.url


def test_failures_outside_the_window_do_not_add_up(client, participant):
    with freeze_time(datetime.datetime.now(datetime.UTC)) as clock:
        for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
            login(client, "participant", "pas-le-bon")
        clock.tick(datetime.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW + 1))
        response = login(client, "participant", "pas-le-bon")
        assert response.status_code == 200  # a new window: one failure, not five


def test_a_successful_login_forgets_earlier_failures(client, participant):
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        login(client, "participant", "pas-le-bon")
    assert login(client, "participant").status_code == 302
    client.post("/deconnexion/")
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        assert login(client, "participant", "pas-le-bon").status_code == 200


def reset_link(message):
    match = re.search(r"http://localhost(/mot-de-passe/nouveau/[^/\s]+/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_password_reset_by_email(client, participant, space):
    page = client.get("/mot-de-passe/oublie/")
    assert page.status_code == 200
    assert "Mot de passe oublié" in page.content.decode()

    response = client.post("/mot-de-passe/oublie/", {"email": "participant@example.org"})
    assert response.status_code == 302 and response["Location"] == "/mot-de-passe/oublie/envoye/"
    assert "Vérifiez votre messagerie" in client.get(response["Location"]).content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Réinitialisation de votre mot de passe – PREDESS Bourgogne"
    assert message.to == ["participant@example.org"]
    assert "« participant »" in message.body

    response = client.get(reset_link(message))
    assert response.status_code == 302  # Django hides the token from the address bar
    form_url = response["Location"]
    page = client.get(form_url)
    assert "Choisir un nouveau mot de passe" in page.content.decode()

    too_short = client.post(form_url, {"new_password1": "court", "new_password2": "court"})
    assert too_short.status_code == 200
    assert "Ce mot de passe est trop court" in errors(too_short)

    new_password = "un-nouveau-mot-de-passe-2026"
    response = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert response["Location"] == "/mot-de-passe/modifie/"
    assert "Mot de passe enregistré" in client.get("/mot-de-passe/modifie/").content.decode()

    assert "Lien non valable" in client.get(form_url).content.decode()  # used once only
    assert login(client, "participant").status_code == 200  # the old password no longer works
    assert login(client, "participant", new_password, next_url=space.url)["Location"] == space.url


def test_password_reset_for_an_unknown_or_deactivated_address_sends_nothing(client, former_participant):
    for email in ("personne@example.org", "ancien-participant@example.org"):
        response = client.post("/mot-de-passe/oublie/", {"email": email})
        assert response["Location"] == "/mot-de-passe/oublie/envoye/"  # the same answer for all
    assert mail.outbox == []


def test_password_reset_requests_are_limited(client, participant):
    for _ in range(settings.PASSWORD_RESET_REQUEST_LIMIT):
        assert client.post("/mot-de-passe/oublie/", {"email": "participant@example.org"}).status_code == 302
    response = client.post("/mot-de-passe/oublie/", {"email": "participant@example.org"})
    assert response.status_code == 429
    assert "Trop de demandes de réinitialisation" in errors(response)
    assert len(mail.outbox) == settings.PASSWORD_RESET_REQUEST_LIMIT


def test_a_new_password_lifts_the_lockout(client, participant):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        login(client, "participant", "pas-le-bon")
    assert login(client, "participant").status_code == 429
    client.post("/mot-de-passe/oublie/", {"email": "participant@example.org"})
    form_url = client.get(reset_link(mail.outbox[0]))["Location"]
    new_password = "un-nouveau-mot-de-passe-2026"
    client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert login(client, "participant", new_password).status_code == 302


def test_sessions_end_with_the_browser_and_after_inactivity(client, participant, space):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_AGE == 4 * 3600
    with freeze_time(datetime.datetime.now(datetime.UTC)) as clock:
        response = login(client, "participant")
        cookie = response.cookies[settings.SESSION_COOKIE_NAME]
        assert not cookie["expires"] and not cookie["max-age"]  # a browser-session cookie
        assert cookie["httponly"]
        clock.tick(datetime.timedelta(hours=3))
        assert client.get(space.url).status_code == 200  # activity renews the session
        clock.tick(datetime.timedelta(hours=3))
        assert client.get(space.url).status_code == 200
        clock.tick(datetime.timedelta(hours=4, minutes=1))
        expire_in_redis(client.cookies[settings.SESSION_COOKIE_NAME].value)
        assert client.get(space.url).status_code == 302  # inactive too long: logged out


def expire_in_redis(session_key):
    """With Redis (``REDIS_URL``), sessions are cached there and Redis expires them on its
    own clock, which freezegun cannot move: check that Redis would have dropped the entry
    by now (its time to live is at most the inactivity limit), then drop it as Redis would.
    Without Redis the local-memory cache reads the frozen clock and nothing is needed."""
    from django.contrib.sessions.backends.cached_db import KEY_PREFIX
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    cache = caches[settings.SESSION_CACHE_ALIAS]
    if not isinstance(cache, RedisCache):
        return
    key = cache.make_and_validate_key(KEY_PREFIX + session_key)
    ttl = cache._cache.get_client(key).ttl(key)
    assert 0 < ttl <= settings.SESSION_COOKIE_AGE
    cache.delete(KEY_PREFIX + session_key)


def test_the_login_page_in_english(client):
    response = client.get("/en/login/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "en"
    assert soup.h1.get_text(strip=True) == "Log in to the participants’ area"
    assert soup.find("a", string="Forgotten password?")["href"] == "/en/password/forgotten/"
