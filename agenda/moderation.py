"""Moderation of the agenda, created by code (idempotent).

* Event partners (group "Partenaires agenda") get Wagtail's *add* permission on each
  agenda page: they may create events below it and edit the events they own, not other
  people's; without *publish* they can only submit them for moderation. Their images go
  into their own collection ("Partenaires agenda").
* The workflow "Modération de l’agenda" (one task: approval by the Communication group)
  is assigned to every agenda page, so a submitted event waits for Communication, who
  approve (it goes live) or request changes with a comment (the partner is emailed).
  Communication may also publish directly (``publish_page`` on the whole site).
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from home.roles import COMMUNICATION, EVENT_PARTNERS

WORKFLOW_NAME = "Modération de l’agenda"
TASK_NAME = "Validation par la communication"
PARTNER_COLLECTION = "Partenaires agenda"
PARTNER_PAGE_PERMISSIONS = ["add_page"]
PARTNER_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
]


@transaction.atomic
def ensure_agenda_moderation(agenda):
    """Permissions, collection and workflow for ``agenda`` and its translations."""
    communication, _ = Group.objects.get_or_create(name=COMMUNICATION)
    partners, _ = Group.objects.get_or_create(name=EVENT_PARTNERS)
    pages = [agenda, *agenda.get_translations()]

    for page in pages:
        for codename in PARTNER_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=partners,
                page=page,
                permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
            )

    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=PARTNER_COLLECTION).first()
    if collection is None:
        collection = root.add_child(name=PARTNER_COLLECTION)
    for app_label, codename in PARTNER_COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=partners,
            collection=collection,
            permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
        )

    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.set([communication])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for page in pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow
