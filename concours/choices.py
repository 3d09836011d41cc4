"""The concours' vocabularies, defined once and shared by the pages, the form and the admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    """What a dossier competes as (fiche 4.2: réalisations and projets « en émergence »)."""

    REALISATION = "realisation", _("Réalisation")
    EMERGENCE = "emergence", _("Projet en émergence")


class LegalForm(models.TextChoices):
    """The candidate structure's legal form (same slugs as the partner directory's kinds)."""

    ASSOCIATION = "association", _("Association")
    COOPERATIVE = "cooperative", _("Coopérative")
    MUTUELLE = "mutuelle", _("Mutuelle")
    FONDATION = "fondation", _("Fondation")
    AUTRE = "autre", _("Autre")


class Status(models.TextChoices):
    """Where an application stands; staff change it in the admin."""

    RECU = "recu", _("Reçu")
    COMPLET = "complet", _("Complet")
    INCOMPLET = "incomplet", _("Incomplet")
    RETENU = "retenu", _("Retenu par le jury")
    LAUREAT = "laureat", _("Lauréat")
    NON_RETENU = "non-retenu", _("Non retenu")


class DocumentKind(models.TextChoices):
    FICHE_SIGNALETIQUE = "fiche-signaletique", _("Fiche signalétique de la structure")
    DOSSIER_PRESENTATION = "dossier-presentation", _("Dossier de présentation du projet")
    ANNEXE = "annexe", _("Annexe")
