"""Staff edit a fiche in the Wagtail admin, as a person would."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from fiches.models import FichePage
from home.roles import ARDESS_PARTICIPANTS, COMMUNICATION, EVENT_PARTNERS

pytestmark = pytest.mark.django_db


def make_user(username, group=None, **extra):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "motdepasse-solide-42", **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def edit_title(client, page, new_title, action="action-publish"):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data["title"] = new_title
    data[action] = "1"
    return client.post(url, data)


def test_superuser_edits_and_publishes_a_fiche(client):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "motdepasse-solide-42")
    client.force_login(admin)
    fiche = FichePage.objects.get(number="2.1", locale__language_code="fr")
    response = edit_title(client, fiche, "Les ARDESS, ateliers régionaux")
    assert response.status_code == 302
    fiche.refresh_from_db()
    assert fiche.title == "Les ARDESS, ateliers régionaux"
    assert "Les ARDESS, ateliers régionaux" in client.get(fiche.url).content.decode()


def test_communication_staff_can_edit_and_publish(client):
    client.force_login(make_user("com", COMMUNICATION))
    fiche = FichePage.objects.get(number="3.1", locale__language_code="fr")
    response = edit_title(client, fiche, "Relais locaux de l’ESS")
    assert response.status_code == 302
    fiche.refresh_from_db()
    assert fiche.live and fiche.title == "Relais locaux de l’ESS"


def test_event_partner_cannot_edit_a_fiche(client):
    client.force_login(make_user("partenaire", EVENT_PARTNERS))
    fiche = FichePage.objects.get(number="3.1", locale__language_code="fr")
    response = client.get(reverse("wagtailadmin_pages:edit", args=[fiche.pk]))
    assert response.status_code in (302, 403)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200  # but reaches the admin


def test_ardess_participant_and_anonymous_have_no_admin(client):
    assert client.get(reverse("wagtailadmin_home")).status_code == 302
    client.force_login(make_user("participant", ARDESS_PARTICIPANTS))
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert "/login/" in response["Location"] or "/admin/" in response["Location"]


def test_the_groups_exist_with_their_permissions():
    communication = Group.objects.get(name=COMMUNICATION)
    codenames = set(communication.permissions.values_list("codename", flat=True))
    assert {"access_admin", "change_audience"} <= codenames
    page_perms = set(communication.page_permissions.values_list("permission__codename", flat=True))
    assert {"add_page", "change_page", "publish_page"} <= page_perms
    partners = Group.objects.get(name=EVENT_PARTNERS)
    assert set(partners.permissions.values_list("codename", flat=True)) == {"access_admin"}
    assert not partners.page_permissions.filter(permission__codename="publish_page").exists()
    participants = Group.objects.get(name=ARDESS_PARTICIPANTS)
    assert not participants.permissions.exists()
