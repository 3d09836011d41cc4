"""The site's groups and their permissions, created by code (never by clicking).

``ensure_groups()`` is idempotent: it creates what is missing and resets each group's
model permissions to exactly what is declared here. Later features add their entries.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

COMMUNICATION = "Communication"
EVENT_PARTNERS = "Partenaires agenda"
ARDESS_PARTICIPANTS = "Participants ARDESS"

# Model permissions ("app_label.codename") per group.
MODEL_PERMISSIONS = {
    COMMUNICATION: [
        "wagtailadmin.access_admin",
        "fiches.add_audience",
        "fiches.change_audience",
        "fiches.delete_audience",
        "fiches.add_need",
        "fiches.change_need",
        "fiches.delete_need",
        "fiches.add_dispositif",
        "fiches.change_dispositif",
        "fiches.delete_dispositif",
        "fiches.publish_dispositif",
        "partners.add_partner",
        "partners.change_partner",
        "partners.delete_partner",
        "partners.publish_partner",
        "partners.lock_partner",
        "partners.unlock_partner",
        "wagtailcore.add_locale",
        "wagtailcore.change_locale",
        "wagtail_localize.submit_translation",
        # Promoted search results (the admin's menu and views check these), and the report
        # of what visitors search.
        "wagtailsearchpromotions.add_searchpromotion",
        "wagtailsearchpromotions.change_searchpromotion",
        "wagtailsearchpromotions.delete_searchpromotion",
        "search.view_search_report",
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
        # ARDESS participant accounts (only those: see ardess.models.ParticipantManager).
        "ardess.add_participant",
        "ardess.change_participant",
        "ardess.delete_participant",
        "ardess.view_participant",
        # Concours applications: read them, change their status, export them (never add or delete).
        "concours.view_candidature",
        "concours.change_candidature",
        # Event categories of the agenda (the agenda's moderation: agenda.moderation).
        "agenda.add_eventcategory",
        "agenda.change_eventcategory",
        "agenda.delete_eventcategory",
    ],
    EVENT_PARTNERS: ["wagtailadmin.access_admin"],
    ARDESS_PARTICIPANTS: [],
}

# Page permissions on the home page's tree (every locale's home page).
PAGE_PERMISSIONS = {
    COMMUNICATION: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}

# Collection permissions on the root collection (they apply to every collection below it).
COLLECTION_PERMISSIONS = {
    COMMUNICATION: [
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ],
}

# Collection permissions on named collections under the root, when they exist (the private
# "ARDESS" collection is created by ``ardess.loaders``). Declared even where the root's
# permissions already cover them, so that narrowing the root keeps these working.
NAMED_COLLECTION_PERMISSIONS = {
    COMMUNICATION: {
        "ARDESS": ["wagtaildocs.add_document", "wagtaildocs.change_document", "wagtaildocs.choose_document"],
    },
}


def _permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def ensure_groups(home_pages=()):
    """Create the groups and set their permissions; ``home_pages`` get the page permissions."""
    groups = {}
    for name, permissions in MODEL_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set([_permission(p) for p in permissions])
        groups[name] = group
    for name, codenames in PAGE_PERMISSIONS.items():
        for page in home_pages:
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=groups[name],
                    page=page,
                    permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
                )
    root_collection = Collection.get_first_root_node()
    for name, dotted in COLLECTION_PERMISSIONS.items():
        for perm in dotted:
            GroupCollectionPermission.objects.get_or_create(
                group=groups[name], collection=root_collection, permission=_permission(perm)
            )
    for name, by_collection in NAMED_COLLECTION_PERMISSIONS.items():
        for collection_name, dotted in by_collection.items():
            collection = root_collection.get_children().filter(name=collection_name).first()
            if collection is None:
                continue
            for perm in dotted:
                GroupCollectionPermission.objects.get_or_create(
                    group=groups[name], collection=collection, permission=_permission(perm)
                )
    return groups


def home_pages():
    from home.models import HomePage

    return list(Page.objects.type(HomePage))
