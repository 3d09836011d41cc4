"""Loader step of ``load_predess`` for the concours: the index page and the current
edition from ``content/fr/concours.yaml``; with ``--demo``, a past edition whose
laureates are fictitious and marked as examples. ``content/en/concours.yaml``, written
with the same structure, gives their English translations."""

from django.db import transaction

from home.content import ContentError, content_path, read_yaml, to_html, upsert_page
from home.loaders import translate_from_file

from .choices import Category
from .models import ConcoursEditionPage, ConcoursIndexPage, EditionCategory, Laureate

CONTENT_FILE = "concours.yaml"
REQUIRED = ("year", "title", "applications_open", "applications_close")


def read_content(language):
    return read_yaml(content_path(language, CONTENT_FILE))


def index_fields(language):
    data = read_content(language)["index"]
    return {
        "title": data["title"],
        "slug": data["slug"],
        "summary": data.get("summary", ""),
        "intro": to_html(data.get("intro", "")),
    }


def _shared_fields(data):
    """Criteria, categories, prizes and rules: the same for every edition the loader makes."""
    categories = data.get("categories") or []
    for item in categories:
        if item.get("category") not in Category.values:
            raise ContentError(
                f"{CONTENT_FILE} : catégorie inconnue « {item.get('category')} » "
                f"(attendu : {', '.join(Category.values)})."
            )
    return {
        "criteria": [
            {"type": "criterion", "value": {"title": item["title"], "description": item.get("description") or ""}}
            for item in data.get("criteria") or []
        ],
        "prizes": [
            {
                "type": "prize",
                "value": {
                    "title": item["title"],
                    "category": item.get("category") or "",
                    "amount": item.get("amount"),
                    "description": item.get("description") or "",
                },
            }
            for item in data.get("prizes") or []
        ],
        "rules": to_html(data.get("rules", "")),
        "edition_categories": [
            EditionCategory(category=item["category"], description=item.get("description") or "") for item in categories
        ],
    }


def edition_fields(language, key):
    """The fields of the edition ``key`` ("current_edition" or "demo_edition")."""
    data = read_content(language)
    edition = data[key]
    for name in REQUIRED:
        if not edition.get(name):
            raise ContentError(f"content/{language}/{CONTENT_FILE} : « {name} » manque dans « {key} ».")
    return {
        "title": edition["title"],
        "slug": str(edition["year"]),
        "year": int(edition["year"]),
        "summary": edition.get("summary", ""),
        "intro": to_html(edition.get("intro", "")),
        "applications_open": edition["applications_open"],
        "applications_close": edition["applications_close"],
        "jury_date": edition.get("jury_date"),
        "ceremony_date": edition.get("ceremony_date"),
        **_shared_fields(data),
        "laureates": [
            Laureate(
                structure_name=item["structure_name"],
                project_title=item["project_title"],
                category=item["category"],
                prize=item["prize"],
                departement=str(item.get("departement") or ""),
                description=item.get("description") or "",
            )
            for item in edition.get("laureates") or []
        ],
    }


def load_concours(loader):
    with transaction.atomic():
        fields = index_fields("fr")
        index = upsert_page(
            loader.home,
            ConcoursIndexPage,
            fields.pop("slug"),
            {**fields, "show_in_menus": True},
            report=loader.report,
            force=loader.force,
        )
        keys = ["current_edition", "demo_edition"] if loader.demo else ["current_edition"]
        editions = []
        for key in keys:
            fields = edition_fields("fr", key)
            page = upsert_page(
                index, ConcoursEditionPage, fields.pop("slug"), fields, report=loader.report, force=loader.force
            )
            editions.append((key, page))
    # Translations outside the transaction (see home.translation).
    translate_from_file(loader, index, ConcoursIndexPage, index_fields, CONTENT_FILE)
    for key, page in editions:
        translate_from_file(
            loader, page, ConcoursEditionPage, lambda language, k=key: edition_fields(language, k), CONTENT_FILE
        )
    return index
