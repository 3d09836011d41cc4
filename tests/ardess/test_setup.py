"""What load_predess sets up for the ARDESS, the page rules, the blocks, and the admin side:
Communication staff manage participant accounts and the private documents."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.blocks import StructBlockValidationError
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    Page,
    PageViewRestriction,
    Revision,
)
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from ardess.blocks import SessionBlock, WorkingDocumentBlock
from ardess.forms import PublicCollectionImageForm
from ardess.models import ArdessIndexPage, ArdessSpacePage, ArdessWorkshopPage, Participant
from home.models import HomePage
from home.roles import ARDESS_PARTICIPANTS, COMMUNICATION, EVENT_PARTNERS

from .conftest import make_user

pytestmark = pytest.mark.django_db
READERS = {ARDESS_PARTICIPANTS, COMMUNICATION}


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "page restrictions": PageViewRestriction.objects.count(),
        "collections": Collection.objects.count(),
        "collection restrictions": CollectionViewRestriction.objects.count(),
        "collection permissions": GroupCollectionPermission.objects.count(),
        "groups": Group.objects.count(),
    }


def test_the_section_the_loader_builds(ardess_index, space, workshops, ardess_collection):
    assert ardess_index.get_parent().specific_class is HomePage
    assert space.get_parent().pk == ardess_index.pk
    assert [w.slug for w in workshops] == [
        "consommation-citoyenne",
        "finances-solidaires",
        "formation-en-ess",
        "evenements-ess",
    ]
    assert all(w.get_parent().pk == space.pk and w.live for w in workshops)
    assert ardess_index.fiche.number == "2.1"

    (restriction,) = PageViewRestriction.objects.filter(page=space)
    assert restriction.restriction_type == "groups"
    assert set(restriction.groups.values_list("name", flat=True)) == READERS
    assert not PageViewRestriction.objects.filter(page=ardess_index).exists()  # the public page

    assert ardess_collection.get_parent().pk == Collection.get_first_root_node().pk
    (restriction,) = CollectionViewRestriction.objects.filter(collection=ardess_collection)
    assert restriction.restriction_type == "groups"
    assert set(restriction.groups.values_list("name", flat=True)) == READERS


def test_only_the_public_page_is_translated_and_every_space_is_private():
    assert ArdessIndexPage.objects.filter(locale__language_code="en").count() == 1
    assert not ArdessWorkshopPage.objects.filter(locale__language_code="en").exists()
    for space in ArdessSpacePage.objects.all():
        (restriction,) = PageViewRestriction.objects.filter(page=space)
        assert set(restriction.groups.values_list("name", flat=True)) == READERS


def test_a_space_translated_in_the_admin_is_private_too(space):
    english_index = ArdessIndexPage.objects.get(locale__language_code="en")
    english_space = space.copy_for_translation(english_index.locale, copy_parents=False)
    PageViewRestriction.objects.filter(page=english_space).delete()
    call_command("load_predess", verbosity=0)
    assert PageViewRestriction.objects.get(page=english_space).restriction_type == "groups"


def test_running_the_loader_twice_changes_nothing():
    before = counts()
    call_command("load_predess", verbosity=0)
    assert counts() == before


def test_the_loader_restores_lost_privacy(space, ardess_collection):
    PageViewRestriction.objects.filter(page=space).delete()
    CollectionViewRestriction.objects.filter(collection=ardess_collection).update(restriction_type="login")
    call_command("load_predess", verbosity=0)
    assert PageViewRestriction.objects.get(page=space).restriction_type == "groups"
    (restriction,) = CollectionViewRestriction.objects.filter(collection=ardess_collection)
    assert restriction.restriction_type == "groups"
    assert set(restriction.groups.values_list("name", flat=True)) == READERS


def test_communication_manages_documents_of_the_private_collection(ardess_collection):
    permissions = set(
        GroupCollectionPermission.objects.filter(group__name=COMMUNICATION, collection=ardess_collection).values_list(
            "permission__codename", flat=True
        )
    )
    assert permissions == {"add_document", "change_document", "choose_document"}
    # Event partners upload images into their own collection only (agenda.moderation).
    assert not GroupCollectionPermission.objects.filter(
        group__name=EVENT_PARTNERS, collection=ardess_collection
    ).exists()
    assert set(
        GroupCollectionPermission.objects.filter(group__name=EVENT_PARTNERS).values_list("collection__name", flat=True)
    ) <= {"Partenaires agenda"}
    assert not GroupCollectionPermission.objects.filter(group__name=ARDESS_PARTICIPANTS).exists()


def test_page_tree_rules(space, ardess_index):
    assert set(ArdessIndexPage.allowed_parent_page_models()) == {HomePage}
    assert set(ArdessSpacePage.allowed_parent_page_models()) == {ArdessIndexPage}
    assert set(ArdessWorkshopPage.allowed_parent_page_models()) == {ArdessSpacePage}
    assert set(ArdessIndexPage.allowed_subpage_models()) == {ArdessSpacePage}
    assert set(ArdessSpacePage.allowed_subpage_models()) == {ArdessWorkshopPage}
    assert ArdessWorkshopPage.allowed_subpage_models() == []
    # One public page per home page, one space under it.
    assert not ArdessSpacePage.can_create_at(ardess_index)
    assert not ArdessIndexPage.can_create_at(ardess_index.get_parent())
    assert ArdessWorkshopPage.can_create_at(space)


def test_communication_adds_a_workshop_in_the_admin(client, space, private_document):
    client.force_login(make_user("redaction", COMMUNICATION))
    url = reverse("wagtailadmin_pages:add", args=("ardess", "ardessworkshoppage", space.pk))
    data = nested_form_data(
        {
            "title": "L’évaluation de l’utilité sociale",
            "slug": "evaluation",
            "summary": "",
            "intro": rich_text("<p>Un atelier transversal.</p>"),
            "schedule": streamfield(
                [("session", {"date": "2099-05-04", "start": "09:30", "end": "12:00", "place": "Dijon", "topic": ""})]
            ),
            "minutes": streamfield([]),
            "documents": streamfield([("document", {"document": private_document.pk, "title": "", "description": ""})]),
            "action-publish": "publish",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    workshop = ArdessWorkshopPage.objects.get(slug="evaluation")
    assert workshop.live and workshop.get_parent().pk == space.pk
    assert workshop.documents[0].value["document"].pk == private_document.pk


def test_workshop_documents_must_be_private(private_document, public_document):
    block = WorkingDocumentBlock()
    block.clean(block.to_python({"document": private_document.pk, "title": "", "description": ""}))
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"document": public_document.pk, "title": "", "description": ""}))
    assert "collection publique" in str(error.value.block_errors["document"])


def test_a_session_ends_after_it_starts():
    block = SessionBlock()
    value = {"date": "2026-03-12", "start": "14:00", "end": "10:00", "place": "", "topic": ""}
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(value))
    assert "La fin doit venir après le début" in str(error.value.block_errors["end"])


def png_upload(name="photo.png"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "white").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_images_cannot_go_into_the_private_collection(media_root, ardess_collection):
    form_class = PublicCollectionImageForm
    assert form_class.__name__ == "PublicCollectionImageForm"
    from wagtail.images.forms import get_image_form

    ImageForm = get_image_form(get_image_model())
    assert issubclass(ImageForm, PublicCollectionImageForm)
    private = ImageForm({"title": "Photo", "collection": ardess_collection.pk}, {"file": png_upload()})
    assert not private.is_valid()
    assert "collection privée" in str(private.errors["collection"])
    public = ImageForm({"title": "Photo", "collection": Collection.get_first_root_node().pk}, {"file": png_upload()})
    assert public.is_valid(), public.errors


def test_bulk_moving_images_into_the_private_collection_is_refused(client, media_root, ardess_collection):
    image = get_image_model().objects.create(title="Photo", file=png_upload())
    client.force_login(make_user("admin-images", is_superuser=True, is_staff=True))
    url = reverse("wagtail_bulk_action", args=("wagtailimages", "image", "add_to_collection"))
    response = client.post(f"{url}?id={image.pk}&next=/admin/images/", {"collection": ardess_collection.pk})
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.collection_id == Collection.get_first_root_node().pk


def invitation_link(message):
    match = re.search(r"http://localhost(/mot-de-passe/nouveau/[^/\s]+/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_communication_creates_a_participant_who_chooses_a_password(client, space):
    client.force_login(make_user("redaction", COMMUNICATION))
    index = client.get(reverse("ardess_participants:index"))
    assert index.status_code == 200
    form = client.get(reverse("ardess_participants:add"))
    assert form.status_code == 200
    assert "Adresse électronique" in form.content.decode()
    assert 'name="is_superuser"' not in form.content.decode() and 'name="groups"' not in form.content.decode()
    response = client.post(
        reverse("ardess_participants:add"),
        {
            "username": "nouvelle-participante",
            "first_name": "Anne",
            "last_name": "Martin",
            "email": "anne.martin@example.org",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    user = get_user_model().objects.get(username="nouvelle-participante")
    assert list(user.groups.values_list("name", flat=True)) == [ARDESS_PARTICIPANTS]
    assert not user.is_staff and not user.is_superuser and user.has_usable_password()

    (message,) = mail.outbox
    assert message.subject == "Votre accès à l’espace participants des ARDESS – PREDESS Bourgogne"
    assert message.to == ["anne.martin@example.org"]
    assert "Votre identifiant : nouvelle-participante" in message.body

    client.logout()
    form_url = client.get(invitation_link(message))["Location"]
    password = "mon-mot-de-passe-ardess-2026"
    client.post(form_url, {"new_password1": password, "new_password2": password})
    response = client.post("/connexion/", {"username": "nouvelle-participante", "password": password})
    assert response.status_code == 302
    assert client.get(space.url).status_code == 200


def test_communication_deactivates_a_former_participant(client, participant, space):
    client.force_login(make_user("redaction", COMMUNICATION))
    url = reverse("ardess_participants:edit", args=(participant.pk,))
    response = client.post(
        url,
        {"username": "participant", "first_name": "", "last_name": "", "email": "participant@example.org"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    participant.refresh_from_db()
    assert not participant.is_active
    client.logout()
    response = client.post("/connexion/", {"username": "participant", "password": "motdepasse-solide-42"})
    assert response.status_code == 200  # refused


def test_communication_cannot_touch_other_accounts(client):
    client.force_login(make_user("redaction", COMMUNICATION))
    others = [
        make_user("administrateur", is_superuser=True, is_staff=True),
        make_user("collegue", COMMUNICATION),
        make_user("partenaire", EVENT_PARTNERS),
        make_user("double", ARDESS_PARTICIPANTS),
    ]
    others[-1].groups.add(Group.objects.get(name=COMMUNICATION))
    for user in others:
        assert not Participant.objects.filter(pk=user.pk).exists()
        assert client.get(reverse("ardess_participants:edit", args=(user.pk,))).status_code == 404
    # Nor Wagtail's own user editor, where anyone could be made an administrator.
    response = client.get(reverse("wagtailusers_users:index"))
    assert response.status_code == 302


def test_participants_and_partners_cannot_manage_accounts(client):
    for username, group in (("participant", ARDESS_PARTICIPANTS), ("partenaire", EVENT_PARTNERS)):
        client.force_login(make_user(username, group))
        response = client.get(reverse("ardess_participants:index"))
        assert response.status_code in (302, 403)


def test_documents_uploaded_by_communication_land_in_the_private_collection(client, media_root, ardess_collection):
    client.force_login(make_user("redaction", COMMUNICATION))
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Planning 2026",
            "collection": ardess_collection.pk,
            "file": SimpleUploadedFile("planning-2026.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    document = get_document_model().objects.get(title="Planning 2026")
    assert document.collection_id == ardess_collection.pk
    assert client.get(document.url).status_code == 200  # Communication may read it
    client.logout()
    assert client.get(document.url).status_code == 302  # the public may not
