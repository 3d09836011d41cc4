"""Loader step of ``load_predess`` for the concours: the index page and the current
edition from ``content/fr/concours.yaml``; with ``--demo``, a past edition whose
laureates are fictitious and marked as examples."""

from django.db import transaction

from home.content import ContentError, content_path, read_yaml, to_html, upsert_page

from .choices import Category
from .models import ConcoursEditionPage, ConcoursIndexPage, EditionCategory, Laureate

CONTENT_FILE = "concours.yaml"
REQUIRED_DATES = ("applications_open", "applications_close")


def _shared_fields(data):
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


def _edition_fields(edition, shared):
    for key in ("year", "title", *REQUIRED_DATES):
        if not edition.get(key):
            raise ContentError(f"{CONTENT_FILE} : « {key} » manque pour l’édition {edition.get('year', '?')}.")
    return {
        "title": edition["title"],
        "year": int(edition["year"]),
        "summary": edition.get("summary", ""),
        "intro": to_html(edition.get("intro", "")),
        "applications_open": edition["applications_open"],
        "applications_close": edition["applications_close"],
        "jury_date": edition.get("jury_date"),
        "ceremony_date": edition.get("ceremony_date"),
        **shared,
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


@transaction.atomic
def load_concours(loader):
    data = read_yaml(content_path("fr", CONTENT_FILE))
    index_data = data["index"]
    index = upsert_page(
        loader.home,
        ConcoursIndexPage,
        index_data["slug"],
        {
            "title": index_data["title"],
            "summary": index_data.get("summary", ""),
            "intro": to_html(index_data.get("intro", "")),
            "show_in_menus": True,
        },
        report=loader.report,
        force=loader.force,
    )
    editions = [data["current_edition"]]
    if loader.demo:
        editions.append(data["demo_edition"])
    for edition in editions:
        upsert_page(
            index,
            ConcoursEditionPage,
            str(edition["year"]),
            _edition_fields(edition, _shared_fields(data)),
            report=loader.report,
            force=loader.force,
        )
    return index
