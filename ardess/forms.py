from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.images.forms import BaseImageForm

from .access import is_private_collection
from .models import Participant

PRIVATE_IMAGE_ERROR = _(
    "Une image ne peut pas être rangée dans une collection privée : ses versions redimensionnées "
    "sont des fichiers publics. Déposez plutôt un document (PDF) dans cette collection."
)


class PublicCollectionImageForm(BaseImageForm):
    """Wagtail's image form (WAGTAILIMAGES_IMAGE_FORM_BASE), refusing private collections.

    Collection privacy protects documents only: image files and their renditions are
    served as plain files, so an image in the ARDESS collection would leak.
    """

    def clean_collection(self):
        collection = self.cleaned_data.get("collection")
        if is_private_collection(collection):
            raise forms.ValidationError(PRIVATE_IMAGE_ERROR)
        return collection


class ParticipantForm(WagtailAdminModelForm):
    class Meta:
        model = Participant
        fields = ["username", "first_name", "last_name", "email", "is_active"]
        labels = {
            "username": _("Identifiant"),
            "first_name": _("Prénom"),
            "last_name": _("Nom"),
            "email": _("Adresse électronique"),
            "is_active": _("Compte actif"),
        }
        help_texts = {
            "username": _("L’identifiant personnel du participant : lettres, chiffres et @ . + - _ uniquement."),
            "email": _("Le participant y reçoit le lien pour choisir son mot de passe."),
            "is_active": _("Décochez pour fermer l’accès d’un ancien participant sans effacer son compte."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
