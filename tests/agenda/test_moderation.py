"""Who may do what with events, through the real admin views: anonymous visitors, two
event partners (A and B), Communication and an ARDESS participant; and the moderation
round trip (submit → request changes with a comment → resubmit → approve → live), with
the emails captured."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Workflow, WorkflowPage
from wagtail.test.utils.form_data import querydict_from_html

from agenda.models import EventPage
from home.roles import ARDESS_PARTICIPANTS, COMMUNICATION, EVENT_PARTNERS

from .conftest import titles

pytestmark = pytest.mark.django_db

PASSWORD = "motdepasse-solide-42"


def make_user(username, group=None):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def users(db):
    return {
        "partner_a": make_user("partenaire-a", EVENT_PARTNERS),
        "partner_b": make_user("partenaire-b", EVENT_PARTNERS),
        "communication": make_user("communication", COMMUNICATION),
        "ardess": make_user("participant", ARDESS_PARTICIPANTS),
    }


def add_url(agenda):
    return reverse("wagtailadmin_pages:add", args=("agenda", "eventpage", agenda.pk))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def event_form(client, address, **changes):
    response = client.get(address)
    assert response.status_code == 200, address
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    start = timezone.localtime() + dt.timedelta(days=5)
    defaults = {
        "title": "Portes ouvertes de la coopérative",
        "slug": "portes-ouvertes-de-la-cooperative",
        "start": start.strftime("%Y-%m-%d %H:%M"),
        "end": (start + dt.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
        "venue": "Atelier",
        "commune": "Dijon",
        "departement": "21",
        "attendance_mode": "in_person",
        "recurrence_interval": "1",
    }
    for name, value in {**defaults, **changes}.items():
        data[name] = value
    return {name: data.getlist(name) for name in data}


def create_event(client, agenda, action, **changes):
    data = event_form(client, add_url(agenda), **changes)
    data[action] = [action]
    return client.post(add_url(agenda), data)


def test_workflow_and_permissions_are_set_up_by_code(agenda):
    workflow = Workflow.objects.get(name="Modération de l’agenda")
    assert WorkflowPage.objects.get(page=agenda).workflow == workflow
    english = agenda.get_translation(agenda.get_translations().first().locale)
    assert WorkflowPage.objects.get(page=english).workflow == workflow
    task = workflow.tasks.get().specific
    assert [g.name for g in task.groups.all()] == [COMMUNICATION]
    partners = Group.objects.get(name=EVENT_PARTNERS)
    assert set(partners.page_permissions.filter(page=agenda).values_list("permission__codename", flat=True)) == {
        "add_page"
    }


def test_anonymous_and_ardess_participants_cannot_add_events(client, agenda, users):
    response = client.get(add_url(agenda))
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(users["ardess"])
    response = client.get(add_url(agenda))
    assert response.status_code in (302, 403)
    assert client.get(reverse("wagtailadmin_home")).status_code in (302, 403)


def test_partner_can_create_and_submit_but_not_publish(client, agenda, users):
    client.force_login(users["partner_a"])
    response = create_event(client, agenda, "action-publish", slug="essai-publication")
    event = EventPage.objects.get(slug="essai-publication")
    assert not event.live  # "publish" is not theirs: saved as a draft at most
    response = create_event(client, agenda, "action-submit")
    assert response.status_code == 302
    event = EventPage.objects.get(slug="portes-ouvertes-de-la-cooperative")
    assert not event.live
    assert event.owner == users["partner_a"]
    assert event.current_workflow_state.status == "in_progress"
    assert "Portes ouvertes de la coopérative" not in titles(client.get("/agenda/"))
    # Communication is told.
    assert any("communication@example.org" in m.to for m in mail.outbox)


def test_partner_cannot_edit_publish_or_see_another_partners_event(client, agenda, users, make_event):
    draft_b = make_event("Brouillon du partenaire B", live=False)
    draft_b.owner = users["partner_b"]
    draft_b.save()
    live_b = make_event("Événement publié du partenaire B")
    live_b.owner = users["partner_b"]
    live_b.save()
    client.force_login(users["partner_a"])
    for page in (draft_b, live_b):
        response = client.get(edit_url(page))
        assert response.status_code in (302, 403), page.title
        data = {"title": "Piraté", "slug": page.slug, "action-publish": "action-publish"}
        client.post(edit_url(page), data)
        assert EventPage.objects.get(pk=page.pk).title == page.title
    # The explorer lists the live events, not B's draft.
    listing = client.get(reverse("wagtailadmin_explore", args=(agenda.pk,))).content.decode()
    assert "Événement publié du partenaire B" in listing
    assert "Brouillon du partenaire B" not in listing
    # B edits their own.
    client.force_login(users["partner_b"])
    assert client.get(edit_url(draft_b)).status_code == 200


def test_communication_can_publish_directly(client, agenda, users):
    client.force_login(users["communication"])
    response = create_event(client, agenda, "action-publish", slug="publie-par-la-communication")
    assert response.status_code == 302
    assert EventPage.objects.get(slug="publie-par-la-communication").live


def test_moderation_round_trip(client, agenda, users, django_capture_on_commit_callbacks):
    partner, communication = users["partner_a"], users["communication"]
    client.force_login(partner)
    with django_capture_on_commit_callbacks(execute=True):
        create_event(client, agenda, "action-submit")
    event = EventPage.objects.get(slug="portes-ouvertes-de-la-cooperative")
    assert any(communication.email in m.to for m in mail.outbox)

    # Communication asks for changes, with a comment.
    mail.outbox.clear()
    client.force_login(communication)
    task_state = event.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(event.pk, "reject", task_state.pk))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"comment": "Merci de préciser l’accessibilité de la salle."})
    assert response.status_code in (200, 302)
    event.refresh_from_db()
    assert event.current_workflow_state.status == "needs_changes"
    assert not event.live
    to_partner = [m for m in mail.outbox if partner.email in m.to]
    assert to_partner and "Merci de préciser l’accessibilité de la salle." in to_partner[0].body
    # The partner sees the comment in the page's workflow history.
    client.force_login(partner)
    history = client.get(reverse("wagtailadmin_pages:workflow_history", args=(event.pk,)))
    assert history.status_code == 200
    # Resubmits with the change.
    data = event_form(client, edit_url(event), accessibility="Salle de plain-pied.")
    data["action-submit"] = ["action-submit"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit_url(event), data)
    event.refresh_from_db()
    assert event.current_workflow_state.status == "in_progress"
    assert not event.live

    # Communication approves: the event goes live.
    mail.outbox.clear()
    client.force_login(communication)
    task_state = event.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(event.pk, "approve", task_state.pk))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"comment": ""})
    event.refresh_from_db()
    assert event.live
    assert event.accessibility == "Salle de plain-pied."
    assert any(partner.email in m.to for m in mail.outbox)
    client.logout()
    assert "Portes ouvertes de la coopérative" in titles(client.get("/agenda/"))
