"""Fiches in the site search: found by their number, title, summary and four sections."""

from django.db.models import F
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _

from search.registry import PageKind, register

from .models import FichePage

register(
    PageKind(
        "fiche",
        _("Fiches"),
        _("Fiche"),
        models=[FichePage],
        order=10,
        axes=Substr("number", 1, 1),  # fiche "2.1" is in axis 2
        summary=F("summary"),
        index_page="fiches.FicheIndexPage",
    )
)
