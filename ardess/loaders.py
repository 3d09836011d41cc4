"""Loader step of ``load_predess`` for the ARDESS: pages, privacy and the document collection.

Idempotent like the other steps. The public page is translated into English from
``content/en/ardess.yaml``; the participants' space and its workshops stay in French.
The privacy settings are re-asserted on every run: every participants' space page (in any
locale) and the "ARDESS" collection are restricted to Participants ARDESS and
Communication (who writes the pages and uploads the documents); groups an administrator
added to a restriction are kept, weaker restrictions are removed.
"""

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction, PageViewRestriction

from home.content import ContentError, content_path, read_yaml, to_html, upsert_page
from home.loaders import translate_from_file
from home.roles import ARDESS_PARTICIPANTS, COMMUNICATION

from .access import ARDESS_COLLECTION
from .models import ArdessIndexPage, ArdessSpacePage, ArdessWorkshopPage

# Who may read the private space and its documents.
READER_GROUPS = [ARDESS_PARTICIPANTS, COMMUNICATION]


def _read(language):
    path = f"content/{language}/ardess.yaml"
    data = read_yaml(content_path(language, "ardess.yaml"))
    for key in ("index", "themes"):
        if not data.get(key):
            raise ContentError(f"{path} : « {key} » manque.")
    for key in ("title", "slug", "intro"):
        if not data["index"].get(key):
            raise ContentError(f"{path} : « index.{key} » manque.")
    for theme in data["themes"]:
        if not theme.get("slug") or not theme.get("title"):
            raise ContentError(f"{path} : chaque thème a un « slug » et un « title ».")
    return data


def index_fields(language):
    """The public page's fields from ``content/<language>/ardess.yaml``."""
    data = _read(language)
    index = data["index"]
    return {
        "title": index["title"],
        "slug": index["slug"],
        "summary": index.get("summary", ""),
        "intro": to_html(index["intro"]),
        "how": to_html(index.get("how", "")),
        "themes": [
            {"type": "theme", "value": {"title": t["title"], "description": t.get("description", "")}}
            for t in data["themes"]
        ],
    }


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


def load_ardess(loader):
    data = _read("fr")
    space_data = data.get("space") or {}
    if not space_data.get("title") or not space_data.get("slug"):
        raise ContentError("content/fr/ardess.yaml : « space.title » et « space.slug » sont obligatoires.")
    fields = index_fields("fr")
    fiche = loader.fiches.get(str(data["index"].get("fiche", "")))

    # One transaction: the space is never visible before its restriction exists.
    with transaction.atomic():
        groups = reader_groups()
        index = upsert_page(
            loader.home,
            ArdessIndexPage,
            fields.pop("slug"),
            {**fields, "fiche": fiche, "show_in_menus": True},
            report=loader.report,
            force=loader.force,
        )
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
        restrict_page(space, groups)
        for theme in data["themes"]:
            upsert_page(
                space,
                ArdessWorkshopPage,
                theme["slug"],
                {"title": theme["title"], "summary": theme.get("summary", "")},
                report=loader.report,
                force=loader.force,
            )
        ardess_collection(groups)

    # Outside the transaction (see home.translation): the public page only.
    translate_from_file(loader, index, ArdessIndexPage, index_fields, "ardess.yaml")
    # A space translated in the admin gets its restriction from wagtail-localize; make sure.
    for other_space in ArdessSpacePage.objects.exclude(pk=space.pk):
        restrict_page(other_space, groups)
