"""Editors cannot put a page where it does not belong."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html, rich_text

from fiches.models import AxisPage, FicheIndexPage, FichePage
from home.models import HomePage, LegalPage, SitemapPage, StandardPage

pytestmark = pytest.mark.django_db


def test_a_fiche_can_only_live_under_an_axis():
    assert FichePage.can_create_at(AxisPage.objects.first())
    for parent in [HomePage.objects.first(), FicheIndexPage.objects.first(), StandardPage.objects.first()]:
        assert not FichePage.can_create_at(parent), parent
    assert FichePage.allowed_parent_page_models() == [AxisPage]


def test_axes_only_under_the_fiches_index_and_hold_only_fiches():
    assert AxisPage.allowed_parent_page_models() == [FicheIndexPage]
    assert AxisPage.allowed_subpage_models() == [FichePage]
    assert FicheIndexPage.allowed_subpage_models() == [AxisPage]
    assert LegalPage.allowed_subpage_models() == []
    assert SitemapPage.allowed_subpage_models() == []


def test_only_one_fiches_index_and_sitemap_per_home():
    home = HomePage.objects.first()
    assert not FicheIndexPage.can_create_at(home)
    assert not SitemapPage.can_create_at(home)
    assert StandardPage.can_create_at(home)


def test_home_page_only_at_the_root():
    assert HomePage.allowed_parent_page_models() == [Page]


def admin_client(client):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "motdepasse-solide-42")
    client.force_login(admin)
    return client


def add_fiche_form(client, axis):
    url = reverse("wagtailadmin_pages:add", args=["fiches", "fichepage", axis.pk])
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data["action-publish"] = "1"  # drafts may be incomplete; publishing checks everything
    return url, data


def test_fiche_number_must_match_its_axis(client):
    admin_client(client)
    axis = AxisPage.objects.get(number=2, locale__language_code="fr")
    url, data = add_fiche_form(client, axis)
    data.update(
        {
            "title": "Essai",
            "slug": "essai",
            "number": "3.9",
            "what_is_it": rich_text("<p>a</p>"),
            "what_for": rich_text("<p>b</p>"),
            "who_for": rich_text("<p>c</p>"),
            "how": rich_text("<p>d</p>"),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "doit commencer par « 2. »" in response.content.decode()
    assert not FichePage.objects.filter(slug="essai").exists()
    data["number"] = "2.9"
    response = client.post(url, data)
    assert response.status_code == 302
    assert FichePage.objects.get(slug="essai").get_parent().pk == axis.pk


def test_fiche_sections_are_required(client):
    admin_client(client)
    url, data = add_fiche_form(client, AxisPage.objects.get(number=1, locale__language_code="fr"))
    data.update({"title": "Sans texte", "slug": "sans-texte", "number": "1.9"})
    response = client.post(url, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert {"what_is_it", "what_for", "who_for", "how"} <= set(form.errors)
    assert "ne peut pas être vide" in str(form.errors["how"]) or "obligatoire" in str(form.errors["how"])
    assert not FichePage.objects.filter(slug="sans-texte").exists()
