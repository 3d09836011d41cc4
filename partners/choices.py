"""The partner directory's two vocabularies, defined once: kinds of structure and offers.

The values are the slugs used in ``content/fr/partners.yaml`` and in the directory's URLs
(``?kind=association&offer=financement``); the labels are French, through gettext. The
départements come from the site-wide ``home.choices.Departement``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerKind(models.TextChoices):
    """What kind of structure a partner is (one per partner)."""

    ASSOCIATION = "association", _("Association")
    COOPERATIVE = "cooperative", _("Coopérative")
    MUTUELLE = "mutuelle", _("Mutuelle")
    FONDATION = "fondation", _("Fondation")
    RESEAU = "reseau", _("Réseau / tête de réseau")
    FINANCEUR = "financeur", _("Financeur")
    ORGANISME_PUBLIC = "organisme-public", _("Organisme public")
    ENSEIGNEMENT_RECHERCHE = "enseignement-recherche", _("Enseignement / recherche")
    AUTRE = "autre", _("Autre")


class Offer(models.TextChoices):
    """What a partner offers (several per partner), in the order the directory lists them."""

    ACCOMPAGNEMENT_CREATION = "accompagnement-creation", _("Accompagnement à la création d’activité")
    ACCOMPAGNEMENT_STRUCTURES = "accompagnement-structures", _("Accompagnement des structures")
    FINANCEMENT = "financement", _("Financement")
    GARANTIE = "garantie", _("Garantie")
    PRET_HONNEUR = "pret-honneur", _("Prêt d’honneur")
    FORMATION = "formation", _("Formation")
    INSERTION = "insertion", _("Insertion par l’activité économique")
    RESEAU = "reseau", _("Mise en réseau")
    HEBERGEMENT_TEST = "hebergement-test", _("Hébergement d’entreprise à l’essai")
    OBSERVATION_ETUDES = "observation-etudes", _("Observation et études")
    PROMOTION = "promotion", _("Promotion de l’ESS")


# The value of the département filter for partners that cover all four départements.
WHOLE_REGION = "region"


def in_vocabulary_order(choices_class, values):
    """The members of ``choices_class`` whose value is in ``values``, in the class's order."""
    wanted = set(values)
    return [member for member in choices_class if member.value in wanted]
