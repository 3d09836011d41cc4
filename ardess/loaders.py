"""Loader step of ``load_predess`` for the ARDESS: pages, privacy and the document collection.

Idempotent like the other steps. The privacy settings are re-asserted on every run: the
space page and the "ARDESS" collection are always restricted to Participants ARDESS (and
Communication, who writes the pages and uploads the documents); groups an administrator
added to a restriction are kept.
"""

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction, PageViewRestriction

from home.content import ContentError, content_path, read_yaml, to_html, upsert_page
from home.roles import ARDESS_PARTICIPANTS, COMMUNICATION

from .access import ARDESS_COLLECTION
from .models import ArdessIndexPage, ArdessSpacePage, ArdessWorkshopPage

# Who may read the private space and its documents.
READER_GROUPS = [ARDESS_PARTICIPANTS, COMMUNICATION]


def _require(data, *keys, where="content/fr/ardess.yaml"):
    for key in keys:
        if not data.get(key):
            raise ContentError(f"{where} : « {key} » manque.")


def reader_groups():
    return [Group.objects.get_or_create(name=name)[0] for name in READER_GROUPS]


def restrict_page(page, groups):
    restriction, _ = PageViewRestriction.objects.get_or_create(page=page, restriction_type=BaseViewRestriction.GROUPS)
    restriction.groups.add(*groups)
    # Any other kind of restriction (password, any logged-in user) would be weaker.
    PageViewRestriction.objects.filter(page=page).exclude(pk=restriction.pk).delete()
    return restriction


def ardess_collection(groups):
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=ARDESS_COLLECTION).first()
    if collection is None:
        collection = root.add_child(name=ARDESS_COLLECTION)
    restriction, _ = CollectionViewRestriction.objects.get_or_create(
        collection=collection, restriction_type=BaseViewRestriction.GROUPS
    )
    restriction.groups.add(*groups)
    CollectionViewRestriction.objects.filter(collection=collection).exclude(pk=restriction.pk).delete()
    return collection


@transaction.atomic
def load_ardess(loader):
    data = read_yaml(content_path("fr", "ardess.yaml"))
    _require(data, "index", "space", "themes")
    index_data, space_data, themes = data["index"], data["space"], data["themes"]
    _require(index_data, "title", "slug", "intro")
    _require(space_data, "title", "slug")
    for theme in themes:
        _require(theme, "slug", "title", where="content/fr/ardess.yaml (themes)")

    fiche = loader.fiches.get(str(index_data.get("fiche", "")))
    index = upsert_page(
        loader.home,
        ArdessIndexPage,
        index_data["slug"],
        {
            "title": index_data["title"],
            "summary": index_data.get("summary", ""),
            "intro": to_html(index_data["intro"]),
            "how": to_html(index_data.get("how", "")),
            "themes": [
                {"type": "theme", "value": {"title": t["title"], "description": t.get("description", "")}}
                for t in themes
            ],
            "fiche": fiche,
            "show_in_menus": True,
        },
        report=loader.report,
        force=loader.force,
    )
    groups = reader_groups()
    space = upsert_page(
        index,
        ArdessSpacePage,
        space_data["slug"],
        {
            "title": space_data["title"],
            "summary": space_data.get("summary", ""),
            "intro": to_html(space_data.get("intro", "")),
        },
        report=loader.report,
        force=loader.force,
    )
    # Restricted as soon as it exists (same transaction): never public, not even briefly.
    restrict_page(space, groups)
    for theme in themes:
        upsert_page(
            space,
            ArdessWorkshopPage,
            theme["slug"],
            {"title": theme["title"], "summary": theme.get("summary", "")},
            report=loader.report,
            force=loader.force,
        )
    ardess_collection(groups)
