"""Blocks of the workshop pages: sessions (the schedule), minutes and working documents.

Documents of the private space must live in a private collection: a document chosen
from a public collection is refused, because its file would be readable by anyone.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock

from home.blocks import BLOCK_TEMPLATES, RICH_TEXT_FEATURES

from .access import is_private_collection

PRIVATE_DOCUMENT_ERROR = _(
    "Ce document est dans une collection publique : n’importe qui pourrait le lire. "
    "Rangez-le dans la collection privée « ARDESS » avant de l’ajouter ici."
)


def check_private_document(value, name="document"):
    document = value.get(name)
    if document is not None and not is_private_collection(document.collection):
        raise StructBlockValidationError(block_errors={name: ValidationError(PRIVATE_DOCUMENT_ERROR)})


class SessionBlock(blocks.StructBlock):
    date = blocks.DateBlock(label=_("Date"))
    start = blocks.TimeBlock(label=_("Début"), required=False)
    end = blocks.TimeBlock(label=_("Fin"), required=False)
    place = blocks.CharBlock(label=_("Lieu"), required=False, max_length=200)
    topic = blocks.CharBlock(label=_("Ordre du jour"), required=False, max_length=250)

    class Meta:
        icon = "date"
        group = _("Atelier")
        label = _("Séance")
        template = BLOCK_TEMPLATES + "session_block.html"
        preview_value = {
            "date": "2026-03-12",
            "start": "14:00",
            "end": "16:30",
            "place": "Conseil régional, Dijon",
            "topic": "Bilan des actions de l’année",
        }
        description = _("Une séance de l’atelier : date, horaires, lieu et ordre du jour.")

    def clean(self, value):
        value = super().clean(value)
        if value.get("end") and not value.get("start"):
            raise StructBlockValidationError(
                block_errors={"start": ValidationError(_("Indiquez l’heure de début avant l’heure de fin."))}
            )
        if value.get("start") and value.get("end") and value["end"] <= value["start"]:
            raise StructBlockValidationError(
                block_errors={"end": ValidationError(_("La fin doit venir après le début."))}
            )
        return value


class MinutesBlock(blocks.StructBlock):
    date = blocks.DateBlock(label=_("Date de la séance"))
    title = blocks.CharBlock(label=_("Titre"), max_length=200)
    summary = blocks.RichTextBlock(label=_("Résumé"), features=RICH_TEXT_FEATURES, required=False)
    document = DocumentChooserBlock(
        label=_("Compte rendu complet"),
        required=False,
        help_text=_("Un document de la collection privée « ARDESS »."),
    )

    class Meta:
        icon = "doc-full"
        group = _("Atelier")
        label = _("Compte rendu")
        template = BLOCK_TEMPLATES + "minutes_block.html"
        preview_value = {
            "date": "2026-03-12",
            "title": "Compte rendu de la séance du 12 mars",
            "summary": "<p>Les participants ont fait le bilan des actions de l’année.</p>",
        }
        description = _("Le compte rendu d’une séance, avec son document s’il y en a un.")

    def clean(self, value):
        value = super().clean(value)
        check_private_document(value)
        return value


class WorkingDocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"), help_text=_("Un document de la collection privée « ARDESS »."))
    title = blocks.CharBlock(
        label=_("Titre affiché"), required=False, max_length=200, help_text=_("Par défaut, le titre du document.")
    )
    description = blocks.TextBlock(label=_("Description"), required=False, max_length=500)

    class Meta:
        icon = "doc-full-inverse"
        group = _("Atelier")
        label = _("Document de travail")
        template = BLOCK_TEMPLATES + "working_document_block.html"
        description = _("Un document de travail à télécharger par les participants.")

    def clean(self, value):
        value = super().clean(value)
        check_private_document(value)
        return value


class ThemeBlock(blocks.StructBlock):
    """A theme of the workshops, as described on the public ARDESS page."""

    title = blocks.CharBlock(label=_("Thème"), max_length=120)
    description = blocks.TextBlock(label=_("Description"), required=False, max_length=500)

    class Meta:
        icon = "tag"
        group = _("Atelier")
        label = _("Thème")
        template = BLOCK_TEMPLATES + "theme_block.html"
        preview_value = {"title": "Les finances solidaires", "description": "Épargne solidaire, CIGALES, garanties."}
        description = _("Un thème de travail des ateliers.")
