"""People and objects for the ARDESS tests: one user per role, a private document."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from accounts.throttle import login_throttle, password_reset_throttle
from ardess.access import ARDESS_COLLECTION
from ardess.models import ArdessIndexPage, ArdessSpacePage, ArdessWorkshopPage
from home.roles import ARDESS_PARTICIPANTS, COMMUNICATION, EVENT_PARTNERS

PASSWORD = "motdepasse-solide-42"
CLIENT_ADDRESS = "127.0.0.1"  # REMOTE_ADDR of Django's test client
# A minimal valid PDF, so that the bytes served can be compared.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

# role -> (user name, group, extra fields); "anonymous" has no user.
ROLES = {
    "anonymous": None,
    "participant": ("participant", ARDESS_PARTICIPANTS, {}),
    "partner": ("partenaire", EVENT_PARTNERS, {}),
    "communication": ("redaction", COMMUNICATION, {}),
    "no-group": ("sans-groupe", None, {}),
    "superuser": ("administrateur", None, {"is_superuser": True, "is_staff": True}),
}
USERNAMES = [spec[0] for spec in ROLES.values() if spec] + ["ancien-participant", "nouvelle-participante"]


def make_user(username, group=None, **extra):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD, **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture(autouse=True)
def _forget_throttles():
    """Lockouts live in the cache, which outlives each test's database rollback."""

    def forget():
        for username in USERNAMES:
            login_throttle.reset(username, CLIENT_ADDRESS)
        password_reset_throttle.reset(CLIENT_ADDRESS)

    forget()
    yield
    forget()


@pytest.fixture
def client_as(client, db):
    """``client_as("participant")``: Django's test client logged in with that role."""

    def login(role):
        spec = ROLES[role]
        if spec is not None:
            username, group, extra = spec
            client.force_login(make_user(username, group, **extra))
        return client

    return login


@pytest.fixture
def participant(db):
    return make_user("participant", ARDESS_PARTICIPANTS)


@pytest.fixture
def former_participant(db):
    """A participant whose account Communication deactivated."""
    return make_user("ancien-participant", ARDESS_PARTICIPANTS, is_active=False)


@pytest.fixture
def ardess_index(db):
    return ArdessIndexPage.objects.get(locale__language_code="fr")


@pytest.fixture
def space(db):
    return ArdessSpacePage.objects.get(locale__language_code="fr")


@pytest.fixture
def workshops(db):
    return list(ArdessWorkshopPage.objects.filter(locale__language_code="fr").order_by("path"))


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def make_document(title, filename, collection, content=PDF_BYTES):
    document = get_document_model()(title=title, collection=collection)
    document.file.save(filename, ContentFile(content), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


@pytest.fixture
def ardess_collection(db):
    return Collection.objects.get(name=ARDESS_COLLECTION)


@pytest.fixture
def private_document(media_root, ardess_collection):
    return make_document("Compte rendu de la séance de mars", "compte-rendu-mars.pdf", ardess_collection)


@pytest.fixture
def public_document(media_root):
    return make_document("Le PREDESS en bref", "predess-en-bref.pdf", Collection.get_first_root_node())
